// The found tree of a recognize run as the tree view's TreeDag: its EML text (the run record keeps text,
// not trees) parsed with the core parser and stored as unique nodes, children before parents. Pure.

import type { Expr } from '../../../core/expr';
import { parseEml } from '../../../core/syntax';
import type { DagNode, TreeDag } from '../../../shared/compile';

/** Returns the TreeDag of an expression: unique nodes in postfix order, shared subtrees once. */
export function dagOfExpr(t: Expr): TreeDag {
  const index = new Map<Expr, number>();
  const nodes: DagNode[] = [];
  const visit = (e: Expr): number => {
    const known = index.get(e);
    if (known !== undefined) return known;
    let node: DagNode;
    switch (e.kind) {
      case 'num': node = { num: e.text }; break;
      case 'var': node = { var: e.name }; break;
      case 'const': node = { const: e.name }; break;
      case 'op': node = { op: e.op, args: e.args.map(visit) }; break;
    }
    index.set(e, nodes.length);
    nodes.push(node);
    return nodes.length - 1;
  };
  const root = visit(t);
  return { nodes, root };
}

/** Returns the TreeDag of a tree written as eml(…) text; throws the parser's error when it is malformed. */
export function dagOfEml(text: string): TreeDag {
  return dagOfExpr(parseEml(text));
}
