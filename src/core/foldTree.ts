// Bottom-up folds over expression DAGs without recursion: every walk of a tree whose depth the input decides
// (a 20,000-term sum parses to a left-deep chain 20,000 levels deep) goes through here, so no walk can exhaust
// the JavaScript stack. A node's value is computed once per node object, after the values of its arguments.

import type { Expr, OpNode } from './expr';

/** Where a fold keeps the values it has computed: a Map for one walk, or a WeakMap memo shared by many. */
export interface FoldMemo<V> {
  get(node: Expr): V | undefined;
  has(node: Expr): boolean;
  set(node: Expr, value: V): unknown;
}

/**
 * Returns the value of t folded bottom-up: leaf(n) for leaves, node(n, argValues) for operators. Values already
 * in `memo` are reused (and new ones are left there), so a WeakMap memo makes repeated folds O(new nodes).
 * @example foldTree(parseInfix('x + 1'), new Map(), () => 1, (_, args) => 1 + args[0]! + args[1]!) === 3
 */
export function foldTree<V>(t: Expr, memo: FoldMemo<V>, leaf: (n: Exclude<Expr, OpNode>) => V, node: (n: OpNode, args: V[]) => V): V {
  const stack: Expr[] = [t];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (memo.has(n)) {
      stack.pop();
      continue;
    }
    if (n.kind !== 'op') {
      memo.set(n, leaf(n));
      stack.pop();
      continue;
    }
    let ready = true;
    for (let k = n.args.length - 1; k >= 0; k--) {
      const a = n.args[k]!;
      if (!memo.has(a)) {
        stack.push(a);
        ready = false;
      }
    }
    if (ready) {
      stack.pop();
      memo.set(n, node(n, n.args.map((a) => memo.get(a)!)));
    }
  }
  return memo.get(t)!;
}
