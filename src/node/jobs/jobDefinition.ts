// What a kind of job is: how it runs, how many cores it keeps busy, and how its progress and its end
// land in the project's run record. The job service (service.ts) runs any definition; each kind lives in
// its own file and jobKinds.ts lists them, so a new kind is one new file and one line there.

import type { JobStatus } from '../../shared/jobs';
import type { ProjectData, RunBase, RunRecord } from '../../shared/project';
import type { ProjectStore } from '../store/projectStore';
import type { RunOptions } from './runWorker';

/** The fields every run record starts with (the service makes them: id, label, status, time). */
export type NewRun = Omit<RunBase, 'status'> & { status: 'queued' | 'running' };

/** How a job ended, as its definition records it. */
export interface JobEnd<O> {
  readonly status: Exclude<JobStatus, 'running' | 'queued'>;
  readonly result?: O;
  readonly error?: string;
}

/** How a kind of job runs and records itself. `I` input, `P` progress, `O` result of its worker. */
export interface JobDefinition<I, P, O> {
  /** The worker file (dist/workers/<worker>.mjs) run with runWorker, unless `run` is given. */
  readonly worker: string;
  /** Runs the job some other way (e.g. a pool of workers); must honour the signal and reject with JobStopped when cancelled. */
  run?(input: I, opts: RunOptions<P>): Promise<O>;
  /** Cores the job keeps busy (1 when absent; Infinity for every core). The service queues jobs past its cap. */
  cores?(input: I): number;
  /** Human label of a job ("Verify compiler: all, paper, 40 digits"). */
  label(input: I): string;
  /** Adds the run record, made of `base` and the kind's own fields, to the project. */
  createRun(store: ProjectStore, input: I, base: NewRun): Promise<void>;
  /** Progress counts and message of a progress event. */
  describe(progress: P): { done: number; total: number; message: string };
  /** Writes one progress event's results into the run. */
  recordProgress(store: ProjectStore, runId: string, progress: P): Promise<void>;
  /** Writes the end of the run. */
  recordEnd(store: ProjectStore, runId: string, end: JobEnd<O>): Promise<void>;
}

export type AnyJobDefinition = JobDefinition<unknown, unknown, unknown>;

/** Returns the fields a new run record starts with. */
export function newRun(id: string, label: string, status: NewRun['status'], at: string): NewRun {
  return { id, label, status, createdAt: at, endedAt: null, progress: { done: 0, total: 0 }, error: null, arrays: [] };
}

/** Returns the run `runId` of kind `kind` in `data` (pass the data an update gives), or undefined. */
export function findRun<K extends RunRecord['kind']>(data: Readonly<ProjectData>, runId: string, kind: K): Extract<RunRecord, { kind: K }> | undefined {
  const r = data.runs.find((x) => x.id === runId);
  return r?.kind === kind ? (r as Extract<RunRecord, { kind: K }>) : undefined;
}
