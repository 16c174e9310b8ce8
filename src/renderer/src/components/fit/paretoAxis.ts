// The loss axis of the Pareto plot: a log domain over the losses above 0 in whole decades, its ticks
// (logTicks.ts), and whether exact fits (loss 0, which no log scale holds) need their own row. Pure.

import { logTicks } from './logTicks';

/** The loss axis of a Pareto plot: a log domain over the losses above 0, its ticks, and whether a 0 row is needed. */
export function paretoAxis(losses: readonly number[]): { lo: number; hi: number; ticks: number[]; zeroRow: boolean } {
  const positive = losses.filter((v) => v > 0 && Number.isFinite(v));
  const zeroRow = positive.length < losses.length;
  let lo = positive.length ? Math.min(...positive) : 1e-6;
  let hi = positive.length ? Math.max(...positive) : 1;
  // whole decades around the data, at least one decade tall
  lo = 10 ** Math.floor(Math.log10(lo));
  hi = 10 ** Math.ceil(Math.log10(hi));
  if (hi <= lo) hi = lo * 10;
  return { lo, hi, ticks: logTicks(lo, hi, 7), zeroRow };
}
