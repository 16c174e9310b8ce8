import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { PRIMITIVE_FORMULAS } from '../../../src/core/compile/primitives';
import { atan2Series, lnSeries, piSeries, sinCosSeries } from '../../../src/core/precise/elementary';
import { evaluatePrecise } from '../../../src/core/precise/evaluatePrecise';
import { parseInfix } from '../../../src/core/syntax';
import { checkIdentities } from '../../../src/core/verify/identities';

const D300 = Decimal.clone({ precision: 300 });
/** |a − b| ≤ 10^−digits·max(1, |b|) */
const agree = (a: Decimal.Value, b: Decimal.Value, digits: number): boolean => {
  const x = new Decimal(a), y = new Decimal(b);
  return x.minus(y).abs().lte(new Decimal(10).pow(-digits).times(Decimal.max(1, y.abs())));
};

/** The digits of ⌊v·10^n⌋ for a BigInt fixed-point series, as a decimal string "0.ddd…" with n digits. */
const fixedToString = (v: bigint, n: number): string => {
  const s = v.toString().padStart(n, '0');
  return `${s.slice(0, s.length - n) || '0'}.${s.slice(s.length - n)}`;
};

describe('arbitrary-precision ln, π, sin, cos, atan2 (the series used above decimal.js\'s limit)', () => {
  it('agree with decimal.js to 300 digits where decimal.js still works', () => {
    for (const x of ['2', '10', '0.3', '1e-40', '7e1234', '1.000000000000000000000000000000000001', '98765.4321']) {
      expect(agree(lnSeries(D300, new D300(x)), D300.ln(x), 298), `ln ${x}`).toBe(true);
    }
    expect(agree(piSeries(D300), D300.acos(-1), 298)).toBe(true);
    for (const x of ['0.5', '-2', '3.14159', '100', '-1e-30', '1e20', '7.5', '-1234.5']) {
      const r = sinCosSeries(D300, new D300(x));
      expect(agree(r.sin, D300.sin(x), 297), `sin ${x}`).toBe(true);
      expect(agree(r.cos, D300.cos(x), 297), `cos ${x}`).toBe(true);
    }
    for (const [y, x] of [['1', '2'], ['-3', '0.5'], ['1e-40', '-1'], ['2', '-2'], ['-5', '-1e-3'], ['0', '-1'], ['1', '0']]) {
      expect(agree(atan2Series(D300, new D300(y!), new D300(x!)), D300.atan2(y!, x!), 297), `atan2(${y}, ${x})`).toBe(true);
    }
  });

  it('round their results to the precision of the clone, like decimal.js, so ln(exp(e)) − e cancels to 0', () => {
    for (const p of [101, 105, 120, 300]) {
      const D = Decimal.clone({ precision: p, rounding: Decimal.ROUND_HALF_EVEN });
      const e = D.exp(1);
      for (const v of [lnSeries(D, new D(2)), lnSeries(D, D.exp(e)), piSeries(D), sinCosSeries(D, new D('0.5')).sin, atan2Series(D, new D(1), new D(3))]) {
        expect(v.sd(), `${p} digits`).toBeLessThanOrEqual(p);
      }
      // e − ln(e^e) is exactly 0 in decimal.js's own arithmetic; the paper's forms reach ln 0 = −∞ through it
      expect(D.sub(e, lnSeries(D, D.exp(e))).isZero(), `${p} digits`).toBe(true);
      expect(lnSeries(D, new D(2)).eq(D.ln(2)), `ln 2 at ${p} digits`).toBe(true);
    }
  });

  it('keep relative accuracy for tiny results (ln near 1, sin of a tiny angle, atan2 of a tiny ratio)', () => {
    // ln(1 + 10^−200) = 10^−200 − 10^−400/2 + …, sin(10^−250) = 10^−250 − 10^−750/6, atan2(10^−200, 1) = 10^−200 − …
    expect(agree(lnSeries(D300, new D300('1e-200').plus(1)).times('1e200'), new D300(1).minus('0.5e-200'), 295)).toBe(true);
    expect(agree(sinCosSeries(D300, new D300('1e-250')).sin.times('1e250'), 1, 295)).toBe(true);
    expect(agree(atan2Series(D300, new D300('1e-200'), new D300(1)).times('1e200'), 1, 295)).toBe(true);
  });
});

describe('--digits up to its documented maximum, 1000', () => {
  it('ln 2 to 1000 digits equals the series Σ 1/(k·2^k) summed independently in BigInt', () => {
    const n = 1030;
    const scale = 10n ** BigInt(n);
    let sum = 0n;
    for (let k = 1n, p = 2n; scale / (k * p) > 0n; k++, p *= 2n) sum += scale / (k * p);
    const want = new Decimal(fixedToString(sum, n)).toSD(1000, Decimal.ROUND_HALF_EVEN).toString();
    expect(evaluatePrecise(parseInfix('ln(2)'), {}, { digits: 1000 }).re).toBe(want);
  });

  it('π to 1000 digits equals Euler\'s 4·(atan ½ + atan ⅓) summed independently in BigInt', () => {
    const n = 1030;
    const one = 10n ** BigInt(n);
    const atanInv = (q: bigint): bigint => {
      let sum = 0n, term = one / q, k = 1n, sign = 1n;
      while (term > 0n) { sum += (sign * term) / k; term /= q * q; k += 2n; sign = -sign; }
      return sum;
    };
    const want = new Decimal(fixedToString(4n * (atanInv(2n) + atanInv(3n)), n)).toSD(1000, Decimal.ROUND_HALF_EVEN).toString();
    expect(evaluatePrecise(parseInfix('pi'), {}, { digits: 1000 }).re).toBe(want);
  });

  it('every compiled primitive equals its formula at 80 and 100 digits, where the working precision needs the series', () => {
    // the identity check works at digits + 25 > 100, so ln, sin, cos, atan2 and π come from the series here
    for (const digits of [80, 100]) {
      const failed = checkIdentities({ digits, names: ['neg', 'add', 'pi', 'sqrt', 'hypot'] }).filter((r) => !r.passed);
      expect(failed.map((r) => `${r.name}: ${r.failure}`), `${digits} digits`).toEqual([]);
    }
  });

  it('every primitive evaluates at 300 digits (own series) consistently with 60 digits (decimal.js)', () => {
    const at = { x: { re: '0.3', im: '0.7' }, y: { re: '-1.25', im: '0.5' } };
    for (const [name, formula] of Object.entries(PRIMITIVE_FORMULAS)) {
      const t = parseInfix(formula);
      const hi = evaluatePrecise(t, at, { digits: 300 }), lo = evaluatePrecise(t, at, { digits: 60 });
      expect(hi.ok, name).toBe(true);
      expect(agree(hi.re, lo.re, 58) && agree(hi.im, lo.im, 58), `${name}: ${hi.re.slice(0, 30)} vs ${lo.re.slice(0, 30)}`).toBe(true);
    }
  });
});
