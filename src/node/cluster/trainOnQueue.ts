// A training job on the queue: the same plan, results and events as runTrainJob (src/node/train), with
// every run executed by a queue worker. Used by `emlw fit --queue`, `emlw sweep --queue` and the app's
// fits when its settings name a queue.

import type { RunResult, TrainEvent } from '../../core/train';
import type { ClusterReport } from '../../shared/cluster';
import type { FitJob } from '../train/fitJob';
import type { TrainJobResult } from '../train/runTrainJob';
import type { QueueUrl } from './queueUrl';
import { runOnQueue } from './submitRuns';
import { portableFitSpec, type TrainRunInput } from './trainRun';

export interface QueueTrainOptions {
  signal?: AbortSignal;
  /** Progress of the runs (as the workers report it, a few per second) and one 'done' per finished run. */
  onEvent?: (e: TrainEvent) => void;
  /** Notes for the user (no worker on the queue yet, a lost connection). */
  onNote?: (text: string) => void;
}

/** The outcome of a queued training job; `workers` counts the queue workers that gave results. */
export type QueuedTrainResult = TrainJobResult & { cluster: ClusterReport };

/** Trains every run of `job`'s plan on the queue; resolves with the finished runs in plan order (also when cancelled). */
export async function runTrainJobOnQueue(queue: string | QueueUrl, job: FitJob, opts: QueueTrainOptions = {}): Promise<QueuedTrainResult> {
  const spec = portableFitSpec(job);
  const inputs: TrainRunInput[] = job.plan.map((run) => ({ spec, run }));
  const out = await runOnQueue<RunResult, TrainEvent>(queue, 'train', inputs, {
    signal: opts.signal,
    onResult: (_i, result) => opts.onEvent?.({ kind: 'done', result }),
    onProgress: (_i, p) => { if (p.kind === 'progress') opts.onEvent?.(p); },
    onNote: opts.onNote,
  });
  return {
    results: [...out.results.values()].sort((a, b) => a.index - b.index),
    stopped: out.stopped, error: out.error, workers: out.cluster.workers.length, wallSeconds: out.wallSeconds, cluster: out.cluster,
  };
}
