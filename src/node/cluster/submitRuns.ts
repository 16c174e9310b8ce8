// The submitting side of the queue: puts a job's runs on the queue and gathers their results. Start
// here: runOnQueue() checks Redis and the workers, marks the submission alive, adds one queued run per
// input, then waits for results (queue events, and a reconciliation pass that reads each outstanding
// run's state) until every run has one. A result is kept once per run (a retried run that somehow
// finished twice counts once) and credited to the worker that gave it. Cancelling deletes the
// submission's alive key (workers stop its active runs) and removes its waiting runs; a failed run
// stops the job the same way.

import { randomUUID } from 'node:crypto';
import { version as appVersion } from '../../../package.json';
import type { ClusterReport } from '../../shared/cluster';
import { clusterReport } from './clusterReport';
import { decodePlain, encodePlain } from './plainData';
import { PROTOCOL, QUEUE_NAME, type QueuedRun, type RunProgress, type RunReply, runJobId, submissionKey } from './protocol';
import { parseQueueUrl, type QueueUrl } from './queueUrl';
import { checkReachable, loadDrivers, openClient } from './redisClient';
import { engineBuild } from './runKind';
import { findRunKind } from './runKinds';
import { listWorkers } from './workerRegistry';

/** How long a submission stays alive without renewal, and how often its submitter renews it. */
export const SUBMISSION_TTL_MS = 60_000;
const SUBMISSION_RENEW_MS = 10_000;
/** How often every outstanding run's state is read (besides the queue events that report most changes at once). */
const RECONCILE_MS = 3000;
/** Finished runs are kept this long in Redis should their submitter not remove them (seconds). */
const KEEP_DONE_S = 24 * 3600;
const KEEP_FAILED_S = 7 * 24 * 3600;
const BATCH = 200;
/** How long a submitter that stops on an error tries to withdraw its runs. */
const CLEANUP_MS = 5000;

export interface QueueRunOptions<R, P> {
  signal?: AbortSignal;
  /** Hears each run's result once, with the worker that gave it. */
  onResult?: (index: number, result: R, worker: string) => void;
  onProgress?: (index: number, progress: P) => void;
  /** Hears what is worth telling the user: no worker yet, a lost connection. */
  onNote?: (text: string) => void;
}

/** The outcome of a queued job: a result per finished run and who gave it; when it ended early, why. */
export interface QueueRunOutcome<R> {
  results: Map<number, R>;
  /** Per run index, the worker whose result was kept. */
  creditedTo: Map<number, string>;
  cluster: ClusterReport;
  stopped?: 'cancelled' | 'failed';
  error?: string;
  wallSeconds: number;
}

/** A promise that a change (or a timeout) resolves; `wake` may be called any time. */
class Waker {
  private resolve: (() => void) | undefined;
  private pending = false;
  wake(): void {
    this.pending = true;
    this.resolve?.();
  }
  async wait(ms: number): Promise<void> {
    if (this.pending) { this.pending = false; return; }
    await new Promise<void>((r) => {
      const t = setTimeout(r, ms);
      this.resolve = () => { clearTimeout(t); r(); };
    });
    this.resolve = undefined;
    this.pending = false;
  }
}

async function inBatches<T>(items: readonly T[], f: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += BATCH) await Promise.all(items.slice(i, i + BATCH).map(f));
}

function isReply(v: unknown): v is RunReply {
  return typeof v === 'object' && v !== null && typeof (v as RunReply).worker === 'string' && 'result' in v;
}

/**
 * Runs `inputs` (runs of kind `kindName`) on the queue at `queue`; resolves with the results by input
 * index (also when cancelled or failed: the runs finished so far). Throws before submitting when Redis
 * cannot be reached, the kind is unknown or a worker on the queue speaks another protocol.
 */
export async function runOnQueue<R, P = unknown>(queue: string | QueueUrl, kindName: string, inputs: readonly unknown[], opts: QueueRunOptions<R, P> = {}): Promise<QueueRunOutcome<R>> {
  const q = typeof queue === 'string' ? parseQueueUrl(queue) : queue;
  const kind = findRunKind(kindName);
  if (!kind) throw new Error(`cluster: unknown run kind '${kindName}'`);
  const build = engineBuild(kind);
  await checkReachable(q);
  const t0 = performance.now();
  const note = opts.onNote ?? (() => {});
  const { Queue, QueueEvents } = (await loadDrivers()).bullmq;
  const clients = await Promise.all([openClient(q, note), openClient(q, note), openClient(q, note)]);
  const [redis, queueClient, eventsClient] = clients as [typeof clients[0], typeof clients[0], typeof clients[0]];
  const bq = new Queue(QUEUE_NAME, { connection: queueClient });
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsClient });
  bq.on('error', () => {}); // the clients' listeners report connection trouble
  events.on('error', () => {});
  const submission = randomUUID();
  const ids = inputs.map((_, i) => runJobId(submission, i));
  const outstanding = new Map(ids.map((id, i) => [id, i]));
  const results = new Map<number, R>();
  const creditedTo = new Map<number, string>();
  const waker = new Waker();
  let failure: string | undefined;
  let renew: NodeJS.Timeout | undefined;
  let cleaned = false;
  const onAbort = () => waker.wake();
  opts.signal?.addEventListener('abort', onAbort);

  const check = async (id: string): Promise<void> => {
    const index = outstanding.get(id);
    if (index === undefined) return;
    // the state first: a finished run stays finished, so the job read after it carries its outcome
    const state = await bq.getJobState(id);
    if (state !== 'completed' && state !== 'failed' && state !== 'unknown') return;
    const job = state === 'unknown' ? undefined : await bq.getJob(id);
    if (!outstanding.has(id)) return;
    if (!job) {
      failure ??= `run ${index + 1} vanished from the queue (removed by someone else?)`;
    } else if (state === 'completed') {
      const reply: unknown = job.returnvalue;
      if (!isReply(reply)) failure ??= `run ${index + 1}: a worker returned a reply this emlw cannot read`;
      else if (!results.has(index)) {
        const result = decodePlain(reply.result) as R;
        results.set(index, result);
        creditedTo.set(index, reply.worker);
        opts.onResult?.(index, result, reply.worker);
      }
    } else {
      failure ??= `run ${index + 1} (${kind.describe(kind.check(inputs[index]))}) failed on the queue: ${job.failedReason}`;
    }
    outstanding.delete(id);
    waker.wake();
  };
  const checkLater = (id: string): void => {
    if (outstanding.has(id)) check(id).catch((e: unknown) => { failure ??= (e as Error).message; waker.wake(); });
  };

  try {
    await events.waitUntilReady();
    const workers = await listWorkers(redis);
    const foreign = workers.find((w) => w.protocol !== PROTOCOL);
    if (foreign) {
      throw new Error(`worker ${foreign.id} on ${q.display} speaks queue protocol ${foreign.protocol} (emlw ${foreign.version}); this emlw ${appVersion} speaks protocol ${PROTOCOL}: run the same emlw version on every machine`);
    }
    if (workers.length === 0) note(`no worker is on ${q.display} yet; the runs wait until one starts (emlw worker --queue ${q.display})`);
    await redis.set(submissionKey(submission), '1', 'PX', SUBMISSION_TTL_MS);
    renew = setInterval(() => { redis.set(submissionKey(submission), '1', 'PX', SUBMISSION_TTL_MS).catch(() => {}); }, SUBMISSION_RENEW_MS);
    events.on('completed', ({ jobId }) => checkLater(jobId));
    events.on('failed', ({ jobId }) => checkLater(jobId));
    events.on('progress', ({ jobId, data }) => {
      const index = outstanding.get(jobId);
      if (index === undefined || !opts.onProgress) return;
      const p = data as unknown as RunProgress;
      if (typeof p === 'object' && p !== null && p.index === index) opts.onProgress(index, decodePlain(p.progress) as P);
    });
    const jobs = inputs.map((input, index) => {
      const data: QueuedRun = { protocol: PROTOCOL, build, version: appVersion, kind: kindName, submission, index, input: encodePlain(input) };
      return { name: kindName, data, opts: { jobId: ids[index], attempts: 1, removeOnComplete: { age: KEEP_DONE_S }, removeOnFail: { age: KEEP_FAILED_S } } };
    });
    for (let i = 0; i < jobs.length && !opts.signal?.aborted; i += BATCH) await bq.addBulk(jobs.slice(i, i + BATCH));
    let lastReconcile = performance.now();
    while (outstanding.size > 0 && failure === undefined && !opts.signal?.aborted) {
      await waker.wait(RECONCILE_MS);
      if (performance.now() - lastReconcile >= RECONCILE_MS) {
        await inBatches([...outstanding.keys()], check);
        lastReconcile = performance.now();
      }
    }
    const stopped = failure !== undefined ? 'failed' as const : outstanding.size > 0 ? 'cancelled' as const : undefined;
    // workers stop a submission's active runs once its alive key is gone; its waiting and finished runs
    // are removed (an active run is locked and stays until its worker stops it)
    await redis.del(submissionKey(submission));
    await inBatches(ids, (id) => bq.remove(id));
    cleaned = true;
    return { results, creditedTo, cluster: clusterReport(q.display, [...creditedTo.values()].map((w) => [w, 1] as const)), stopped, error: failure, wallSeconds: (performance.now() - t0) / 1000 };
  } finally {
    clearInterval(renew);
    opts.signal?.removeEventListener('abort', onAbort);
    if (!cleaned) {
      // an error on the way: withdraw what was submitted, unless Redis does not answer in time
      const withdraw = Promise.all([redis.del(submissionKey(submission)), inBatches(ids, (id) => bq.remove(id))]);
      await Promise.race([withdraw.catch(() => {}), new Promise((r) => setTimeout(r, CLEANUP_MS))]);
    }
    await events.close().catch(() => {});
    await bq.close().catch(() => {});
    for (const c of clients) c.disconnect();
  }
}
