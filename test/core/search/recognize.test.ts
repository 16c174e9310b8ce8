import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate';
import { size } from '../../../src/core/expr';
import { evaluatePrecise } from '../../../src/core/precise/evaluatePrecise';
import { parseEml } from '../../../src/core/syntax';
import { recognize, recognizeMany } from '../../../src/core/search/recognize';
import { constantTarget, functionTarget } from '../../../src/core/search/target';
import type { Semantics } from '../../../src/core/semantics';
import { primitiveTable } from '../../helpers/reference';

const ref = new Map(primitiveTable().map((r) => [r.name, r]));

describe('recognize: the reference\'s shortest forms', () => {
  // name, target, semantics, expected K (from the reference table: paper extended / "no ∞" columns)
  const rows: Array<[string, string, 'const' | 'fn', Semantics, number]> = [
    ['2', '2', 'const', 'extended', ref.get('2')!.paperShortestK_extended!],
    ['2', '2', 'const', 'strict', ref.get('2')!.paperShortestK_ieee!],
    ['0', '0', 'const', 'strict', 7],
    ['-1', '-1', 'const', 'extended', ref.get('-1')!.paperShortestK_extended!],
    ['-1', '-1', 'const', 'strict', ref.get('-1')!.paperShortestK_ieee!],
    ['ln', 'ln(x)', 'fn', 'strict', ref.get('ln')!.paperShortestK_ieee!],
    ['neg', '-x', 'fn', 'extended', ref.get('neg')!.paperShortestK_extended!],
    ['neg', '-x', 'fn', 'strict', ref.get('neg')!.paperShortestK_ieee!],
    ['inv', '1/x', 'fn', 'extended', ref.get('inv')!.paperShortestK_extended!],
    ['sub', 'x - y', 'fn', 'extended', ref.get('sub')!.paperShortestK_extended!],
  ];
  it.each(rows)('%s = %s (%s) under %s semantics has the reference\'s minimal K = %i', async (_name, text, kind, semantics, K) => {
    const target = kind === 'const' ? constantTarget(text) : functionTarget(text);
    const r = await recognize({ target, semantics, maxK: K });
    expect(r.found).toBe(true);
    expect(r.K).toBe(K);
    expect(r.decidedUpTo).toBe(K);
    const hit = r.hits[0]!;
    expect(hit.verification.verified).toBe(true);
    expect(hit.verification.agreeingDigits).toBeGreaterThanOrEqual(30);
    // the reported tree really is the target, independently of the search: evaluate it
    const tree = parseEml(hit.eml);
    for (const pt of r.verificationPoints) {
      const got = evaluate(tree, pt, { semantics }), want = evaluate(target.expr, pt);
      expect(Math.abs(got.re - want.re) + Math.abs(got.im - want.im)).toBeLessThan(1e-9 * Math.max(1, Math.abs(want.re)));
    }
  });

  it('finds x·y at K = 17 with a form that is exact at 40 digits', async () => {
    const r = await recognize({ target: functionTarget('x*y'), semantics: 'extended', maxK: 17 });
    expect(r.K).toBe(ref.get('mul')!.paperShortestK_extended);
    expect(r.hits[0]!.verification.agreeingDigits).toBeGreaterThanOrEqual(30);
  });

  it('−2 needs fewer tokens with complex intermediates than in the real domain (extended semantics)', async () => {
    const complex = await recognize({ target: constantTarget('-2'), semantics: 'extended', maxK: 31 });
    const real = await recognize({ target: constantTarget('-2'), semantics: 'extended', domain: 'real', maxK: 31 });
    expect(complex.K).toBe(25);
    expect(real.K).toBe(27);
    // the complex form takes a logarithm of a negative number: its real-domain evaluation is not real throughout
    expect(real.K! > complex.K!).toBe(true);
  });

  it.each([['extended', 25, 'paperShortestK_extended'], ['strict', 27, 'paperShortestK_ieee']] as const)(
    '−2 under %s semantics has K %i, below the paper\'s table, with a hit exact at 40 digits', async (semantics, K, column) => {
      expect(ref.get('-2')![column]).toBeGreaterThan(K); // the paper's table: 31 (extended), 37 (no ∞)
      const r = await recognize({ target: constantTarget('-2'), semantics, maxK: K });
      expect(r.K).toBe(K);
      expect(r.decidedUpTo).toBe(K);
      expect(r.minimality).toMatch(new RegExp(`with K < ${K} matched`));
      const hit = r.hits[0]!;
      expect(hit.verification.verified).toBe(true);
      expect(hit.verification.agreeingDigits).toBe(40);
      // independently of the search: the printed tree, read back and evaluated at 40 digits, is −2
      const tree = parseEml(hit.eml);
      expect(size(tree)).toBe(K);
      const v = evaluatePrecise(tree, {}, { digits: 40 });
      expect(v.re).toBe('-2');
      expect(Math.abs(Number(v.im))).toBeLessThan(1e-40);
      expect(evaluate(tree, {}, { semantics }).re).toBeCloseTo(-2, 14);
    });

  it('searches several targets over one enumeration', async () => {
    const r = await recognizeMany({ targets: ['0', '-1', '2', 'e'].map(constantTarget), semantics: 'extended', maxK: 19 });
    expect(r.results.map((t) => t.K)).toEqual([7, 15, 19, 3]);
  });
});

describe('recognize: every hit is re-verified (collisions never give a wrong answer)', () => {
  it('rejects a tree that equals the target at every probe point but not elsewhere', async () => {
    // equal to x at both search probes (γ and Catalan's G), different everywhere else
    const target = functionTarget('x + (x - 0.5772156649015329)*(x - 0.915965594177219)');
    const r = await recognize({ target, semantics: 'extended', maxK: 5 });
    expect(r.rejected.map((j) => j.eml)).toContain('x');
    expect(r.rejected[0]!.failure).toMatch(/differs from the target/);
    expect(r.found).toBe(false);
  });

  it('rejects a float64 match that disagrees at 40 digits', async () => {
    // within the float64 tolerance of 2 (its K = 19 tree is a candidate), but not equal to it
    const r = await recognize({ target: constantTarget('2 + 1e-11'), semantics: 'extended', maxK: 19 });
    expect(r.found).toBe(false);
    expect(r.rejected.some((j) => j.K === 19 && /digits agree/.test(j.failure))).toBe(true);
  });
});

describe('recognize: limits, cancellation and bad input', () => {
  it('stops at the time limit and says how far every K was decided', async () => {
    let t = 0;
    const r = await recognize({ target: constantTarget('pi'), semantics: 'extended', maxK: 45, now: () => (t += 5), timeLimitMs: 400 });
    expect(r.stop.kind).toBe('timeLimit');
    expect(r.found).toBe(false);
    expect(r.minimality).toMatch(new RegExp(`K ≤ ${r.decidedUpTo} matched`));
  });

  it('stops when cancelled', async () => {
    let calls = 0;
    const r = await recognize({ target: constantTarget('pi'), semantics: 'extended', maxK: 45, shouldStop: () => ++calls > 50 });
    expect(r.stop.kind).toBe('cancelled');
  });

  it('stops before a level that would exceed the memory budget', async () => {
    const r = await recognize({ target: constantTarget('pi'), semantics: 'extended', maxK: 45, maxBytes: 2 * 1024 ** 2 });
    expect(r.stop.kind).toBe('memoryLimit');
    expect(r.peakBytes).toBeLessThanOrEqual(2 * 1024 ** 2);
  });

  it('names malformed targets, unknown leaves and absurd limits', async () => {
    expect(() => constantTarget('2 +')).toThrow(/malformed constant target '2 \+'/);
    expect(() => constantTarget('x + 1')).toThrow(/uses the variable x; use --fn/);
    expect(() => functionTarget('2')).toThrow(/has no variable/);
    expect(() => functionTarget('x + y + z')).toThrow(/at most two are supported/);
    await expect(recognize({ target: constantTarget('2'), semantics: 'extended', maxK: 0 })).rejects.toThrow(/max K must be an integer from 1 to 199/);
    await expect(recognize({ target: constantTarget('2'), semantics: 'extended', maxK: 1e6 })).rejects.toThrow(/max K/);
    await expect(recognize({ target: constantTarget('2'), semantics: 'extended', leaves: ['1', 'q'] })).rejects.toThrow(/leaf 'q' uses the variable q/);
    await expect(recognize({ target: constantTarget('ln(0)'), semantics: 'extended' })).rejects.toThrow(/not a finite number/);
    await expect(recognize({ target: constantTarget('2'), semantics: 'extended', tolerance: 0.5 })).rejects.toThrow(/tolerance/);
    // below the fingerprints' 40-bit resolution values are stored as one: such a tolerance is refused, not hung on
    for (const tolerance of [1e-13, 1e-15, 1e-300, 0, -1, NaN]) {
      await expect(recognize({ target: constantTarget('2'), semantics: 'extended', tolerance })).rejects.toThrow(/tolerance must be at least 2\^-40/);
    }
    expect((await recognize({ target: constantTarget('2'), semantics: 'extended', maxK: 19, tolerance: 2 ** -40 })).K).toBe(19);
  });
});
