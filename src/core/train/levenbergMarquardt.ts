// Levenberg–Marquardt for small nonlinear least-squares problems (a handful of parameters, many residuals):
// minimise Σ r_i(x)² by steps δ solving (JᵀJ + λ·diag(JᵀJ))·δ = −Jᵀr, with J from central differences,
// λ divided by 3 after an accepted step and doubled after a rejected one (Marquardt 1963; Nielsen's damping
// update simplified). An exact fit (r = 0) is a fixed point whatever the Jacobian's rounding, so fits that are
// exact converge to zero residual. Used to refit the constants of a snapped tree with its structure fixed.

/** Writes the m residuals at x into r. */
export type Residuals = (x: Float64Array, r: Float64Array) => void;

export interface LeastSquaresOptions {
  /** Most Jacobian evaluations (each costs 2·x.length residual evaluations). */
  readonly iterations: number;
  /** Stop once the sum of squares is at or below this (default 0: run until no step helps). */
  readonly tolerance?: number;
}

import { solveLinearInto } from './linearSolve';

const sumSquares = (r: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]! * r[i]!;
  return s;
};

/**
 * Minimises the sum of squares of `residuals` (m of them) over x, updated in place; returns the final sum of
 * squares (x is left at the best point found; non-finite residuals count as a rejected step).
 */
export function levenbergMarquardt(residuals: Residuals, x: Float64Array, m: number, opts: LeastSquaresOptions): number {
  const k = x.length, tol = opts.tolerance ?? 0;
  const r = new Float64Array(m), rp = new Float64Array(m), rm = new Float64Array(m), J = new Float64Array(m * k);
  const A = new Float64Array(k * k), g = new Float64Array(k), d = new Float64Array(k), trial = new Float64Array(k);
  residuals(x, r);
  let f = sumSquares(r);
  if (!Number.isFinite(f)) return f;
  let lambda = 1e-3;
  for (let it = 0; it < opts.iterations && f > tol; it++) {
    // central-difference Jacobian, one column per parameter
    for (let j = 0; j < k; j++) {
      const h = 1e-7 * Math.max(1, Math.abs(x[j]!)), keep = x[j]!;
      x[j] = keep + h; residuals(x, rp);
      x[j] = keep - h; residuals(x, rm);
      x[j] = keep;
      for (let i = 0; i < m; i++) J[i * k + j] = (rp[i]! - rm[i]!) / (2 * h);
    }
    for (let a = 0; a < k; a++) {
      let s = 0;
      for (let i = 0; i < m; i++) s += J[i * k + a]! * r[i]!;
      g[a] = s;
      for (let b = 0; b < k; b++) {
        let t = 0;
        for (let i = 0; i < m; i++) t += J[i * k + a]! * J[i * k + b]!;
        A[a * k + b] = t;
      }
    }
    if (!A.every(Number.isFinite) || !g.every(Number.isFinite)) break;
    let accepted = false;
    for (let tries = 0; tries < 12 && !accepted; tries++) {
      const M = Float64Array.from(A), rhs = new Float64Array(k);
      for (let a = 0; a < k; a++) { M[a * k + a] = A[a * k + a]! * (1 + lambda) + 1e-300; rhs[a] = -g[a]!; }
      if (solveLinearInto(M, rhs, k, d)) {
        for (let a = 0; a < k; a++) trial[a] = x[a]! + d[a]!;
        residuals(trial, rp);
        const ft = sumSquares(rp);
        if (ft < f) { x.set(trial); r.set(rp); f = ft; lambda = Math.max(lambda / 3, 1e-12); accepted = true; continue; }
      }
      lambda *= 2;
    }
    if (!accepted) break;
  }
  return f;
}
