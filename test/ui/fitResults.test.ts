// Tests of the Fit view's pure parts, in plain Node (no DOM): predictions of a formula on data with src/core
// (renderer/src/fit/predict.ts) against Math.*, the fit measures against hand-computed values, the Pareto
// table's rows (renderer/src/fit/paretoRows.ts): equal results counted, fronts per target; a training run's
// outcome (exact within noise shown, not 'fail'); a discover refusal naming the form's field by its label.

import { describe, expect, it } from 'vitest';
import { curveValues, fitMeasures, predictRows, spanOf } from '../../src/renderer/src/fit/predict';
import { paretoRows, type ParetoResult } from '../../src/renderer/src/fit/paretoRows';
import { seedOutcome } from '../../src/renderer/src/fit/seedOutcome';
import { errorText } from '../../src/renderer/src/host';
import type { TrainSeedResult } from '../../src/shared/train';

const xs = Float64Array.from([0.5, 1, 1.5, 2, 3]);
const ys = Float64Array.from([1, 2, 0.25, 4, 1.5]);
const data = { names: ['x', 'y'], inputs: [xs, ys], targetName: 'f', target: Float64Array.from(xs, (x, i) => x * ys[i]!) };

describe('predictRows', () => {
  it('evaluates infix and eml(a, b) text at every row like Math.* does', () => {
    expect([...predictRows('x*y', data)]).toEqual([...data.target]);
    const e = predictRows('eml(x, y)', data);
    xs.forEach((x, i) => expect(e[i]).toBeCloseTo(Math.exp(x) - Math.log(ys[i]!), 14));
  });

  it('gives NaN where the formula is undefined or not real, and refuses unknown variables', () => {
    const v = predictRows('ln(x - 1)', data);
    expect(Number.isNaN(v[0]!)).toBe(true); // ln(−0.5) is complex
    expect(Number.isNaN(v[1]!)).toBe(true); // ln(0) = −∞
    expect(v[3]).toBeCloseTo(0, 15);
    expect(() => predictRows('x*z', data)).toThrow('the formula uses z, which the data does not have');
  });

  it('draws a curve in one variable over evenly spaced points', () => {
    const grid = spanOf(xs, 5);
    expect([...grid]).toEqual([0.5, 1.125, 1.75, 2.375, 3]);
    expect([...curveValues('x^2', 'x', grid)].map((v, i) => v - grid[i]! ** 2).every((d) => Math.abs(d) < 1e-12)).toBe(true);
  });
});

describe('fitMeasures', () => {
  it('computes R², MAE, RMSE and the largest error over the defined points', () => {
    const target = Float64Array.from([1, 2, 3, 4]);
    const predicted = Float64Array.from([1, 2.5, 2, Number.NaN]);
    const m = fitMeasures(predicted, target);
    // errors 0, 0.5, −1 over the defined points 1, 2, 3 (mean 2, SST 2)
    expect(m).toMatchObject({ points: 4, defined: 3, maxError: 1 });
    expect(m.mae).toBeCloseTo(0.5, 15);
    expect(m.rmse).toBeCloseTo(Math.sqrt(1.25 / 3), 15);
    expect(m.r2).toBeCloseTo(1 - 1.25 / 2, 15);
  });

  it('is exact for an exact prediction and NaN where nothing is defined', () => {
    expect(fitMeasures(data.target, data.target)).toMatchObject({ r2: 1, mae: 0, rmse: 0, maxError: 0, defined: 5 });
    expect(Number.isNaN(fitMeasures(Float64Array.of(Number.NaN), Float64Array.of(1)).r2)).toBe(true);
  });
});

describe('paretoRows', () => {
  const result = (target: string, tree: string, K: number, mse: number, depth: number): ParetoResult => ({ target, tree, formula: tree, K, mse, exact: mse === 0, depth });

  it('counts equal trees (with their depths) instead of merging them away, and marks the front of each target', () => {
    const rows = paretoRows([
      result('t2', 'eml(1, eml(y, x))', 5, 0, 2),
      result('t2', 'eml(1, eml(y, x))', 5, 0, 2),
      result('t2', 'eml(1, eml(y, x))', 5, 0, 3),
      result('t2', 'eml(x, 1)', 3, 0.4, 2),
      result('t2', 'eml(eml(x, 1), 1)', 5, 0.2, 3),
      result('t3', 'eml(y, 1)', 3, 0.9, 3),
    ]);
    expect(rows.map((r) => [r.target, r.K, r.mse, r.count, r.depths, r.onFront])).toEqual([
      ['t2', 3, 0.4, 1, [[2, 1]], true],
      ['t2', 5, 0, 3, [[2, 2], [3, 1]], true],
      ['t2', 5, 0.2, 1, [[3, 1]], false],
      ['t3', 3, 0.9, 1, [[3, 1]], true],
    ]);
  });
});

describe('seedOutcome', () => {
  const result = (over: Partial<TrainSeedResult>): TrainSeedResult => ({
    success: false, symbolSuccess: false, stableSymbolSuccess: false, snapMse: 0.01, genMse: 0.01, exactWithinNoise: false,
    tree: 'eml(x, y)', K: 3, treeDepth: 1, formula: 'exp(x) - ln(y)', latex: '', endReason: 'done', lastIter: 100, ...over,
  } as TrainSeedResult);

  it('labels a run as the CLI does: exact, fit, exact within noise, fail; an unfinished run by its state', () => {
    expect(seedOutcome({ status: 'running', result: null })).toBe('running');
    expect(seedOutcome({ status: 'done', result: result({ symbolSuccess: true, success: true, exactWithinNoise: true }) })).toBe('exact');
    expect(seedOutcome({ status: 'done', result: result({ success: true, exactWithinNoise: true }) })).toBe('fit');
    // the exact law on noisy data: above the success thresholds, within the noise
    expect(seedOutcome({ status: 'done', result: result({ exactWithinNoise: true }) })).toBe('exact within noise');
    expect(seedOutcome({ status: 'done', result: result({}) })).toBe('fail');
    // runs recorded before the noise verdict existed
    const { exactWithinNoise: _omit, ...old } = result({});
    void _omit;
    expect(seedOutcome({ status: 'done', result: old as TrainSeedResult })).toBe('fail');
  });
});

describe('discover refusals in the Fit view', () => {
  it('name the fields of the Discover form as it labels them', () => {
    expect(errorText(new Error('eml:jobs:start: HTTP 400 the time limit must be more than 0 seconds, got 0 (input.timeLimitS)'))).toBe(
      'the time limit must be more than 0 seconds, got 0 (Time limit)',
    );
    expect(errorText(new Error("eml:jobs:start: dataset 'd.csv' has no column 'z' (columns: x, f) (input.x[1])"))).toBe(
      "dataset 'd.csv' has no column 'z' (columns: x, f) (Inputs, item 2)",
    );
    expect(errorText(new Error('eml:jobs:start: the noise level σ must be a finite number ≥ 0, got -1 (input.noise.sigma)'))).toBe(
      'the noise level σ must be a finite number ≥ 0, got -1 (σ)',
    );
    // a message without a field path is left as it is
    expect(errorText(new Error("eml:jobs:start: dataset 'c.csv': column 'c' is constant (3 in every row): drop it from the inputs"))).toBe(
      "dataset 'c.csv': column 'c' is constant (3 in every row): drop it from the inputs",
    );
  });
});
