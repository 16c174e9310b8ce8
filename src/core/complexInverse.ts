// The inverse circular and hyperbolic functions in complex float64, with their branch cuts.
// Values are those of the textbook logarithmic definitions with the principal ln and √ (the paper's and
// Mathematica's convention; DLMF §4.23, §4.37):
//   asin z = −i·ln(iz + √(1−z²)),  acos z = π/2 − asin z,  atan z = (i/2)(ln(1−iz) − ln(1+iz)),
//   asinh z = ln(z + √(z²+1)),     acosh z = ln(z + √(z+1)·√(z−1)),  atanh z = (ln(1+z) − ln(1−z))/2.
// On a cut these formulas pick the side reached by going counter-clockwise around the branch point (asin(2) =
// π/2 − i·acosh 2, acosh(−2) = acosh 2 + iπ, atan(2i) = π/2 + (i/2)·ln 3); the sign of a zero part never
// matters. Cut points are given those values in closed form; elsewhere the functions use formulas in square roots
// of 1 ± z that neither cancel nor overflow (after Kahan, "Branch cuts for complex elementary functions"), so
// every finite argument, up to ~1e308, has a finite value.

import { type Cx, csqrtTo, cx, logAbs } from './complex';

const HALF_PI = Math.PI / 2;
const W1: Cx = cx(0), W2: Cx = cx(0), R: Cx = cx(0);
/** Beyond this modulus products of two square roots of 1 ± z could overflow: the roots are taken of (1 ± z)/4. */
const HUGE = 2 ** 1020;

/** Returns asinh(p·s²) where s² is the factor (1 or 4) the roots' product p was scaled down by. */
function asinhScaled(p: number, s2: number): number {
  // for |p·s²| > 1e300, asinh t = sign(t)·ln(2|t|) to double precision
  return s2 === 1 ? Math.asinh(p) : Math.sign(p) * (Math.log(2 * Math.abs(p)) + Math.log(s2));
}

/** Writes √((1 ∓ z)/q) into W1 and W2 (q = 1, or 4 for huge z): the two roots the asin/acos formulas need. */
function rootsOfOneMinusPlus(a: number, b: number, q: number): void {
  csqrtTo(W1, (1 - a) / q, -b / q);
  csqrtTo(W2, (1 + a) / q, b / q);
}

/** Writes asin(a + ib) into r. */
export function casinTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) {
    if (!(Math.abs(a) > 1)) { r.re = Math.asin(a); r.im = 0; return r; }
    // on the cut: (1, ∞) takes the lower side, (−∞, −1) the upper side
    const h = Math.acosh(Math.abs(a));
    r.re = a > 0 ? HALF_PI : -HALF_PI; r.im = a > 0 ? -h : h;
    return r;
  }
  // with w1 = √(1 − z), w2 = √(1 + z): cos(asin z) = w1·w2, so Re asin z = atan2(x, Re(w1·w2)), Im = asinh Im(w̄1·w2)
  const q = Math.abs(a) > HUGE || Math.abs(b) > HUGE ? 4 : 1;
  rootsOfOneMinusPlus(a, b, q);
  const re = Math.atan2(a / q, W1.re * W2.re - W1.im * W2.im);
  r.im = asinhScaled(W1.re * W2.im - W1.im * W2.re, q);
  r.re = re;
  return r;
}

/** Writes acos(a + ib) into r. */
export function cacosTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) {
    if (!(Math.abs(a) > 1)) { r.re = Math.acos(a); r.im = 0; return r; }
    const h = Math.acosh(Math.abs(a));
    r.re = a > 0 ? 0 : Math.PI; r.im = a > 0 ? h : -h;
    return r;
  }
  // Re acos z = 2·atan2(Re √(1−z), Re √(1+z)), Im = asinh Im(w̄2·w1); no cancellation near z = ±1
  const q = Math.abs(a) > HUGE || Math.abs(b) > HUGE ? 4 : 1;
  rootsOfOneMinusPlus(a, b, q);
  const re = 2 * Math.atan2(W1.re, W2.re);
  r.im = asinhScaled(W2.re * W1.im - W2.im * W1.re, q);
  r.re = re;
  return r;
}

/** Writes asinh(a + ib) = −i·asin(i(a + ib)) into r. */
export function casinhTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.asinh(a); r.im = 0; return r; }
  casinTo(R, -b, a);
  r.re = R.im; r.im = -R.re;
  return r;
}

/** Writes acosh(a + ib) into r. */
export function cacoshTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) {
    // on the cut (−∞, 1) the upper side: acosh x = i·acos x on [−1, 1], acosh|x| + iπ below −1
    if (a >= 1) { r.re = Math.acosh(a); r.im = 0; } else if (a >= -1) { r.re = 0; r.im = Math.acos(a); } else if (a < -1) { r.re = Math.acosh(-a); r.im = Math.PI; } else { r.re = NaN; r.im = NaN; }
    return r;
  }
  // with u = √(z − 1), v = √(z + 1): Re acosh z = asinh Re(ū·v), Im = 2·atan2(Im u, Re v)
  const q = Math.abs(a) > HUGE || Math.abs(b) > HUGE ? 4 : 1;
  csqrtTo(W1, (a - 1) / q, b / q);
  csqrtTo(W2, (a + 1) / q, b / q);
  const re = asinhScaled(W1.re * W2.re + W1.im * W2.im, q);
  r.im = 2 * Math.atan2(W1.im, W2.re);
  r.re = re;
  return r;
}

/** Writes atanh(a + ib) into r. */
export function catanhTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) {
    if (Math.abs(a) < 1) { r.re = Math.atanh(a); r.im = 0; return r; }
    if (a === 1 || a === -1) { r.re = a * Infinity; r.im = 0; return r; } // ln 0 = −∞ in (ln(1+z) − ln(1−z))/2
    // on the cut: ½·ln|(1+x)/(1−x)| on the lower side of (1, ∞) and the upper side of (−∞, −1)
    const h = 0.5 * Math.log1p(2 / (Math.abs(a) - 1));
    r.re = a > 0 ? h : -h; r.im = a > 0 ? -HALF_PI : HALF_PI;
    return r;
  }
  // atanh is odd: work with Re z ≥ 0, where 4x/|1−z|² ≥ 0 and the log1p below cannot cancel
  if (a < 0) { catanhTo(r, -a, -b); r.re = -r.re; r.im = -r.im; return r; }
  const ax = a, ay = Math.abs(b);
  if (ax > 1e150 || ay > 1e150) {
    // atanh z = 1/z ± iπ/2 + O(z⁻³): Re(1/z) without overflowing x² + y²
    const s = ax > ay ? ax : ay, p = a / s, q = b / s;
    r.re = p / s / (p * p + q * q);
    r.im = b > 0 ? HALF_PI : -HALF_PI;
    return r;
  }
  // (1 + z)(1 − z̄) = (1 − x² − y²) + 2iy:  Re = ¼·ln(|1+z|²/|1−z|²) = ¼·log1p(4x/|1−z|²),  Im = ½·Arg
  const d = (1 - a) * (1 - a) + b * b;
  const re = d > 1e-290 ? 0.25 * Math.log1p((4 * a) / d) : 0.5 * (logAbs(1 + a, b) - logAbs(1 - a, -b));
  r.im = 0.5 * Math.atan2(2 * b, (1 - a) * (1 + a) - b * b);
  r.re = re;
  return r;
}

/** Writes atan(a + ib) = −i·atanh(i(a + ib)) into r. */
export function catanTo(r: Cx, a: number, b: number): Cx {
  if (b === 0) { r.re = Math.atan(a); r.im = 0; return r; }
  catanhTo(R, -b, a);
  r.re = R.im; r.im = -R.re;
  return r;
}
