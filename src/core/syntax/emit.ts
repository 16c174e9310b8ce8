// Stack-safe text emission shared by the printers: a node renders to a list of strings and child nodes,
// expanded with an explicit stack, so printing never recurses (any depth) and costs O(output size),
// with shared subtrees (DAGs) simply printed once per occurrence.

import type { Expr } from '../expr';

/** A piece of output: literal text, or a subtree still to be rendered. */
export type Piece = string | Expr;

/** Returns the concatenated output of rendering root, where render(node) gives a node's pieces in order. */
export function emit(root: Expr, render: (node: Expr) => readonly Piece[]): string {
  const out: string[] = [];
  const stack: Piece[] = [root];
  while (stack.length > 0) {
    const p = stack.pop()!;
    if (typeof p === 'string') {
      out.push(p);
      continue;
    }
    const pieces = render(p);
    for (let k = pieces.length - 1; k >= 0; k--) stack.push(pieces[k]!);
  }
  return out.join('');
}
