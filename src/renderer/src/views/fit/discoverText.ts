// Words for a discover run's state, shared by the Discover panel's status line and its entries.

import type { DiscoverStop } from '../../../../core/discover/discover';
import type { DiscoverEntry, DiscoverRunRecord } from '../../../../shared/discover';
import { formatError } from '../../fit/formatMeasure';

/** Which engine found an entry, in a few words (the front's "Found by" column). */
export const ORIGIN_SHORT: Readonly<Record<DiscoverEntry['origin'], string>> = {
  calculator: 'search',
  constant: 'search, fitted constant',
  eml: 'EML search',
  trainer: 'training',
};

/** Which engine found an entry, in a sentence's words. */
export const ORIGIN_TEXT: Readonly<Record<DiscoverEntry['origin'], string>> = {
  calculator: 'the calculator-basis search',
  constant: 'the search with a fitted constant leaf',
  eml: 'the pure EML search',
  trainer: "gradient training of a general EML master tree, started from the searches' nearest misses",
};

/** Returns why a discovery ended, in words. */
export function describeStop(stop: DiscoverStop): string {
  switch (stop.kind) {
    case 'exact': return `stopped after an exact-within-noise find (${(stop.afterMs / 1000).toFixed(1)} s): no engine could find a shorter one`;
    case 'timeLimit': return `used its time limit of ${(stop.ms / 1000).toFixed(0)} s`;
    case 'exhausted': return 'every engine searched all the sizes it can';
    case 'cancelled': return 'cancelled';
  }
}

/** Returns the end of a finished run in words: stop reason, candidates, noise and rows. */
export function describeSummary(run: DiscoverRunRecord): string {
  const s = run.summary;
  if (!s) return `${run.candidates} candidates measured in ${(run.elapsedMs / 1000).toFixed(1)} s`;
  const noise = s.noise.kind === 'given' ? `given noise σ ${formatError(s.noise.sigma)}` : `estimated noise σ ${formatError(s.noise.sigma)}`;
  return `${describeStop(s.stop)}; ${s.candidates} candidates measured in ${(s.ms / 1000).toFixed(1)} s; ${noise} (floor ${formatError(s.noise.floor)}); ` +
    `${s.rows.train} training and ${s.rows.heldOut} held-out rows`;
}
