// Canonical rewrites applied before a node is lowered: named, guarded, value-preserving on the
// principal branch (each one is an identity for every complex input, so none changes a result).

import { type Expr, type OpNode, apply, variable } from '../expr';

interface Rewrite {
  readonly name: string;
  /** Returns the rewritten node, or undefined when the rewrite does not apply. */
  readonly apply: (n: OpNode) => Expr | undefined;
}

const isNum = (t: Expr, v: number): boolean => t.kind === 'num' && t.value === v;
const isHalf = (t: Expr): boolean =>
  isNum(t, 0.5) || (t.kind === 'op' && t.op === 'div' && isNum(t.args[0]!, 1) && isNum(t.args[1]!, 2));
const isMinusOne = (t: Expr): boolean => t.kind === 'op' && t.op === 'neg' && isNum(t.args[0]!, 1);

/** The rewrite table, tried in order. */
export const REWRITES: readonly Rewrite[] = [
  // e^z = exp(z) on the principal branch, since ln e = 1 exactly
  { name: 'e-pow-to-exp', apply: (n) => (n.op === 'pow' && n.args[0]!.kind === 'const' && n.args[0]!.name === 'e' ? apply('exp', n.args[1]!) : undefined) },
  { name: 'pow-2-to-sqr', apply: (n) => (n.op === 'pow' && isNum(n.args[1]!, 2) ? apply('sqr', n.args[0]!) : undefined) },
  { name: 'pow-half-to-sqrt', apply: (n) => (n.op === 'pow' && isHalf(n.args[1]!) ? apply('sqrt', n.args[0]!) : undefined) },
  { name: 'pow-minus-one-to-inv', apply: (n) => (n.op === 'pow' && isMinusOne(n.args[1]!) ? apply('inv', n.args[0]!) : undefined) },
  { name: 'one-over-to-inv', apply: (n) => (n.op === 'div' && isNum(n.args[0]!, 1) ? apply('inv', n.args[1]!) : undefined) },
  { name: 'over-two-to-half', apply: (n) => (n.op === 'div' && isNum(n.args[1]!, 2) ? apply('half', n.args[0]!) : undefined) },
  { name: 'zero-minus-to-neg', apply: (n) => (n.op === 'sub' && isNum(n.args[0]!, 0) ? apply('neg', n.args[1]!) : undefined) },
  { name: 'neg-one-literal', apply: (n) => (isMinusOne(n) ? variable('#-1') : undefined) },
];

/** Returns the node after the first applicable rewrite, or the node itself. */
export function canonicalize(n: OpNode): Expr {
  for (const r of REWRITES) {
    const out = r.apply(n);
    if (out) return out;
  }
  return n;
}
