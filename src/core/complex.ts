// Complex float64 arithmetic with the principal branch and the engine's three semantics.
// `clog` is the principal branch: ln z = ln|z| + i·Arg z, Arg in (−π, π]; the cut lies on the negative
// real axis and belongs to the upper side (a −0 imaginary part is read as +0), see semantics.ts.
// Kernels write into a caller-owned `Cx` (no allocation); `cx()` makes one for scalar code.
// Inverse functions use the textbook logarithmic forms (same definitions as the precise evaluator):
//   asin z = −i·ln(iz + √(1−z²)), acos z = π/2 − asin z, atan z = (i/2)(ln(1−iz) − ln(1+iz)),
//   asinh z = ln(z + √(z²+1)), acosh z = ln(z + √(z+1)·√(z−1)), atanh z = (ln(1+z) − ln(1−z))/2.

import type { Semantics } from './semantics';

/** A mutable complex number (re, im). */
export interface Cx { re: number; im: number }

/** Returns a new complex number. */
export function cx(re: number, im = 0): Cx {
  return { re, im };
}

/** Writes exp(a + ib) into r under the given semantics (see semantics.ts). */
export function cexpTo(r: Cx, a: number, b: number, sem: Semantics): Cx {
  if (sem === 'extended' && !(Number.isFinite(a) && Number.isFinite(b))) {
    // C99 Annex G: exp(−∞ + iy) = +0·cis(y); exp(+∞ ± i0) = +∞ ± i0; exp(+∞ + iy) = ∞·cis(y)
    if (a === -Infinity) {
      if (Number.isFinite(b)) { r.re = 0 * Math.cos(b); r.im = 0 * Math.sin(b); } else { r.re = 0; r.im = 0; }
      return r;
    }
    if (a === Infinity) {
      if (b === 0) { r.re = Infinity; r.im = b; return r; }
      if (Number.isFinite(b)) { r.re = Infinity * Math.cos(b); r.im = Infinity * Math.sin(b); return r; }
      r.re = Infinity; r.im = NaN; return r;
    }
    if (Number.isNaN(a) && b === 0) { r.re = NaN; r.im = b; return r; }
  }
  const m = Math.exp(a);
  if (b === 0) { r.re = m; r.im = m * b; return r; } // m·(±0): NaN when m = ∞, as IEEE's ∞·0
  r.re = m * Math.cos(b);
  r.im = m * Math.sin(b);
  return r;
}

/** Returns ln|z| accurately, also when |z| is close to 1 (log1p form). */
export function logAbs(re: number, im: number): number {
  const ar = Math.abs(re), ai = Math.abs(im);
  const big = ar > ai ? ar : ai, small = ar > ai ? ai : ar;
  if (big > 0.5 && big < 2 && small < 1) {
    // |z|² − 1 = (big − 1)(big + 1) + small², computed without cancellation of |z|² against 1
    return 0.5 * Math.log1p((big - 1) * (big + 1) + small * small);
  }
  return Math.log(Math.hypot(re, im));
}

/**
 * Writes the logarithm of re + i·im into r: the principal branch (Arg in (−π, π], a −0 imaginary part
 * read as +0, Arg 0 = 0) under 'ieee'/'strict'; under 'extended' the C99 clog, where signed zeros
 * choose the side of the cut (ln(−1 − 0i) = −iπ, ln(−0 + 0i) = −∞ + iπ).
 */
export function clogTo(r: Cx, re: number, im: number, sem: Semantics = 'ieee'): Cx {
  const signedZeros = sem === 'extended';
  if (im === 0 && re > 0) { r.re = Math.log(re); r.im = signedZeros ? im : 0; return r; }
  const l = logAbs(re, im);
  r.re = l;
  r.im = signedZeros ? Math.atan2(im, re) : re === 0 && im === 0 ? 0 : Math.atan2(im + 0, re);
  return r;
}

/** Writes a·b into r. */
export function cmulTo(r: Cx, ar: number, ai: number, br: number, bi: number): Cx {
  if (ai === 0 && bi === 0) { r.re = ar * br; r.im = 0; return r; }
  const re = ar * br - ai * bi;
  r.im = ar * bi + ai * br;
  r.re = re;
  return r;
}

/** Writes a/b into r (Smith's algorithm, avoids needless overflow). */
export function cdivTo(r: Cx, ar: number, ai: number, br: number, bi: number): Cx {
  if (ai === 0 && bi === 0) { r.re = ar / br; r.im = 0; return r; }
  if (Math.abs(br) >= Math.abs(bi)) {
    const q = bi / br, d = br + bi * q;
    const re = (ar + ai * q) / d;
    r.im = (ai - ar * q) / d;
    r.re = re;
  } else {
    const q = br / bi, d = bi + br * q;
    const re = (ar * q + ai) / d;
    r.im = (ai * q - ar) / d;
    r.re = re;
  }
  return r;
}

/** Writes the principal square root into r (sqrt 0 = 0; branch cut on the negative axis, upper side). */
export function csqrtTo(r: Cx, re: number, im: number): Cx {
  if (re === 0 && im === 0) { r.re = 0; r.im = 0; return r; }
  if (im === 0) {
    if (re > 0) { r.re = Math.sqrt(re); r.im = 0; } else { r.re = 0; r.im = Math.sqrt(-re); }
    return r;
  }
  const m = Math.hypot(re, im);
  if (re >= 0) {
    const t = Math.sqrt(0.5 * (m + re));
    r.re = t; r.im = im / (2 * t);
  } else {
    const t = Math.sqrt(0.5 * (m - re));
    r.re = Math.abs(im) / (2 * t); r.im = im < 0 ? -t : t;
  }
  return r;
}

/** Writes a^b = exp(b·ln a) into r (0^b = 0 for Re b > 0, 1 for b = 0, NaN otherwise). */
export function cpowTo(r: Cx, ar: number, ai: number, br: number, bi: number, sem: Semantics): Cx {
  if (ar === 0 && ai === 0) {
    if (br === 0 && bi === 0) { r.re = 1; r.im = 0; } else if (br > 0) { r.re = 0; r.im = 0; } else { r.re = NaN; r.im = NaN; }
    return r;
  }
  if (ai === 0 && bi === 0 && ar > 0) { r.re = Math.pow(ar, br); r.im = 0; return r; }
  if (ai === 0 && bi === 0 && Number.isInteger(br) && Math.abs(br) <= 64) {
    // exact real power of a negative base by an integer exponent
    r.re = Math.pow(ar, br); r.im = 0; return r;
  }
  clogTo(r, ar, ai, sem);
  cmulTo(r, br, bi, r.re, r.im);
  return cexpTo(r, r.re, r.im, sem);
}

/** Writes sin(a + ib) into r. */
export function csinTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.sin(a); r.im = 0; return r; }
  r.re = Math.sin(a) * Math.cosh(b);
  r.im = Math.cos(a) * Math.sinh(b);
  return r;
}

/** Writes cos(a + ib) into r. */
export function ccosTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.cos(a); r.im = 0; return r; }
  r.re = Math.cos(a) * Math.cosh(b);
  r.im = -Math.sin(a) * Math.sinh(b);
  return r;
}

/** Writes sinh(a + ib) into r. */
export function csinhTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.sinh(a); r.im = 0; return r; }
  r.re = Math.sinh(a) * Math.cos(b);
  r.im = Math.cosh(a) * Math.sin(b);
  return r;
}

/** Writes cosh(a + ib) into r. */
export function ccoshTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.cosh(a); r.im = 0; return r; }
  r.re = Math.cosh(a) * Math.cos(b);
  r.im = Math.sinh(a) * Math.sin(b);
  return r;
}

/** Writes tan(a + ib) into r. */
export function ctanTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.tan(a); r.im = 0; return r; }
  // tan z = (sin 2a + i sinh 2b) / (cos 2a + cosh 2b)
  const d = Math.cos(2 * a) + Math.cosh(2 * b);
  r.re = Math.sin(2 * a) / d;
  r.im = Math.sinh(2 * b) / d;
  if (!Number.isFinite(d)) { r.re = 0; r.im = b > 0 ? 1 : -1; }
  return r;
}

/** Writes tanh(a + ib) into r. */
export function ctanhTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.tanh(a); r.im = 0; return r; }
  // tanh z = −i·tan(iz), iz = −b + ia
  ctanTo(r, -b, a);
  const re = r.im;
  r.im = -r.re;
  r.re = re;
  return r;
}

const T1: Cx = cx(0), T2: Cx = cx(0), T3: Cx = cx(0);

/** Writes asin z = −i·ln(iz + √(1−z²)) into r (real fast path on [−1, 1]). */
export function casinTo(r: Cx, a: number, b: number): Cx {
  if (b === 0 && a >= -1 && a <= 1) { r.re = Math.asin(a); r.im = 0; return r; }
  cmulTo(T1, a, b, a, b);
  csqrtTo(T1, 1 - T1.re, -T1.im);
  clogTo(T2, T1.re - b, T1.im + a);
  r.re = T2.im; r.im = -T2.re;
  return r;
}

/** Writes acos z = π/2 − asin z into r. */
export function cacosTo(r: Cx, a: number, b: number): Cx {
  if (b === 0 && a >= -1 && a <= 1) { r.re = Math.acos(a); r.im = 0; return r; }
  casinTo(r, a, b);
  r.re = Math.PI / 2 - r.re; r.im = -r.im;
  return r;
}

/** Writes atan z = (i/2)(ln(1−iz) − ln(1+iz)) into r. */
export function catanTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.atan(a); r.im = 0; return r; }
  clogTo(T1, 1 + b, -a); // 1 − iz
  clogTo(T2, 1 - b, a); // 1 + iz
  const dr = T1.re - T2.re, di = T1.im - T2.im;
  r.re = -di / 2; r.im = dr / 2;
  return r;
}

/** Writes asinh z = ln(z + √(z²+1)) into r. */
export function casinhTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.asinh(a); r.im = 0; return r; }
  cmulTo(T1, a, b, a, b);
  csqrtTo(T1, T1.re + 1, T1.im);
  return clogTo(r, a + T1.re, b + T1.im);
}

/** Writes acosh z = ln(z + √(z+1)·√(z−1)) into r. */
export function cacoshTo(r: Cx, a: number, b: number): Cx {
  if (b === 0 && a >= 1) { r.re = Math.acosh(a); r.im = 0; return r; }
  csqrtTo(T1, a + 1, b);
  csqrtTo(T2, a - 1, b);
  cmulTo(T3, T1.re, T1.im, T2.re, T2.im);
  return clogTo(r, a + T3.re, b + T3.im);
}

/** Writes atanh z = (ln(1+z) − ln(1−z))/2 into r. */
export function catanhTo(r: Cx, a: number, b: number): Cx {
  if (b === 0 && a > -1 && a < 1) { r.re = Math.atanh(a); r.im = 0; return r; }
  clogTo(T1, 1 + a, b);
  clogTo(T2, 1 - a, -b);
  r.re = (T1.re - T2.re) / 2; r.im = (T1.im - T2.im) / 2;
  return r;
}

/** True when both parts are finite. */
export function isFiniteCx(re: number, im: number): boolean {
  return Number.isFinite(re) && Number.isFinite(im);
}
