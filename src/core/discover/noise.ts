// Noise-aware success: how much of a dataset's variation is noise, and whether a candidate's residuals look
// like that noise. Both rest on nearest neighbours in the input box (inputs scaled to [0, 1]):
// - the noise estimate: each row's target predicted by a quadratic fitted to its nearest neighbours
//   (train/noise.ts; what it misses is noise, inflated by the prediction's own variance, which is divided out),
//   or by a plane where there are too few rows; curvature left over biases it upwards;
// - the structure ratio D = Σ (r_i − r_nn(i))² / (2 Σ r_i²) of a residual vector r: about 1 when the residuals
//   are independent noise (the differences carry twice the variance), well below 1 when they follow a smooth
//   function of the inputs (neighbours then share most of the residual) — a wrong law leaves such a trend.

import { solveLinearInto } from '../linearSolve';
import { estimateNoise } from '../train/noise';
import type { RowSet } from './data';

/** Rows used at most for the neighbour search (a seeded-independent prefix of the training rows). */
const MAX_NEIGHBOUR_ROWS = 3000;

/** Returns, for each of the first min(rows, 3000) rows, the index of its nearest other row (scaled inputs). */
function scaledInputs(set: RowSet, n: number): Float64Array[] {
  return set.inputs.map((col) => {
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) { const v = col[i]!; if (v < lo) lo = v; if (v > hi) hi = v; }
    const w = hi > lo ? hi - lo : 1;
    return Float64Array.from(col.subarray(0, n), (v) => (v - lo) / w);
  });
}

export function nearestNeighbours(set: RowSet): Int32Array {
  const n = Math.min(set.rows, MAX_NEIGHBOUR_ROWS), k = set.inputs.length;
  const scaled = scaledInputs(set, n);
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

/** Returns the local-linear noise estimate σ̂ of a set's target (see the header). */
export function localLinearNoise(set: RowSet): number {
  const n = Math.min(set.rows, MAX_NEIGHBOUR_ROWS), d = set.inputs.length, p = d + 1;
  const k = Math.min(n - 1, 3 * p + 2);
  if (k < p + 1) return 0;
  const scaled = scaledInputs(set, n);
  const bestD = new Float64Array(k), bestI = new Int32Array(k);
  const xtx = new Float64Array(p * p), xty = new Float64Array(p), row = new Float64Array(p);
  let sum = 0, used = 0;
  for (let i = 0; i < n; i++) {
    // the k nearest other rows, kept sorted by insertion
    bestD.fill(Infinity);
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let c = 0; c < d; c++) { const e = scaled[c]![i]! - scaled[c]![j]!; s += e * e; }
      if (s >= bestD[k - 1]!) continue;
      let q = k - 1;
      while (q > 0 && bestD[q - 1]! > s) { bestD[q] = bestD[q - 1]!; bestI[q] = bestI[q - 1]!; q--; }
      bestD[q] = s;
      bestI[q] = j;
    }
    xtx.fill(0); xty.fill(0);
    for (let m = 0; m < k; m++) {
      const j = bestI[m]!;
      row[0] = 1;
      for (let c = 0; c < d; c++) row[c + 1] = scaled[c]![j]! - scaled[c]![i]!;
      const y = set.target[j]!;
      for (let a = 0; a < p; a++) {
        xty[a] += row[a]! * y;
        for (let b = 0; b < p; b++) xtx[a * p + b] += row[a]! * row[b]!;
      }
    }
    const sol = solveSymmetric(xtx, xty, p);
    const lev = solveSymmetric(xtx, unit(p), p);
    if (!sol || !lev || !(lev[0]! >= 0)) continue;
    const e = set.target[i]! - sol[0]!;
    sum += (e * e) / (1 + lev[0]!);
    used++;
  }
  return used ? Math.sqrt(sum / used) : 0;
}

function unit(p: number): Float64Array {
  const u = new Float64Array(p);
  u[0] = 1;
  return u;
}

/** Solves A·x = b for a small symmetric positive matrix (inputs kept); null when singular. */
function solveSymmetric(aIn: Float64Array, bIn: Float64Array, p: number): Float64Array | null {
  const x = new Float64Array(p);
  return solveLinearInto(Float64Array.from(aIn), Float64Array.from(bIn), p, x, 1e-12 * Math.max(1, Math.abs(aIn[0]!))) ? x : null;
}

/** Returns the nearest-neighbour difference noise estimate of values: half their mean squared neighbour difference. */
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
  /** The reference noise level: the given σ, or the estimate of referenceNoise. */
  readonly sigma: number;
  /** Residuals below this RMSE count as exact whatever their structure (rounding level: 1e-9 of the target's median magnitude, at least 1e-12 of its RMS). */
  readonly exactFloor: number;
  /** Neighbour pairs of the training rows (for the structure ratio). */
  readonly neighbours: Int32Array;
}

/**
 * Returns the reference noise level of a set: the local-quadratic estimate (train/noise.ts), whose bias from
 * the law's curvature is of third order (a local plane's second-order bias let steep noiseless laws, e.g.
 * m/√(1 − v²/c²), call a wrong formula exact within a noise that was only curvature); the local-linear
 * estimate where there are too few rows for the quadratic.
 */
export function referenceNoise(train: RowSet): number {
  const q = estimateNoise({ n: train.rows, inputs: train.inputs, target: train.target });
  return Number.isFinite(q) ? q : localLinearNoise(train);
}

/** Returns the noise model of the training rows. */
export function noiseModel(train: RowSet, targetRms: number, spec: NoiseSpec): NoiseModel {
  const neighbours = nearestNeighbours(train);
  const sigma = spec.kind === 'given' ? spec.sigma : referenceNoise(train);
  // the rounding floor follows the typical magnitude of the values: where they span many decades (e^(e^x)),
  // 1e-9 of their RMS exceeds what separates laws at the smaller values
  const magnitudes = Float64Array.from(train.target, Math.abs).sort();
  const median = magnitudes.length ? magnitudes[magnitudes.length >> 1]! : targetRms;
  return { spec, sigma, exactFloor: 1e-9 * Math.max(median, 1e-3 * targetRms, Number.MIN_VALUE), neighbours };
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
