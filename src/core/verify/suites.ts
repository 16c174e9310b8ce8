// Verification suites for compiled forms, with the reference harness's method: each case compiles a
// formula, evaluates the pure-EML tree on a real grid (batched, under the semantics the compilation
// needs) and compares with an independent real reference (Math.*). Points outside the real domain
// are counted as out_of_domain before evaluation; in-domain points whose value or reference is not
// finite are counted as nonfinite. Errors are reported raw (got − ref) and judged relative to
// max(1, |ref|) against the case's tolerance.

import { type CompileMode, compileToEml } from '../compile';
import { createBatchWorkspace, evaluateBatchInto } from '../evaluateBatch';
import { flatten } from '../flat';
import type { Semantics } from '../semantics';
import { parseInfix } from '../syntax/parseInfix';
import { ulpDistance } from './ulp';

export interface GridSpec { min: number; max: number; step: number }

export interface SuiteCase {
  /** Case name as in the reference harness (Half, Minus, Log, Plus ...). */
  readonly name: string;
  /** Formula compiled by the case. */
  readonly formula: string;
  readonly arity: 1 | 2;
  readonly grid: GridSpec;
  /** Independent real reference. */
  readonly reference: (x: number, y: number) => number;
  /** Real-domain predicate (binary cases); points outside are skipped as out_of_domain. */
  readonly inDomain?: (x: number, y: number) => boolean;
  /** Largest allowed |error| / max(1, |ref|) over valid points (real and imaginary parts). */
  readonly tolerance: number;
  /**
   * In-domain points where the primitive's own EML form must pass through ln 0 (√0, 0^y ...). The
   * 'ieee-safe' mode builds no infinities, so these points may be non-finite there; they are still
   * counted and listed, but do not fail the case in that mode.
   */
  readonly needsInfinityAt?: (x: number, y: number) => boolean;
}

const STD = 1e-11;
type Edge = (x: number, y: number) => boolean;
const unary = (name: string, formula: string, grid: GridSpec, reference: (x: number) => number, tolerance = STD, needsInfinityAt?: Edge): SuiteCase =>
  ({ name, formula, arity: 1, grid, reference: (x) => reference(x), tolerance, ...(needsInfinityAt ? { needsInfinityAt } : {}) });
const binary = (name: string, formula: string, reference: (x: number, y: number) => number, inDomain?: Edge, needsInfinityAt?: Edge): SuiteCase =>
  ({ name, formula, arity: 2, grid: { min: -8, max: 8, step: 0.5 }, reference, ...(inDomain ? { inDomain } : {}), tolerance: STD, ...(needsInfinityAt ? { needsInfinityAt } : {}) });
/** √u at u = 0 is exp(½·ln 0). */
const at = (v: number): Edge => (x) => x === v;

const g = (min: number, max: number, step: number): GridSpec => ({ min, max, step });
const isIntLike = (v: number): boolean => Math.abs(v - Math.round(v)) <= 1e-12;

/** The unary cases and grids of the reference harness (section 2.4). */
export const UNARY_CASES: readonly SuiteCase[] = [
  unary('Half', 'x/2', g(-4, 4, 0.125), (x) => x / 2),
  unary('Minus', '-x', g(-4, 4, 0.125), (x) => -x),
  unary('Log', 'ln(x)', g(0.125, 8, 0.125), Math.log),
  unary('Exp', 'exp(x)', g(-4, 4, 0.125), Math.exp),
  unary('Inv', '1/x', g(0.125, 8, 0.125), (x) => 1 / x),
  unary('Sqrt', 'sqrt(x)', g(0, 8, 0.125), Math.sqrt, STD, at(0)),
  unary('Sqr', 'x^2', g(-4, 4, 0.125), (x) => x * x),
  unary('Cosh', 'cosh(x)', g(-4, 4, 0.125), Math.cosh),
  unary('Cos', 'cos(x)', g(-20, 20, 0.125), Math.cos),
  unary('Sinh', 'sinh(x)', g(-4, 4, 0.125), Math.sinh),
  unary('Sin', 'sin(x)', g(-20, 20, 0.125), Math.sin),
  unary('Tanh', 'tanh(x)', g(-4, 4, 0.125), Math.tanh),
  unary('Tan', 'tan(x)', g(-1.25, 1.25, 0.03125), Math.tan),
  unary('ArcSinh', 'asinh(x)', g(-8, 8, 0.125), Math.asinh),
  unary('ArcTanh', 'atanh(x)', g(-0.95, 0.95, 0.01), Math.atanh),
  // √(1 − x²) at x = ±1 turns a rounding error of order ε into one of order √ε
  unary('ArcSin', 'asin(x)', g(-1, 1, 0.01), Math.asin, 1e-7, (x) => Math.abs(x) === 1),
  unary('ArcCos', 'acos(x)', g(-1, 1, 0.01), Math.acos, 1e-7, (x) => Math.abs(x) === 1),
  unary('ArcTan', 'atan(x)', g(-8, 8, 0.125), Math.atan),
  unary('ArcCosh', 'acosh(x)', g(1, 9, 0.125), Math.acosh, 1e-7, at(1)),
  unary('LogisticSigmoid', 'sigmoid(x)', g(-8, 8, 0.125), (x) => 1 / (1 + Math.exp(-x))),
  unary('x', 'x', g(-8, 8, 0.125), (x) => x),
];

/** The binary cases of the reference harness, all on [−8, 8]² with step 0.5. */
export const BINARY_CASES: readonly SuiteCase[] = [
  binary('Plus', 'x + y', (x, y) => x + y),
  binary('Times', 'x*y', (x, y) => x * y),
  binary('Subtract', 'x - y', (x, y) => x - y),
  binary('Divide', 'x/y', (x, y) => x / y, (_x, y) => Math.abs(y) > 1e-12),
  binary('Power', 'x^y', (x, y) => Math.pow(x, y),
    (x, y) => x > 0 || (Math.abs(x) <= 1e-12 && y > 0) || (x < -1e-12 && isIntLike(y)), (x) => x === 0),
  binary('Log', 'log(x, y)', (x, y) => Math.log(y) / Math.log(x), (x, y) => x > 0 && y > 0 && x !== 1),
  binary('Avg', 'avg(x, y)', (x, y) => (x + y) / 2),
  binary('Hypot', 'hypot(x, y)', Math.hypot, undefined, (x, y) => x === 0 && y === 0),
];

/** Returns the grid points: min + i·step for i < n, and exactly max last (n = round((max − min)/step)). */
export function gridPoints(spec: GridSpec): Float64Array {
  const n = Math.round((spec.max - spec.min) / spec.step);
  const out = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) out[i] = spec.min + i * spec.step;
  out[n] = spec.max;
  return out;
}

export interface CaseReport {
  name: string;
  formula: string;
  mode: CompileMode;
  /** Semantics the grid was evaluated under. */
  semantics: Semantics;
  /** Semantics the compiled form needs ('extended' when it uses ln 0 on purpose). */
  needs: 'ieee' | 'extended';
  K: number;
  depth: number;
  range: string;
  samples: number;
  valid: number;
  /** Non-finite points excused in 'ieee-safe' mode because the primitive itself needs ln 0 there. */
  nonfinite_needs_infinity: number;
  out_of_domain: number;
  nonfinite: number;
  /** Up to 8 points (x or [x, y]) where the value was not finite. */
  nonfinite_at: Array<number | [number, number]>;
  max_re_err: number;
  max_re_err_at: number | [number, number] | null;
  max_im_err: number;
  max_im_err_at: number | [number, number] | null;
  rms_re_err: number;
  rms_im_err: number;
  /** Worst |error| / max(1, |ref|) over real and imaginary parts. */
  max_scaled_err: number;
  ulp_min: number | null;
  ulp_max: number | null;
  ulp_n: number;
  tolerance: number;
  passed: boolean;
  /** Why the case failed, when it did. */
  failure?: string;
}

/** Returns the report of one suite case compiled in the given mode. */
export function runCase(c: SuiteCase, mode: CompileMode = 'paper', semantics: Semantics = 'extended'): CaseReport {
  const compiled = compileToEml(parseInfix(c.formula), { mode });
  const vars = c.arity === 1 ? ['x'] : ['x', 'y'];
  const flat = flatten(compiled.eml, vars);
  const axis = gridPoints(c.grid);
  const xs: number[] = [], ys: number[] = [];
  let outOfDomain = 0;
  for (const x of axis) {
    for (const y of c.arity === 2 ? axis : [0]) {
      if (c.inDomain && !c.inDomain(x, y)) { outOfDomain++; continue; }
      xs.push(x); ys.push(y);
    }
  }
  const n = xs.length;
  const zeros = new Float64Array(n);
  const inputs = { re: [Float64Array.from(xs), Float64Array.from(ys)], im: [zeros, zeros] };
  const outRe = new Float64Array(n), outIm = new Float64Array(n);
  evaluateBatchInto(flat, inputs, n, outRe, outIm, createBatchWorkspace(flat.count, Math.max(1, n)), semantics);

  const pointAt = (i: number): number | [number, number] => (c.arity === 1 ? xs[i]! : [xs[i]!, ys[i]!]);
  let valid = 0, nonfinite = 0, maxRe = 0, maxIm = 0, maxScaled = 0, sumRe = 0, sumIm = 0;
  let maxReAt: number | [number, number] | null = null, maxImAt: number | [number, number] | null = null;
  let ulpMin = Infinity, ulpMax = -Infinity, ulpN = 0, excused = 0;
  const nonfiniteAt: Array<number | [number, number]> = [];
  for (let i = 0; i < n; i++) {
    const got = outRe[i]!, im = outIm[i]!, ref = c.reference(xs[i]!, ys[i]!);
    if (!Number.isFinite(got) || !Number.isFinite(im) || !Number.isFinite(ref)) {
      nonfinite++;
      if (mode === 'ieee-safe' && c.needsInfinityAt?.(xs[i]!, ys[i]!)) excused++;
      if (nonfiniteAt.length < 8) nonfiniteAt.push(pointAt(i));
      continue;
    }
    valid++;
    const e = got - ref;
    if (Math.abs(e) > Math.abs(maxRe) || maxReAt === null) { maxRe = e; maxReAt = pointAt(i); }
    if (Math.abs(im) > Math.abs(maxIm) || maxImAt === null) { maxIm = im; maxImAt = pointAt(i); }
    sumRe += e * e; sumIm += im * im;
    const scale = Math.max(1, Math.abs(ref));
    maxScaled = Math.max(maxScaled, Math.abs(e) / scale, Math.abs(im) / scale);
    if (Math.abs(ref) >= 1e-12) {
      const u = ulpDistance(got, ref);
      ulpMin = Math.min(ulpMin, u); ulpMax = Math.max(ulpMax, u); ulpN++;
    }
  }
  const failures: string[] = [];
  if (maxScaled > c.tolerance) failures.push(`error ${maxScaled.toExponential(2)} exceeds tolerance ${c.tolerance.toExponential(0)}`);
  if (nonfinite > excused) failures.push(`${nonfinite - excused} in-domain point(s) gave a non-finite value`);
  return {
    name: c.name, formula: c.formula, mode, semantics, needs: compiled.semantics, K: compiled.K, depth: compiled.depth,
    range: c.arity === 1 ? `[${c.grid.min}, ${c.grid.max}] step ${c.grid.step}` : `[${c.grid.min}, ${c.grid.max}]^2 step ${c.grid.step}`,
    samples: n + outOfDomain, valid, nonfinite_needs_infinity: excused, out_of_domain: outOfDomain, nonfinite, nonfinite_at: nonfiniteAt,
    max_re_err: maxRe, max_re_err_at: maxReAt, max_im_err: maxIm, max_im_err_at: maxImAt,
    rms_re_err: valid ? Math.sqrt(sumRe / valid) : 0, rms_im_err: valid ? Math.sqrt(sumIm / valid) : 0,
    max_scaled_err: maxScaled,
    ulp_min: ulpN ? ulpMin : null, ulp_max: ulpN ? ulpMax : null, ulp_n: ulpN,
    tolerance: c.tolerance, passed: failures.length === 0, ...(failures.length ? { failure: failures.join('; ') } : {}),
  };
}

export type SuiteName = 'unary' | 'binary' | 'all';

/** Returns the reports of every case of a suite. */
export function runSuite(suite: SuiteName = 'all', mode: CompileMode = 'paper', semantics: Semantics = 'extended'): CaseReport[] {
  const cases = suite === 'unary' ? UNARY_CASES : suite === 'binary' ? BINARY_CASES : [...UNARY_CASES, ...BINARY_CASES];
  return cases.map((c) => runCase(c, mode, semantics));
}
