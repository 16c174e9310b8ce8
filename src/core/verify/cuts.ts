// The branch-cut suite: every primitive with a branch cut, at points on its cut (the zero part of either sign) and
// just beside it on both sides, evaluated three ways: the float evaluator, the precise evaluator (40 digits) and the
// compiled pure-EML tree in float (both compiler modes, each semantics it can run under). All must agree, the value
// on the cut must be the limit from the side the convention names (counter-clockwise continuity, complexInverse.ts)
// and differ from the other side's. Cut points lie where the compiled templates are exact: a sum a + b in EML
// passes b through ln(exp(b)), exact only while |Im b| ≤ π, so e.g. compiled asin and asinh hold on their cuts
// for |x| < √(1 + π²) ≈ 3.3. The side a compiled tree takes on a cut is checked in float64 only: in arbitrary
// precision its inner values on a cut carry rounding of either sign.

import { type CompileMode, compileToEml } from '../compile';
import { type ComplexInput, evaluate } from '../evaluate';
import type { Expr } from '../expr';
import { evaluatePrecise } from '../precise/evaluatePrecise';
import type { Semantics } from '../semantics';
import { parseInfix } from '../syntax/parseInfix';

/** Which side of a cut a value belongs to: above/below a real-axis cut, right/left of an imaginary-axis one. */
export type CutSide = 'above' | 'below' | 'right' | 'left';

export interface CutCase {
  /** Primitive name, as in the reference table. */
  readonly name: string;
  /** Formula over x (and y, bound to `y` below). */
  readonly formula: string;
  /** The cut, in words. */
  readonly cut: string;
  /** 'real': x = t + 0i on the cut; 'imag': x = 0 + it. */
  readonly axis: 'real' | 'imag';
  /** Coordinates t of the points on the cut. */
  readonly at: readonly number[];
  /** The side whose limit the value on the cut takes. */
  readonly side: (t: number) => CutSide;
  /** Value of y, for binary primitives. */
  readonly y?: number;
}

const upper = (): CutSide => 'above';
/** Counter-clockwise around +1 the cut (1, ∞) is reached from below, around −1 the cut (−∞, −1) from above. */
const ccwReal = (t: number): CutSide => (t > 0 ? 'below' : 'above');
/** Counter-clockwise around ±i the cuts ±i(1, ∞) are reached from the right (upper) and from the left (lower). */
const ccwImag = (t: number): CutSide => (t > 0 ? 'right' : 'left');

/** The cut table: every primitive of the compiler with a branch cut. */
export const CUT_CASES: readonly CutCase[] = [
  { name: 'sqrt', formula: 'sqrt(x)', cut: '(−∞, 0)', axis: 'real', at: [-0.25, -4], side: upper },
  { name: 'ln', formula: 'ln(x)', cut: '(−∞, 0)', axis: 'real', at: [-0.5, -1, -3], side: upper },
  { name: 'pow', formula: 'x^y', cut: '(−∞, 0) in x', axis: 'real', at: [-0.5, -4], side: upper, y: 0.5 },
  { name: 'log_base', formula: 'log(2, x)', cut: '(−∞, 0) in z', axis: 'real', at: [-0.5, -3], side: upper },
  { name: 'log_base', formula: 'log(x, y)', cut: '(−∞, 0) in the base b', axis: 'real', at: [-2, -0.5], side: upper, y: 3 },
  { name: 'asin', formula: 'asin(x)', cut: '(−∞, −1) ∪ (1, ∞)', axis: 'real', at: [1.5, 3, -1.5, -3], side: ccwReal },
  { name: 'acos', formula: 'acos(x)', cut: '(−∞, −1) ∪ (1, ∞)', axis: 'real', at: [1.5, 3, -1.5, -3], side: ccwReal },
  { name: 'atanh', formula: 'atanh(x)', cut: '(−∞, −1) ∪ (1, ∞)', axis: 'real', at: [1.5, 3, -1.5, -3], side: ccwReal },
  { name: 'acosh', formula: 'acosh(x)', cut: '(−∞, 1)', axis: 'real', at: [0.5, -0.5, -1.5, -3], side: upper },
  { name: 'atan', formula: 'atan(x)', cut: 'i(−∞, −1) ∪ i(1, ∞)', axis: 'imag', at: [1.5, 3, -1.5, -3], side: ccwImag },
  { name: 'asinh', formula: 'asinh(x)', cut: 'i(−∞, −1) ∪ i(1, ∞)', axis: 'imag', at: [1.5, 3, -1.5, -3], side: ccwImag },
  // asec z = acos(1/z), acsc z = asin(1/z), acot z = atan(1/z): 1/z maps the sides across
  { name: 'asec', formula: 'asec(x)', cut: '(−1, 0) ∪ (0, 1)', axis: 'real', at: [0.5, 0.8, -0.5, -0.8], side: (t) => (t > 0 ? 'above' : 'below') },
  { name: 'acsc', formula: 'acsc(x)', cut: '(−1, 0) ∪ (0, 1)', axis: 'real', at: [0.5, 0.8, -0.5, -0.8], side: (t) => (t > 0 ? 'above' : 'below') },
  { name: 'acot', formula: 'acot(x)', cut: 'i(−1, 0) ∪ i(0, 1)', axis: 'imag', at: [0.5, 0.8, -0.5, -0.8], side: (t) => (t > 0 ? 'left' : 'right') },
  // √(x² + y²) with x = it, y = 1: x² + 1 < 0 for |t| > 1, above the cut of √ when Re x has the sign of t
  { name: 'hypot', formula: 'hypot(x, y)', cut: 'x² + y² in (−∞, 0)', axis: 'imag', at: [1.5, 3, -1.5, -3], side: ccwImag, y: 1 },
];

/** Distance from the cut of the points beside it. */
export const CUT_OFFSET = 1e-9;

export interface CutReport {
  name: string;
  formula: string;
  cut: string;
  /** Points evaluated (on the cut with ±0, and beside it on both sides), per way of evaluating. */
  points: number;
  /** The compiled trees' sizes, by mode. */
  K: Record<CompileMode, number>;
  /** What disagreed, one line each. */
  failures: string[];
  passed: boolean;
}

interface Cx { re: number; im: number }

const close = (a: Cx, b: Cx, tol: number): boolean =>
  Math.hypot(a.re - b.re, a.im - b.im) <= tol * Math.max(1, Math.hypot(b.re, b.im));
const show = (z: Cx): string => `${z.re.toPrecision(8)} ${z.im < 0 || Object.is(z.im, -0) ? '−' : '+'} ${Math.abs(z.im).toPrecision(8)}i`;
const showX = (z: Cx): string => `${Object.is(z.re, -0) ? '-0' : z.re} ${z.im < 0 || Object.is(z.im, -0) ? '−' : '+'} ${Object.is(z.im, -0) ? '0' : Math.abs(z.im)}i`;

/** The compile modes and the semantics their trees are evaluated under (paper trees use ln 0 = −∞ on purpose). */
const COMPILED_RUNS: ReadonlyArray<[CompileMode, Semantics]> = [
  ['paper', 'extended'], ['paper', 'ieee'], ['ieee-safe', 'ieee'], ['ieee-safe', 'extended'], ['ieee-safe', 'strict'],
];
const SEMANTICS: readonly Semantics[] = ['ieee', 'extended', 'strict'];

/** Returns the report of one cut case. */
export function runCutCase(c: CutCase): CutReport {
  const t = parseInfix(c.formula);
  const compiled = new Map<CompileMode, Expr>();
  const K = {} as Record<CompileMode, number>;
  for (const mode of ['paper', 'ieee-safe'] as const) {
    const r = compileToEml(t, { mode });
    compiled.set(mode, r.eml);
    K[mode] = r.K;
  }
  const failures: string[] = [];
  const fail = (s: string): void => { if (failures.length < 20) failures.push(s); };
  const bind = (x: Cx): Record<string, ComplexInput> => (c.y === undefined ? { x } : { x, y: c.y });
  let points = 0;
  for (const v of c.at) {
    const on = (zeroSign: 1 | -1): Cx => (c.axis === 'real' ? { re: v, im: zeroSign * 0 } : { re: zeroSign * 0, im: v });
    const beside = (side: CutSide): Cx => {
      const d = side === 'above' || side === 'right' ? CUT_OFFSET : -CUT_OFFSET;
      return c.axis === 'real' ? { re: v, im: d } : { re: d, im: v };
    };
    const named = c.side(v);
    const other: CutSide = named === 'above' ? 'below' : named === 'below' ? 'above' : named === 'right' ? 'left' : 'right';
    const direct = (x: Cx, sem: Semantics): Cx => evaluate(t, bind(x), { semantics: sem });
    const value = direct(on(1), 'ieee');
    // the convention: the value on the cut is the limit from the named side, and the other side differs
    if (!close(value, direct(beside(named), 'ieee'), 1e-6)) fail(`${showX(on(1))}: float ${show(value)} is not the limit from ${named} ${show(direct(beside(named), 'ieee'))}`);
    if (close(value, direct(beside(other), 'ieee'), 1e-3)) fail(`${showX(on(1))}: the two sides of the cut agree, so the point is not on a cut`);
    for (const x of [on(1), on(-1), beside(named), beside(other)]) {
      points++;
      const want = direct(x, 'ieee');
      for (const sem of SEMANTICS) {
        const got = direct(x, sem);
        if (!close(got, want, 1e-15)) fail(`${showX(x)}: float under ${sem} ${show(got)} ≠ ${show(want)}`);
      }
      const p = evaluatePrecise(t, c.y === undefined ? { x: decimalPoint(x) } : { x: decimalPoint(x), y: c.y }, { digits: 40 });
      const pz = { re: Number(p.re), im: Number(p.im) };
      if (!p.ok || !close(pz, want, 1e-12)) fail(`${showX(x)}: 40 digits ${show(pz)} ≠ float ${show(want)}`);
      for (const [mode, sem] of COMPILED_RUNS) {
        const got = evaluate(compiled.get(mode)!, bind(x), { semantics: sem });
        if (!close(got, want, 1e-9)) fail(`${showX(x)}: compiled (${mode}, ${sem}) ${show(got)} ≠ float ${show(want)}`);
      }
    }
  }
  return { name: c.name, formula: c.formula, cut: c.cut, points, K, failures, passed: failures.length === 0 };
}

/** A float point as decimal strings, keeping the sign of a zero. */
function decimalPoint(x: Cx): { re: string; im: string } {
  const s = (v: number): string => (Object.is(v, -0) ? '-0' : String(v));
  return { re: s(x.re), im: s(x.im) };
}

/** Returns the reports of every cut case. */
export function runCutSuite(): CutReport[] {
  return CUT_CASES.map(runCutCase);
}
