// Complex float64 arithmetic with the principal branch and the engine's three semantics.
// Branch cuts follow the paper's (Mathematica's) convention in every semantics: `clog` is the principal
// branch ln z = ln|z| + i·Arg z with Arg in (−π, π]; the cut lies on the negative real axis and belongs to
// its upper side, so a zero imaginary part of either sign counts as +0 (ln(−1 − 0i) = +iπ). Only under
// 'extended', where the modulus is 0 or ∞, does the sign of a zero choose the phase, as C99 Annex G's clog
// does (ln(−0 + 0i) = −∞ + iπ): the phase of an infinity survives exp(−∞ + iy) = ±0 and the next ln.
// Kernels write into a caller-owned `Cx` (no allocation); `cx()` makes one for scalar code.
// The inverse functions live in complexInverse.ts.

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

/** Returns ln|z| accurately, also when |z| is close to 1 (log1p form) or beyond the largest double. */
export function logAbs(re: number, im: number): number {
  const ar = Math.abs(re), ai = Math.abs(im);
  const big = ar > ai ? ar : ai, small = ar > ai ? ai : ar;
  if (big > 0.5 && big < 2 && small < 1) {
    // |z|² − 1 = (big − 1)(big + 1) + small², computed without cancellation of |z|² against 1
    return 0.5 * Math.log1p((big - 1) * (big + 1) + small * small);
  }
  const h = Math.hypot(re, im);
  // |z| may exceed the largest double (1.8e308) although both parts are finite
  return h === Infinity && big < Infinity ? Math.log(Math.hypot(ar * 0.25, ai * 0.25)) + 2 * Math.LN2 : Math.log(h);
}

/**
 * Writes the principal logarithm of re + i·im into r: Arg in (−π, π], a zero imaginary part of either sign read
 * as +0 (ln(−1 − 0i) = +iπ), Arg 0 = 0; under 'extended' a zero of modulus 0 or ∞ takes its phase from the
 * signs of its parts, as C99's clog (ln(−0 + 0i) = −∞ + iπ, ln(−0 − 0i) = −∞ − iπ, ln(−∞ − 0i) = +∞ − iπ).
 */
export function clogTo(r: Cx, re: number, im: number, sem: Semantics = 'ieee'): Cx {
  if (im === 0 && re > 0) { r.re = Math.log(re); r.im = sem === 'extended' ? im : 0; return r; }
  r.re = logAbs(re, im);
  if (im !== 0) r.im = Math.atan2(im, re);
  else if (sem === 'extended' && (re === 0 || re === -Infinity)) r.im = Math.atan2(im, re);
  else r.im = re === 0 ? 0 : Math.atan2(0, re); // the cut belongs to the upper side: π (NaN stays NaN)
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

const BIG = 2 ** 1020, TINY = 2 ** -1000, UP = 2 ** 1000, UP_ROOT = 2 ** -500;

/**
 * Writes the principal square root into r: Re ≥ 0, and +i·√|x| on the cut (x < 0, a zero imaginary part of
 * either sign), sqrt 0 = 0. Arguments near the overflow or underflow threshold are scaled by a power of 4 first,
 * so every finite argument has a finite, accurate root.
 */
export function csqrtTo(r: Cx, re: number, im: number): Cx {
  if (im === 0) {
    if (re < 0) { r.re = 0; r.im = Math.sqrt(-re); } else { r.re = Math.sqrt(re); r.im = 0; }
    return r;
  }
  let x = Math.abs(re), y = Math.abs(im);
  if (y === Infinity) { r.re = Infinity; r.im = im; return r; } // C99: √(x ± i∞) = ∞ ± i∞, even for x = NaN
  if (x === Infinity) {
    if (re > 0) { r.re = Infinity; r.im = Number.isNaN(im) ? NaN : im > 0 ? 0 : -0; } else { r.re = Number.isNaN(im) ? NaN : 0; r.im = im < 0 ? -Infinity : Infinity; }
    return r;
  }
  let scale = 1;
  const big = x > y ? x : y;
  if (big > BIG) { x *= 0.25; y *= 0.25; scale = 2; } else if (big < TINY) { x *= UP; y *= UP; scale = UP_ROOT; }
  const t = Math.sqrt((x + Math.hypot(x, y)) * 0.5); // |Re √z| when re ≥ 0, |Im √z| otherwise (scaled)
  const u = y / (2 * t);
  if (re >= 0) { r.re = t * scale; r.im = (im < 0 ? -u : u) * scale; } else { r.re = u * scale; r.im = (im < 0 ? -t : t) * scale; }
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

/** True when both parts are finite. */
export function isFiniteCx(re: number, im: number): boolean {
  return Number.isFinite(re) && Number.isFinite(im);
}
