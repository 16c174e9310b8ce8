// The match tolerances a search accepts (kept apart from the recognizer so that a host can check its input
// without loading the search engine).

import { RELATIVE_40, quantizerResolution } from './fingerprint';

/**
 * The accepted match tolerances [min, max): below min, values the enumeration stores as one (their fingerprints
 * agree, fingerprint.ts) could not be told apart, so a finer tolerance could not be honoured.
 */
export const TOLERANCE_RANGE = { min: quantizerResolution(RELATIVE_40), max: 1e-3 } as const;

/** Returns why a match tolerance is refused, or undefined when it is accepted. */
export function toleranceProblem(tolerance: number): string | undefined {
  const { min, max } = TOLERANCE_RANGE;
  if (tolerance >= min && tolerance < max) return undefined;
  return `the tolerance must be at least 2^-40 ≈ ${min.toPrecision(2)} and below ${max}, got ${tolerance}`
    + (tolerance < min && tolerance > 0 ? ' (values that agree to 40 bits at the probes are stored as one value, so a finer tolerance cannot be honoured)' : '');
}
