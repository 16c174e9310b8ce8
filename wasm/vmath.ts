// Vectorised exp, log, atan2, sin and cos on f64x2 lanes (WebAssembly SIMD), for the trainer's kernels and the
// enumeration's node features. Each lane follows the usual argument reduction + polynomial scheme; the polynomials
// are plain Taylor series (their coefficients are 1/k! and 1/(2k+1) or 1/(2k)!), long enough that truncation stays
// far below an ulp, and each result is assembled so that the largest term is added last. Accuracy is checked
// against Math.* in test/core/simd/vmath.test.ts (≤ 2 ulp over millions of points and the edge cases).

// ---- constants
const INV_LN2: f64 = 1.4426950408889634;
/** ln 2 split: the high part has 21 trailing zero bits, so k·LN2_HI is exact for |k| < 2^21. */
const LN2_HI: f64 = reinterpret<f64>(0x3fe62e42fee00000);
const LN2_LO: f64 = 1.90821492927058770002e-10;
/** 1.5·2^52: adding it rounds a double of magnitude < 2^51 to an integer held in the low mantissa bits. */
const SHIFT: f64 = 6755399441055744.0;
const SHIFT_BITS: i64 = 0x4338000000000000;
const TWO54: f64 = 18014398509481984.0;
const MIN_NORMAL: f64 = 2.2250738585072014e-308;
const PI_HI: f64 = 3.141592653589793;
const PI_LO: f64 = 1.2246467991473532e-16;
const PIO2_HI: f64 = 1.5707963267948966;
const PIO2_LO: f64 = 6.123233995736766e-17;
const PIO4_HI: f64 = 0.7853981633974483;
const PIO4_LO: f64 = 3.061616997868383e-17;
/** atan(1/2) and atan(3/2), each as a double and the double nearest the remainder. */
const ATAN_HALF_HI: f64 = 0.4636476090008061;
const ATAN_HALF_LO: f64 = 2.2698777452961687e-17;
const ATAN_3HALF_HI: f64 = 0.982793723247329;
const ATAN_3HALF_LO: f64 = 1.3903311031230998e-17;

/** Both lanes x. */
// @ts-ignore: decorator
@inline export function sp(x: f64): v128 { return f64x2.splat(x); }
/** a where the mask m is set, else b (bit by bit; masks are whole lanes). */
// @ts-ignore: decorator
@inline export function sel(a: v128, b: v128, m: v128): v128 { return v128.bitselect(a, b, m); }

/** exp on both lanes: x = k·ln2 + r with |r| ≤ ln2/2, e^r by its Taylor series to r^13, then ·2^k in two steps. */
// @ts-ignore: decorator
@inline export function vexp(x: v128): v128 {
  // beyond ±746 / 710 the result is 0 or ∞ anyway; min/max keep NaN
  const xc = f64x2.max(f64x2.min(x, sp(710.0)), sp(-746.0));
  const kd = f64x2.add(f64x2.mul(xc, sp(INV_LN2)), sp(SHIFT));
  const k = f64x2.sub(kd, sp(SHIFT));
  const r = f64x2.sub(f64x2.sub(xc, f64x2.mul(k, sp(LN2_HI))), f64x2.mul(k, sp(LN2_LO)));
  // q = 1/2! + r/3! + … + r^11/13! by Estrin's scheme (short dependency chains), then e^r = 1 + (r + r²·q)
  const r2 = f64x2.mul(r, r), r4 = f64x2.mul(r2, r2), r8 = f64x2.mul(r4, r4);
  const p01 = f64x2.add(sp(1.0 / 2.0), f64x2.mul(r, sp(1.0 / 6.0)));
  const p23 = f64x2.add(sp(1.0 / 24.0), f64x2.mul(r, sp(1.0 / 120.0)));
  const p45 = f64x2.add(sp(1.0 / 720.0), f64x2.mul(r, sp(1.0 / 5040.0)));
  const p67 = f64x2.add(sp(1.0 / 40320.0), f64x2.mul(r, sp(1.0 / 362880.0)));
  const p89 = f64x2.add(sp(1.0 / 3628800.0), f64x2.mul(r, sp(1.0 / 39916800.0)));
  const pab = f64x2.add(sp(1.0 / 479001600.0), f64x2.mul(r, sp(1.0 / 6227020800.0)));
  const q03 = f64x2.add(p01, f64x2.mul(r2, p23)), q47 = f64x2.add(p45, f64x2.mul(r2, p67)), q8b = f64x2.add(p89, f64x2.mul(r2, pab));
  const q = f64x2.add(f64x2.add(q03, f64x2.mul(r4, q47)), f64x2.mul(r8, q8b));
  const e = f64x2.add(sp(1.0), f64x2.add(r, f64x2.mul(r2, q)));
  // 2^k = 2^k1 · 2^k2 with both halves normal, so a subnormal result is rounded once (by the last product)
  const ki = i64x2.sub(kd, i64x2.splat(SHIFT_BITS));
  const k1 = i64x2.shr_s(ki, 1), k2 = i64x2.sub(ki, k1);
  const s1 = i64x2.shl(i64x2.add(k1, i64x2.splat(1023)), 52);
  const s2 = i64x2.shl(i64x2.add(k2, i64x2.splat(1023)), 52);
  return f64x2.mul(f64x2.mul(e, s1), s2);
}

/**
 * log on both lanes: x = 2^k·m with m in [√2/2, √2), f = m − 1, s = f/(2 + f), and
 * ln m = f − f²/2 + s·(f²/2 + R(s²)) with R(z) = Σ 2z^j/(2j + 1), j = 1 … 11.
 * x < 0 or NaN → NaN, ±0 → −∞, +∞ → +∞; subnormals are scaled by 2^54 first.
 */
// @ts-ignore: decorator
@inline export function vlog(x: v128): v128 {
  const sub = f64x2.lt(x, sp(MIN_NORMAL));
  const xs = sel(f64x2.mul(x, sp(TWO54)), x, sub);
  // move the mantissa split point from 1 to √2/2 by an integer add on the high word (0x3ff00000 − 0x3fe6a09e)
  const ix = i64x2.add(xs, i64x2.splat(0x00095f6200000000));
  const ki = i64x2.sub(i64x2.shr_u(ix, 52), i64x2.splat(1023));
  const m = i64x2.add(v128.and(ix, i64x2.splat(0x000fffffffffffff)), i64x2.splat(0x3fe6a09e00000000));
  // k as a double: k + bits(1.5·2^52) read as a double, minus 1.5·2^52
  const kf = f64x2.add(f64x2.sub(i64x2.add(ki, i64x2.splat(SHIFT_BITS)), sp(SHIFT)), sel(sp(-54.0), sp(0.0), sub));
  const f = f64x2.sub(m, sp(1.0));
  const hfsq = f64x2.mul(sp(0.5), f64x2.mul(f, f));
  const s = f64x2.div(f, f64x2.add(sp(2.0), f));
  const z = f64x2.mul(s, s);
  // R = z·(d1 + d2·z + … + d11·z^10), d_j = 2/(2j + 1), by Estrin's scheme
  const z2 = f64x2.mul(z, z), z4 = f64x2.mul(z2, z2), z8 = f64x2.mul(z4, z4);
  const e01 = f64x2.add(sp(2.0 / 3.0), f64x2.mul(z, sp(2.0 / 5.0)));
  const e23 = f64x2.add(sp(2.0 / 7.0), f64x2.mul(z, sp(2.0 / 9.0)));
  const e45 = f64x2.add(sp(2.0 / 11.0), f64x2.mul(z, sp(2.0 / 13.0)));
  const e67 = f64x2.add(sp(2.0 / 15.0), f64x2.mul(z, sp(2.0 / 17.0)));
  const e89 = f64x2.add(sp(2.0 / 19.0), f64x2.mul(z, sp(2.0 / 21.0)));
  const g03 = f64x2.add(e01, f64x2.mul(z2, e23)), g47 = f64x2.add(e45, f64x2.mul(z2, e67)), g8a = f64x2.add(e89, f64x2.mul(z2, sp(2.0 / 23.0)));
  const R = f64x2.mul(z, f64x2.add(f64x2.add(g03, f64x2.mul(z4, g47)), f64x2.mul(z8, g8a)));
  // ((s·(hfsq + R) + k·ln2_lo) − hfsq + f) + k·ln2_hi
  let y = f64x2.add(f64x2.mul(s, f64x2.add(hfsq, R)), f64x2.mul(kf, sp(LN2_LO)));
  y = f64x2.add(f64x2.sub(y, hfsq), f);
  y = f64x2.add(y, f64x2.mul(kf, sp(LN2_HI)));
  y = sel(sp(-Infinity), y, f64x2.eq(x, sp(0.0)));
  y = sel(sp(Infinity), y, f64x2.eq(x, sp(Infinity)));
  // x < 0 or NaN: not (x ≥ 0)
  return sel(y, sp(NaN), f64x2.ge(x, sp(0.0)));
}

/** atan(u) − u for |u| ≤ 7/16: u·Σ_{j=1..25} (−1)^j u^{2j}/(2j + 1), so atan(u) = u + this. */
// @ts-ignore: decorator
@inline function atanTail(u: v128): v128 {
  const z = f64x2.mul(u, u);
  let p = sp(-1.0 / 51.0);
  for (let j = 24; j >= 1; j--) {
    const c: f64 = ((j & 1) ? -1.0 : 1.0) / <f64>(2 * j + 1);
    p = f64x2.add(f64x2.mul(p, z), sp(c));
  }
  return f64x2.mul(f64x2.mul(u, z), p);
}

/**
 * atan2(y, x) on both lanes, principal value in [−π, π]. t = |y|/|x| is reduced to |u| ≤ 7/16 around 0, 1/2, 1,
 * 3/2 or ∞ (atan t = atan c + atan((t − c)/(1 + c·t))); x < 0 reflects to π − a; the sign of y is copied last.
 * Zeros, infinities and NaN follow Math.atan2.
 */
// @ts-ignore: decorator
@inline export function vatan2(y: v128, x: v128): v128 {
  const ay = f64x2.abs(y), ax = f64x2.abs(x);
  const t = f64x2.div(ay, ax);
  // the five ranges, as masks
  const r1 = f64x2.ge(t, sp(0.4375)), r2 = f64x2.ge(t, sp(0.6875)), r3 = f64x2.ge(t, sp(1.1875)), r4 = f64x2.ge(t, sp(2.4375));
  // u = (t − c)/(1 + c·t); for the top range u = −1/t
  const c = sel(sp(1.5), sel(sp(1.0), sel(sp(0.5), sp(0.0), r1), r2), r3);
  let num = f64x2.sub(t, c), den = f64x2.add(sp(1.0), f64x2.mul(c, t));
  num = sel(sp(-1.0), num, r4);
  den = sel(t, den, r4);
  const u = sel(f64x2.div(num, den), t, r1);
  const hi = sel(sp(PIO2_HI), sel(sp(ATAN_3HALF_HI), sel(sp(PIO4_HI), sel(sp(ATAN_HALF_HI), sp(0.0), r1), r2), r3), r4);
  const lo = sel(sp(PIO2_LO), sel(sp(ATAN_3HALF_LO), sel(sp(PIO4_LO), sel(sp(ATAN_HALF_LO), sp(0.0), r1), r2), r3), r4);
  // a = hi + (lo + atanTail(u) + u), the small terms first
  let a = f64x2.add(hi, f64x2.add(f64x2.add(lo, atanTail(u)), u));
  // both infinite: t is NaN; the angle is π/4 (then reflected for x < 0)
  const bothInf = v128.and(f64x2.eq(ay, sp(Infinity)), f64x2.eq(ax, sp(Infinity)));
  a = sel(sp(PIO4_HI), a, bothInf);
  // y = 0 (x any, not NaN): a = 0; x = 0 with y ≠ 0: π/2
  a = sel(sp(0.0), a, f64x2.eq(ay, sp(0.0)));
  a = sel(sp(PIO2_HI), a, v128.and(f64x2.eq(ax, sp(0.0)), f64x2.ne(ay, sp(0.0))));
  // x < 0 (including −0): π − a
  const xNeg = i64x2.lt_s(x, i64x2.splat(0));
  a = sel(f64x2.sub(sp(PI_HI), f64x2.sub(a, sp(PI_LO))), a, xNeg);
  // the sign of y
  a = v128.or(a, v128.and(y, i64x2.splat(0x8000000000000000)));
  // NaN in either input
  const nan = v128.or(f64x2.ne(x, x), f64x2.ne(y, y));
  return sel(sp(NaN), a, nan);
}

// ---- sine and cosine
const INV_PIO2: f64 = 0.6366197723675814;
/** π/2 split: the first 33 bits (so k·PIO2_1 is exact for |k| < 2^20) and the double nearest the rest. */
const PIO2_1: f64 = reinterpret<f64>(0x3ff921fb54400000);
const PIO2_1T: f64 = 6.07710050650619224932e-11;
/** Beyond this |x| (about 2^19·π/2) the two-part reduction is not trusted; such lanes use the scalar functions. */
const TRIG_MAX: f64 = 823549.0;
/** A reduced argument smaller than this, away from k = 0, may have lost bits to cancellation: scalar functions. */
const TRIG_CANCEL: f64 = 0.000244140625; // 2^-12

/** sin r for |r| ≤ π/4 (z = r²): r + r·z·Σ_{j=1..8} (−1)^j z^{j−1}/(2j + 1)!, Estrin's scheme. */
// @ts-ignore: decorator
@inline function sinKernel(r: v128, z: v128): v128 {
  const z2 = f64x2.mul(z, z), z4 = f64x2.mul(z2, z2);
  const s01 = f64x2.add(sp(-1.0 / 6.0), f64x2.mul(z, sp(1.0 / 120.0)));
  const s23 = f64x2.add(sp(-1.0 / 5040.0), f64x2.mul(z, sp(1.0 / 362880.0)));
  const s45 = f64x2.add(sp(-1.0 / 39916800.0), f64x2.mul(z, sp(1.0 / 6227020800.0)));
  const s67 = f64x2.add(sp(-1.0 / 1307674368000.0), f64x2.mul(z, sp(1.0 / 355687428096000.0)));
  const s = f64x2.add(f64x2.add(s01, f64x2.mul(z2, s23)), f64x2.mul(z4, f64x2.add(s45, f64x2.mul(z2, s67))));
  return f64x2.add(r, f64x2.mul(f64x2.mul(r, z), s));
}

/**
 * cos r for |r| ≤ π/4 (z = r²): 1 − z/2 + z²·Σ_{j=2..9} (−1)^j z^{j−2}/(2j)!; 1 − z/2 is rounded once and its
 * rounding error added back, so the result stays within an ulp where z/2 is large.
 */
// @ts-ignore: decorator
@inline function cosKernel(z: v128): v128 {
  const z2 = f64x2.mul(z, z), z4 = f64x2.mul(z2, z2);
  const c01 = f64x2.add(sp(1.0 / 24.0), f64x2.mul(z, sp(-1.0 / 720.0)));
  const c23 = f64x2.add(sp(1.0 / 40320.0), f64x2.mul(z, sp(-1.0 / 3628800.0)));
  const c45 = f64x2.add(sp(1.0 / 479001600.0), f64x2.mul(z, sp(-1.0 / 87178291200.0)));
  const c67 = f64x2.add(sp(1.0 / 20922789888000.0), f64x2.mul(z, sp(-1.0 / 6402373705728000.0)));
  const c = f64x2.add(f64x2.add(c01, f64x2.mul(z2, c23)), f64x2.mul(z4, f64x2.add(c45, f64x2.mul(z2, c67))));
  const hz = f64x2.mul(sp(0.5), z);
  const w = f64x2.sub(sp(1.0), hz);
  return f64x2.add(w, f64x2.add(f64x2.sub(f64x2.sub(sp(1.0), w), hz), f64x2.mul(z2, c)));
}

/** sin x and cos x of both lanes, set by vsincos. */
export let VSIN: v128 = f64x2.splat(0.0);
export let VCOS: v128 = f64x2.splat(0.0);

/**
 * Sets VSIN and VCOS to sin x and cos x on both lanes: x = k·π/2 + r with |r| ≤ π/4 (two-part Cody–Waite), then the
 * kernels and the quadrant k mod 4. Lanes the reduction cannot serve (|x| > 823549, NaN, ±∞, or a cancelling r) take
 * the module's scalar Math.sin and Math.cos.
 */
export function vsincos(x: v128): void {
  const kd = f64x2.add(f64x2.mul(x, sp(INV_PIO2)), sp(SHIFT));
  const k = f64x2.sub(kd, sp(SHIFT));
  const r = f64x2.sub(f64x2.sub(x, f64x2.mul(k, sp(PIO2_1))), f64x2.mul(k, sp(PIO2_1T)));
  const z = f64x2.mul(r, r);
  const s = sinKernel(r, z), c = cosKernel(z);
  const q = i64x2.sub(kd, i64x2.splat(SHIFT_BITS));
  // odd quadrants swap sine and cosine; sin is negated in quadrants 2, 3 and cos in 1, 2
  const odd = i64x2.ne(v128.and(q, i64x2.splat(1)), i64x2.splat(0));
  const sinNeg = i64x2.shl(v128.and(q, i64x2.splat(2)), 62);
  const cosNeg = i64x2.shl(v128.and(i64x2.add(q, i64x2.splat(1)), i64x2.splat(2)), 62);
  // sin(±0) = ±0 (the kernel's r + r·z·s would give +0 for −0)
  let vs = sel(x, v128.xor(sel(c, s, odd), sinNeg), f64x2.eq(x, sp(0.0)));
  let vc = v128.xor(sel(s, c, odd), cosNeg);
  const ok = v128.and(f64x2.le(f64x2.abs(x), sp(TRIG_MAX)),
    v128.or(f64x2.eq(k, sp(0.0)), f64x2.ge(f64x2.abs(r), sp(TRIG_CANCEL))));
  if (!i64x2.all_true(ok)) {
    const x0 = f64x2.extract_lane(x, 0), x1 = f64x2.extract_lane(x, 1);
    vs = sel(vs, f64x2(Math.sin(x0), Math.sin(x1)), ok);
    vc = sel(vc, f64x2(Math.cos(x0), Math.cos(x1)), ok);
  }
  VSIN = vs;
  VCOS = vc;
}
