// Arbitrary-precision evaluation of expression trees (memoised per node object, so shared DAGs are cheap) and the
// high-precision probe constants γ, Glaisher–Kinkelin A and Catalan G. Convention: complexDecimal.ts semantics,
// computed with guard digits and reported as decimal strings of `digits` significant digits.

import Decimal from 'decimal.js';
import type { Expr, OpNode } from '../expr';
import { foldTree } from '../foldTree';
import type { Semantics } from '../semantics';
import { type CDec, type ComplexDecimal, complexDecimal } from './complexDecimal';
import { lnDecimal, piDecimal } from './elementary';

/** A binding: a real number, a decimal string, or a complex number given by parts. */
export type PreciseValue = number | string | { re: number | string; im: number | string };

/** Options of the precise evaluator. */
export interface PreciseOptions {
  /** Significant digits of the result (default 40). */
  digits?: number;
  /** Extra working digits (default 20). */
  guardDigits?: number;
  /** Numeric semantics, as the float evaluator's (default 'extended'); 'strict' makes any non-finite step undefined. */
  semantics?: Semantics;
}

/** A precise result: decimal strings ('NaN', 'Infinity', '-Infinity' when not finite); ok = finite and defined. */
export interface PreciseResult {
  re: string;
  im: string;
  ok: boolean;
  /** Under 'strict': the operator whose result first was not finite. */
  undefinedAt?: string;
}

const DEFAULT_DIGITS = 40;
const DEFAULT_GUARD = 20;

/** Returns the value of t at the bindings, as decimal strings with `digits` significant digits. */
export function evaluatePrecise(t: Expr, bindings: Record<string, PreciseValue>, opts: PreciseOptions = {}): PreciseResult {
  const digits = opts.digits ?? DEFAULT_DIGITS;
  if (!Number.isInteger(digits) || digits < 1) throw new Error(`evaluatePrecise: digits must be a positive integer, got ${digits}`);
  const guard = opts.guardDigits ?? DEFAULT_GUARD;
  const semantics = opts.semantics ?? 'extended';
  const ctx = complexDecimal(digits + Math.max(2, guard), semantics);
  let undefinedAt: string | undefined;
  const z = evaluateComplex(t, bindings, ctx, semantics === 'strict' ? (op) => { undefinedAt ??= op; } : undefined);
  if (undefinedAt !== undefined) return { re: 'NaN', im: 'NaN', ok: false, undefinedAt };
  return formatComplex(z, digits);
}

/**
 * Returns the value of t at the bindings as a complex number of context `ctx` (working precision). With
 * `onNonFinite` (the strict semantics) the first operator whose value is not finite is reported and the result is NaN.
 */
export function evaluateComplex(t: Expr, bindings: Record<string, PreciseValue>, ctx: ComplexDecimal, onNonFinite?: (op: string) => void): CDec {
  const vars = new Map<string, CDec>();
  const leaf = (n: Exclude<Expr, OpNode>): CDec => {
    switch (n.kind) {
      case 'num': return { re: parseNum(ctx, n.text, n.value), im: new ctx.D(0) };
      case 'const': return ctx.constant(n.name);
      case 'var': {
        let v = vars.get(n.name);
        if (!v) {
          if (!Object.prototype.hasOwnProperty.call(bindings, n.name)) {
            throw new Error(`evaluatePrecise: unbound variable '${n.name}'`);
          }
          v = bindingValue(ctx, n.name, bindings[n.name]!);
          vars.set(n.name, v);
        }
        return v;
      }
    }
  };
  if (!onNonFinite) return foldTree(t, new Map<Expr, CDec>(), leaf, (n, args) => ctx.apply(n.op, args));
  let failed = false;
  return foldTree(t, new Map<Expr, CDec>(), leaf, (n, args) => {
    if (failed) return ctx.nan;
    const v = ctx.apply(n.op, args);
    if (!ctx.isFinite(v)) { failed = true; onNonFinite(n.op); return ctx.nan; }
    return v;
  });
}

/** Returns a complex number formatted as a PreciseResult with `digits` significant digits. */
export function formatComplex(z: CDec, digits: number): PreciseResult {
  if (z.re.isNaN() || z.im.isNaN()) return { re: 'NaN', im: 'NaN', ok: false };
  const ok = z.re.isFinite() && z.im.isFinite();
  return { re: formatDecimal(z.re, digits), im: formatDecimal(z.im, digits), ok };
}

function formatDecimal(x: Decimal, digits: number): string {
  if (x.isNaN()) return 'NaN';
  if (!x.isFinite()) return x.isNeg() ? '-Infinity' : 'Infinity';
  if (x.isZero()) return '0';
  return x.toSD(digits, Decimal.ROUND_HALF_EVEN).toString();
}

function parseNum(ctx: ComplexDecimal, text: string, value: number): Decimal {
  try {
    return new ctx.D(text);
  } catch {
    return new ctx.D(value);
  }
}

function toDecimal(ctx: ComplexDecimal, name: string, v: number | string): Decimal {
  if (typeof v === 'number') return new ctx.D(v);
  if (typeof v === 'string') {
    try {
      return new ctx.D(v.trim());
    } catch {
      throw new Error(`evaluatePrecise: variable '${name}' is bound to an invalid number '${v}'`);
    }
  }
  throw new Error(`evaluatePrecise: variable '${name}' has an invalid binding`);
}

function bindingValue(ctx: ComplexDecimal, name: string, v: PreciseValue): CDec {
  if (typeof v === 'object' && v !== null) return { re: toDecimal(ctx, name, v.re), im: toDecimal(ctx, name, v.im) };
  return { re: toDecimal(ctx, name, v), im: new ctx.D(0) };
}

// ---- probe constants -------------------------------------------------------------------------------------------

/** Decimal strings of the generic probe constants. */
export interface PreciseConstants {
  /** Euler–Mascheroni γ = 0.5772156649… */
  gamma: string;
  /** Glaisher–Kinkelin A = 1.2824271291… */
  glaisher: string;
  /** Catalan G = 0.9159655941… */
  catalan: string;
}

const constantsCache = new Map<number, PreciseConstants>();

/** Returns γ, Glaisher–Kinkelin A and Catalan G with `digits` significant digits (computed, then cached). */
export function preciseConstants(digits: number): PreciseConstants {
  if (!Number.isInteger(digits) || digits < 1 || digits > 5000) {
    throw new Error(`preciseConstants: digits must be an integer in [1, 5000], got ${digits}`);
  }
  const hit = constantsCache.get(digits);
  if (hit) return hit;
  const wp = digits + 20;
  const D = Decimal.clone({ precision: wp, rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -7, toExpPos: 21 });
  const f = (x: Decimal): string => x.toSD(digits, Decimal.ROUND_HALF_EVEN).toString();
  const out: PreciseConstants = { gamma: f(eulerGamma(D)), glaisher: f(glaisher(D)), catalan: f(catalan(D)) };
  constantsCache.set(digits, out);
  return out;
}

/** Euler–Mascheroni γ by the Brent–McMillan algorithm (B1): γ = U/V with error O(e^(−4n)). */
function eulerGamma(D: Decimal.Constructor): Decimal {
  const n = Math.ceil((D.precision * Math.LN10) / 4) + 2;
  const n2 = n * n;
  let a = lnDecimal(D, n).neg();
  let b = new D(1);
  let u = a;
  let v = b;
  const eps = new D(10).pow(-(D.precision + 5));
  for (let k = 1; ; k++) {
    b = D.div(D.mul(b, n2), k * k);
    a = D.div(D.add(D.div(D.mul(a, n2), k), b), k);
    u = D.add(u, a);
    v = D.add(v, b);
    if (k > n && b.lt(D.mul(v, eps)) && a.abs().lt(D.mul(u.abs(), eps))) break;
  }
  return D.div(u, v);
}

/** Catalan's G = (π/8)·ln(2 + √3) + (3/8)·Σ (n!)²/((2n)!·(2n+1)²) (Ramanujan). */
function catalan(D: Decimal.Constructor): Decimal {
  const eps = new D(10).pow(-(D.precision + 5));
  let r = new D(1); // (n!)²/(2n)!
  let sum = new D(0);
  for (let n = 0; ; n++) {
    const term = D.div(r, (2 * n + 1) * (2 * n + 1));
    sum = D.add(sum, term);
    if (term.lt(eps)) break;
    r = D.div(D.mul(r, n + 1), 2 * (2 * n + 1));
  }
  const pi = piDecimal(D);
  return D.add(D.mul(D.div(pi, 8), lnDecimal(D, D.add(2, D.sqrt(3)))), D.mul(D.div(3, 8), sum));
}

/**
 * Glaisher–Kinkelin A by Euler–Maclaurin summation of Σ k·ln k:
 * ln A = S(N) − (N²/2 + N/2 + 1/12)·ln N + N²/4 + Σ_{j≥2} B_2j / ((2j)(2j−1)(2j−2)·N^(2j−2)).
 */
function glaisher(D: Decimal.Constructor): Decimal {
  const P = D.precision;
  const N = Math.ceil(P / 2) + 10; // the smallest asymptotic term is ≈ e^(−2πN) ≪ 10^(−P)
  // S(N) = ln Π k^k, the product formed in floating decimal at the working precision.
  let prod = new D(1);
  for (let k = 2; k <= N; k++) prod = D.mul(prod, D.pow(k, k));
  const lnN = lnDecimal(D, N);
  let lnA = D.sub(lnDecimal(D, prod), D.mul(D.add(D.add(N * N / 2, N / 2), D.div(1, 12)), lnN));
  lnA = D.add(lnA, D.div(N * N, 4));
  // Number of Bernoulli terms: smallest j with |term_j| < 10^(−P−5), estimated in floating point.
  const target = -(P + 5) * Math.LN10;
  let jMax = 2;
  let logFact = 0; // ln((2j)!)
  for (let m = 1; m <= 4; m++) logFact += Math.log(m);
  for (let j = 2; ; j++) {
    if (j > 2) logFact += Math.log(2 * j - 1) + Math.log(2 * j);
    const lt = Math.log(2) + logFact - 2 * j * Math.log(2 * Math.PI) - Math.log(8 * j * j * j) - (2 * j - 2) * Math.log(N);
    jMax = j;
    if (lt < target) break;
    if (j > 100_000) throw new Error('preciseConstants: Euler–Maclaurin series does not converge');
  }
  const tangent = tangentNumbers(jMax);
  const n2 = new D(N * N);
  let npow = n2; // N^(2j−2)
  for (let j = 2; j <= jMax; j++) {
    const t = tangent[j - 1]!;
    const four = 4n ** BigInt(j);
    // B_2j = (−1)^(j−1)·2j·T_j / (4^j·(4^j − 1))
    const num = (j % 2 === 0 ? -1n : 1n) * 2n * BigInt(j) * t;
    const den = four * (four - 1n) * BigInt(2 * j) * BigInt(2 * j - 1) * BigInt(2 * j - 2);
    lnA = D.add(lnA, D.div(D.div(num.toString(), den.toString()), npow));
    npow = D.mul(npow, n2);
  }
  return D.exp(lnA);
}

/** Returns the tangent numbers T_1..T_n (1, 2, 16, 272, …) by the integer recurrence of Knuth and Buckholtz. */
function tangentNumbers(n: number): bigint[] {
  const t: bigint[] = new Array<bigint>(n + 1).fill(0n);
  t[1] = 1n;
  for (let k = 2; k <= n; k++) t[k] = BigInt(k - 1) * t[k - 1]!;
  for (let k = 2; k <= n; k++) {
    for (let j = k; j <= n; j++) t[j] = BigInt(j - k) * t[j - 1]! + BigInt(j - k + 2) * t[j]!;
  }
  return t.slice(1);
}
