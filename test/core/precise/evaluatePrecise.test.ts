// Tests of the precise evaluator: EML identities at 40–50 digits, bindings, errors, undefined results,
// memoised evaluation of huge shared DAGs, and the probe constants against published expansions.

import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type Expr, ONE, apply, constant, eml, num, size, variable } from '../../../src/core/expr';
import { complexDecimal } from '../../../src/core/precise/complexDecimal';
import { evaluateComplex, evaluatePrecise, preciseConstants } from '../../../src/core/precise/evaluatePrecise';
import { evaluate } from '../../../src/core/evaluate';

const x = variable('x');
const y = variable('y');

// Published decimal expansions (OEIS A001113, A001620, A074962, A006752), truncated.
const E_100 = '2.7182818284590452353602874713526624977572470936999595749669676277240766303535475945713821785251664274';
const GAMMA_60 = '0.577215664901532860606512090082402431042159335939923598805767';
const GLAISHER_60 = '1.28242712910062263687534256886979172776768892732500119206374';
const CATALAN_60 = '0.915965594177219015054603514932384110774149374281672134266498';

/** ln t as a pure EML tree: eml(1, eml(eml(1, t), 1)). */
const emlLn = (t: Expr): Expr => eml(ONE, eml(eml(ONE, t), ONE));

describe('evaluatePrecise', () => {
  it('evaluates eml(1, 1) to e at 50 digits', () => {
    const r = evaluatePrecise(eml(ONE, ONE), {}, { digits: 50 });
    expect(r.ok).toBe(true);
    expect(r.re).toBe(new Decimal(E_100).toSD(50).toString());
    expect(r.im).toBe('0');
  });

  it('evaluates eml(1, eml(eml(1, x), 1)) to ln x at 40 digits for x = γ', () => {
    const g = preciseConstants(60).gamma;
    const r = evaluatePrecise(emlLn(x), { x: g });
    const D = Decimal.clone({ precision: 80 });
    expect(r.re).toBe(D.ln(g).toSD(40).toString());
    expect(Math.abs(Number(r.im))).toBeLessThan(1e-50);
  });

  it('evaluates ln(−1) to iπ and sqrt(−4) to 2i through the tree interface', () => {
    const l = evaluatePrecise(apply('ln', apply('neg', ONE)), {}, { digits: 30 });
    expect(l).toEqual({ re: '0', im: '3.14159265358979323846264338328', ok: true });
    const s = evaluatePrecise(apply('sqrt', x), { x: -4 }, { digits: 30 });
    expect(s).toEqual({ re: '0', im: '2', ok: true });
  });

  it('accepts numbers, decimal strings and complex parts as bindings', () => {
    const t = apply('add', x, y);
    expect(evaluatePrecise(t, { x: 0.1, y: '0.2' })).toEqual({ re: '0.3', im: '0', ok: true });
    expect(evaluatePrecise(t, { x: { re: '1.5', im: -2 }, y: { re: 0, im: '0.5' } })).toEqual({ re: '1.5', im: '-1.5', ok: true });
    const r = evaluatePrecise(apply('mul', constant('i'), constant('i')), {});
    expect(r).toEqual({ re: '-1', im: '0', ok: true });
  });

  it('rounds to the requested number of significant digits', () => {
    const r = evaluatePrecise(apply('div', ONE, num(3)), {}, { digits: 12 });
    expect(r.re).toBe('0.333333333333');
    const p = evaluatePrecise(constant('phi'), {}, { digits: 20 });
    expect(p.re).toBe('1.6180339887498948482');
  });

  it('throws an error naming an unbound variable', () => {
    expect(() => evaluatePrecise(apply('add', x, y), { x: 1 })).toThrow(/'y'/);
    expect(() => evaluatePrecise(x, { x: 'abc' })).toThrow(/'x'/);
  });

  it('reports undefined and infinite values with ok = false', () => {
    expect(evaluatePrecise(apply('ln', x), { x: 0 })).toEqual({ re: '-Infinity', im: '0', ok: false });
    expect(evaluatePrecise(apply('div', ONE, x), { x: 0 })).toEqual({ re: 'NaN', im: 'NaN', ok: false });
    // eml(x, 0) = exp(x) − ln 0 = +∞; exp of it is +∞ too
    expect(evaluatePrecise(eml(eml(x, y), ONE), { x: 1, y: 0 })).toEqual({ re: 'Infinity', im: '0', ok: false });
    // the extended value feeds on: exp(−∞) = 0 makes eml(ln 0, 1) = 0
    expect(evaluatePrecise(eml(apply('ln', y), ONE), { y: 0 })).toEqual({ re: '0', im: '0', ok: true });
  });

  it('evaluates a pure-EML DAG with K > 2^40 tokens quickly (memoised) to the fixed point of t − ln t', () => {
    // t' = eml(L, eml(L, 1)) = exp(ln t) − ln(exp(ln t)) = t − ln t with L = ln t shared: K doubles per level.
    let t: Expr = x;
    for (let k = 0; k < 40; k++) {
      const l = emlLn(t);
      t = eml(l, eml(l, ONE));
    }
    expect(size(t)).toBeGreaterThan(2 ** 40);
    // without memoisation this would take 2^40 steps: the test's own time limit is the check
    const r = evaluatePrecise(t, { x: 2 });
    expect(r.ok).toBe(true);
    expect(Math.abs(Number(r.re) - 1)).toBeLessThan(1e-30);
    expect(Math.abs(Number(r.im))).toBeLessThan(1e-30);
  });

  it('evaluates a shared DAG of K > 2^40 to the same value as iterating ln directly', () => {
    // t' = avg(u, u) with u = ln t as an EML tree: converges to the fixed point of ln (0.318… + 1.337…i).
    let t: Expr = x;
    for (let k = 0; k < 40; k++) {
      const u = emlLn(t);
      t = apply('avg', u, u);
    }
    expect(size(t)).toBeGreaterThan(2 ** 40);
    const ctx = complexDecimal(60);
    let z = ctx.of(3);
    for (let k = 0; k < 40; k++) z = ctx.ln(z);
    const r = evaluatePrecise(t, { x: 3 });
    expect(Math.abs(Number(r.re) - z.re.toNumber())).toBeLessThan(1e-15);
    const got = evaluateComplex(t, { x: 3 }, ctx);
    expect(got.re.sub(z.re).abs().lt('1e-45')).toBe(true);
    expect(got.im.sub(z.im).abs().lt('1e-45')).toBe(true);
    expect(z.im.toNumber()).toBeCloseTo(1.3372357014306895, 4);
  });

  it('evaluates a chain of depth 100000 without recursion', () => {
    let t: Expr = x;
    for (let k = 0; k < 100_000; k++) t = apply('neg', t);
    expect(evaluatePrecise(t, { x: 1.5 }).re).toBe('1.5');
  });
});

describe('preciseConstants', () => {
  it('returns γ, Glaisher–Kinkelin A and Catalan G matching their published 60-digit expansions', () => {
    const c = preciseConstants(60);
    expect(c.gamma).toBe(GAMMA_60);
    expect(c.glaisher).toBe(GLAISHER_60);
    expect(c.catalan).toBe(CATALAN_60);
  });

  it('gives consistent prefixes at 150 digits', () => {
    const lo = preciseConstants(60);
    const hi = preciseConstants(150);
    for (const k of ['gamma', 'glaisher', 'catalan'] as const) {
      expect(new Decimal(hi[k]).toSD(60).toString()).toBe(lo[k]);
      expect(hi[k].replace('.', '').replace(/^0+/, '').length).toBe(150);
    }
  });

  it('follows the float evaluator\'s semantics at special values: ±0 and ±∞ phases under extended, strict undefined', () => {
    // float: ln(−0 + 0i) = −∞ + iπ under 'extended' (C99), −∞ + 0i under 'ieee'; ln(−∞ − 0i) = ∞ − iπ / ∞ + iπ
    const ln = apply('ln', x);
    for (const [sem, zero, inf] of [['extended', '3.1415926535897932384626433832795', '-3.1415926535897932384626433832795'], ['ieee', '0', '3.1415926535897932384626433832795']] as const) {
      expect(evaluatePrecise(ln, { x: { re: '-0', im: '0' } }, { digits: 32, semantics: sem })).toEqual({ re: '-Infinity', im: zero, ok: false });
      expect(evaluatePrecise(ln, { x: { re: '-Infinity', im: '-0' } }, { digits: 32, semantics: sem })).toEqual({ re: 'Infinity', im: inf, ok: false });
      const f = evaluate(ln, { x: { re: -0, im: 0 } }, { semantics: sem });
      expect(f.im).toBe(Number(zero));
    }
    // exp(−∞ + iπ) = −0 + 0i keeps the phase of the infinity, so ln of it is −∞ + iπ again (float: the same)
    const back = apply('ln', apply('exp', x));
    expect(evaluatePrecise(back, { x: { re: '-Infinity', im: '3.14' } }, { digits: 20, semantics: 'extended' }).im).toBe('3.1415926535897932385');
    expect(evaluate(back, { x: { re: -Infinity, im: 3.14 } }, { semantics: 'extended' }).im).toBe(Math.PI);
    // strict: the first non-finite step makes the value undefined and is named, as in the float evaluator
    const s = evaluatePrecise(apply('exp', ln), { x: 0 }, { semantics: 'strict' });
    expect(s).toEqual({ re: 'NaN', im: 'NaN', ok: false, undefinedAt: 'ln' });
    expect(evaluate(apply('exp', ln), { x: 0 }, { semantics: 'strict' }).undefinedAt).toBe('ln');
    expect(evaluatePrecise(apply('exp', ln), { x: 0 }, { semantics: 'extended' })).toEqual({ re: '0', im: '0', ok: true });
  });

  it('reads a −0 imaginary part on a cut as +0, like the float evaluator: ln(−1 − 0i) = iπ, sqrt(−4 − 0i) = 2i', () => {
    for (const sem of ['ieee', 'extended', 'strict'] as const) {
      expect(evaluatePrecise(apply('ln', x), { x: { re: '-1', im: '-0' } }, { digits: 30, semantics: sem }).im).toBe('3.14159265358979323846264338328');
      expect(evaluatePrecise(apply('sqrt', x), { x: { re: '-4', im: '-0' } }, { digits: 30, semantics: sem })).toEqual({ re: '0', im: '2', ok: true });
    }
  });
});

