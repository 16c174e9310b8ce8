// The registry of run kinds a queue worker executes. To queue a new kind of run (discover's candidate
// batches, say): write its RunKind beside trainRun.ts, add one line below, and submit its runs with
// runOnQueue(queue, '<kind>', inputs). Workers without the kind refuse its runs by name.

import type { RunKind } from './runKind';
import { DISCOVER_RUN } from './discoverRun';
import { TRAIN_RUN } from './trainRun';

const RUN_KINDS: Readonly<Record<string, RunKind<unknown, unknown, unknown>>> = {
  train: TRAIN_RUN,
  discover: DISCOVER_RUN,
};

/** Returns the kind named `name`, or undefined when this build has none. */
export function findRunKind(name: string): RunKind<unknown, unknown, unknown> | undefined {
  return Object.hasOwn(RUN_KINDS, name) ? RUN_KINDS[name] : undefined;
}
