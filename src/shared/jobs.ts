// Shapes of jobs as the hosts report them: what a job is, its progress, and the inputs of each kind.
// Types only; the job service (src/node/jobs/service.ts) owns the behaviour.

import type { VerifyCaseSummary, VerifySettings } from './project';
import type { DiscoverJobRequest } from './discover';
import type { SearchJobInput } from './search';
import type { TrainJobInput } from './train';

/** Kinds of job the hosts can start (search and training join when their engines land). */
export type JobKind = 'verify' | 'search' | 'train' | 'discover';

/** 'queued' waits for free cores (the host caps the cores its jobs keep busy), then it runs. */
export type JobStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

/** Input of a compiler verification job (same fields as the run settings it records). */
export type VerifyJobInput = VerifySettings;

/** One progress message of the verify worker: a case just finished. */
export interface VerifyProgress {
  readonly done: number;
  readonly total: number;
  readonly result: VerifyCaseSummary;
}

/** Result of the verify worker. */
export interface VerifyOutput {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  /** True when it returned early because it was asked to stop. */
  readonly stopped: boolean;
}

export type StartJobRequest =
  | { readonly kind: 'verify'; readonly input: VerifyJobInput }
  | { readonly kind: 'search'; readonly input: SearchJobInput }
  | { readonly kind: 'train'; readonly input: TrainJobInput }
  | { readonly kind: 'discover'; readonly input: DiscoverJobRequest };

/** A job as listed to the renderer. */
export interface JobInfo {
  readonly id: string;
  readonly kind: JobKind;
  readonly label: string;
  readonly status: JobStatus;
  readonly done: number;
  readonly total: number;
  /** Last progress line ("Sin: ok"). */
  readonly message: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
  /** The project its results are written to, and the run record that holds them. */
  readonly projectPath: string | null;
  readonly runId: string | null;
  readonly error: string | null;
}
