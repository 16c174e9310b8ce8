// How good a model is: its errors on training and held-out rows, its EML size K, the noise verdict, and the
// information criterion that ranks models (error against K and the number of fitted constants).
//
// The criterion is a description length in the units of BIC (twice the negative log-likelihood):
//   score = n·ln(max(MSE, σ_f²) / s²) + 2·K·ln(A) + 2·c·ln(1 + √n·s/σ_f)
// n training rows, s² the target's variance (a scale, so scores compare across datasets), σ_f the noise floor
// (an error below the noise level is not better evidence: models that are exact within the noise tie on
// error and the shorter one wins), K the EML tree's size with A = 3 + inputs symbols per token (eml, 1, a
// numeric leaf, each input), c the number of fitted constants. A fitted constant is worth the digits it must
// carry: the data pin it to about σ_f/(√n·s) of its scale, so it costs ln(1 + √n·s/σ_f) nats (twice that in
// these units) — a few for noisy data (close to BIC's ln n), about 24 for exact data, where a closed form
// (a snapped constant, which costs nothing beyond its leaf) is much cheaper than 17 fitted digits.

import type { Expr } from '../expr';
import { size } from '../expr';
import type { PreparedData } from './data';
import { type Model, emlWithNumericLeaves, evaluateRows, numericFormula } from './model';
import { type NoiseModel, type NoiseVerdict, judgeResiduals } from './noise';

/** A model with its measurements. */
export interface Assessed {
  readonly model: Model;
  /** The formula with decimal constants (what the numbers below were computed on). */
  readonly numeric: Expr;
  /** Training RMSE (complex residuals |f − y|). */
  readonly rmse: number;
  readonly heldOutRmse: number;
  /** Coefficient of determination over all rows. */
  readonly r2: number;
  /** Largest |f − y| over all rows. */
  readonly maxError: number;
  readonly verdict: NoiseVerdict;
}

/** An assessed model with its EML tree, size and score. */
export interface Ranked extends Assessed {
  readonly tree: Expr;
  readonly K: number;
  readonly score: number;
}

/** Returns the model's measurements, or null when it is not finite at some row. */
export function assessModel(m: Model, d: PreparedData, noise: NoiseModel): Assessed | null {
  const numeric = numericFormula(m);
  const names = d.data.names;
  const tr = evaluateRows(numeric, names, d.train);
  if (tr.undefinedCount > 0) return null;
  const ho = evaluateRows(numeric, names, d.heldOut);
  if (ho.undefinedCount > 0) return null;
  const residuals = new Float64Array(d.train.rows);
  let sse = 0, maxError = 0, sumY = 0, sumYY = 0;
  for (let i = 0; i < d.train.rows; i++) {
    const y = d.train.target[i]!;
    const r = tr.re[i]! - y, q = tr.im[i]!;
    residuals[i] = r;
    const e2 = r * r + q * q;
    sse += e2;
    maxError = Math.max(maxError, Math.sqrt(e2));
    sumY += y; sumYY += y * y;
  }
  let hse = 0;
  for (let i = 0; i < d.heldOut.rows; i++) {
    const y = d.heldOut.target[i]!;
    const r = ho.re[i]! - y, q = ho.im[i]!;
    const e2 = r * r + q * q;
    hse += e2;
    maxError = Math.max(maxError, Math.sqrt(e2));
    sumY += y; sumYY += y * y;
  }
  const nAll = d.train.rows + d.heldOut.rows;
  const sst = sumYY - (sumY * sumY) / nAll;
  const rmse = Math.sqrt(sse / d.train.rows);
  const heldOutRmse = d.heldOut.rows ? Math.sqrt(hse / d.heldOut.rows) : 0;
  if (!(Number.isFinite(rmse) && Number.isFinite(heldOutRmse))) return null;
  return {
    model: m, numeric, rmse, heldOutRmse, r2: sst > 0 ? 1 - (sse + hse) / sst : 0, maxError,
    verdict: judgeResiduals(noise, residuals, rmse, heldOutRmse, d.heldOut.rows),
  };
}

/** The parts of the criterion that depend on the dataset. */
export interface CriterionScale {
  /** Training rows n. */
  readonly rows: number;
  /** Symbols per token A. */
  readonly alphabet: number;
  /** Target variance s² over all rows (> 0). */
  readonly variance: number;
  /** Noise floor σ_f. */
  readonly floor: number;
}

/** Returns the description-length score of a model (lower is better; see the header). */
export function descriptionScore(scale: CriterionScale, rmse: number, K: number, constants: number): number {
  const mse = Math.max(rmse * rmse, scale.floor * scale.floor, Number.MIN_VALUE);
  const perConstant = 2 * Math.log(1 + (Math.sqrt(scale.rows) * Math.sqrt(scale.variance)) / Math.max(scale.floor, Number.MIN_VALUE));
  return scale.rows * Math.log(mse / scale.variance) + 2 * K * Math.log(scale.alphabet) + constants * perConstant;
}

/** Returns the model ranked: its EML tree (numeric leaves for constants), K and score. */
export function rankAssessed(a: Assessed, scale: CriterionScale, cache?: WeakMap<Assessed, { tree: Expr; K: number }>): Ranked {
  let hit = cache?.get(a);
  if (!hit) {
    const tree = emlWithNumericLeaves(a.numeric);
    hit = { tree, K: size(tree) };
    cache?.set(a, hit);
  }
  const { tree, K } = hit;
  return { ...a, tree, K, score: descriptionScore(scale, a.rmse, K, a.model.constants.filter((c) => !c.exact).length) };
}

/**
 * Returns the noise floor σ_f: the given σ, else the smallest training RMSE among models judged exact within the
 * noise (their residuals are the noise); with no such model the noise level is unknown and errors compare as
 * they are (the floor is the rounding floor). Never below the rounding floor.
 */
export function noiseFloor(noise: NoiseModel, assessed: readonly Assessed[]): number {
  let floor = noise.spec.kind === 'given' ? noise.sigma : Infinity;
  if (noise.spec.kind === 'auto') {
    for (const a of assessed) if (a.verdict.exact && a.rmse < floor) floor = a.rmse;
    if (floor === Infinity) floor = 0;
  }
  return Math.max(floor, noise.exactFloor);
}

/**
 * Returns the Pareto front of (K, RMSE): sorted by K, each entry with a smaller training RMSE than every entry
 * of smaller K (RMSEs below the floor count as equal, so rounding noise does not make a longer exact form
 * look better).
 */
export function paretoFront(ranked: readonly Ranked[], floor: number): Ranked[] {
  const sorted = [...ranked].sort((a, b) => a.K - b.K || a.rmse - b.rmse || a.score - b.score);
  const out: Ranked[] = [];
  let best = Infinity;
  for (const r of sorted) {
    const e = Math.max(r.rmse, floor);
    if (e < best * (1 - 1e-9)) {
      out.push(r);
      best = e;
    }
  }
  return out;
}
