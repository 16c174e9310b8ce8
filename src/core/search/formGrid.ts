// Grid check of a searched form as a compiler template: a shortest tree found at the probe points may be
// valid only near them (a branch cut, an overflow such as e^(e^x)); before the compiler uses it, it is
// evaluated on the verification suite's grid of its primitive (verify/suites.ts) against the reference.

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
 * Returns whether `tree` (over x, y) reproduces the suite case on its whole grid, and on a wide set of
 * arguments (WIDE, relative tolerance 1e-9 where the reference is finite), under the semantics.
 */
export function checkFormOnGrid(tree: Expr, c: SuiteCase, semantics: Semantics): GridCheck {
  const grid = checkOn(tree, c, semantics, gridPoints(c.grid), c.tolerance, true);
  if (!grid.passed) return grid;
  const wide = checkOn(tree, c, semantics, Float64Array.from(WIDE), Math.max(c.tolerance, 1e-9), false);
  return wide.passed ? { ...grid, worst: Math.max(grid.worst, wide.worst) } : { ...wide, failure: `${wide.failure} (wide arguments)` };
}

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
