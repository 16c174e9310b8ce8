// When an operand must be parenthesised in infix-like output, decided from precedence and associativity
// in the ops table only. Shared by the infix, Mathematica and LaTeX printers, and mirrors grammar.ts:
// a prefix operator is self-delimiting on its left, so it never needs parentheses as a right operand.

import { type OpName, opInfo } from '../ops';

/** Which operand of a binary operator (a prefix operator's operand counts as 'right'). */
export type Side = 'left' | 'right';

/** Returns true when `child` (the operator at the root of an operand) needs parentheses as operand `side` of `parent`. */
export function needsParens(parent: OpName, child: OpName, side: Side): boolean {
  const p = opInfo(parent);
  const c = opInfo(child);
  if (c.kind === 'function' || p.kind === 'function') return false;
  if (c.kind === 'prefix') return side === 'left' && c.precedence < p.precedence;
  if (c.precedence !== p.precedence) return c.precedence < p.precedence;
  return side === 'left' ? p.assoc !== 'left' : p.assoc !== 'right';
}
