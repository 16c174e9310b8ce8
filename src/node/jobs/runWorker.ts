// The parent side of a job: start a worker thread from a bundled worker file (dist/workers/<name>.mjs),
// stream its progress, and cancel it on request: the stop flag is raised at once and the thread is
// terminated if it has not returned within the grace period (100 ms by default).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FromWorker, StopReason, ToWorker } from './protocol';

/** Rejection of a job that ended without a result; `reason` says why. */
export class JobStopped extends Error {
  constructor(readonly reason: StopReason) {
    super(reason.kind === 'failed' ? reason.message : reason.kind === 'timeLimit' ? `stopped after the time limit of ${reason.ms} ms` : 'cancelled');
    this.name = 'JobStopped';
  }
}

export interface RunOptions<P> {
  onProgress?: (p: P) => void;
  signal?: AbortSignal;
  /** Stop the job after this many milliseconds (rejects with reason timeLimit). */
  timeLimitMs?: number;
  /** How long a cancelled worker may take to return before it is terminated (default 100 ms). */
  graceMs?: number;
}

let rootCache: string | undefined;

/** Returns the repository (application) root: the nearest folder above this file with our package.json. */
export function appRoot(): string {
  if (rootCache) return rootCache;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'eml-workbench') return (rootCache = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('jobs: cannot find the application root (package.json of eml-workbench)');
    dir = up;
  }
}

/** Returns the path of a bundled worker file; throws a clear error when it has not been built. */
export function workerPath(name: string): string {
  const p = resolve(appRoot(), 'dist/workers', `${name}.mjs`);
  if (!existsSync(p)) throw new Error(`jobs: worker '${name}' is not built (${p} is missing); run: node scripts/build-cli.mjs`);
  return p;
}

/** Workers started ahead of their job, by name (at most one each). */
const prestarted = new Map<string, Worker>();

/**
 * Starts the worker `name` ahead of its job, so that its thread boots while the caller is still loading and
 * checking its input; the next runWorker(name) takes it. Until then it does not keep the process alive, and
 * one that fails or exits before it is taken is forgotten (runWorker then starts a fresh one). Never throws: a
 * worker that cannot start is reported by runWorker. `preload` (the worker's `workerData.preload`) names the task
 * the job will be, so that the worker loads that task's code while it waits.
 */
export function prestartWorker(name: string, preload?: string): void {
  if (prestarted.has(name)) return;
  let worker: Worker;
  try {
    worker = new Worker(workerPath(name), preload ? { workerData: { preload } } : {});
  } catch {
    return; // runWorker(name) will report it
  }
  worker.unref();
  const forget = () => { if (prestarted.get(name) === worker) prestarted.delete(name); };
  worker.on('error', forget);
  worker.on('exit', forget);
  prestarted.set(name, worker);
}

/** Returns the prestarted worker `name` (now keeping the process alive), or a new one. */
function takeWorker(name: string): Worker {
  const early = prestarted.get(name);
  if (!early) return new Worker(workerPath(name));
  prestarted.delete(name);
  early.ref();
  return early;
}

/** Runs the worker `name` on `input`; resolves with its result or rejects with JobStopped. */
export function runWorker<I, O, P = unknown>(name: string, input: I, opts: RunOptions<P> = {}): Promise<O> {
  return new Promise<O>((resolvePromise, reject) => {
    if (opts.signal?.aborted) { reject(new JobStopped({ kind: 'cancelled' })); return; }
    const worker = takeWorker(name);
    const stop = new SharedArrayBuffer(4);
    const flag = new Int32Array(stop);
    let settled = false;
    let killTimer: NodeJS.Timeout | undefined;
    let limitTimer: NodeJS.Timeout | undefined;
    let stopping: StopReason | undefined;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(killTimer); clearTimeout(limitTimer);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      f();
    };
    const requestStop = (reason: StopReason) => {
      if (settled || stopping) return;
      stopping = reason;
      Atomics.store(flag, 0, 1);
      killTimer = setTimeout(() => finish(() => reject(new JobStopped(reason))), opts.graceMs ?? 100);
    };
    const onAbort = () => requestStop({ kind: 'cancelled' });
    opts.signal?.addEventListener('abort', onAbort);
    if (opts.timeLimitMs !== undefined) limitTimer = setTimeout(() => requestStop({ kind: 'timeLimit', ms: opts.timeLimitMs! }), opts.timeLimitMs);
    worker.on('message', (m: FromWorker<O, P>) => {
      if (m.type === 'progress') { if (!stopping) opts.onProgress?.(m.progress); return; }
      if (m.type === 'result') finish(() => (stopping ? reject(new JobStopped(stopping)) : resolvePromise(m.result)));
      // a worker asked to stop may end by throwing (e.g. its own threads reporting the stop): it stopped
      else finish(() => reject(new JobStopped(stopping ?? { kind: 'failed', message: m.message })));
    });
    worker.on('error', (e) => finish(() => reject(new JobStopped({ kind: 'failed', message: e.message }))));
    worker.on('exit', (code) => finish(() => reject(new JobStopped(stopping ?? { kind: 'failed', message: `worker exited with code ${code}` }))));
    worker.postMessage({ type: 'start', input, stop } satisfies ToWorker<I>);
  });
}
