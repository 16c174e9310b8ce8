// A training run's result in one word or phrase, as the CLI labels it (src/node/train/report.ts resultLabel):
// exact (the snapped tree is the target's), fit (the paper's success), exact within the data's noise, or fail.

import type { TrainSeedRecord } from '../../../shared/train';

/** Returns the outcome of run `s`, or its status while it has no result. */
export function seedOutcome(s: Pick<TrainSeedRecord, 'status' | 'result'>): string {
  if (!s.result) return s.status;
  return s.result.symbolSuccess ? 'exact' : s.result.success ? 'fit' : s.result.exactWithinNoise ? 'exact within noise' : 'fail';
}
