// A queue worker (`emlw worker`): takes runs from the queue, up to `concurrency` at once, each executed
// by its run kind in a worker thread, so this thread stays free to renew the runs' locks (BullMQ's
// stalled-job mechanism: a worker that dies stops renewing, its runs go back to the queue after the
// lock expires and another worker takes them). It refuses runs of another protocol, engine build or
// unknown kind with an error naming both sides, stops a run whose submitter cancelled or vanished, and
// on close hands its active runs back to the queue at once. A heartbeat announces it (workerRegistry.ts).

import { hostname } from 'node:os';
import type { Job } from 'bullmq';
import { version as appVersion } from '../../../package.json';
import type { ClusterWorkerInfo } from '../../shared/cluster';
import { decodePlain, encodePlain } from './plainData';
import { PROTOCOL, QUEUE_NAME, type QueuedRun, type RunProgress, type RunReply, submissionKey } from './protocol';
import { parseQueueUrl, type QueueUrl } from './queueUrl';
import { checkReachable, loadDrivers, openClient } from './redisClient';
import { engineBuild, type RunKind } from './runKind';
import { findRunKind } from './runKinds';
import { announceWorker, HEARTBEAT_MS, withdrawWorker } from './workerRegistry';

/** Lock of a run, renewed every half of it while the run executes; a dead worker's runs return after it. */
export const DEFAULT_LOCK_MS = 60_000;
/** How often this worker looks for runs whose lock expired (their worker died). */
export const DEFAULT_STALLED_MS = 30_000;
/** Times a run may lose its worker before it fails (a run that kills every worker it meets must end). */
export const MAX_STALLED = 3;
/** How often an active run checks that its submitter still wants it, and the least time between two progress events of a run. */
const ALIVE_POLL_MS = 2000;
const PROGRESS_MS = 500;
/** Why a run of a cancelled (or vanished) submission ends. */
const CANCELLED = 'cancelled: its submitter stopped or is gone';

export interface ClusterWorkerOptions {
  /** Runs executed at once (default 1). */
  concurrency?: number;
  lockMs?: number;
  stalledMs?: number;
  /** Name of this worker on the queue (default host-pid). */
  id?: string;
  onEvent?: (e: WorkerEvent) => void;
}

/** What a worker tells its operator. */
export type WorkerEvent =
  | { kind: 'start'; job: string; run: string; active: number }
  | { kind: 'done'; job: string; run: string; seconds: number; active: number }
  /** The run was refused (protocol, build, kind, bad input) or failed while it executed. */
  | { kind: 'failed'; job: string; message: string }
  /** The run stopped: its submitter cancelled it, or this worker is closing (the run went back to the queue). */
  | { kind: 'stopped'; job: string; run: string; why: 'cancelled' | 'returned' }
  | { kind: 'problem'; message: string };

export interface ClusterWorker {
  readonly id: string;
  readonly queue: QueueUrl;
  /** Stops taking runs, hands the active ones back to the queue, and leaves. */
  close(): Promise<void>;
}

type Stop = 'cancelled' | 'shutdown';

/** Checks a queued run against this worker; returns its kind and checked input, or throws UnrecoverableError naming the mismatch. */
function accept(job: Job, refuse: (message: string) => never): { kind: RunKind<unknown, unknown, unknown>; data: QueuedRun; input: unknown } {
  const data = job.data as Partial<QueuedRun> | null;
  if (typeof data !== 'object' || data === null) refuse(`run ${job.id} carries no run data`);
  if (data.protocol !== PROTOCOL) {
    refuse(`run ${job.id} speaks queue protocol ${String(data.protocol)} (emlw ${data.version ?? 'unknown'}); this worker (emlw ${appVersion}) speaks protocol ${PROTOCOL}: run the same emlw version on every machine`);
  }
  const kind = findRunKind(String(data.kind));
  if (!kind) refuse(`run ${job.id} is of kind '${String(data.kind)}', which this worker (emlw ${appVersion}) does not have: run the same emlw version on every machine`);
  if (data.build !== engineBuild(kind)) {
    refuse(`run ${job.id} comes from engine build ${String(data.build)} (emlw ${data.version ?? 'unknown'}), this worker runs build ${engineBuild(kind)} (emlw ${appVersion}); `
      + 'its result could differ from a local run: install the same emlw build on every machine');
  }
  if (typeof data.submission !== 'string' || !Number.isInteger(data.index)) refuse(`run ${job.id} has no submission or index`);
  try {
    return { kind, data: data as QueuedRun, input: kind.check(decodePlain(data.input)) };
  } catch (e) {
    refuse(`run ${job.id}: ${(e as Error).message}`);
  }
}

/** Starts a worker on the queue at `queue`; throws naming the URL when Redis cannot be reached. */
export async function startClusterWorker(queue: string | QueueUrl, opts: ClusterWorkerOptions = {}): Promise<ClusterWorker> {
  const q = typeof queue === 'string' ? parseQueueUrl(queue) : queue;
  const concurrency = opts.concurrency ?? 1;
  const lockMs = opts.lockMs ?? DEFAULT_LOCK_MS, stalledMs = opts.stalledMs ?? DEFAULT_STALLED_MS;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 256) throw new Error(`--concurrency must be an integer from 1 to 256, got ${concurrency}`);
  if (!Number.isInteger(lockMs) || lockMs < 1000) throw new Error(`--lock-ms must be an integer of at least 1000, got ${lockMs}`);
  if (!Number.isInteger(stalledMs) || stalledMs < 100) throw new Error(`--stalled-ms must be an integer of at least 100, got ${stalledMs}`);
  const id = opts.id ?? `${hostname()}-${process.pid}`;
  if (!/^[\w.@-]{1,100}$/.test(id)) throw new Error(`--id '${id}' must be 1 to 100 letters, digits or . _ - @`);
  await checkReachable(q);
  const emit = opts.onEvent ?? (() => {});
  const problem = (message: string) => emit({ kind: 'problem', message });
  const { Worker, UnrecoverableError, WaitingError } = (await loadDrivers()).bullmq;
  const refuse = (message: string): never => { throw new UnrecoverableError(message); };
  const redis = await openClient(q, problem);
  const workerClient = await openClient(q, problem);
  const active = new Map<string, AbortController>();
  const startedAt = new Date().toISOString();
  let runs = 0;
  const info = (): ClusterWorkerInfo => ({ id, host: hostname(), pid: process.pid, version: appVersion, protocol: PROTOCOL, concurrency, active: active.size, runs, startedAt });
  const heartbeat = (): void => { announceWorker(redis, info()).catch(() => {}); };

  const processor = async (job: Job, token?: string): Promise<RunReply> => {
    const jobId = String(job.id);
    let accepted: ReturnType<typeof accept>;
    try {
      accepted = accept(job, refuse);
    } catch (e) {
      emit({ kind: 'failed', job: jobId, message: (e as Error).message });
      throw e;
    }
    const { kind, data, input } = accepted;
    const run = kind.describe(input);
    const alive = submissionKey(data.submission);
    if ((await redis.exists(alive)) === 0) {
      emit({ kind: 'stopped', job: jobId, run, why: 'cancelled' });
      throw new UnrecoverableError(CANCELLED);
    }
    const ac = new AbortController();
    const stop = (why: Stop) => { if (!ac.signal.aborted) ac.abort(why); };
    active.set(jobId, ac);
    const poll = setInterval(() => {
      redis.exists(alive).then((n) => { if (n === 0) stop('cancelled'); }, () => {});
    }, ALIVE_POLL_MS);
    let lastProgress = 0;
    const onProgress = (p: unknown) => {
      const now = Date.now();
      if (now - lastProgress < PROGRESS_MS) return;
      lastProgress = now;
      job.updateProgress({ index: data.index, progress: encodePlain(p) } satisfies RunProgress as unknown as object).catch(() => {});
    };
    heartbeat();
    emit({ kind: 'start', job: jobId, run, active: active.size });
    const t0 = performance.now();
    try {
      const result = await kind.execute(input, { signal: ac.signal, onProgress });
      runs++;
      emit({ kind: 'done', job: jobId, run, seconds: (performance.now() - t0) / 1000, active: active.size - 1 });
      return { protocol: PROTOCOL, worker: id, result: encodePlain(result) };
    } catch (e) {
      if (ac.signal.reason === 'shutdown') {
        // hand the run back now rather than after its lock expires
        await job.moveToWait(token);
        emit({ kind: 'stopped', job: jobId, run, why: 'returned' });
        throw new WaitingError();
      }
      if (ac.signal.aborted) {
        emit({ kind: 'stopped', job: jobId, run, why: 'cancelled' });
        throw new UnrecoverableError(CANCELLED);
      }
      emit({ kind: 'failed', job: jobId, message: (e as Error).message });
      throw e;
    } finally {
      clearInterval(poll);
      active.delete(jobId);
      heartbeat();
    }
  };

  const worker = new Worker(QUEUE_NAME, processor, {
    connection: workerClient, concurrency, lockDuration: lockMs, stalledInterval: stalledMs, maxStalledCount: MAX_STALLED, name: id,
  });
  worker.on('error', (e) => problem(e.message));
  // a cancelled run is of no use to anyone: drop it rather than keep it among the failed runs
  worker.on('failed', (job, e) => { if (job && e.message === CANCELLED) job.remove().catch(() => {}); });
  await worker.waitUntilReady();
  heartbeat();
  const beat = setInterval(heartbeat, HEARTBEAT_MS);
  let closing: Promise<void> | undefined;
  return {
    id,
    queue: q,
    close() {
      closing ??= (async () => {
        clearInterval(beat);
        const closed = worker.close();
        for (const ac of active.values()) ac.abort('shutdown' satisfies Stop);
        await closed;
        await withdrawWorker(redis, id).catch(() => {});
        redis.disconnect();
        workerClient.disconnect();
      })();
      return closing;
    },
  };
}
