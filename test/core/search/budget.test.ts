// Tests of the search budget estimate (src/core/search/budget.ts) against the recognizer itself: the
// growth table is what the enumeration stores, and the reach the estimate predicts for a memory budget is
// where a real search stops for lack of memory.

import { describe, expect, it } from 'vitest';
import { estimateDistinct, estimateSearchBudget, GROWTH, precisionDigits } from '../../../src/core/search/budget';
import { compileLanguage } from '../../../src/core/search/compiledLanguage';
import { buildLanguage, pureEmlSpec } from '../../../src/core/search/language';
import { searchProbes } from '../../../src/core/search/probes';
import { recognize } from '../../../src/core/search/recognize';
import { constantTarget, functionTarget } from '../../../src/core/search/target';

const MiB = 1024 ** 2;
const strideOf = (variables: string[], leaves: string[]): number =>
  compileLanguage(buildLanguage(pureEmlSpec(searchProbes(variables, 2), leaves)), 'extended').stride;

describe('estimateSearchBudget({ leaves, stride, maxK, maxBytes })', () => {
  /** Asserts that measured levels agree with a GROWTH row to 1 % (an estimate need not follow every rounding change of the engine). */
  const expectNear = (measured: number[], table: readonly number[]): void => {
    measured.forEach((d, i) => expect(Math.abs(d - table[i]!), `level ${2 * i + 1}: ${d} vs ${table[i]}`).toBeLessThanOrEqual(0.01 * d));
  };

  it('GROWTH holds the distinct values per K that the enumeration stores for {1} and {1, x}, to 1 %', async () => {
    const c = await recognize({ target: constantTarget('pi'), semantics: 'extended', maxK: 25, maxBytes: 256 * MiB });
    expect(c.levels.length).toBeGreaterThanOrEqual(11);
    expectNear(c.levels.map((l) => l.distinct), GROWTH[1]);
    const f = await recognize({ target: functionTarget('x^(x^x) + 7'), semantics: 'extended', maxK: 19, maxBytes: 256 * MiB });
    expect(f.levels.length).toBeGreaterThanOrEqual(7);
    expectNear(f.levels.map((l) => l.distinct), GROWTH[2]);
  });

  it.each([2, 6, 24])('predicts where a search for pi with %i MiB stops for lack of memory', async (mib) => {
    const estimate = estimateSearchBudget({ leaves: 1, stride: strideOf([], ['1']), maxK: 61, maxBytes: mib * MiB });
    expect(estimate.limit).toBe('memory');
    const r = await recognize({ target: constantTarget('pi'), semantics: 'extended', maxK: 61, maxBytes: mib * MiB });
    expect(r.stop.kind).toBe('memoryLimit');
    expect(r.decidedUpTo).toBe(estimate.decidableUpTo);
    expect(Math.max(...r.levels.map((l) => l.K))).toBe(estimate.storedUpTo);
    // the level it refuses would exceed the budget at its peak, as the search projected it before refusing it
    const refused = estimate.levels.find((l) => l.K === estimate.storedUpTo + 2)!;
    expect(r.stop).toMatchObject({ kind: 'memoryLimit', level: refused.K });
    const stop = r.stop as { heldBytes: number; projectedBytes: number };
    expect(refused.peakBytes).toBeGreaterThan(mib * MiB);
    expect(Math.abs(refused.peakBytes - (stop.heldBytes + stop.projectedBytes))).toBeLessThanOrEqual(0.02 * (stop.heldBytes + stop.projectedBytes));
    expect(estimate.levels.filter((l) => l.storable).every((l) => l.K === 1 || l.peakBytes <= mib * MiB)).toBe(true);
    // the memory the estimate says each stored level holds is what the search held after growing it, to 2 % (below
    // K 19 the few kB of match indexes the estimate leaves out weigh more)
    for (const l of r.levels.filter((x) => x.K >= 19)) {
      const e = estimate.levels.find((x) => x.K === l.K)!;
      expect(Math.abs(e.cumulativeBytes - l.bytes), `K ${l.K}: ${e.cumulativeBytes} vs ${l.bytes}`).toBeLessThanOrEqual(0.02 * l.bytes);
    }
  });

  it('predicts where a search for a function of x over {1, x} with 16 MiB stops for lack of memory', async () => {
    const estimate = estimateSearchBudget({ leaves: 2, stride: strideOf(['x'], ['1', 'x']), maxK: 41, maxBytes: 16 * MiB });
    const r = await recognize({ target: functionTarget('x^(x^x) + 7'), semantics: 'extended', maxK: 41, maxBytes: 16 * MiB });
    expect(r.stop.kind).toBe('memoryLimit');
    expect(r.decidedUpTo).toBe(estimate.decidableUpTo);
  });

  it('says max K is the limit when the budget stores every level a search up to max K needs', () => {
    const b = estimateSearchBudget({ leaves: 1, stride: strideOf([], ['1']), maxK: 25, maxBytes: 512 * MiB });
    expect(b.limit).toBe('maxK');
    expect(b.decidableUpTo).toBe(25);
    expect(b.levels.map((l) => l.K)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25]);
    expect(b.levels.every((l) => l.decidable)).toBe(true);
  });

  it('lists every odd K up to max K, marking the sizes beyond the memory as not decidable', () => {
    const b = estimateSearchBudget({ leaves: 1, stride: strideOf([], ['1']), maxK: 99, maxBytes: 512 * MiB });
    expect(b.levels).toHaveLength(50);
    expect(b.levels.at(-1)!.K).toBe(99);
    expect(b.levels.filter((l) => l.decidable).map((l) => l.K).at(-1)).toBe(b.decidableUpTo);
    expect(b.decidableUpTo).toBeLessThan(105 - 2); // the compiler's K of pi (105) is far out of reach
    // memory and formulas grow with K
    for (let i = 1; i < b.levels.length; i++) {
      expect(b.levels[i]!.cumulativeBytes).toBeGreaterThan(b.levels[i - 1]!.cumulativeBytes);
      expect(b.levels[i]!.formulas).toBeGreaterThanOrEqual(b.levels[i - 1]!.formulas);
    }
  });

  it('counts formulas as the trees over the distinct subtree values: K 5 over {1} has 2 (eml(1, eml(1, 1)) and its mirror)', () => {
    const b = estimateSearchBudget({ leaves: 1, stride: 4, maxK: 5, maxBytes: 64 * MiB });
    expect(b.levels.map((l) => l.formulas)).toEqual([1, 1 + 1, 1 + 1 + 2]);
  });

  it('replaces the table by the levels a run measured, and carries on with their growth ratio', () => {
    const measured = [{ K: 1, distinct: 1 }, { K: 3, distinct: 10 }, { K: 5, distinct: 100 }, { K: 7, distinct: 1000 }];
    const d = estimateDistinct(1, 11, measured);
    expect(d).toEqual([
      { K: 1, distinct: 1, measured: true }, { K: 3, distinct: 10, measured: true }, { K: 5, distinct: 100, measured: true },
      { K: 7, distinct: 1000, measured: true }, { K: 9, distinct: 10000, measured: false }, { K: 11, distinct: 100000, measured: false },
    ]);
  });
});

describe('precisionDigits({ text, tolerance, points })', () => {
  it.each([
    ['3.14159', 1e-9, 1, 6],
    ['0.000123', 1e-9, 1, 3],
    ['pi', 1e-9, 1, 9],
    ['2', 1e-9, 1, 9],
    ['ln(x)', 1e-9, 2, 18],
  ])('%s at tolerance %d over %i point(s) tells 10^%i values apart', (text, tolerance, points, digits) => {
    expect(precisionDigits({ text, tolerance, points })).toBeCloseTo(digits, 10);
  });
});
