// What a queue worker can execute: a run kind turns a run's plain input into its result, the same result
// the local path gives for that run (runs are deterministic). The job that submits runs owns gathering,
// dedup and retry; a kind only executes one run. Kinds are registered in runKinds.ts.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { workerPath } from '../jobs/runWorker';

/** What a run may use while it executes. */
export interface RunContext<P> {
  /** Aborted when the run must stop (its submitter cancelled, or the worker shuts down). */
  readonly signal: AbortSignal;
  /** Reports progress to the submitter (throttled by the worker). */
  readonly onProgress: (p: P) => void;
}

/** One kind of run: input I, result R, progress events P. */
export interface RunKind<I, R, P> {
  /** The bundled worker (dist/workers/<bundle>.mjs) that executes the run; its hash is the engine build. */
  readonly bundle: string;
  /** Returns the checked input of a decoded run; throws naming the bad field. */
  check(input: unknown): I;
  /** Returns a few words naming a run, for the worker's log. */
  describe(input: I): string;
  /** Executes one run; rejects with JobStopped when cancelled or failed. */
  execute(input: I, ctx: RunContext<P>): Promise<R>;
}

const builds = new Map<string, string>();

/** Returns the engine build of a kind: the first 16 hex digits of the SHA-256 of its worker bundle. */
export function engineBuild(kind: RunKind<unknown, unknown, unknown>): string {
  let b = builds.get(kind.bundle);
  if (!b) {
    b = createHash('sha256').update(readFileSync(workerPath(kind.bundle))).digest('hex').slice(0, 16);
    builds.set(kind.bundle, b);
  }
  return b;
}
