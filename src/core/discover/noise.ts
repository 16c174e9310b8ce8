// Noise-aware success: how much of a dataset's variation is noise, and whether a candidate's residuals look
// like that noise. Both rest on nearest neighbours in the input box (inputs scaled to [0, 1]):
// - the noise estimate: half the mean squared difference of the target between each row and its nearest
//   neighbour (a smooth law changes little between neighbours, so what remains is noise; curvature between
//   neighbours biases it upwards, which makes it a safe upper reference);
// - the structure ratio D = Σ (r_i − r_nn(i))² / (2 Σ r_i²) of a residual vector r: about 1 when the residuals
//   are independent noise (the differences carry twice the variance), well below 1 when they follow a smooth
//   function of the inputs (neighbours then share most of the residual) — a wrong law leaves such a trend.

import type { RowSet } from './data';

/** Rows used at most for the neighbour search (a seeded-independent prefix of the training rows). */
const MAX_NEIGHBOUR_ROWS = 3000;

/** Returns, for each of the first min(rows, 3000) rows, the index of its nearest other row (scaled inputs). */
export function nearestNeighbours(set: RowSet): Int32Array {
  const n = Math.min(set.rows, MAX_NEIGHBOUR_ROWS), k = set.inputs.length;
  const scaled = set.inputs.map((col) => {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) { const v = col[i]!; if (v < lo) lo = v; if (v > hi) hi = v; }
    const w = hi > lo ? hi - lo : 1;
    return Float64Array.from(col.subarray(0, n), (v) => (v - lo) / w);
  });
  const nn = new Int32Array(n).fill(-1);
  for (let i = 0; i < n; i++) {
    let best = Infinity, bj = -1;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < k && s < best; c++) { const d = scaled[c]![i]! - scaled[c]![j]!; s += d * d; }
      if (s < best) { best = s; bj = j; }
    }
    nn[i] = bj;
  }
  return nn;
}

/** Returns the nearest-neighbour noise estimate σ̂ of the values (see the header). */
export function neighbourNoise(values: Float64Array, nn: Int32Array): number {
  let s = 0, m = 0;
  for (let i = 0; i < nn.length; i++) {
    const j = nn[i]!;
    if (j < 0) continue;
    const d = values[i]! - values[j]!;
    s += d * d;
    m++;
  }
  return m ? Math.sqrt(s / (2 * m)) : 0;
}

/** Returns the structure ratio D of a residual vector (1: like independent noise; near 0: a smooth trend). */
export function structureRatio(residuals: Float64Array, nn: Int32Array): number {
  let num = 0, den = 0;
  for (let i = 0; i < nn.length; i++) {
    const j = nn[i]!;
    if (j < 0) continue;
    const d = residuals[i]! - residuals[j]!;
    num += d * d;
    den += 2 * residuals[i]! * residuals[i]!;
  }
  return den > 0 ? num / den : 1;
}

/** How the noise level of a dataset is known. */
export type NoiseSpec = { readonly kind: 'auto' } | { readonly kind: 'given'; readonly sigma: number };

/** The noise model a discovery judges candidates by. */
export interface NoiseModel {
  readonly spec: NoiseSpec;
  /** The reference noise level: the given σ, or the neighbour estimate of the target. */
  readonly sigma: number;
  /** Residuals below this RMSE count as exact whatever their structure (rounding level: 1e-9 of the target's RMS). */
  readonly exactFloor: number;
  /** Neighbour pairs of the training rows (for the structure ratio). */
  readonly neighbours: Int32Array;
}

/** Returns the noise model of the training rows. */
export function noiseModel(train: RowSet, targetRms: number, spec: NoiseSpec): NoiseModel {
  const neighbours = nearestNeighbours(train);
  const sigma = spec.kind === 'given' ? spec.sigma : neighbourNoise(train.target, neighbours);
  return { spec, sigma, exactFloor: 1e-9 * Math.max(targetRms, Number.MIN_VALUE), neighbours };
}

/** The evidence behind an exact-within-noise verdict. */
export interface NoiseVerdict {
  exact: boolean;
  /** Why (one line). */
  reason: string;
  /** Structure ratio of the training residuals (1 = noise-like). */
  structure: number;
}

/**
 * Decides whether residuals are consistent with the noise: numerically exact (RMSE below the rounding floor),
 * or an RMSE within the noise level (with a χ² margin for the number of rows) on training and held-out rows
 * and no trend left in the training residuals (structure ratio above 1 − 4·√(2/n)).
 */
export function judgeResiduals(model: NoiseModel, trainResiduals: Float64Array, trainRmse: number, heldOutRmse: number, heldOutRows: number): NoiseVerdict {
  const structure = structureRatio(trainResiduals, model.neighbours);
  const worst = Math.max(trainRmse, heldOutRows > 0 ? heldOutRmse : 0);
  if (worst <= model.exactFloor) return { exact: true, reason: 'numerically exact (RMSE below 1e-9 of the target scale)', structure };
  const n = Math.max(1, model.neighbours.length);
  const limitTrain = model.sigma * Math.sqrt(1 + 3 * Math.sqrt(2 / n));
  const limitHeld = model.sigma * Math.sqrt(1 + 3 * Math.sqrt(2 / Math.max(1, heldOutRows)));
  const minStructure = 1 - 4 * Math.sqrt(2 / n);
  const what = model.spec.kind === 'given' ? `the given noise σ = ${fmt(model.sigma)}` : `the estimated noise σ ≈ ${fmt(model.sigma)}`;
  if (!(trainRmse <= limitTrain)) return { exact: false, reason: `training RMSE ${fmt(trainRmse)} exceeds ${what}`, structure };
  if (heldOutRows > 0 && !(heldOutRmse <= limitHeld)) return { exact: false, reason: `held-out RMSE ${fmt(heldOutRmse)} exceeds ${what}`, structure };
  if (!(structure >= minStructure)) {
    return { exact: false, reason: `the residuals follow a trend (structure ratio ${structure.toFixed(2)} < ${minStructure.toFixed(2)})`, structure };
  }
  return { exact: true, reason: `residuals consistent with ${what} (structure ratio ${structure.toFixed(2)})`, structure };
}

function fmt(v: number): string {
  return v === 0 ? '0' : v.toPrecision(3);
}
