import { describe, expect, it } from 'vitest';
import { adamStepInto, clipGradInto, createAdam, hardeningSchedule, resetAdam, resolveTrainOptions, DEFAULT_TRAIN_OPTIONS } from '../../../src/core/train';

describe('adam and clipping', () => {
  it('adamStepInto follows the bias-corrected update (β 0.9/0.999, ε 1e-8) step by step', () => {
    const a = createAdam(2), p = Float64Array.of(1, -2), grads = [[0.5, -1], [0.1, 3], [-2, 0.25]];
    let m = [0, 0], v = [0, 0];
    const want = [1, -2];
    grads.forEach((g, k) => {
      adamStepInto(a, 0, p, 0, Float64Array.from(g), 0, 0.01);
      const t = k + 1;
      m = m.map((mi, j) => 0.9 * mi + 0.1 * g[j]!);
      v = v.map((vi, j) => 0.999 * vi + 0.001 * g[j]! ** 2);
      for (let j = 0; j < 2; j++) want[j]! -= (0.01 / (1 - 0.9 ** t)) * m[j]! / (Math.sqrt(v[j]!) / Math.sqrt(1 - 0.999 ** t) + 1e-8);
      expect(p[0]).toBeCloseTo(want[0]!, 14);
      expect(p[1]).toBeCloseTo(want[1]!, 14);
    });
    resetAdam(a, 0);
    expect(a.steps[0]).toBe(0);
    expect(Array.from(a.m)).toEqual([0, 0]);
  });

  it('clipGradInto scales by maxNorm/(norm + 1e-6) only when that is below 1', () => {
    const g = Float64Array.of(3, 4);
    expect(clipGradInto(g, 0, 2, 1)).toBe(5);
    expect(g[0]).toBeCloseTo(3 / (5 + 1e-6), 15);
    const small = Float64Array.of(0.3, 0.4);
    clipGradInto(small, 0, 2, 1);
    expect(Array.from(small)).toEqual([0.3, 0.4]);
  });

  it('hardeningSchedule anneals τ from τ_search to τ_hard with power 2, ramps λ and decays lr to the floor', () => {
    const o = resolveTrainOptions();
    expect(hardeningSchedule(o, 0)).toEqual({ tau: 2.5, lamEnt: 0, lamBin: 0, lr: 0.01 });
    const mid = hardeningSchedule(o, 0.5);
    expect(mid.tau).toBeCloseTo(2.5 * (0.01 / 2.5) ** 0.25, 12);
    expect(mid.lamEnt).toBeCloseTo(0.01, 15);
    expect(mid.lr).toBeCloseTo(0.0025, 15);
    expect(hardeningSchedule(o, 0.999).lr).toBeCloseTo(1e-4, 12);
  });

  it('resolveTrainOptions keeps the reference defaults and names a bad option', () => {
    expect(resolveTrainOptions()).toEqual(DEFAULT_TRAIN_OPTIONS);
    expect(DEFAULT_TRAIN_OPTIONS.searchIters + DEFAULT_TRAIN_OPTIONS.hardeningIters).toBe(8000);
    expect(() => resolveTrainOptions({ searchIters: -1 })).toThrow(/searchIters/);
    expect(() => resolveTrainOptions({ lr: 0 })).toThrow(/lr must be positive/);
    expect(() => resolveTrainOptions({ tauSearch: NaN })).toThrow(/tauSearch/);
  });
});
