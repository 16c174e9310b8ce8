// The job service both hosts share: starts long work (JobDefinition, jobDefinition.ts) in worker threads,
// lists and cancels jobs, fans progress out to subscribers, and writes results into the job's project as
// they arrive. Jobs belong to the host process, not to a renderer: a reload only drops a subscriber, and
// the next one gets the same jobs from list().
// CPU-bound work is capped: jobs together keep at most `cores` cores busy (each job says how many it
// needs); the others wait 'queued', in order, and start as cores free up. A job whose results could not
// be written fails with that error: it never reports 'completed' unless its end is on disk.

import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { JobInfo, JobKind, JobStatus } from '../../shared/jobs';
import type { ProjectStore } from '../store/projectStore';
import { newRun, type AnyJobDefinition, type JobEnd } from './jobDefinition';
import { JOB_DEFINITIONS } from './jobKinds';
import { JobStopped, runWorker, type RunOptions } from './runWorker';

/** How the service holds a project open while a job writes to it (the workspace's reference counts). */
export interface ProjectHolder {
  retain(store: ProjectStore): void;
  release(store: ProjectStore): Promise<void>;
}

export interface JobServiceOptions {
  readonly definitions?: Readonly<Record<string, AnyJobDefinition>>;
  /** Runs a worker (tests may wrap runWorker). */
  readonly run?: <I, O, P>(name: string, input: I, opts: RunOptions<P>) => Promise<O>;
  readonly holder?: ProjectHolder;
  readonly now?: () => number;
  /** Least time between two progress events of one job (the last one is always sent). */
  readonly progressIntervalMs?: number;
  /** Finished jobs kept in list() (oldest dropped first). */
  readonly keepFinished?: number;
  /** Most cores all running jobs together keep busy (default: the cores of this machine). */
  readonly cores?: number;
}

interface Job {
  info: JobInfo;
  readonly def: AnyJobDefinition;
  readonly input: unknown;
  readonly store: ProjectStore;
  readonly cores: number;
  readonly abort: AbortController;
  readonly done: Promise<void>;
  readonly settle: () => void;
  lastEmit: number;
  timer: NodeJS.Timeout | undefined;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const isActive = (s: JobStatus): boolean => s === 'running' || s === 'queued';

export class JobService {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private readonly listeners = new Set<(job: JobInfo) => void>();
  private readonly definitions: Readonly<Record<string, AnyJobDefinition>>;
  private readonly run: NonNullable<JobServiceOptions['run']>;
  private readonly holder: ProjectHolder | undefined;
  private readonly now: () => number;
  private readonly interval: number;
  private readonly keep: number;
  /** The cap on busy cores, and the cores running jobs hold now. */
  readonly cores: number;
  private busy = 0;

  constructor(options: JobServiceOptions = {}) {
    this.definitions = options.definitions ?? JOB_DEFINITIONS;
    this.run = options.run ?? runWorker;
    this.holder = options.holder;
    this.now = options.now ?? Date.now;
    this.interval = options.progressIntervalMs ?? 100;
    this.keep = options.keepFinished ?? 50;
    this.cores = Math.max(1, Math.floor(options.cores ?? availableParallelism()));
  }

  /** Calls `listener` with a job's state whenever it is queued, starts, progresses (throttled) or ends; returns the unsubscribe function. */
  subscribe(listener: (job: JobInfo) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Returns every queued or running job and the most recent finished ones, oldest first. */
  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => j.info);
  }

  /** Returns the job `id`, or undefined. */
  get(id: string): JobInfo | undefined {
    return this.jobs.get(id)?.info;
  }

  /** Resolves when job `id` has ended and its end is written to the project. */
  async settled(id: string): Promise<JobInfo | undefined> {
    await this.jobs.get(id)?.done;
    return this.get(id);
  }

  private emit(job: Job, force: boolean): void {
    const t = this.now();
    if (!force && t - job.lastEmit < this.interval) {
      job.timer ??= setTimeout(() => {
        job.timer = undefined;
        this.emit(job, true);
      }, this.interval - (t - job.lastEmit));
      return;
    }
    clearTimeout(job.timer);
    job.timer = undefined;
    job.lastEmit = t;
    for (const l of this.listeners) {
      try {
        l(job.info);
      } catch {
        // a failing subscriber must not stop the job or the others
      }
    }
  }

  /**
   * Starts a job of `kind` whose results go to the project `store`, or queues it when the cores are
   * busy; returns it at once. Rejects when its run record cannot be written (nothing is started then).
   */
  async start(kind: string, input: unknown, store: ProjectStore): Promise<JobInfo> {
    const def = this.definitions[kind];
    if (!def) throw new Error(`jobs: unknown job kind '${kind}'`);
    const id = randomUUID();
    const label = def.label(input);
    const wanted = def.cores?.(input) ?? 1;
    // a job wanting more cores than the cap (Infinity: all of them), or an unclear number, takes them all
    const cores = Number.isFinite(wanted) ? Math.min(this.cores, Math.max(1, Math.ceil(wanted))) : this.cores;
    // cores are reserved before the first await, so concurrent starts see each other
    const now = this.queue.length === 0 && this.busy + cores <= this.cores;
    if (now) this.busy += cores;
    this.holder?.retain(store);
    try {
      await def.createRun(store, input, newRun(id, label, now ? 'running' : 'queued', new Date(this.now()).toISOString()));
    } catch (e) {
      if (now) this.busy -= cores;
      await this.holder?.release(store);
      this.drain();
      throw e;
    }
    let settle!: () => void;
    const job: Job = {
      info: {
        id, kind: kind as JobKind, label, status: now ? 'running' : 'queued', done: 0, total: 0,
        message: now ? 'starting' : 'queued: waiting for a free core', startedAt: this.now(), endedAt: null,
        projectPath: store.dir, runId: id, error: null,
      },
      def, input, store, cores,
      abort: new AbortController(),
      done: new Promise<void>((r) => (settle = r)),
      settle,
      lastEmit: 0,
      timer: undefined,
    };
    this.jobs.set(id, job);
    this.trim();
    this.emit(job, true);
    if (now) void this.execute(job, false);
    else this.queue.push(job);
    return job.info;
  }

  /** Starts queued jobs, in order, while the first one fits in the free cores. */
  private drain(): void {
    while (this.queue.length > 0 && this.busy + this.queue[0]!.cores <= this.cores) {
      const job = this.queue.shift()!;
      this.busy += job.cores;
      void this.execute(job, true);
    }
  }

  /** Runs a job whose cores are reserved, records its progress and end, then frees the cores. */
  private async execute(job: Job, wasQueued: boolean): Promise<void> {
    const { def, store } = job;
    const runId = job.info.runId!;
    // writes are chained so they reach the file in order; the first failure stops the job
    let writeError: unknown = null;
    let writes: Promise<void> = Promise.resolve();
    const record = (f: () => Promise<void>): void => {
      writes = writes.then(async () => {
        if (writeError !== null) return;
        try {
          await f();
        } catch (e) {
          writeError = e;
          job.abort.abort();
        }
      });
    };
    if (wasQueued) {
      job.info = { ...job.info, status: 'running', message: 'starting' };
      this.emit(job, true);
      record(() =>
        store.update((d) => {
          const run = d.runs.find((r) => r.id === runId);
          if (run?.status === 'queued') run.status = 'running';
        }),
      );
    }
    const onProgress = (p: unknown): void => {
      const d = def.describe(p);
      job.info = { ...job.info, done: d.done, total: d.total, message: d.message };
      record(() => def.recordProgress(store, runId, p));
      this.emit(job, false);
    };
    let end: JobEnd<unknown>;
    try {
      await writes;
      if (job.abort.signal.aborted) throw new JobStopped({ kind: 'cancelled' });
      const opts: RunOptions<unknown> = { onProgress, signal: job.abort.signal };
      const result = def.run ? await def.run(job.input, opts) : await this.run(def.worker, job.input, opts);
      end = { status: 'completed', result };
    } catch (e) {
      if (e instanceof JobStopped && e.reason.kind === 'cancelled') end = { status: 'cancelled' };
      else end = { status: 'failed', error: messageOf(e) };
    }
    await writes;
    if (writeError !== null) end = { status: 'failed', error: `its results could not be saved: ${messageOf(writeError)}` };
    this.busy -= job.cores;
    this.drain();
    await this.finish(job, end);
  }

  /** Writes the end of a job's run, then reports it: 'completed' only when that write succeeded. */
  private async finish(job: Job, end: JobEnd<unknown>): Promise<void> {
    try {
      await job.def.recordEnd(job.store, job.info.runId!, end);
    } catch (e) {
      const what = end.status === 'completed' ? 'its result could not be saved' : `its end (${end.status}) could not be saved`;
      end = { status: 'failed', error: `${what}: ${messageOf(e)}${end.error ? `; ${end.error}` : ''}` };
    }
    job.info = { ...job.info, status: end.status, endedAt: this.now(), error: end.error ?? null, message: end.status };
    this.emit(job, true);
    await this.holder?.release(job.store);
    job.settle();
  }

  /** Asks job `id` to stop (a queued one ends at once as cancelled); returns its state. */
  cancel(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`jobs: no job with id '${id}'`);
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      job.info = { ...job.info, message: 'cancelling' };
      void this.finish(job, { status: 'cancelled' });
    } else if (job.info.status === 'running') job.abort.abort();
    return job.info;
  }

  private trim(): void {
    const finished = [...this.jobs.values()].filter((j) => !isActive(j.info.status));
    for (const j of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(j.info.id);
  }

  /** Cancels every queued and running job and waits until each has written its end (host shutdown). */
  async shutdown(): Promise<void> {
    const active = [...this.jobs.values()].filter((j) => isActive(j.info.status));
    for (const j of [...this.queue]) this.cancel(j.info.id);
    for (const j of active) j.abort.abort();
    await Promise.all(active.map((j) => j.done));
  }
}
