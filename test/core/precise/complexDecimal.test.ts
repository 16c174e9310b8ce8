// Tests of the arbitrary-precision complex arithmetic: agreement with Math.* on the real axis, identities at
// 50 digits, principal branches on the cuts, extended values, and accuracy for tiny and huge arguments.

import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type CDec, complexDecimal } from '../../../src/core/precise/complexDecimal';

const c60 = complexDecimal(60);
const c70 = complexDecimal(70);
const R = (x: number | string, y: number | string = 0): CDec => c70.of(x, y);

/** |a − b| as a Decimal (wide enough for 50-digit checks). */
function dist(a: CDec, b: CDec): Decimal {
  const D = c70.D;
  return D.sqrt(D.add(D.sub(a.re, b.re).pow(2), D.sub(a.im, b.im).pow(2)));
}

function expectClose(a: CDec, b: CDec, tol = '1e-50'): void {
  const d = dist(a, b);
  const scale = Decimal.max(1, c70.D.sqrt(b.re.pow(2).plus(b.im.pow(2))));
  expect(d.div(scale).lte(tol), `|${a.re} + ${a.im}i − (${b.re} + ${b.im}i)| = ${d}`).toBe(true);
}

function relErr(got: number, want: number): number {
  return want === 0 ? Math.abs(got) : Math.abs(got - want) / Math.abs(want);
}

type Unary = 'exp' | 'ln' | 'sqrt' | 'sin' | 'cos' | 'tan' | 'sinh' | 'cosh' | 'tanh' | 'asin' | 'acos' | 'atan'
  | 'asinh' | 'acosh' | 'atanh' | 'sec' | 'csc' | 'cot' | 'asec' | 'acsc' | 'acot' | 'sigmoid';

const REAL_CASES: [Unary, (x: number) => number, number[]][] = [
  ['exp', Math.exp, [-30, -1.5, -0.1, 0, 1e-10, 0.5, 1, 2.25, 40]],
  ['ln', Math.log, [1e-20, 0.001, 0.5, 0.999, 1.5, 2, 10, 1e30]],
  ['sqrt', Math.sqrt, [0, 1e-30, 0.25, 2, 3, 1e10]],
  ['sin', Math.sin, [-3, -0.5, 1e-8, 0.3, 1, 2, 10, 100]],
  ['cos', Math.cos, [-3, -0.5, 0, 0.3, 1, 2, 10, 100]],
  ['tan', Math.tan, [-1.2, -0.5, 0.3, 1, 1.5, 4]],
  ['sinh', Math.sinh, [-5, -0.1, 1e-9, 0.5, 3, 20]],
  ['cosh', Math.cosh, [-5, -0.1, 0, 0.5, 3, 20]],
  ['tanh', Math.tanh, [-5, -0.1, 1e-9, 0.5, 3]],
  ['asin', Math.asin, [-1, -0.9, -0.2, 1e-12, 0.3, 0.7, 1]],
  ['acos', Math.acos, [-1, -0.9, -0.2, 0, 0.3, 0.7]],
  ['atan', Math.atan, [-50, -1, -0.2, 1e-12, 0.3, 1, 7, 1e6]],
  ['asinh', Math.asinh, [-1e8, -3, -0.2, 1e-12, 0.3, 2, 1e6]],
  ['acosh', Math.acosh, [1, 1.25, 1.5, 2, 10, 1e8]],
  ['atanh', Math.atanh, [-0.99, -0.5, 1e-12, 0.2, 0.9]],
  ['sec', (x) => 1 / Math.cos(x), [-1, 0.2, 2]],
  ['csc', (x) => 1 / Math.sin(x), [-1, 0.2, 2]],
  ['cot', (x) => 1 / Math.tan(x), [-1, 0.2, 2]],
  ['asec', (x) => Math.acos(1 / x), [-3, -1.1, 1.5, 4]],
  ['acsc', (x) => Math.asin(1 / x), [-3, -1.1, 1.5, 4]],
  ['acot', (x) => Math.atan(1 / x), [-3, -0.4, 0.5, 4]],
  ['sigmoid', (x) => 1 / (1 + Math.exp(-x)), [-20, -1, 0, 0.5, 3]],
];

describe('complexDecimal on the real axis', () => {
  for (const [name, ref, xs] of REAL_CASES) {
    it(`${name} matches its Math.* reference to 1e-15 relative with a zero imaginary part`, () => {
      for (const x of xs) {
        const z = c60[name](c60.of(x));
        const got = z.re.toNumber();
        expect(relErr(got, ref(x)), `${name}(${x}) = ${z.re}`).toBeLessThan(1e-15);
        expect(z.im.abs().lte('1e-45'), `${name}(${x}) imaginary part ${z.im}`).toBe(true);
      }
    });
  }

  it('pow matches Math.pow for positive bases and is exact for integer exponents of negative bases', () => {
    for (const [a, b] of [[2, 0.5], [3.5, -1.25], [10, 22], [0.7, 3.3]] as const) {
      expect(relErr(c60.pow(c60.of(a), c60.of(b)).re.toNumber(), Math.pow(a, b))).toBeLessThan(1e-15);
    }
    const m = c60.pow(c60.of(-2), c60.of(3));
    expect(m.re.toString()).toBe('-8');
    expect(m.im.isZero()).toBe(true);
    expect(c60.pow(c60.of(-2), c60.of(-2)).re.toString()).toBe('0.25');
  });
});

describe('complexDecimal identities at 50 digits', () => {
  const points: CDec[] = [R(0.3, 0.4), R(-1.7, 0.25), R(2.5, -3), R(-0.2, -0.9), R(0, 2), R(-4, 0), R('1e-5', '3e-6')];

  it('sin² z + cos² z = 1 at complex points', () => {
    for (const z of points) {
      expectClose(c70.add(c70.sqr(c70.sin(z)), c70.sqr(c70.cos(z))), c70.one);
    }
  });

  it('cosh² z − sinh² z = 1 and tan z = sin z / cos z at complex points', () => {
    for (const z of points) {
      expectClose(c70.sub(c70.sqr(c70.cosh(z)), c70.sqr(c70.sinh(z))), c70.one, '1e-48');
    }
  });

  it('exp(ln z) = z and ln(exp z) = z in the principal strip', () => {
    for (const z of points) {
      expectClose(c70.exp(c70.ln(z)), z);
      expectClose(c70.ln(c70.exp(z)), z);
    }
  });

  it('sqrt(z)² = z with Re sqrt z ≥ 0', () => {
    for (const z of points) {
      const s = c70.sqrt(z);
      expect(s.re.gte(0)).toBe(true);
      expectClose(c70.sqr(s), z);
    }
  });

  it('the inverse functions invert their functions near 0', () => {
    for (const z of [R(0.1, 0.05), R(-0.3, 0.2), R(0.25, -0.15), R('1e-7', '-2e-7')]) {
      expectClose(c70.asin(c70.sin(z)), z);
      expectClose(c70.atan(c70.tan(z)), z);
      expectClose(c70.asinh(c70.sinh(z)), z);
      expectClose(c70.atanh(c70.tanh(z)), z);
      const w = c70.add(z, R(1, 0)); // acos and acosh are invertible away from 0
      expectClose(c70.acos(c70.cos(w)), w);
      expectClose(c70.acosh(c70.cosh(w)), w);
    }
  });

  it('asec, acsc, acot invert sec, csc, cot', () => {
    const z = R(0.6, 0.3);
    expectClose(c70.asec(c70.sec(z)), z);
    expectClose(c70.acsc(c70.csc(z)), z);
    expectClose(c70.acot(c70.cot(z)), z);
  });

  it('log(b, z) · ln b = ln z, hypot(3, 4) = 5, avg and half', () => {
    const z = R(2.5, -1);
    const b = R(3, 0.5);
    expectClose(c70.mul(c70.log(b, z), c70.ln(b)), c70.ln(z));
    expectClose(c70.hypot(R(3), R(4)), R(5));
    expectClose(c70.avg(R(1, 2), R(3, -4)), R(2, -1));
    expectClose(c70.half(R(1, 3)), R(0.5, 1.5));
  });
});

describe('complexDecimal principal branches', () => {
  it('ln(−1) = iπ exactly, also for a negative zero imaginary part', () => {
    const pi = c70.D.acos(-1);
    for (const z of [c70.of(-1, 0), c70.of(-1, '-0')]) {
      const l = c70.ln(z);
      expect(l.re.isZero()).toBe(true);
      expect(l.im.eq(pi)).toBe(true);
    }
  });

  it('ln(−2) has imaginary part +π and ln(−i) has −π/2', () => {
    const pi = c70.D.acos(-1);
    expect(c70.ln(R(-2)).im.eq(pi)).toBe(true);
    expect(c70.ln(R(0, -1)).im.eq(pi.div(-2))).toBe(true);
    expect(c70.ln(R(-1, '-1e-60')).im.lt(0)).toBe(true); // below the cut: Arg near −π
  });

  it('sqrt(−4) = 2i for either zero sign', () => {
    for (const z of [c70.of(-4, 0), c70.of(-4, '-0')]) {
      const s = c70.sqrt(z);
      expect(s.re.isZero()).toBe(true);
      expect(s.im.toString()).toBe('2');
    }
    expect(c70.sqrt(R(0)).re.isZero()).toBe(true);
  });

  it('inverse functions take the +0 side of their cuts', () => {
    const l23 = c70.D.ln(c70.D.add(2, c70.D.sqrt(3)));
    const pi = c70.D.acos(-1);
    // asin 2 = π/2 − i·ln(2 + √3); asin(−2) = −asin 2
    expectClose(c70.asin(R(2)), { re: pi.div(2), im: l23.neg() });
    expectClose(c70.asin(R(-2)), { re: pi.div(-2), im: l23 });
    // acosh(−2) = ln(2 + √3) + iπ
    expectClose(c70.acosh(R(-2)), { re: l23, im: pi });
    // atanh 2 = (ln 3 − iπ)/2; atan(2i) = π/2 + (i/2)·ln 3
    const l3 = c70.D.ln(3);
    expectClose(c70.atanh(R(2)), { re: l3.div(2), im: pi.div(-2) });
    expectClose(c70.atan(R(0, 2)), { re: pi.div(2), im: l3.div(2) });
  });
});

describe('complexDecimal extended values and accuracy', () => {
  it('ln 0 = −∞ + 0i, exp(−∞ + iy) = 0, exp(+∞) = +∞, eml(x, 0) = +∞', () => {
    const l0 = c60.ln(c60.zero);
    expect(l0.re.toString()).toBe('-Infinity');
    expect(l0.im.isZero()).toBe(true);
    const e0 = c60.exp(c60.of(-Infinity, 2));
    expect(c60.isZero(e0)).toBe(true);
    expect(c60.exp(c60.of(Infinity, 0)).re.toString()).toBe('Infinity');
    const big = c60.eml(c60.of(0.5), c60.zero);
    expect(big.re.toString()).toBe('Infinity');
    expect(big.im.isZero()).toBe(true);
    // eml(−∞, 1) = exp(−∞) − ln 1 = 0, so eml(1, eml(−∞, 1)) = e − ln 0 = +∞
    expect(c60.eml(c60.of(1), c60.eml(c60.of(-Infinity), c60.of(1))).re.toString()).toBe('Infinity');
    // ln(+∞) = +∞ and ln(−∞) = +∞ + iπ, so the paper's −∞ = e − ln(e − ln 0) exists
    expect(c60.ln(c60.of(Infinity)).re.toString()).toBe('Infinity');
    expect(c60.ln(c60.of(Infinity)).im.isZero()).toBe(true);
    expect(c60.ln(c60.of(-Infinity)).im.toString().slice(0, 12)).toBe('3.1415926535');
    const negInf = c60.eml(c60.one, c60.eml(c60.one, c60.ln(c60.one)));
    expect(negInf.re.toString()).toBe('-Infinity');
  });

  it('other non-finite cases are undefined (NaN)', () => {
    for (const z of [
      c60.ln(c60.of(Infinity, Infinity)), c60.exp(c60.of(Infinity, 1)), c60.div(c60.one, c60.zero),
      c60.sin(c60.of(Infinity)), c60.mul(c60.of(Infinity), c60.one), c60.pow(c60.zero, c60.of(-1)),
      c60.pow(c60.zero, c60.of(0, 1)), c60.atan(c60.i),
    ]) {
      expect(z.re.isNaN() && z.im.isNaN()).toBe(true);
    }
    expect(c60.pow(c60.zero, c60.of(2)).re.isZero()).toBe(true);
    expect(c60.pow(c60.zero, c60.zero).re.toString()).toBe('1');
  });

  it('exp of a huge imaginary argument is reduced correctly (exp(i·1e22) against Math)', () => {
    const z = c60.exp(c60.of(0, '1e22'));
    expect(relErr(z.re.toNumber(), Math.cos(1e22))).toBeLessThan(1e-15);
    expect(relErr(z.im.toNumber(), Math.sin(1e22))).toBeLessThan(1e-15);
    const w = c70.exp(R(0, '1e40'));
    expectClose(c70.mul(w, c70.exp(R(0, '-1e40'))), c70.one);
  });

  it('asinh, asin, atan keep full relative accuracy for tiny and huge arguments', () => {
    const D = c70.D;
    // asinh(−1e30) = −ln(2e30 + tiny)
    expectClose(c70.asinh(R('-1e30')), { re: D.ln('2e30').neg(), im: new D(0) });
    // asin(1e-30) = 1e-30 + 1e-90/6 + …, compared relatively
    const a = c70.asin(R('1e-30'));
    expect(a.re.div('1e-30').sub(1).abs().lt('1e-55')).toBe(true);
    const t = c70.atan(R('3e-25', '1e-25'));
    expect(t.re.div('3e-25').sub(1).abs().lt('1e-45')).toBe(true);
    expect(t.im.div('1e-25').sub(1).abs().lt('1e-45')).toBe(true);
    // asin of a large number in the upper half plane (cancellation-prone form)
    const big = R('1e25', '1e25');
    expectClose(c70.sin(c70.asin(big)), big);
    expect(c70.asin(big).im.gt(50)).toBe(true);
    expectClose(c70.sinh(c70.asinh(R('-3e20', '1e20'))), R('-3e20', '1e20'));
  });
});
