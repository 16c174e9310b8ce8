// Turns a snapped tree's eml(a, b) text into the TreeDag the tree panel draws (shared subtrees once).

import type { Expr } from '../../../core/expr';
import { parseFormula } from '../../../core/syntax';
import type { DagNode, TreeDag } from '../../../shared/compile';

/** Returns the tree of `emlText` as unique nodes in postfix order, or undefined when it does not parse. */
export function emlTextToDag(emlText: string): TreeDag | undefined {
  let root: Expr;
  try {
    root = parseFormula(emlText, 'infix');
  } catch {
    return undefined;
  }
  const nodes: DagNode[] = [];
  const seen = new Map<string, number>();
  const visit = (t: Expr): number => {
    let node: DagNode;
    switch (t.kind) {
      case 'num': node = { num: t.text }; break;
      case 'var': node = { var: t.name }; break;
      case 'const': node = { const: t.name }; break;
      case 'op': node = { op: t.op, args: t.args.map(visit) }; break;
    }
    const key = JSON.stringify(node);
    const hit = seen.get(key);
    if (hit !== undefined) return hit;
    seen.set(key, nodes.length);
    nodes.push(node);
    return nodes.length - 1;
  };
  const r = visit(root);
  return { nodes, root: r };
}
