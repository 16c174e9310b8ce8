// Runs a training plan on every core: one worker thread per core, each claiming runs from the plan through
// a shared counter, so a job ends when its last run ends. Progress and finished runs stream to the caller;
// cancellation reaches every worker at once (they stop within one iteration, threads end after 100 ms).

import { availableParallelism } from 'node:os';
import { type RunResult, type RunSpec, type TrainEvent, type TrainOptions, type TrainProblem, trainRuns } from '../../core/train';
import type { TrainWorkerInput } from '../jobs/workers/train.worker';
import { JobStopped, runWorker } from '../jobs/runWorker';

export interface TrainJobOptions {
  /** Worker threads (default: every core); 0 trains in this thread (no cancellation until it returns). */
  workers?: number;
  /** Runs stepped side by side inside one worker (default 1). */
  slots?: number;
  /** Progress event per run every this many iterations (default: at evaluation points). */
  progressEvery?: number;
  onEvent?: (e: TrainEvent) => void;
  signal?: AbortSignal;
  timeLimitMs?: number;
}

/** The outcome of a job: results of the finished runs (plan order) and, if it ended early, why. */
export interface TrainJobResult {
  results: RunResult[];
  stopped?: 'cancelled' | 'timeLimit' | 'failed';
  error?: string;
  workers: number;
  wallSeconds: number;
}

/** Returns the number of worker threads a job uses by default (one per core). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/** Trains every run of the plan; resolves with the finished runs (also when cancelled). */
export async function runTrainJob(problem: TrainProblem, options: TrainOptions, plan: readonly RunSpec[], opts: TrainJobOptions = {}): Promise<TrainJobResult> {
  const t0 = performance.now();
  const done = new Map<number, RunResult>();
  const onEvent = (e: TrainEvent) => {
    if (e.kind === 'done' && e.result.endReason !== 'cancelled') done.set(e.result.index, e.result);
    opts.onEvent?.(e);
  };
  const workers = Math.min(opts.workers ?? defaultWorkers(), plan.length);
  const slots = opts.slots ?? 1;
  const finish = (stopped?: TrainJobResult['stopped'], error?: string): TrainJobResult => ({
    results: [...done.values()].sort((a, b) => a.index - b.index), stopped, error, workers, wallSeconds: (performance.now() - t0) / 1000,
  });
  if (workers <= 0) {
    let k = 0;
    trainRuns(problem, options, () => (opts.signal?.aborted ? undefined : plan[k++]), { onEvent, progressEvery: opts.progressEvery, shouldStop: () => opts.signal?.aborted ?? false }, slots);
    return finish(opts.signal?.aborted ? 'cancelled' : undefined);
  }
  const counter = new SharedArrayBuffer(4);
  const input: TrainWorkerInput = { problem, options, plan: [...plan], counter, slots, progressEvery: opts.progressEvery };
  const inner = new AbortController();
  const onAbort = () => inner.abort();
  opts.signal?.addEventListener('abort', onAbort);
  const jobs = Array.from({ length: workers }, () =>
    runWorker<TrainWorkerInput, RunResult[], TrainEvent>('train', input, { onProgress: onEvent, signal: inner.signal, timeLimitMs: opts.timeLimitMs })
      .catch((e: unknown) => {
        // one failed worker stops the others: the job's result would be incomplete anyway
        if (!(e instanceof JobStopped) || e.reason.kind !== 'cancelled') inner.abort();
        throw e;
      }));
  const settled = await Promise.allSettled(jobs);
  opts.signal?.removeEventListener('abort', onAbort);
  for (const s of settled) if (s.status === 'fulfilled') for (const r of s.value) if (r.endReason !== 'cancelled') done.set(r.index, r);
  const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (!failure) return finish();
  const reason = failure.reason instanceof JobStopped ? failure.reason.reason : { kind: 'failed' as const, message: String(failure.reason) };
  return finish(reason.kind, reason.kind === 'failed' ? reason.message : undefined);
}
