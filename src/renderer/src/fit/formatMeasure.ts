// How the Fit view prints its measures: errors with 3 significant digits (an exponent when small or large),
// R² with 6 decimals, '–' for a measure that could not be taken.

/** Formats an error measure (RMSE, MAE, largest error, σ). */
export function formatError(v: number): string {
  if (Number.isNaN(v)) return '–';
  return v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? v.toPrecision(3) : v.toExponential(2);
}

/** Formats a coefficient of determination. */
export function formatR2(v: number): string {
  return Number.isNaN(v) ? '–' : v.toFixed(6);
}

/** Formats a loss or MSE of a training run: 0 exactly, else 3 significant digits with an exponent; '–' when none. */
export const fmtLoss = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : v === 0 ? '0' : v.toExponential(2));
