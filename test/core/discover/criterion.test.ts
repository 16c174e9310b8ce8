import { describe, expect, it } from 'vitest';
import { FEYNMAN_LAWS, sampleLaw } from '../../../src/core/discover/benchmarkPack';
import { type CriterionScale, descriptionScore, paretoFront, type Ranked } from '../../../src/core/discover/assess';
import { prepareData } from '../../../src/core/discover/data';
import { judgeResiduals, localLinearNoise, nearestNeighbours, neighbourNoise, noiseModel, structureRatio } from '../../../src/core/discover/noise';
import { createRng, normal } from '../../../src/core/rng';

describe('descriptionScore (the information criterion)', () => {
  const noisy: CriterionScale = { rows: 300, alphabet: 5, variance: 1, floor: 0.01 };
  const exact: CriterionScale = { rows: 300, alphabet: 5, variance: 1, floor: 1e-9 };

  it('ranks a hand-made set: exact and short, exact and long, short but wrong, exact with a fitted constant', () => {
    const shortExact = descriptionScore(noisy, 0.0099, 11, 0);
    const longExact = descriptionScore(noisy, 0.0098, 27, 0);
    const shortWrong = descriptionScore(noisy, 0.05, 5, 0);
    const withConstant = descriptionScore(noisy, 0.0099, 11, 1);
    // errors below the noise floor tie, so the shorter exact formula wins
    expect(shortExact).toBeLessThan(longExact);
    // an error five times the noise costs more than 22 extra tokens
    expect(longExact).toBeLessThan(shortWrong);
    // a fitted constant costs, so the same fit without it wins
    expect(shortExact).toBeLessThan(withConstant);
    expect([shortWrong, longExact, withConstant, shortExact].sort((a, b) => a - b)).toEqual([shortExact, withConstant, longExact, shortWrong]);
  });

  it('charges a fitted constant the digits the data pin it to: more for exact data than for noisy data', () => {
    const costExact = descriptionScore(exact, 0, 11, 1) - descriptionScore(exact, 0, 11, 0);
    const costNoisy = descriptionScore(noisy, 0, 11, 1) - descriptionScore(noisy, 0, 11, 0);
    expect(costExact).toBeCloseTo(2 * Math.log(1 + Math.sqrt(300) / 1e-9), 6);
    expect(costNoisy).toBeCloseTo(2 * Math.log(1 + Math.sqrt(300) / 0.01), 6);
    expect(costExact).toBeGreaterThan(2 * costNoisy);
    // one token of K costs 2·ln(alphabet)
    expect(descriptionScore(noisy, 0, 12, 0) - descriptionScore(noisy, 0, 11, 0)).toBeCloseTo(2 * Math.log(5), 10);
  });
});

describe('paretoFront(ranked, floor)', () => {
  const r = (K: number, rmse: number) => ({ K, rmse, score: K + rmse }) as unknown as Ranked;
  it('keeps, by increasing K, each entry that lowers the error; errors below the floor count as equal', () => {
    const a = r(3, 1), b = r(7, 0.5), c = r(9, 0.7), d = r(11, 1e-12), e = r(15, 1e-16), f = r(5, 2);
    expect(paretoFront([e, c, a, f, d, b], 1e-9)).toEqual([a, b, d]);
  });
});

describe('noise-aware success', () => {
  const n = 400;
  const rng = createRng(11);
  const x = Float64Array.from({ length: n }, () => 1 + 2 * rng());
  const y = Float64Array.from({ length: n }, () => 1 + 2 * rng());
  const law = Float64Array.from(x, (v, i) => v * y[i]!);
  const sigma = 0.02;
  const noisy = Float64Array.from(law, (v) => v + sigma * normal(rng));
  const d = prepareData({ names: ['x', 'y'], inputs: [x, y], targetName: 'f', target: noisy });
  const model = noiseModel(d.train, d.targetRms, { kind: 'auto' });
  const residualsOf = (f: (a: number, b: number) => number) => {
    const r = Float64Array.from(d.train.target, (t, i) => f(d.train.inputs[0]![i]!, d.train.inputs[1]![i]!) - t);
    const h = Float64Array.from(d.heldOut.target, (t, i) => f(d.heldOut.inputs[0]![i]!, d.heldOut.inputs[1]![i]!) - t);
    const rms = (v: Float64Array) => Math.sqrt(v.reduce((s, e) => s + e * e, 0) / v.length);
    return { r, rmse: rms(r), held: rms(h) };
  };

  it('estimates the noise from local quadratics through nearest neighbours within a factor of 1.5 here', () => {
    expect(model.sigma).toBeGreaterThan(sigma / 1.5);
    expect(model.sigma).toBeLessThan(1.5 * sigma);
  });

  it('calls the exact law on noisy data exact within noise', () => {
    const t = residualsOf((a, b) => a * b);
    const v = judgeResiduals(model, t.r, t.rmse, t.held, d.heldOut.rows);
    expect(v.exact).toBe(true);
    expect(v.structure).toBeGreaterThan(0.8);
  });

  it('does not call a wrong law exact, even when its error is close to the noise', () => {
    // x·y + 0.05·(x − 2)²: a smooth trend whose RMS (about 0.022) is the noise level
    const t = residualsOf((a, b) => a * b + 0.05 * (a - 2) ** 2);
    const v = judgeResiduals(model, t.r, t.rmse, t.held, d.heldOut.rows);
    expect(v.exact).toBe(false);
    expect(v.reason).toMatch(/trend|exceeds/);
  });

  it('with a given σ, judges by the χ² margin of that σ', () => {
    const given = noiseModel(d.train, d.targetRms, { kind: 'given', sigma: 0.005 });
    const t = residualsOf((a, b) => a * b);
    expect(judgeResiduals(given, t.r, t.rmse, t.held, d.heldOut.rows).exact).toBe(false);
  });

  it('the structure ratio is about 1 for independent noise and near 0 for a smooth trend', () => {
    const nn = nearestNeighbours(d.train);
    const white = Float64Array.from({ length: d.train.rows }, () => normal(rng));
    const trend = Float64Array.from(d.train.inputs[0]!, (v) => Math.sin(v));
    expect(structureRatio(white, nn)).toBeGreaterThan(0.8);
    expect(structureRatio(trend, nn)).toBeLessThan(0.1);
    expect(neighbourNoise(white, nn)).toBeGreaterThan(0.8);
    // the local-linear estimate of pure noise around a plane is the noise
    const plane = { rows: d.train.rows, inputs: d.train.inputs, target: Float64Array.from(white, (w, i) => 3 * d.train.inputs[0]![i]! - d.train.inputs[1]![i]! + w) };
    expect(localLinearNoise(plane)).toBeGreaterThan(0.85);
    expect(localLinearNoise(plane)).toBeLessThan(1.15);
  });
});

describe('noise-aware success on steep noiseless laws', () => {
  // Feynman I.10.7, m/√(1 − v²/c²) with v up to 0.9·c: the curvature near v = c biased a local-plane estimate of
  // the (absent) noise upwards, and m·exp(v/c²) (R² 0.998) passed as exact within that "noise"
  const law = FEYNMAN_LAWS.find((l) => l.id === 'I.10.7')!;
  const data = sampleLaw(law, 400, 0, createRng(2026));
  const d = prepareData(data);
  const model = noiseModel(d.train, d.targetRms, { kind: 'auto' });
  const col = (name: string, set: typeof d.train) => set.inputs[data.names.indexOf(name)]!;
  const judge = (f: (m: number, v: number, c: number) => number) => {
    const res = (set: typeof d.train) => Float64Array.from(set.target, (t, i) => f(col('m_0', set)[i]!, col('v', set)[i]!, col('c', set)[i]!) - t);
    const r = res(d.train), h = res(d.heldOut);
    const rms = (v: Float64Array) => Math.sqrt(v.reduce((s, e) => s + e * e, 0) / v.length);
    return judgeResiduals(model, r, rms(r), rms(h), d.heldOut.rows);
  };

  it('estimates the absent noise below 0.4 % of the target RMS (a local plane gave 0.8 %: curvature)', () => {
    expect(model.sigma).toBeLessThan(0.004 * d.targetRms);
    expect(localLinearNoise(d.train)).toBeGreaterThan(model.sigma);
  });

  it('does not call m·exp(v/c²) exact, and calls the law itself exact', () => {
    expect(judge((m, v, c) => m * Math.exp(v / (c * c))).exact).toBe(false);
    expect(judge((m, v, c) => m / Math.sqrt(1 - (v * v) / (c * c))).exact).toBe(true);
  });

  it('keeps the rounding floor at the typical magnitude when values span many decades', () => {
    const x = Float64Array.from({ length: 200 }, (_, i) => 1 + (2 * i) / 199);
    const wide = prepareData({ names: ['x'], inputs: [x], targetName: 'f', target: Float64Array.from(x, (v) => Math.exp(Math.exp(v))) });
    const m = noiseModel(wide.train, wide.targetRms, { kind: 'auto' });
    const sorted = Float64Array.from(wide.train.target).sort();
    expect(m.exactFloor).toBeLessThanOrEqual(1e-9 * Math.max(sorted[sorted.length >> 1]!, 1e-3 * wide.targetRms) * 1.000001);
    expect(m.exactFloor).toBeLessThan(1e-9 * wide.targetRms / 10);
  });
});
