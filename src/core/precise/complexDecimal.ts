// Arbitrary-precision complex arithmetic over decimal.js: the value type CDec = { re, im } and one method per
// operator of the ops table. Convention: principal branches (Arg in (−π, π], a zero imaginary part of either sign
// counts as +0), inverse functions by the exact logarithmic definitions shared with the float evaluator.

import Decimal from 'decimal.js';
import type { ConstName, OpName } from '../ops';
import type { Semantics } from '../semantics';
import { atan2Decimal, cosDecimal, lnDecimal, piDecimal, sinDecimal } from './elementary';

/** A complex number with decimal.js parts. */
export interface CDec { readonly re: Decimal; readonly im: Decimal }

type Ctor = Decimal.Constructor;

const contexts = new Map<string, ComplexDecimal>();

/** Returns the (cached) complex context working at `precision` significant digits under `semantics`. */
export function complexDecimal(precision: number, semantics: Semantics = 'extended'): ComplexDecimal {
  if (!Number.isInteger(precision) || precision < 2 || precision > 1_000_000) {
    throw new Error(`complexDecimal: precision must be an integer in [2, 1e6], got ${precision}`);
  }
  const key = `${precision}:${semantics}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = new ComplexDecimal(precision, semantics);
    contexts.set(key, ctx);
  }
  return ctx;
}

/**
 * Complex arithmetic at one working precision (its own Decimal clone; the global Decimal config is never used).
 * Extended values: ln 0 = −∞, exp(−∞ + iy) = 0·cis y, exp(+∞ + 0i) = +∞ (under 'ieee' +∞ + NaN·i, as IEEE's ∞·0);
 * add/sub/neg work componentwise (so exp(a) − ln 0 = +∞ + i·Im exp(a)); any other operation on a non-finite
 * argument, and division by zero, give NaN. Signed zeros follow complex.ts: a zero imaginary part counts as +0
 * on a cut, and only under 'extended' do the signs of a zero of modulus 0 or ∞ give ln its phase
 * (ln(−0 + 0i) = −∞ + iπ); the strict semantics is applied by the evaluator (evaluatePrecise.ts).
 */
export class ComplexDecimal {
  /** The Decimal clone of this context (precision = working precision). */
  readonly D: Ctor;
  /** A wider clone (2·precision + 10 digits) in which sums of products of working-precision numbers are exact. */
  private readonly X: Ctor;
  readonly zero: CDec;
  readonly one: CDec;
  readonly i: CDec;
  readonly nan: CDec;
  private piCache: Decimal | undefined;
  private readonly constCache = new Map<ConstName, CDec>();

  constructor(readonly precision: number, readonly semantics: Semantics = 'extended') {
    const base = { rounding: Decimal.ROUND_HALF_EVEN, toExpNeg: -7, toExpPos: 21, minE: -9e15, maxE: 9e15, modulo: Decimal.ROUND_DOWN } as const;
    this.D = Decimal.clone({ ...base, precision });
    this.X = Decimal.clone({ ...base, precision: 2 * precision + 10 });
    this.zero = this.of(0, 0);
    this.one = this.of(1, 0);
    this.i = this.of(0, 1);
    this.nan = this.of(NaN, NaN);
  }

  /** Returns the complex number re + i·im (parts converted exactly, not rounded). */
  of(re: Decimal.Value, im: Decimal.Value = 0): CDec {
    return { re: new this.D(re), im: new this.D(im) };
  }

  /** Returns π at the working precision. */
  get pi(): Decimal {
    return (this.piCache ??= piDecimal(this.D));
  }

  /** Returns the value of a named constant (e, pi, i, phi = (1+√5)/2). */
  constant(name: ConstName): CDec {
    const hit = this.constCache.get(name);
    if (hit) return hit;
    const D = this.D;
    let v: CDec;
    switch (name) {
      case 'e': v = { re: D.exp(1), im: new D(0) }; break;
      case 'pi': v = { re: this.pi, im: new D(0) }; break;
      case 'i': v = this.i; break;
      case 'phi': v = { re: D.div(D.add(1, D.sqrt(5)), 2), im: new D(0) }; break;
    }
    this.constCache.set(name, v);
    return v;
  }

  /** True when both parts are finite. */
  isFinite(z: CDec): boolean {
    return z.re.isFinite() && z.im.isFinite();
  }

  /** True when z = 0 (either zero sign). */
  isZero(z: CDec): boolean {
    return z.re.isZero() && z.im.isZero();
  }

  /** Returns z rounded to `sd` significant digits per part, as numbers of this context. */
  round(z: CDec, sd: number = this.precision): CDec {
    if (!this.isFinite(z)) return { re: new this.D(z.re), im: new this.D(z.im) };
    return { re: new this.D(z.re.toSD(sd, Decimal.ROUND_HALF_EVEN)), im: new this.D(z.im.toSD(sd, Decimal.ROUND_HALF_EVEN)) };
  }

  // ---- normalisation -------------------------------------------------------------------------------------------

  /** NaN in either part, or an infinite imaginary part, makes the whole value undefined (NaN + NaN·i). */
  private norm(z: CDec): CDec {
    if (z.re.isNaN() || z.im.isNaN() || !z.im.isFinite()) return this.nan;
    return z;
  }

  /** |z|² computed exactly (wide clone) for finite z. */
  private abs2(z: CDec): Decimal {
    const X = this.X;
    return X.add(X.mul(z.re, z.re), X.mul(z.im, z.im));
  }

  /** Decimal exponent of the larger part (−Infinity for 0). */
  private mag(z: CDec): number {
    const a = z.re.isZero() ? -Infinity : z.re.e;
    const b = z.im.isZero() ? -Infinity : z.im.e;
    return Math.max(a, b);
  }

  /**
   * Runs f with extra working digits when |z| is small (so that 1 ± z keeps the digits of z), then rounds back.
   * Below 10^-(precision+10) the odd inverse functions equal z to working precision; then z is returned.
   */
  private small(z: CDec, f: (c: ComplexDecimal) => CDec): CDec {
    const m = this.mag(z);
    if (m >= 0 || !this.isFinite(z)) return f(this);
    if (m < -(this.precision + 10)) return z;
    const c = complexDecimal(this.precision - m + 2, this.semantics);
    return this.norm(this.round(f(c)));
  }

  // ---- field operations ----------------------------------------------------------------------------------------

  /** Returns a + b. */
  add(a: CDec, b: CDec): CDec {
    return this.norm({ re: this.D.add(a.re, b.re), im: this.D.add(a.im, b.im) });
  }

  /** Returns a − b. */
  sub(a: CDec, b: CDec): CDec {
    return this.norm({ re: this.D.sub(a.re, b.re), im: this.D.sub(a.im, b.im) });
  }

  /** Returns −a. */
  neg(a: CDec): CDec {
    return this.norm({ re: a.re.neg(), im: a.im.neg() });
  }

  /** Returns a·b (each part rounded once). */
  mul(a: CDec, b: CDec): CDec {
    if (!this.isFinite(a) || !this.isFinite(b)) return this.nan;
    const D = this.D, X = this.X;
    if (a.im.isZero() && b.im.isZero()) return { re: D.mul(a.re, b.re), im: new D(0) };
    const re = X.sub(X.mul(a.re, b.re), X.mul(a.im, b.im));
    const im = X.add(X.mul(a.re, b.im), X.mul(a.im, b.re));
    return this.norm({ re: D.add(re, 0), im: D.add(im, 0) });
  }

  /** Returns a/b; division by zero is undefined (NaN). */
  div(a: CDec, b: CDec): CDec {
    if (!this.isFinite(a) || !this.isFinite(b) || this.isZero(b)) return this.nan;
    const D = this.D, X = this.X;
    if (b.im.isZero()) return { re: D.div(a.re, b.re), im: D.div(a.im, b.re) };
    const d = this.abs2(b);
    const re = X.add(X.mul(a.re, b.re), X.mul(a.im, b.im));
    const im = X.sub(X.mul(a.im, b.re), X.mul(a.re, b.im));
    return this.norm({ re: D.div(re, d), im: D.div(im, d) });
  }

  /** Returns z/2. */
  half(z: CDec): CDec {
    if (!this.isFinite(z)) return this.nan;
    return { re: this.D.div(z.re, 2), im: this.D.div(z.im, 2) };
  }

  /** Returns z·z. */
  sqr(z: CDec): CDec {
    return this.mul(z, z);
  }

  /** Returns 1/z. */
  inv(z: CDec): CDec {
    return this.div(this.one, z);
  }

  /** Returns (a + b)/2. */
  avg(a: CDec, b: CDec): CDec {
    return this.half(this.add(a, b));
  }

  /** Returns sqrt(a² + b²) (principal square root). */
  hypot(a: CDec, b: CDec): CDec {
    return this.sqrt(this.add(this.sqr(a), this.sqr(b)));
  }

  // ---- exponential and logarithm -------------------------------------------------------------------------------

  /** Returns exp(z); exp(−∞ + iy) = 0·cis y (signed zeros), exp(+∞ + 0i) = +∞ ('ieee': +∞ + NaN·i), other non-finite → NaN. */
  exp(z: CDec): CDec {
    const D = this.D;
    if (z.re.isNaN() || !z.im.isFinite()) return this.nan;
    if (!z.re.isFinite()) {
      if (z.re.isNeg()) return { re: this.signedZero(cosDecimal(D, z.im)), im: this.signedZero(sinDecimal(D, z.im)) };
      return z.im.isZero() ? { re: new D(Infinity), im: new D(this.semantics === 'extended' ? 0 : NaN) } : this.nan;
    }
    const r = D.exp(z.re);
    if (z.im.isZero()) return { re: r, im: new D(0) };
    if (r.isZero()) return this.zero;
    return this.norm({ re: D.mul(r, cosDecimal(D, z.im)), im: D.mul(r, sinDecimal(D, z.im)) });
  }

  /** +0 or −0 with the sign of s (the product 0·s of IEEE arithmetic). */
  private signedZero(s: Decimal): Decimal {
    return new this.D(s.isNeg() ? -0 : 0);
  }

  /**
   * Returns the principal logarithm ln|z| + i·Arg z, Arg in (−π, π] (a zero imaginary part counts as +0 on the cut);
   * ln 0 = −∞ and ln(±∞ + iy) = +∞ + i·Arg, where under 'extended' the signs of the zero parts give the phase.
   */
  ln(z: CDec): CDec {
    const D = this.D;
    const signed = this.semantics === 'extended';
    if (!this.isFinite(z)) {
      // extended reals: ln(±∞ + iy) = +∞ + i·Arg for finite y, so ln(+∞) = +∞ as the paper's forms need
      if (z.re.isNaN() || !z.im.isFinite()) return this.nan;
      const lower = z.im.isNeg() && (signed || !z.im.isZero());
      return { re: new D(Infinity), im: z.re.isNeg() ? (lower ? this.pi.neg() : this.pi) : new D(0) };
    }
    if (this.isZero(z)) {
      if (!signed) return { re: new D(-Infinity), im: new D(0) };
      const im = z.re.isNeg() ? (z.im.isNeg() ? this.pi.neg() : this.pi) : new D(z.im.isNeg() ? -0 : 0);
      return { re: new D(-Infinity), im };
    }
    if (z.im.isZero()) return { re: lnDecimal(D, z.re.abs()), im: z.re.isNeg() ? this.pi : new D(0) };
    if (z.re.isZero()) {
      const h = D.div(this.pi, 2);
      return { re: lnDecimal(D, z.im.abs()), im: z.im.isNeg() ? h.neg() : h };
    }
    return { re: D.div(lnDecimal(D, this.abs2(z)), 2), im: atan2Decimal(D, z.im, z.re) };
  }

  /** Returns the principal square root (Re ≥ 0; on the negative axis +i·sqrt|x|); sqrt 0 = 0. */
  sqrt(z: CDec): CDec {
    const D = this.D;
    if (!this.isFinite(z)) return this.nan;
    if (this.isZero(z)) return this.zero;
    if (z.im.isZero()) {
      return z.re.isNeg() ? { re: new D(0), im: D.sqrt(z.re.neg()) } : { re: D.sqrt(z.re), im: new D(0) };
    }
    const r = D.sqrt(this.abs2(z));
    if (!z.re.isNeg()) {
      const t = D.sqrt(D.div(D.add(r, z.re), 2));
      return { re: t, im: D.div(z.im, D.mul(t, 2)) };
    }
    const t = D.sqrt(D.div(D.sub(r, z.re), 2));
    return { re: D.div(z.im.abs(), D.mul(t, 2)), im: z.im.isNeg() ? t.neg() : t };
  }

  /**
   * Returns a^b = exp(b·ln a); 0^b = 0 for Re b > 0, 1 for b = 0, undefined otherwise. An integer exponent
   * (|b| ≤ 2^31) is done by repeated squaring: the same value, without rounding noise in the imaginary part.
   */
  pow(a: CDec, b: CDec): CDec {
    if (!this.isFinite(a) || !this.isFinite(b)) return this.nan;
    if (this.isZero(a)) {
      if (b.re.isPos() && !b.re.isZero()) return this.zero;
      if (this.isZero(b)) return this.one;
      return this.nan;
    }
    if (b.im.isZero() && b.re.isInteger() && b.re.abs().lte(2147483648)) {
      let n = Math.abs(b.re.toNumber());
      let base = a;
      let acc = this.one;
      while (n > 0) {
        if (n % 2 === 1) acc = this.mul(acc, base);
        n = Math.floor(n / 2);
        if (n > 0) base = this.mul(base, base);
      }
      return b.re.isNeg() ? this.div(this.one, acc) : acc;
    }
    return this.exp(this.mul(b, this.ln(a)));
  }

  /** Returns log_b z = ln z / ln b (base first). */
  log(b: CDec, z: CDec): CDec {
    return this.div(this.ln(z), this.ln(b));
  }

  /** Returns eml(a, b) = exp(a) − ln(b). */
  eml(a: CDec, b: CDec): CDec {
    return this.sub(this.exp(a), this.ln(b));
  }

  /** Returns the logistic sigmoid 1/(1 + exp(−z)). */
  sigmoid(z: CDec): CDec {
    return this.div(this.one, this.add(this.one, this.exp(this.neg(z))));
  }

  // ---- circular and hyperbolic functions -----------------------------------------------------------------------

  /** Returns sin z = sin x cosh y + i cos x sinh y. */
  sin(z: CDec): CDec {
    const D = this.D;
    if (!this.isFinite(z)) return this.nan;
    if (z.im.isZero()) return { re: sinDecimal(D, z.re), im: new D(0) };
    return { re: D.mul(sinDecimal(D, z.re), D.cosh(z.im)), im: D.mul(cosDecimal(D, z.re), D.sinh(z.im)) };
  }

  /** Returns cos z = cos x cosh y − i sin x sinh y. */
  cos(z: CDec): CDec {
    const D = this.D;
    if (!this.isFinite(z)) return this.nan;
    if (z.im.isZero()) return { re: cosDecimal(D, z.re), im: new D(0) };
    return { re: D.mul(cosDecimal(D, z.re), D.cosh(z.im)), im: D.mul(sinDecimal(D, z.re), D.sinh(z.im)).neg() };
  }

  /** Returns tan z = sin z / cos z. */
  tan(z: CDec): CDec {
    return this.div(this.sin(z), this.cos(z));
  }

  /** Returns sec z = 1/cos z. */
  sec(z: CDec): CDec {
    return this.div(this.one, this.cos(z));
  }

  /** Returns csc z = 1/sin z. */
  csc(z: CDec): CDec {
    return this.div(this.one, this.sin(z));
  }

  /** Returns cot z = cos z / sin z. */
  cot(z: CDec): CDec {
    return this.div(this.cos(z), this.sin(z));
  }

  /** Returns sinh z = sinh x cos y + i cosh x sin y. */
  sinh(z: CDec): CDec {
    const D = this.D;
    if (!this.isFinite(z)) return this.nan;
    if (z.im.isZero()) return { re: D.sinh(z.re), im: new D(0) };
    return { re: D.mul(D.sinh(z.re), cosDecimal(D, z.im)), im: D.mul(D.cosh(z.re), sinDecimal(D, z.im)) };
  }

  /** Returns cosh z = cosh x cos y + i sinh x sin y. */
  cosh(z: CDec): CDec {
    const D = this.D;
    if (!this.isFinite(z)) return this.nan;
    if (z.im.isZero()) return { re: D.cosh(z.re), im: new D(0) };
    return { re: D.mul(D.cosh(z.re), cosDecimal(D, z.im)), im: D.mul(D.sinh(z.re), sinDecimal(D, z.im)) };
  }

  /** Returns tanh z = sinh z / cosh z. */
  tanh(z: CDec): CDec {
    return this.div(this.sinh(z), this.cosh(z));
  }

  // ---- inverse functions (exact logarithmic definitions) -------------------------------------------------------

  /**
   * Returns asin z = −i·ln(iz + sqrt(1 − z²)). With s = sqrt(1 − z²), (s + iz)(s − iz) = 1, so when s + iz
   * would cancel it is computed as 1/(s − iz): the same number, without the cancellation.
   */
  asin(z: CDec): CDec {
    return this.small(z, (c) => {
      const s = c.sqrt(c.sub(c.one, c.sqr(z)));
      const iz = c.mul(c.i, z);
      const w = c.recipPair(s, iz);
      return c.mul(c.of(0, -1), c.ln(w));
    });
  }

  /** Returns acos z = π/2 − asin z. */
  acos(z: CDec): CDec {
    return this.sub({ re: this.D.div(this.pi, 2), im: new this.D(0) }, this.asin(z));
  }

  /** Returns atan z = (i/2)·(ln(1 − iz) − ln(1 + iz)). */
  atan(z: CDec): CDec {
    return this.small(z, (c) => {
      const iz = c.mul(c.i, z);
      return c.mul(c.of(0, 0.5), c.sub(c.ln(c.sub(c.one, iz)), c.ln(c.add(c.one, iz))));
    });
  }

  /** Returns asec z = acos(1/z). */
  asec(z: CDec): CDec {
    return this.acos(this.inv(z));
  }

  /** Returns acsc z = asin(1/z). */
  acsc(z: CDec): CDec {
    return this.asin(this.inv(z));
  }

  /** Returns acot z = atan(1/z). */
  acot(z: CDec): CDec {
    return this.atan(this.inv(z));
  }

  /** Returns asinh z = ln(z + sqrt(z² + 1)) (computed as −ln(sqrt(z² + 1) − z) where the sum would cancel). */
  asinh(z: CDec): CDec {
    return this.small(z, (c) => {
      const s = c.sqrt(c.add(c.sqr(z), c.one));
      return c.ln(c.recipPair(s, z));
    });
  }

  /** Returns acosh z = ln(z + sqrt(z + 1)·sqrt(z − 1)). */
  acosh(z: CDec): CDec {
    const p = this.mul(this.sqrt(this.add(z, this.one)), this.sqrt(this.sub(z, this.one)));
    return this.ln(this.recipPair(p, z, -1));
  }

  /** Returns atanh z = (ln(1 + z) − ln(1 − z))/2. */
  atanh(z: CDec): CDec {
    return this.small(z, (c) => c.half(c.sub(c.ln(c.add(c.one, z)), c.ln(c.sub(c.one, z)))));
  }

  /**
   * Returns s + u, where (s + u)(s − u) = k (k = ±1) is known: whichever of s ± u is larger in modulus is
   * computed directly and s + u is then either it or k/(s − u), which avoids cancellation.
   */
  private recipPair(s: CDec, u: CDec, k: 1 | -1 = 1): CDec {
    if (!this.isFinite(s) || !this.isFinite(u)) return this.nan;
    const plus = this.add(s, u);
    const minus = this.sub(s, u);
    if (this.abs2(plus).gte(this.abs2(minus))) return plus;
    return this.div(k === 1 ? this.one : this.neg(this.one), minus);
  }

  // ---- dispatch ------------------------------------------------------------------------------------------------

  /** Returns the value of operator `op` applied to `args` (arity as in the ops table). */
  apply(op: OpName, args: readonly CDec[]): CDec {
    const a = args[0]!;
    const b = args[1]!;
    switch (op) {
      case 'eml': return this.eml(a, b);
      case 'add': return this.add(a, b);
      case 'sub': return this.sub(a, b);
      case 'mul': return this.mul(a, b);
      case 'div': return this.div(a, b);
      case 'pow': return this.pow(a, b);
      case 'neg': return this.neg(a);
      case 'exp': return this.exp(a);
      case 'ln': return this.ln(a);
      case 'log': return this.log(a, b);
      case 'sqrt': return this.sqrt(a);
      case 'sqr': return this.sqr(a);
      case 'inv': return this.inv(a);
      case 'half': return this.half(a);
      case 'avg': return this.avg(a, b);
      case 'hypot': return this.hypot(a, b);
      case 'sin': return this.sin(a);
      case 'cos': return this.cos(a);
      case 'tan': return this.tan(a);
      case 'sec': return this.sec(a);
      case 'csc': return this.csc(a);
      case 'cot': return this.cot(a);
      case 'asin': return this.asin(a);
      case 'acos': return this.acos(a);
      case 'atan': return this.atan(a);
      case 'asec': return this.asec(a);
      case 'acsc': return this.acsc(a);
      case 'acot': return this.acot(a);
      case 'sinh': return this.sinh(a);
      case 'cosh': return this.cosh(a);
      case 'tanh': return this.tanh(a);
      case 'asinh': return this.asinh(a);
      case 'acosh': return this.acosh(a);
      case 'atanh': return this.atanh(a);
      case 'sigmoid': return this.sigmoid(a);
    }
  }
}
