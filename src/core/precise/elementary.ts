// ln, π, sin, cos and atan2 of decimal.js numbers at any precision. decimal.js computes these only up to about
// 1000 significant digits (its stored ln 10 and π end there) and its atan slows down sharply long before that;
// above NATIVE_LIMIT digits these functions take over, in binary fixed point on BigInt (value = V / 2^B):
//   ln 2 = 2·atanh(1/3), ln 10 = 3·ln 2 + 2·atanh(1/9), π = 16·atan(1/5) − 4·atan(1/239) (Machin),
//   ln x = e·ln 10 + k·ln 2 + 2·atanh((r − 1)/(r + 1)) with x = r·2^k·10^e, r in [0.7, 1.42],
//   sin, cos by Taylor series on x − n·π/2 in [−π/4, π/4]; atan t by halving t → t/(1 + √(1 + t²)), then Taylor.
// Every result is correct to the precision of its Decimal clone (guard bits absorb the truncations).

import Decimal from 'decimal.js';

type Ctor = Decimal.Constructor;

const LOG2_10 = Math.log2(10);

/** Up to this precision (significant digits) decimal.js's own ln, sin, cos, atan2 and π are used. */
export const NATIVE_LIMIT = 100;

/** Returns ln x (x > 0; 0 gives −∞, negative or NaN gives NaN) at D's precision. */
export function lnDecimal(D: Ctor, x: Decimal.Value): Decimal {
  return D.precision <= NATIVE_LIMIT ? D.ln(x) : lnSeries(D, new D(x));
}

/** Returns π at D's precision. */
export function piDecimal(D: Ctor): Decimal {
  return D.precision <= NATIVE_LIMIT ? D.acos(-1) : piSeries(D);
}

/** Returns sin x at D's precision. */
export function sinDecimal(D: Ctor, x: Decimal.Value): Decimal {
  return D.precision <= NATIVE_LIMIT ? D.sin(x) : sinCosSeries(D, new D(x)).sin;
}

/** Returns cos x at D's precision. */
export function cosDecimal(D: Ctor, x: Decimal.Value): Decimal {
  return D.precision <= NATIVE_LIMIT ? D.cos(x) : sinCosSeries(D, new D(x)).cos;
}

/** Returns atan2(y, x) in (−π, π] at D's precision (atan2(0, x < 0) = π, atan2(0, 0) = 0). */
export function atan2Decimal(D: Ctor, y: Decimal.Value, x: Decimal.Value): Decimal {
  return D.precision <= NATIVE_LIMIT ? D.atan2(y, x) : atan2Series(D, new D(y), new D(x));
}

// ---- binary fixed point ---------------------------------------------------------------------------------------

/** Fractional bits for D's precision, with guard bits. */
function bitsFor(D: Ctor, extraDigits = 0): number {
  return Math.ceil((D.precision + extraDigits + 12) * LOG2_10) + 32;
}

/** A Decimal clone wide enough to convert to and from B-bit fixed point exactly enough. */
function wide(B: number): Ctor {
  return Decimal.clone({ precision: Math.ceil(B / LOG2_10) + 20, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
}

function toFixed(x: Decimal, B: number): bigint {
  const W = wide(B);
  return BigInt(new W(x).times(new W(2).pow(B)).toFixed(0));
}

/** The fixed-point value v / 2^B as a number of D's precision (rounded as D rounds: `new D(x)` alone keeps every
 * digit of x, and a result longer than D's precision would not cancel exactly against D's own arithmetic). */
function fromFixed(D: Ctor, v: bigint, B: number): Decimal {
  const W = wide(B);
  return new D(new W(v.toString()).div(new W(2).pow(B))).toSD(D.precision, D.rounding);
}

/** Σ_{k≥0} (±1)^k / ((2k+1)·n^(2k+1)) in B-bit fixed point: atanh(1/n) (sign +1) or atan(1/n) (sign −1). */
function arcInverse(n: bigint, B: number, sign: 1n | -1n): bigint {
  const n2 = n * n;
  let term = (1n << BigInt(B)) / n;
  let sum = term;
  let s = 1n;
  for (let k = 3n; term !== 0n; k += 2n) {
    term /= n2;
    s *= sign;
    sum += (s * term) / k;
  }
  return sum;
}

/** Σ s^(2k+1)/(2k+1) (atanh) or Σ (−1)^k s^(2k+1)/(2k+1) (atan) for |s| < 1 in B-bit fixed point. */
function arcSeries(s: bigint, B: number, sign: 1n | -1n): bigint {
  if (s < 0n) return -arcSeries(-s, B, sign); // both series are odd; a shift of a negative number never reaches 0
  const b = BigInt(B);
  const s2 = (s * s) >> b;
  let power = s;
  let sum = s;
  let sg = 1n;
  for (let k = 3n; power !== 0n; k += 2n) {
    power = (power * s2) >> b;
    sg *= sign;
    sum += (sg * power) / k;
  }
  return sum;
}

const constCache = new Map<string, bigint>();

function cached(name: string, B: number, make: () => bigint): bigint {
  const key = `${name}:${B}`;
  let v = constCache.get(key);
  if (v === undefined) {
    v = make();
    constCache.set(key, v);
  }
  return v;
}

function ln2Fixed(B: number): bigint {
  return cached('ln2', B, () => 2n * arcInverse(3n, B, 1n));
}

function ln10Fixed(B: number): bigint {
  return cached('ln10', B, () => 3n * ln2Fixed(B) + 2n * arcInverse(9n, B, 1n));
}

function piFixed(B: number): bigint {
  return cached('pi', B, () => 16n * arcInverse(5n, B, -1n) - 4n * arcInverse(239n, B, -1n));
}

/** Integer square root ⌊√n⌋ (Newton). */
function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

// ---- the series ---------------------------------------------------------------------------------------------------

/** ln x at D's precision, by fixed-point series (exported for tests). */
export function lnSeries(D: Ctor, x: Decimal): Decimal {
  if (x.isNaN() || x.isNeg()) return new D(NaN);
  if (x.isZero()) return new D(-Infinity);
  if (!x.isFinite()) return new D(Infinity);
  const e = x.e; // x = m·10^e, m in [1, 10)
  const m = x.times(new (wide(bitsFor(D)))(10).pow(-e));
  const k = Math.round(Math.log2(m.toNumber()));
  // near x = 1 the result is about x − 1: carry the digits that cancel in x − 1 as well
  const near1 = e === 0 && k === 0 && !m.eq(1) ? Math.max(0, -m.minus(1).e) : 0;
  const B = bitsFor(D, 20 + near1);
  const b = BigInt(B);
  const one = 1n << b;
  const r = toFixed(m, B) >> BigInt(k); // r = m / 2^k, in [0.7, 1.42]
  const s = ((r - one) << b) / (r + one);
  const sum = 2n * arcSeries(s, B, 1n) + BigInt(k) * ln2Fixed(B) + BigInt(e) * ln10Fixed(B);
  return fromFixed(D, sum, B);
}

/** π at D's precision, by Machin's formula (exported for tests). */
export function piSeries(D: Ctor): Decimal {
  const B = bitsFor(D);
  return fromFixed(D, piFixed(B), B);
}

/** sin x and cos x at D's precision, by Taylor series after reduction modulo π/2 (exported for tests). */
export function sinCosSeries(D: Ctor, x: Decimal): { sin: Decimal; cos: Decimal } {
  if (!x.isFinite()) return { sin: new D(NaN), cos: new D(NaN) };
  // reducing x needs π to the digits of x's integer part as well; a tiny x needs its own digits below the point
  const extra = Math.abs(x.e) + 1;
  const B = bitsFor(D, extra);
  const b = BigInt(B);
  const X = toFixed(x, B);
  const halfPi = piFixed(B) >> 1n;
  let n = X / halfPi; // nearest multiple of π/2
  if (X - n * halfPi > halfPi / 2n) n += 1n;
  else if (X - n * halfPi < -halfPi / 2n) n -= 1n;
  const t = X - n * halfPi;
  const t2 = (t * t) >> b;
  let sinT = t, cosT = 1n << b;
  let term = t;
  for (let k = 2n; term !== 0n; k += 2n) {
    term = -((term * t2) >> b) / (k * (k + 1n));
    sinT += term;
  }
  term = 1n << b;
  for (let k = 1n; term !== 0n; k += 2n) {
    term = -((term * t2) >> b) / (k * (k + 1n));
    cosT += term;
  }
  const q = Number(((n % 4n) + 4n) % 4n);
  const [s, c] = q === 0 ? [sinT, cosT] : q === 1 ? [cosT, -sinT] : q === 2 ? [-sinT, -cosT] : [-cosT, sinT];
  return { sin: fromFixed(D, s, B), cos: fromFixed(D, c, B) };
}

/** atan2(y, x) in (−π, π] at D's precision (exported for tests). */
export function atan2Series(D: Ctor, y: Decimal, x: Decimal): Decimal {
  if (y.isNaN() || x.isNaN()) return new D(NaN);
  const ay = y.abs(), ax = x.abs();
  const swap = ay.gt(ax);
  // t = min/max in [0, 1]; a tiny t needs its own digits below the point
  const W0 = wide(bitsFor(D));
  const t0 = !ax.isFinite() || !ay.isFinite() || ax.isZero() || ay.isZero() ? new W0(0) : swap ? new W0(ax).div(ay) : new W0(ay).div(ax);
  const B = bitsFor(D, t0.isZero() ? 0 : Math.max(0, -t0.e));
  const pi = piFixed(B);
  const quarter = pi >> 2n;
  let a: bigint;
  if (!ax.isFinite() && !ay.isFinite()) a = quarter; // atan2(±∞, ±∞) = ±π/4 or ±3π/4
  else if (ay.isZero() || !ax.isFinite()) a = 0n;
  else if (ax.isZero() || !ay.isFinite()) a = pi >> 1n;
  else a = atanFixed(toFixed(t0, B), B, swap, pi);
  if (x.isNeg()) a = pi - a;
  if (a === 0n && !x.isNeg()) return new D(0);
  return fromFixed(D, y.isNeg() ? -a : a, B);
}

/** atan t for t in [0, 1] (or π/2 − atan t when `complement`): five halvings t → t/(1 + √(1 + t²)), then Taylor. */
function atanFixed(t: bigint, B: number, complement: boolean, pi: bigint): bigint {
  const b = BigInt(B);
  const one = 1n << b;
  const halvings = 5;
  for (let h = 0; h < halvings; h++) t = (t << b) / (one + isqrt(one * one + t * t));
  const a = arcSeries(t, B, -1n) << BigInt(halvings);
  return complement ? (pi >> 1n) - a : a;
}
