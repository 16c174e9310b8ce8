// Noise-aware success: an estimate of the noise σ in data from the data alone, and the rule that calls a fit
// exact within that noise. The paper's success (snapped MSE < 1e−6) labels an exact law fitted to noisy data a
// failure; here a fit counts when its residual is what the noise alone would leave.
//
// Estimate (local quadratic nearest neighbours): for each point i, a quadratic fit y ≈ a + b·u + uᵀCu
// (u = x − x_i, inputs scaled to unit spread) on its k nearest other points predicts ŷ_i = a with variance
// σ²·v_i, v_i = e₀ᵀ(XᵀX)⁻¹e₀; then σ̂² = mean((y_i − ŷ_i)² / (1 + v_i)). The linear and quadratic terms remove
// the slope's and the curvature's bias that a plain nearest-neighbour difference carries; what remains is
// third order in the neighbours' distance. (discover/noise.ts estimates with local planes on its own rows and
// adds a residual-trend test; both share the solver.)

import { solveLinearInto } from '../linearSolve';

/** Points (one plane per input) and the target, as TrainData. */
interface Points { readonly n: number; readonly inputs: readonly Float64Array[]; readonly target: Float64Array }

/** How σ was obtained: estimated from the data, given by the user, or 0 for data sampled from a formula. */
export type NoiseSource = 'estimate' | 'given' | 'exact';

export interface NoiseLevel { readonly sigma: number; readonly source: NoiseSource }

/** Most query points of the estimate (larger sets are thinned evenly); neighbours are searched among all points. */
export const NOISE_QUERY_POINTS = 1500;

/**
 * Returns the estimated noise σ of target values over the inputs (see the file header), or NaN when there are
 * too few points (fewer than the quadratic's terms + 4) to estimate it.
 */
export function estimateNoise(data: Points): number {
  const n = data.n, d = data.inputs.length, p = 1 + d + (d * (d + 1)) / 2, k = Math.min(n - 1, 2 * p + 4);
  if (n < p + 4) return NaN;
  const scale = data.inputs.map((col) => {
    let m = 0, s = 0;
    for (let i = 0; i < n; i++) m += col[i]!;
    m /= n;
    for (let i = 0; i < n; i++) s += (col[i]! - m) ** 2;
    return s > 0 ? 1 / Math.sqrt(s / n) : 0;
  });
  const dist = new Float64Array(n), order = new Int32Array(n);
  const A = new Float64Array(p * p), b = new Float64Array(p), e0 = new Float64Array(p), row = new Float64Array(p);
  const A2 = new Float64Array(p * p), coef = new Float64Array(p), inv0 = new Float64Array(p);
  const step = Math.max(1, Math.ceil(n / NOISE_QUERY_POINTS));
  let sum = 0, count = 0;
  for (let q = 0; q < n; q += step) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let v = 0; v < d; v++) { const t = (data.inputs[v]![j]! - data.inputs[v]![q]!) * scale[v]!; s += t * t; }
      dist[j] = j === q ? Infinity : s;
      order[j] = j;
    }
    // the k nearest: a partial selection sort is enough for k ≪ n
    for (let a = 0; a < k; a++) {
      let best = a;
      for (let j = a + 1; j < n; j++) if (dist[order[j]!]! < dist[order[best]!]!) best = j;
      const t = order[a]!; order[a] = order[best]!; order[best] = t;
    }
    A.fill(0); b.fill(0);
    for (let a = 0; a < k; a++) {
      const j = order[a]!;
      row[0] = 1;
      for (let v = 0; v < d; v++) row[v + 1] = (data.inputs[v]![j]! - data.inputs[v]![q]!) * scale[v]!;
      let o = d + 1;
      for (let v = 0; v < d; v++) for (let w = v; w < d; w++) row[o++] = row[v + 1]! * row[w + 1]!;
      for (let r = 0; r < p; r++) {
        b[r] += row[r]! * data.target[j]!;
        for (let c = 0; c < p; c++) A[r * p + c] += row[r]! * row[c]!;
      }
    }
    A2.set(A);
    if (!solveLinearInto(A, b, p, coef)) continue;
    e0.fill(0); e0[0] = 1;
    if (!solveLinearInto(A2, e0, p, inv0)) continue;
    const resid = data.target[q]! - coef[0]!, v = inv0[0]!;
    if (!Number.isFinite(resid) || !(v >= 0)) continue;
    sum += (resid * resid) / (1 + v);
    count++;
  }
  return count > 0 ? Math.sqrt(sum / count) : NaN;
}

/**
 * True when a fit is exact within the noise σ: exact outright (MSE below `exactMse`), or its root-mean-square
 * error on the training points (n of them) and, when given, on held-out points (nHeld) stays within
 * σ·(1.15 + 3/√(2m)) — what noise of that level leaves, with room for the estimate's own error.
 */
export function exactWithinNoise(
  fit: { mse: number; heldOutMse?: number }, noise: NoiseLevel, n: number, nHeld = 0, exactMse = 1e-20,
): boolean {
  if (fit.mse < exactMse && (nHeld === 0 || fit.heldOutMse === undefined || !Number.isFinite(fit.heldOutMse) || fit.heldOutMse < exactMse)) return true;
  const s = noise.sigma;
  if (!(s > 0)) return false;
  const within = (mse: number, m: number) => Math.sqrt(mse) <= s * (1.15 + 3 / Math.sqrt(2 * Math.max(1, m)));
  if (!within(fit.mse, n)) return false;
  return nHeld === 0 || fit.heldOutMse === undefined || Number.isNaN(fit.heldOutMse) || within(fit.heldOutMse, nHeld);
}
