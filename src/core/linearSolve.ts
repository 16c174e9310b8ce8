// A small dense linear solver shared by the noise estimates (train/noise.ts, discover/noise.ts).

/**
 * Solves the k × k system A·d = b (row-major A) by Gaussian elimination with partial pivoting, overwriting A and
 * b (pivots of magnitude ≤ `tiny` count as singular); returns false when A is singular or the solution is not finite.
 */
export function solveLinearInto(A: Float64Array, b: Float64Array, k: number, d: Float64Array, tiny = 0): boolean {
  for (let c = 0; c < k; c++) {
    let piv = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r * k + c]!) > Math.abs(A[piv * k + c]!)) piv = r;
    if (!(Math.abs(A[piv * k + c]!) > tiny)) return false;
    if (piv !== c) {
      for (let j = 0; j < k; j++) { const t = A[c * k + j]!; A[c * k + j] = A[piv * k + j]!; A[piv * k + j] = t; }
      const t = b[c]!; b[c] = b[piv]!; b[piv] = t;
    }
    for (let r = c + 1; r < k; r++) {
      const f = A[r * k + c]! / A[c * k + c]!;
      for (let j = c; j < k; j++) A[r * k + j] -= f * A[c * k + j]!;
      b[r] -= f * b[c]!;
    }
  }
  for (let r = k - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let j = r + 1; j < k; j++) s -= A[r * k + j]! * d[j]!;
    d[r] = s / A[r * k + r]!;
  }
  return d.every(Number.isFinite);
}
