import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBatchWorkspace, evaluateBatchInto } from '../../src/core/evaluateBatch';
import { evaluate } from '../../src/core/evaluate';
import { evaluatePrecise } from '../../src/core/precise/evaluatePrecise';
import { type Expr, ONE, apply, constant, eml, num, size, variable } from '../../src/core/expr';
import { flatten } from '../../src/core/flat';
import { OPS } from '../../src/core/ops';
import type { Semantics } from '../../src/core/semantics';
import { parseInfix } from '../../src/core/syntax';

const x = variable('x'), y = variable('y');

/** Random expressions over the whole operator table, leaves 1, 2.5, x, y, pi, i. */
const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom<Expr>(ONE, num(2.5), x, y, constant('pi'), constant('i')),
    fc.tuple(fc.constantFrom(...OPS), tie('e'), tie('e')).map(([o, a, b]) => (o.arity === 1 ? apply(o.name, a) : apply(o.name, a, b))),
  ),
})).e;

const pureArb: fc.Arbitrary<Expr> = fc.letrec<{ e: Expr }>((tie) => ({
  e: fc.oneof({ depthSize: 'small' }, fc.constantFrom<Expr>(ONE, x, y), fc.tuple(tie('e'), tie('e')).map(([a, b]) => eml(a, b))),
})).e;

function sameNumber(a: number, b: number): boolean {
  return Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)) || (a === 0 && b === 0);
}

function batchOf(t: Expr, points: Array<[number, number, number, number]>, sem: Semantics) {
  const f = flatten(t, ['x', 'y']);
  const n = points.length;
  const inputs = {
    re: [Float64Array.from(points.map((p) => p[0])), Float64Array.from(points.map((p) => p[2]))],
    im: [Float64Array.from(points.map((p) => p[1])), Float64Array.from(points.map((p) => p[3]))],
  };
  const re = new Float64Array(n), im = new Float64Array(n);
  evaluateBatchInto(f, inputs, n, re, im, createBatchWorkspace(f.count, n), sem);
  return { re, im };
}

describe('evaluate', () => {
  it('evaluates conventional formulas like Math.*', () => {
    const v = evaluate(parseInfix('sin(x)^2 + 1/x - log(2, y)'), { x: 0.7, y: 8 });
    expect(v.re).toBeCloseTo(Math.sin(0.7) ** 2 + 1 / 0.7 - 3, 14);
    expect(v.im).toBe(0);
    expect(v.defined).toBe(true);
    expect(v.semantics).toBe('ieee');
  });

  it('evaluates eml(1, eml(eml(1, x), 1)) to ln x, including the principal branch at negative x', () => {
    const t = eml(ONE, eml(eml(ONE, x), ONE));
    expect(evaluate(t, { x: 3 }).re).toBeCloseTo(Math.log(3), 15);
    const neg = evaluate(t, { x: -2 });
    expect(neg.re).toBeCloseTo(Math.log(2), 15);
    expect(Math.abs(neg.im)).toBeCloseTo(Math.PI, 14);
  });

  it('evaluate under strict reports the first non-finite step', () => {
    const t = parseInfix('exp(1/x)');
    expect(evaluate(t, { x: 0 }, { semantics: 'ieee' }).defined).toBe(false);
    const s = evaluate(t, { x: 0 }, { semantics: 'strict' });
    expect(s.defined).toBe(false);
    expect(s.undefinedAt).toBe('div');
    // exp(−∞) = 0 is finite under ieee but undefined under strict
    const u = parseInfix('exp(ln(x))');
    expect(evaluate(u, { x: 0 }).re).toBe(0);
    expect(evaluate(u, { x: 0 }, { semantics: 'strict' }).defined).toBe(false);
  });

  it('evaluate and evaluatePrecise sum a 20000-term chain (a tree 20000 levels deep) exactly', () => {
    const terms = Array.from({ length: 20_000 }, (_, k): string => (k % 2 ? 'x' : '1'));
    const t = parseInfix(terms.join(' + '));
    expect(evaluate(t, { x: 0.5 }).re).toBe(15_000);
    expect(evaluatePrecise(t, { x: '0.5' }, { digits: 30 }).re).toBe('15000');
    // strict still names the first non-finite step, 10000 terms down the chain
    terms[10_001] = 'ln(x - 0.5)';
    const s = evaluate(parseInfix(terms.join(' + ')), { x: 0.5 }, { semantics: 'strict' });
    expect(s.defined).toBe(false);
    expect(s.undefinedAt).toBe('ln');
  });

  it('evaluate names an unbound variable', () => {
    expect(() => evaluate(parseInfix('x + z'), { x: 1 })).toThrow(/'z'/);
  });

  it('evaluateBatchInto equals the scalar evaluator bit for bit on random trees, in every semantics', () => {
    const coord = fc.oneof(fc.double({ min: -6, max: 6, noNaN: true }), fc.constantFrom(0, -0, 1, -1, 0.5));
    fc.assert(fc.property(
      fc.oneof(exprArb, pureArb),
      fc.array(fc.tuple(coord, coord, coord, coord), { minLength: 1, maxLength: 6 }),
      fc.constantFrom<Semantics>('ieee', 'extended', 'strict'),
      (t, points, sem) => {
        const b = batchOf(t, points, sem);
        points.forEach(([xr, xi, yr, yi], i) => {
          const v = evaluate(t, { x: { re: xr, im: xi }, y: { re: yr, im: yi } }, { semantics: sem });
          if (sem === 'strict' && !v.defined) {
            expect(Number.isNaN(b.re[i]!) && Number.isNaN(b.im[i]!)).toBe(true);
            return;
          }
          expect(sameNumber(b.re[i]!, v.re), `re ${b.re[i]} vs ${v.re}`).toBe(true);
          expect(sameNumber(b.im[i]!, v.im), `im ${b.im[i]} vs ${v.im}`).toBe(true);
        });
      },
    ), { numRuns: 400, seed: 20261123 });
  });

  it('flatten merges shared and equal subtrees but keeps the tree size K', () => {
    let t: Expr = x;
    for (let i = 0; i < 40; i++) t = eml(t, t); // K = 2^41 − 1 as a tree, 41 unique nodes
    const f = flatten(t);
    expect(f.count).toBe(41);
    expect(f.size).toBe(size(t));
    expect(f.size).toBe(2 ** 41 - 1);
  });

  it('evaluateBatchInto rejects a workspace that is too small', () => {
    const f = flatten(parseInfix('exp(x)'));
    const ws = createBatchWorkspace(1, 4);
    const a = new Float64Array(4);
    expect(() => evaluateBatchInto(f, { re: [a], im: [a] }, 4, a, a, ws)).toThrow(/workspace/);
  });
});
