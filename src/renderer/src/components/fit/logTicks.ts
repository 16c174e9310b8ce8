// Ticks of a logarithmic axis: every decade when they fit, else every 2nd, 3rd, 5th or 10th decade, so a
// plot never shows more than `maxTicks` labels and the step is a round number of decades. Pure.

/** Steps between ticks, in decades, from the finest. */
const DECADE_STEPS = [1, 2, 3, 5, 10, 20];

/** Returns the powers of ten inside [lo, hi] spaced by the finest round step that keeps at most maxTicks. */
export function logTicks(lo: number, hi: number, maxTicks = 8): number[] {
  const a = Math.ceil(Math.log10(lo) - 1e-9);
  const b = Math.floor(Math.log10(hi) + 1e-9);
  if (b < a) return [];
  const step = DECADE_STEPS.find((s) => Math.floor((b - a) / s) + 1 <= maxTicks) ?? Math.ceil((b - a + 1) / maxTicks);
  // anchor on multiples of the step, so 1e0 is a tick whenever it is in range
  const first = Math.ceil(a / step) * step;
  const out: number[] = [];
  for (let e = first; e <= b; e += step) out.push(10 ** e);
  return out;
}

/** Returns 10^e as "1e-3" / "1" / "1e+2" style text ("1e-3", "1", "100" for small exponents). */
export function decadeText(v: number): string {
  const e = Math.round(Math.log10(v));
  if (e >= 0 && e <= 3) return String(10 ** e);
  return `1e${e}`;
}
