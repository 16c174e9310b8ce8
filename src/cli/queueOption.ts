// `--queue URL` of the training commands (fit, sweep): checks the option and runs a fit job either on this
// machine's cores (runTrainJob) or on the workers of a Redis queue (runTrainJobOnQueue); both give the
// same results, so the commands only add the queue's `cluster` report.

import type { ClusterReport } from '../shared/cluster';
import { parseQueueUrl, type QueueUrl } from '../node/cluster/queueUrl';
import { runTrainJobOnQueue } from '../node/cluster/trainOnQueue';
import type { FitJob } from '../node/train/fitJob';
import { runTrainJob, type TrainJobOptions, type TrainJobResult } from '../node/train/runTrainJob';
import { type ParsedArgs, UsageError } from './args';
import type { Io } from './output';

/** Returns the help lines of --queue, its description starting at `column`. */
export function queueHelp(column: number): string {
  const pad = ' '.repeat(column);
  return `  --queue URL`.padEnd(column) + `run every run on the workers of a Redis queue (redis://HOST:PORT)\n`
    + `${pad}instead of this machine's cores; start workers with emlw worker --queue URL`;
}

/** Returns the checked --queue address, or undefined; throws UsageError for a bad URL or a local-only option beside it. */
export function queueFromArgs(args: ParsedArgs): QueueUrl | undefined {
  const v = args.options.get('queue');
  if (v === undefined) return undefined;
  for (const local of ['workers', 'slots']) {
    if (args.options.has(local)) throw new UsageError(`--${local} sets this machine's threads; with --queue each worker's --concurrency does`);
  }
  try {
    return parseQueueUrl(String(v));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

/** Returns `text` (a command line for a report) with the queue URL's password replaced by ***. */
export function hideQueuePassword(text: string, queue: QueueUrl | undefined): string {
  return queue ? text.split(queue.url).join(queue.display) : text;
}

/** Runs the fit job here or, with a queue, on its workers; the result carries the queue's report then. */
export async function runFitJob(job: FitJob, queue: QueueUrl | undefined, local: TrainJobOptions, io: Io): Promise<TrainJobResult & { cluster?: ClusterReport }> {
  if (!queue) return await runTrainJob(job.problem, job.options, job.plan, local);
  return await runTrainJobOnQueue(queue, job, { signal: local.signal, onEvent: local.onEvent, onNote: (t) => io.err(`note: ${t}\n`) });
}
