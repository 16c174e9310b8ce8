// The job service both hosts share: starts long work in worker threads (runWorker), lists and cancels
// jobs, fans progress out to subscribers, and writes results into the job's project as they arrive.
// Jobs belong to the host process, not to a renderer: a reload only drops a subscriber, and the next
// one gets the same jobs from list(). Each job kind is a JobDefinition (worker name + how its progress
// and result land in the project); the compiler verification job is the first.

import { randomUUID } from 'node:crypto';
import type { JobInfo, JobKind, JobStatus, VerifyJobInput, VerifyOutput, VerifyProgress } from '../../shared/jobs';
import type { VerifyRunRecord } from '../../shared/project';
import type { ProjectStore } from '../store/projectStore';
import { JobStopped, runWorker, type RunOptions } from './runWorker';
import { SEARCH_JOB } from './searchJobDefinition';
import { TRAIN_JOB } from './trainJobDefinition';

/** How a kind of job runs and records itself. `I` input, `P` progress, `O` result of its worker. */
export interface JobDefinition<I, P, O> {
  /** The worker file (dist/workers/<worker>.mjs) run with runWorker, unless `run` is given. */
  readonly worker: string;
  /** Runs the job some other way (e.g. a pool of workers); must honour the signal and reject with JobStopped when cancelled. */
  run?(input: I, opts: RunOptions<P>): Promise<O>;
  /** Human label of a job ("Verify compiler: all, paper, 40 digits"). */
  label(input: I): string;
  /** Creates the run record in the project; returns its id. */
  createRun(store: ProjectStore, input: I, id: string, label: string): Promise<string>;
  /** Progress counts and message of a progress event. */
  describe(progress: P): { done: number; total: number; message: string };
  /** Writes one progress event's results into the run. */
  recordProgress(store: ProjectStore, runId: string, progress: P): Promise<void>;
  /** Writes the end of the run. */
  recordEnd(store: ProjectStore, runId: string, end: { status: Exclude<JobStatus, 'running'>; result?: O; error?: string }): Promise<void>;
}

type AnyDefinition = JobDefinition<unknown, unknown, unknown>;

function findRun(store: ProjectStore, runId: string): VerifyRunRecord | undefined {
  return store.data.runs.find((r) => r.id === runId) as VerifyRunRecord | undefined;
}

/** The compiler verification job: runs the suites in the verify worker, one run record per job. */
export const VERIFY_JOB: JobDefinition<VerifyJobInput, VerifyProgress, VerifyOutput> = {
  worker: 'verify',
  label: (input) =>
    `Verify compiler: ${input.suite}, ${input.mode} mode, ${input.semantics} semantics` +
    (input.suite === 'identities' || input.suite === 'all' ? `, ${input.digits} digits` : ''),
  async createRun(store, input, id, label) {
    const now = new Date().toISOString();
    await store.update((d) => {
      d.runs.push({
        id,
        kind: 'verify',
        label,
        status: 'running',
        createdAt: now,
        endedAt: null,
        progress: { done: 0, total: 0 },
        error: null,
        arrays: [],
        settings: { ...input },
        results: [],
        summary: null,
      });
    });
    return id;
  },
  describe: (p) => ({ done: p.done, total: p.total, message: `${p.result.name}: ${p.result.passed ? 'ok' : 'FAILED'}` }),
  async recordProgress(store, runId, p) {
    await store.update(() => {
      const run = findRun(store, runId);
      if (!run) return;
      run.results.push(p.result);
      run.progress = { done: p.done, total: p.total };
    });
  },
  async recordEnd(store, runId, end) {
    await store.update(() => {
      const run = findRun(store, runId);
      if (!run) return;
      run.status = end.status;
      run.endedAt = new Date().toISOString();
      run.error = end.error ?? null;
      const passed = run.results.filter((r) => r.passed).length;
      run.summary = { passed, failed: run.results.length - passed };
    });
  },
};

/** The job kinds this build knows. */
export const JOB_DEFINITIONS: Readonly<Record<JobKind, AnyDefinition>> = {
  verify: VERIFY_JOB as unknown as AnyDefinition,
  search: SEARCH_JOB as unknown as AnyDefinition,
  train: TRAIN_JOB as unknown as AnyDefinition,
};

/** How the service holds a project open while a job writes to it (the workspace's reference counts). */
export interface ProjectHolder {
  retain(store: ProjectStore): void;
  release(store: ProjectStore): Promise<void>;
}

export interface JobServiceOptions {
  readonly definitions?: Readonly<Record<string, AnyDefinition>>;
  /** Runs a worker (tests may wrap runWorker). */
  readonly run?: <I, O, P>(name: string, input: I, opts: RunOptions<P>) => Promise<O>;
  readonly holder?: ProjectHolder;
  readonly now?: () => number;
  /** Least time between two progress events of one job (the last one is always sent). */
  readonly progressIntervalMs?: number;
  /** Finished jobs kept in list() (oldest dropped first). */
  readonly keepFinished?: number;
}

interface Job {
  info: JobInfo;
  readonly abort: AbortController;
  readonly done: Promise<void>;
  lastEmit: number;
  timer: NodeJS.Timeout | undefined;
}

export class JobService {
  private readonly jobs = new Map<string, Job>();
  private readonly listeners = new Set<(job: JobInfo) => void>();
  private readonly definitions: Readonly<Record<string, AnyDefinition>>;
  private readonly run: NonNullable<JobServiceOptions['run']>;
  private readonly holder: ProjectHolder | undefined;
  private readonly now: () => number;
  private readonly interval: number;
  private readonly keep: number;

  constructor(options: JobServiceOptions = {}) {
    this.definitions = options.definitions ?? JOB_DEFINITIONS;
    this.run = options.run ?? runWorker;
    this.holder = options.holder;
    this.now = options.now ?? Date.now;
    this.interval = options.progressIntervalMs ?? 100;
    this.keep = options.keepFinished ?? 50;
  }

  /** Calls `listener` with a job's state whenever it starts, progresses (throttled) or ends; returns the unsubscribe function. */
  subscribe(listener: (job: JobInfo) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Returns every running job and the most recent finished ones, oldest first. */
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

  /** Starts a job of `kind` whose results go to the project `store`; returns it at once. */
  async start(kind: string, input: unknown, store: ProjectStore): Promise<JobInfo> {
    const def = this.definitions[kind];
    if (!def) throw new Error(`jobs: unknown job kind '${kind}'`);
    const id = randomUUID();
    const label = def.label(input);
    this.holder?.retain(store);
    let runId: string;
    try {
      runId = await def.createRun(store, input, id, label);
    } catch (e) {
      await this.holder?.release(store);
      throw e;
    }
    const abort = new AbortController();
    let resolveDone!: () => void;
    const job: Job = {
      info: {
        id,
        kind: kind as JobKind,
        label,
        status: 'running',
        done: 0,
        total: 0,
        message: 'starting',
        startedAt: this.now(),
        endedAt: null,
        projectPath: store.dir,
        runId,
        error: null,
      },
      abort,
      done: new Promise<void>((r) => (resolveDone = r)),
      lastEmit: 0,
      timer: undefined,
    };
    this.jobs.set(id, job);
    this.trim();
    this.emit(job, true);

    // progress writes are chained so they reach the file in order, and the end is written after them
    let writes: Promise<void> = Promise.resolve();
    const record = (f: () => Promise<void>): void => {
      writes = writes.then(f).catch(() => undefined);
    };
    const onProgress = (p: unknown): void => {
      const d = def.describe(p);
      job.info = { ...job.info, done: d.done, total: d.total, message: d.message };
      record(() => def.recordProgress(store, runId, p));
      this.emit(job, false);
    };
    void (async () => {
      let end: { status: Exclude<JobStatus, 'running'>; result?: unknown; error?: string };
      try {
        const opts: RunOptions<unknown> = { onProgress, signal: abort.signal };
        const result = def.run ? await def.run(input, opts) : await this.run(def.worker, input, opts);
        end = { status: 'completed', result };
      } catch (e) {
        if (e instanceof JobStopped && e.reason.kind === 'cancelled') end = { status: 'cancelled' };
        else end = { status: 'failed', error: e instanceof Error ? e.message : String(e) };
      }
      record(() => def.recordEnd(store, runId, end));
      await writes;
      job.info = { ...job.info, status: end.status, endedAt: this.now(), error: end.error ?? null, message: end.status };
      this.emit(job, true);
      await this.holder?.release(store);
      resolveDone();
    })();
    return job.info;
  }

  /** Asks job `id` to stop; returns its state (unchanged when it already ended). */
  cancel(id: string): JobInfo {
    const job = this.jobs.get(id);
    if (!job) throw new Error(`jobs: no job with id '${id}'`);
    if (job.info.status === 'running') job.abort.abort();
    return job.info;
  }

  private trim(): void {
    const finished = [...this.jobs.values()].filter((j) => j.info.status !== 'running');
    for (const j of finished.slice(0, Math.max(0, finished.length - this.keep))) this.jobs.delete(j.info.id);
  }

  /** Cancels every running job and waits until each has written its end (host shutdown). */
  async shutdown(): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.info.status === 'running');
    for (const j of running) j.abort.abort();
    await Promise.all(running.map((j) => j.done));
  }
}
