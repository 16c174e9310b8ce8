import { describe, expect, it } from 'vitest';
import { cexpTo, clogTo, csqrtTo, cx } from '../../src/core/complex';
import { applyOpTo } from '../../src/core/applyOp';
import type { OpName } from '../../src/core/ops';

const exp = (a: number, b: number, sem: 'ieee' | 'extended' | 'strict' = 'ieee') => cexpTo(cx(0), a, b, sem);
const log = (a: number, b: number, sem: 'ieee' | 'extended' | 'strict' = 'ieee') => clogTo(cx(0), a, b, sem);

describe('complex float64 rules', () => {
  it('exp and ln agree with Math.exp and Math.log on the real axis', () => {
    for (const x of [-700, -5, -0.5, 0, 1e-300, 0.5, 2, 5, 700]) {
      expect(exp(x, 0).re).toBe(Math.exp(x));
      expect(exp(x, 0).im).toBe(0);
      if (x > 0) expect(log(x, 0).re).toBe(Math.log(x));
    }
  });

  it('ln is the principal branch: ln(−1) = +iπ, also for a −0 imaginary part, under ieee', () => {
    expect(log(-1, 0)).toEqual({ re: 0, im: Math.PI });
    expect(log(-1, -0)).toEqual({ re: 0, im: Math.PI });
    expect(log(-2, 1e-300).im).toBeCloseTo(Math.PI, 15);
    expect(log(-2, -1e-300).im).toBeCloseTo(-Math.PI, 15);
    expect(log(0, 1).im).toBe(Math.PI / 2);
  });

  it('ln |z| stays accurate near |z| = 1', () => {
    // ln|1 + 1e-10 i| = ½·ln(1 + 1e-20) ≈ 5e-21, lost entirely by log(hypot(...))
    expect(log(1, 1e-10).re).toBeCloseTo(5e-21, 30);
    expect(log(1, 1e-10).re / 5e-21).toBeCloseTo(1, 12);
  });

  it('semantics: ln 0 = −∞ everywhere; exp(+∞) differs between ieee and extended', () => {
    expect(log(0, 0)).toEqual({ re: -Infinity, im: 0 });
    expect(exp(-Infinity, 0).re).toBe(0);
    expect(exp(-Infinity, 0, 'extended')).toEqual({ re: 0, im: 0 });
    expect(exp(Infinity, 0, 'extended')).toEqual({ re: Infinity, im: 0 });
    expect(Number.isNaN(exp(Infinity, 0, 'ieee').im)).toBe(true); // ∞·sin 0 = ∞·0 = NaN
    expect(exp(-Infinity, Infinity, 'extended')).toEqual({ re: 0, im: 0 });
    expect(Number.isNaN(exp(-Infinity, Infinity, 'ieee').re)).toBe(true);
  });

  it('ln(−1 − 0i) = +iπ under every semantics: the sign of a zero never picks the side of the cut', () => {
    for (const sem of ['ieee', 'extended', 'strict'] as const) {
      expect(log(-1, -0, sem)).toEqual({ re: 0, im: Math.PI });
      expect(log(-2.5, -0, sem).im).toBe(Math.PI);
      expect(log(-2.5, -0, sem).re).toBe(Math.log(2.5));
    }
  });

  it('extended keeps C99\'s signed zeros where the modulus is 0 or ∞: they carry the phase of ln 0 and ln ∞', () => {
    expect(log(-Infinity, -0, 'extended')).toEqual({ re: Infinity, im: -Math.PI });
    expect(log(-Infinity, -0, 'ieee')).toEqual({ re: Infinity, im: Math.PI });
    expect(log(-0, 0, 'extended')).toEqual({ re: -Infinity, im: Math.PI });
    expect(log(-0, -0, 'extended')).toEqual({ re: -Infinity, im: -Math.PI });
    expect(log(0, 0, 'ieee')).toEqual({ re: -Infinity, im: 0 });
  });

  it('sqrt is the principal root', () => {
    expect(csqrtTo(cx(0), -4, 0)).toEqual({ re: 0, im: 2 });
    const r = csqrtTo(cx(0), 3, 4);
    expect(r.re).toBeCloseTo(2, 15);
    expect(r.im).toBeCloseTo(1, 15);
    const s = csqrtTo(cx(0), -3, -4);
    expect(s.re).toBeCloseTo(1, 15);
    expect(s.im).toBeCloseTo(-2, 15);
  });

  const realRef: Array<[OpName, (x: number) => number, number[]]> = [
    ['sin', Math.sin, [-5, -2, -0.5, 0.5, 2, 5]], ['cos', Math.cos, [-5, -2, 0.5, 5]], ['tan', Math.tan, [-1.2, 0.3, 1]],
    ['sinh', Math.sinh, [-5, 0.5, 5]], ['cosh', Math.cosh, [-5, 0.5, 5]], ['tanh', Math.tanh, [-5, 0.5, 5]],
    ['asin', Math.asin, [-1, -0.5, 0.5, 1]], ['acos', Math.acos, [-1, 0.3, 1]], ['atan', Math.atan, [-5, 0.5, 5]],
    ['asinh', Math.asinh, [-5, 0.5, 5]], ['acosh', Math.acosh, [1, 2, 5]], ['atanh', Math.atanh, [-0.9, 0.5]],
    ['sqrt', Math.sqrt, [0, 2, 9]], ['exp', Math.exp, [-2, 3]], ['ln', Math.log, [0.5, 3]],
    ['sigmoid', (x) => 1 / (1 + Math.exp(-x)), [-3, 0, 3]], ['sec', (x) => 1 / Math.cos(x), [0.5]],
    ['csc', (x) => 1 / Math.sin(x), [0.5]], ['cot', (x) => Math.cos(x) / Math.sin(x), [0.5]],
    ['asec', (x) => Math.acos(1 / x), [2]], ['acsc', (x) => Math.asin(1 / x), [2]], ['acot', (x) => Math.atan(1 / x), [2]],
  ];
  it.each(realRef)('%s agrees with Math on real points', (op, f, xs) => {
    for (const x of xs) {
      const r = applyOpTo(cx(0), op, x, 0, 0, 0, 'ieee');
      expect(r.re).toBeCloseTo(f(x), 13);
      expect(r.im).toBe(0);
    }
  });

  it('complex sin, cos and their inverses satisfy identities off the real axis', () => {
    for (const [a, b] of [[0.3, 0.4], [-1.2, 0.7], [1.1, -1.5]] as const) { // |Re| < π/2: the principal range of asin
      const s = applyOpTo(cx(0), 'sin', a, b, 0, 0, 'ieee');
      const c = applyOpTo(cx(0), 'cos', a, b, 0, 0, 'ieee');
      // sin² + cos² = 1
      const re = s.re * s.re - s.im * s.im + c.re * c.re - c.im * c.im;
      const im = 2 * s.re * s.im + 2 * c.re * c.im;
      expect(re).toBeCloseTo(1, 12);
      expect(im).toBeCloseTo(0, 12);
      const back = applyOpTo(cx(0), 'asin', s.re, s.im, 0, 0, 'ieee');
      expect(back.re).toBeCloseTo(a, 12);
      expect(back.im).toBeCloseTo(b, 12);
    }
  });

  it('sqrt scales huge and tiny arguments and the complex hypot scales its squares: finite, accurate values', () => {
    // √(s(1 + i)) = √s·2^¼·(cos π/8 + i sin π/8), for s up to the largest doubles and down to subnormals
    for (const s of [1.7e308, 1e300, 1e-300, 5e-324 * 2 ** 20]) {
      const r = csqrtTo(cx(0), s, s), m = Math.sqrt(s) * 2 ** 0.25;
      expect(r.re / (m * Math.cos(Math.PI / 8))).toBeCloseTo(1, 14);
      expect(r.im / (m * Math.sin(Math.PI / 8))).toBeCloseTo(1, 14);
    }
    // hypot(s(1 + i), s) = s·√((1 + i)² + 1) = s·√(1 + 2i)
    const h = applyOpTo(cx(0), 'hypot', 1e200, 1e200, 1e200, 0, 'ieee'), u = csqrtTo(cx(0), 1, 2);
    expect(h.re / (1e200 * u.re)).toBeCloseTo(1, 14);
    expect(h.im / (1e200 * u.im)).toBeCloseTo(1, 14);
    const t = applyOpTo(cx(0), 'hypot', 1e-200, 1e-200, 1e-200, 0, 'ieee');
    expect(t.re / (1e-200 * u.re)).toBeCloseTo(1, 14);
  });

  it('eml(x, y) = exp(x) − ln(y) on complex inputs', () => {
    const r = applyOpTo(cx(0), 'eml', 0.5, 0.25, -2, 1, 'ieee');
    const e = exp(0.5, 0.25), l = log(-2, 1);
    expect(r).toEqual({ re: e.re - l.re, im: e.im - l.im });
  });
});
