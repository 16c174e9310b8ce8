import { describe, expect, it } from 'vitest';
import { type Cx, ccoshTo, ccosTo, csinhTo, csinTo, csqrtTo, ctanhTo, ctanTo, cx } from '../../src/core/complex';
import { cacoshTo, cacosTo, casinhTo, casinTo, catanhTo, catanTo } from '../../src/core/complexInverse';

type Fn = (r: Cx, a: number, b: number) => Cx;
const at = (f: Fn, a: number, b: number): Cx => f(cx(0), a, b);
const near = (got: Cx, want: Cx, tol = 1e-15, what = ''): void => {
  const scale = Math.max(1, Math.hypot(want.re, want.im));
  expect(Math.hypot(got.re - want.re, got.im - want.im) / scale, `${what}: got ${got.re} + ${got.im}i, want ${want.re} + ${want.im}i`).toBeLessThanOrEqual(tol);
};

// hand-derived closed forms: acosh 2 = ln(2 + √3), and the textbook formulas evaluated exactly on each cut
const L = Math.log(2 + Math.sqrt(3)); // 1.3169578969248166
const L3 = Math.log(3) / 2;
const H = Math.PI / 2;

describe('inverse functions on their branch cuts (the paper\'s and Mathematica\'s convention)', () => {
  // N[ArcSin[2]] in Mathematica is 1.5708 − 1.31696 I; −i·ln(2i + √(1 − 4)) = −i·ln(i(2 + √3)) gives the same
  const table: Array<[string, Fn, number, number, Cx]> = [
    ['asin(2)', casinTo, 2, 0, { re: H, im: -L }], ['asin(−2)', casinTo, -2, 0, { re: -H, im: L }],
    ['acos(2)', cacosTo, 2, 0, { re: 0, im: L }], ['acos(−2)', cacosTo, -2, 0, { re: Math.PI, im: -L }],
    ['atanh(2)', catanhTo, 2, 0, { re: L3, im: -H }], ['atanh(−2)', catanhTo, -2, 0, { re: -L3, im: H }],
    ['acosh(−2)', cacoshTo, -2, 0, { re: L, im: Math.PI }], ['acosh(1/2)', cacoshTo, 0.5, 0, { re: 0, im: Math.PI / 3 }],
    ['atan(2i)', catanTo, 0, 2, { re: H, im: L3 }], ['atan(−2i)', catanTo, 0, -2, { re: -H, im: -L3 }],
    ['asinh(2i)', casinhTo, 0, 2, { re: L, im: H }], ['asinh(−2i)', casinhTo, 0, -2, { re: -L, im: -H }],
  ];
  it.each(table)('%s takes the textbook value, whatever the sign of the zero part', (_name, f, a, b, want) => {
    for (const z of [[a, b], [a === 0 ? -0 : a, b === 0 ? -0 : b]] as const) near(at(f, z[0], z[1]), want, 4e-16, _name); // a few ulps: Math.acos(½) and π/3 differ in the last bit
  });

  it.each(table)('%s is the limit from the counter-clockwise side, not the other one', (_name, f, a, b, want) => {
    // beside the cut: real-axis cuts (b = 0) are left vertically, imaginary-axis cuts (a = 0) horizontally
    const d = 1e-12;
    const sides = b === 0 ? [at(f, a, d), at(f, a, -d)] : [at(f, d, b), at(f, -d, b)];
    const matches = sides.filter((s) => Math.hypot(s.re - want.re, s.im - want.im) < 1e-6);
    expect(matches).toHaveLength(1);
  });
});

describe('inverse functions off the cuts', () => {
  // f(f⁻¹(z)) = z for every z, and the principal ranges pin the branch: an independent check of every value
  const forward: Array<[string, Fn, Fn, (w: Cx) => boolean]> = [
    ['asin', casinTo, csinTo, (w) => Math.abs(w.re) <= H + 1e-15],
    ['acos', cacosTo, ccosTo, (w) => w.re >= 0 && w.re <= Math.PI + 1e-15],
    ['atan', catanTo, ctanTo, (w) => Math.abs(w.re) <= H],
    ['asinh', casinhTo, csinhTo, (w) => Math.abs(w.im) <= H + 1e-15],
    ['acosh', cacoshTo, ccoshTo, (w) => w.re >= 0 && Math.abs(w.im) <= Math.PI],
    ['atanh', catanhTo, ctanhTo, (w) => Math.abs(w.im) <= H],
  ];
  const points: Array<[number, number]> = [];
  for (let i = 0; i < 400; i++) points.push([Math.sin(i * 1.7) * 6, Math.cos(i * 2.3) * 6]); // a deterministic cloud in [−6, 6]²
  for (const v of [1e-9, 0.5, 0.999, 1.001, 3]) points.push([v, 1e-10], [-v, -1e-10], [1e-10, v], [-1e-10, -v]);

  it.each(forward)('%s: f(f⁻¹(z)) = z, with the value in the principal range', (name, inv, f, inRange) => {
    for (const [a, b] of points) {
      const w = at(inv, a, b);
      expect(inRange(w), `${name}(${a} + ${b}i) = ${w.re} + ${w.im}i`).toBe(true);
      const back = at(f, w.re, w.im);
      // f'(w) grows like |z|, and near the branch points f⁻¹ is ill-conditioned: allow a few ulps of |z|
      near(back, { re: a, im: b }, 1e-13, `${name} at ${a} + ${b}i`);
    }
  });

  it('asin, acos, acosh, atanh stay accurate near ±1, where 1 − z² would cancel', () => {
    // asin(1 − u) = π/2 − √(2u)·(1 + O(u)); at z = 1 + εi, u = −εi and √(2u) = √ε·(1 − i): asin z ≈ π/2 − √ε + i√ε
    const e = 1e-20;
    const w = at(casinTo, 1, e);
    expect(w.im / Math.sqrt(e)).toBeCloseTo(1, 9);
    expect((H - w.re) / Math.sqrt(e)).toBeCloseTo(1, 5);
    // atanh(x) for tiny x is x; atanh(1 − 2^−40) = ½·ln(2^41 − 1)
    expect(at(catanhTo, 1e-300, 1e-300)).toEqual({ re: 1e-300, im: 1e-300 });
    expect(at(catanhTo, 1 - 2 ** -40, 0).re).toBeCloseTo(0.5 * Math.log(2 ** 41 - 1), 12);
  });
});

describe('finite values near the largest doubles', () => {
  // for |z| → ∞: asinh z = acosh z = ln(2z) + O(1/z²) when Re z > 0 (an independent closed form), ln 2z = ln 2 + ln|z| + i·Arg z
  const ln2z = (lnAbs: number, arg: number): Cx => ({ re: Math.LN2 + lnAbs, im: arg });
  it.each([[1e300], [1e307], [1.7e308]])('at %s·(1 + i) sqrt, ln, asin, acos, asinh, acosh, atan, atanh are finite and right', (s) => {
    const lnAbs = Math.log(s) + 0.5 * Math.LN2;
    const r = Math.sqrt(s) * 2 ** 0.25; // √|z| = √s·2^¼
    near(at(csqrtTo, s, s), { re: r * Math.cos(Math.PI / 8), im: r * Math.sin(Math.PI / 8) }, 1e-15, 'sqrt');
    near(at(csqrtTo, -s, -s), { re: r * Math.sin(Math.PI / 8), im: -r * Math.cos(Math.PI / 8) }, 1e-15, 'sqrt of the third quadrant');
    near(at(casinhTo, s, s), ln2z(lnAbs, Math.PI / 4), 1e-15, 'asinh');
    near(at(cacoshTo, s, s), ln2z(lnAbs, Math.PI / 4), 1e-15, 'acosh');
    // asin z = −i·asinh(iz) = −i·(−ln(−2iz)) for Re(iz) < 0, acos z = π/2 − asin z
    near(at(casinTo, s, s), { re: Math.PI / 4, im: Math.LN2 + lnAbs }, 1e-15, 'asin');
    near(at(cacosTo, s, s), { re: Math.PI / 4, im: -(Math.LN2 + lnAbs) }, 1e-15, 'acos');
    // atan z = π/2 − 1/z + ..., atanh z = 1/z + iπ/2 + ...: 1/z = (1 − i)/(2s)
    near(at(catanTo, s, s), { re: H, im: 1 / (2 * s) }, 1e-15, 'atan');
    near(at(catanhTo, s, s), { re: 1 / (2 * s), im: H }, 1e-15, 'atanh');
  });

  it('sqrt keeps full accuracy for subnormal arguments', () => {
    const s = 1e-310;
    const r = Math.sqrt(Math.sqrt(2) * 1e-10) * 1e-150; // √(s√2) with s = 1e-10·1e-300
    const got = at(csqrtTo, s, s);
    expect(got.re / (r * Math.cos(Math.PI / 8))).toBeCloseTo(1, 14);
    expect(got.im / (r * Math.sin(Math.PI / 8))).toBeCloseTo(1, 14);
  });
});
