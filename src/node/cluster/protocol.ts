// What travels through the run queue, and the Redis names beside it. A queued run is plain data: the
// protocol it speaks, the engine build it expects, its kind and its input (plainData.ts form); a worker's
// reply is the run's result in the same form, signed with the worker's id. PROTOCOL changes whenever
// these shapes or the meaning of a kind's input or result change; a worker refuses any other protocol.

import type { Plain } from './plainData';

/** The version of the queue's messages; submitters and workers must speak the same one. */
export const PROTOCOL = 1;

/** The BullMQ queue every run goes through. */
export const QUEUE_NAME = 'emlw-runs';

/** Keys beside the queue: worker heartbeats and live submissions. */
const KEY_PREFIX = `emlw:${QUEUE_NAME}`;

/** Returns the heartbeat key of a worker. */
export function workerKey(id: string): string {
  return `${KEY_PREFIX}:worker:${id}`;
}

/** The pattern that matches every worker heartbeat key. */
export const WORKER_KEY_PATTERN = `${KEY_PREFIX}:worker:*`;

/** Returns the key that exists while a submission wants its runs (deleted on cancel, expires if its submitter dies). */
export function submissionKey(submission: string): string {
  return `${KEY_PREFIX}:submission:${submission}`;
}

/** A run as it waits in the queue. */
export interface QueuedRun {
  readonly protocol: number;
  /** Hash of the worker bundle that executes the kind; a worker of another build refuses the run. */
  readonly build: string;
  /** The emlw version of the submitter (for messages). */
  readonly version: string;
  readonly kind: string;
  readonly submission: string;
  /** Place of the run in its submission. */
  readonly index: number;
  readonly input: Plain;
}

/** What a worker returns for a run. */
export interface RunReply {
  readonly protocol: number;
  readonly worker: string;
  readonly result: Plain;
}

/** A progress event of a run, as a worker publishes it. */
export interface RunProgress {
  readonly index: number;
  readonly progress: Plain;
}

/** Returns the queue id of a run (BullMQ ids may not contain ':'). */
export function runJobId(submission: string, index: number): string {
  return `${submission}-${index}`;
}
