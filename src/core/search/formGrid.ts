// Grid check of a searched form as a compiler template: a shortest tree found at the probe points may be
// valid only near them (a branch cut, an overflow such as e^(e^x)); before the compiler uses it, it is
// evaluated on the verification suite's grid of its primitive (verify/suites.ts) against the reference.

import { evaluate } from '../evaluate';
import { createBatchWorkspace, evaluateBatchInto } from '../evaluateBatch';
import type { Expr } from '../expr';
import { flatten } from '../flat';
import type { Semantics } from '../semantics';
import { BINARY_CASES, type SuiteCase, UNARY_CASES, gridPoints } from '../verify/suites';

/** The suite case checking each primitive of the reference table, by primitive name. */
const CASE_OF_PRIMITIVE: Readonly<Record<string, string>> = {
  x: 'x', neg: 'Minus', inv: 'Inv', sqr: 'Sqr', half: 'Half', sqrt: 'Sqrt', ln: 'Log', exp: 'Exp',
  sinh: 'Sinh', cosh: 'Cosh', tanh: 'Tanh', sin: 'Sin', cos: 'Cos', tan: 'Tan', asinh: 'ArcSinh', acosh: 'ArcCosh',
  atanh: 'ArcTanh', asin: 'ArcSin', acos: 'ArcCos', atan: 'ArcTan', sigmoid: 'LogisticSigmoid',
  add: 'Plus', sub: 'Subtract', mul: 'Times', div: 'Divide', pow: 'Power', log_base: 'Log', avg: 'Avg', hypot: 'Hypot',
};

/** Returns the suite case of a primitive (undefined for constants and primitives without a case). */
export function suiteCaseOf(primitive: string, arity: number): SuiteCase | undefined {
  const name = CASE_OF_PRIMITIVE[primitive];
  if (!name) return undefined;
  return (arity === 2 ? BINARY_CASES : UNARY_CASES).find((c) => c.name === name);
}

/** The outcome of a grid check. */
export interface GridCheck {
  passed: boolean;
  points: number;
  /** Worst |error| / max(1, |reference|) over the finite points. */
  worst: number;
  failure?: string;
}

/**
 * Arguments far beyond the suite grids: a template is substituted with arbitrary subformulas, so a form that
 * overflows inside (exp(e − x − y) for x + y beyond ~745) breaks compositions such as tanh that pass it e^8.
 */
const WIDE = [-700, -50, -3, -0.5, -1e-3, 1e-3, 0.5, 3, 50, 700];

/**
 * Complex arguments (and negative reals, where real-domain suites stop): a template meets them inside other
 * compiled formulas (acosh passes x − 1 < 0 to √), so a form must agree with the formula's principal value there.
 */
const COMPLEX: ReadonlyArray<{ re: number; im: number }> = [
  { re: -2, im: 0 }, { re: -0.5, im: 0 }, { re: -1, im: 1 }, { re: 0.5, im: -2 }, { re: 0, im: 1 }, { re: 3, im: 0.5 },
];

/**
 * Returns whether `tree` (over x, y) reproduces the suite case on its whole grid, and on a wide set of
 * arguments (WIDE, relative tolerance 1e-9 where the reference is finite), under the semantics.
 */
export function checkFormOnGrid(tree: Expr, c: SuiteCase, semantics: Semantics, formula?: Expr): GridCheck {
  const grid = checkOn(tree, c, semantics, gridPoints(c.grid), c.tolerance, true);
  if (!grid.passed) return grid;
  const wide = checkOn(tree, c, semantics, Float64Array.from(WIDE), Math.max(c.tolerance, 1e-9), false);
  if (!wide.passed) return { ...wide, failure: `${wide.failure} (wide arguments)` };
  const worst = Math.max(grid.worst, wide.worst);
  if (!formula) return { ...grid, worst };
  // against the formula's principal value at complex arguments (where the formula itself is finite)
  const tol = Math.max(c.tolerance, 1e-9);
  for (const x of COMPLEX) {
    for (const y of c.arity === 2 ? COMPLEX : [COMPLEX[0]!]) {
      const pt: Record<string, { re: number; im: number }> = c.arity === 2 ? { x, y } : { x };
      const want = evaluate(formula, pt, { semantics: 'ieee' });
      if (!want.defined) continue;
      const got = evaluate(tree, pt, { semantics });
      const at = c.arity === 1 ? `x = ${showCx(x)}` : `(x, y) = (${showCx(x)}, ${showCx(y)})`;
      if (!got.defined) return { passed: false, points: grid.points, worst, failure: `not finite at ${at} (complex arguments)` };
      const e = Math.hypot(got.re - want.re, got.im - want.im) / Math.max(1, Math.hypot(want.re, want.im));
      if (e > tol) return { passed: false, points: grid.points, worst, failure: `error ${e.toExponential(2)} at ${at} (complex arguments)` };
    }
  }
  return { ...grid, worst };
}

const showCx = (z: { re: number; im: number }): string => (z.im === 0 ? String(z.re) : `${z.re}${z.im < 0 ? '-' : '+'}${Math.abs(z.im)}i`);

function checkOn(tree: Expr, c: SuiteCase, semantics: Semantics, axis: Float64Array, tolerance: number, onGrid: boolean): GridCheck {
  const vars = c.arity === 1 ? ['x'] : ['x', 'y'];
  const flat = flatten(tree, vars);
  const xs: number[] = [], ys: number[] = [];
  for (const x of axis) {
    for (const y of c.arity === 2 ? axis : [0]) {
      if (onGrid && c.inDomain && !c.inDomain(x, y)) continue;
      if (c.needsInfinityAt?.(x, y)) continue;
      xs.push(x); ys.push(y);
    }
  }
  const n = xs.length;
  const zeros = new Float64Array(n);
  const outRe = new Float64Array(n), outIm = new Float64Array(n);
  evaluateBatchInto(flat, { re: [Float64Array.from(xs), Float64Array.from(ys)], im: [zeros, zeros] }, n, outRe, outIm,
    createBatchWorkspace(flat.count, Math.max(1, n)), semantics);
  let worst = 0;
  for (let i = 0; i < n; i++) {
    const ref = c.reference(xs[i]!, ys[i]!);
    if (!Number.isFinite(ref) || Math.abs(ref) > 1e300) continue;
    if (!onGrid && c.inDomain && !c.inDomain(xs[i]!, ys[i]!)) continue;
    const at = c.arity === 1 ? `x = ${xs[i]}` : `(x, y) = (${xs[i]}, ${ys[i]})`;
    if (!(Number.isFinite(outRe[i]!) && Number.isFinite(outIm[i]!))) return { passed: false, points: n, worst, failure: `not finite at ${at}` };
    const e = Math.max(Math.abs(outRe[i]! - ref), Math.abs(outIm[i]!)) / Math.max(1, Math.abs(ref));
    worst = Math.max(worst, e);
    if (e > tolerance) return { passed: false, points: n, worst, failure: `error ${e.toExponential(2)} at ${at}` };
  }
  return { passed: true, points: n, worst };
}
