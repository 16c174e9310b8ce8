// The registry of run kinds a queue worker executes. To queue a new kind of run (discover's candidate
// batches, say): write its RunKind beside trainRun.ts, add one line below, and submit its runs with
// runOnQueue(queue, '<kind>', inputs). Workers without the kind refuse its runs by name.

import type { RunKind } from './runKind';
import { TRAIN_RUN } from './trainRun';

export const RUN_KINDS = {
  train: TRAIN_RUN,
} satisfies Record<string, RunKind<unknown, unknown, unknown>>;

export type RunKindName = keyof typeof RUN_KINDS;
export type RunInputOf<K extends RunKindName> = (typeof RUN_KINDS)[K] extends RunKind<infer I, unknown, unknown> ? I : never;
export type RunResultOf<K extends RunKindName> = (typeof RUN_KINDS)[K] extends RunKind<unknown, infer R, unknown> ? R : never;
export type RunProgressOf<K extends RunKindName> = (typeof RUN_KINDS)[K] extends RunKind<unknown, unknown, infer P> ? P : never;

/** Returns the kind named `name`, or undefined when this build has none. */
export function findRunKind(name: string): RunKind<unknown, unknown, unknown> | undefined {
  return Object.hasOwn(RUN_KINDS, name) ? (RUN_KINDS[name as RunKindName] as unknown as RunKind<unknown, unknown, unknown>) : undefined;
}
