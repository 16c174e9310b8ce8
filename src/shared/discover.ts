// Shapes of discover jobs (data → exact formula) as the hosts and the renderer see them: what the Fit view
// asks for, the run record the job writes (the live Pareto front, then the final report), and the requests
// that save a front entry to the Library and fetch the data a result is plotted on. Types and limits only;
// validation lives in src/node/discover/discoverRequest.ts (API input) and src/node/store/discoverRunSchema.ts
// (project file), the job in src/node/jobs/discoverJobDefinition.ts, the engine in src/core/discover.

import type { DiscoveredFormula, DiscoverStop } from '../core/discover/discover';
import type { RunBase } from './records';

/** Limits the host enforces on discover inputs (the view uses them for its fields). */
export const DISCOVER_LIMITS = {
  /** Longest time limit, seconds. */
  maxTimeLimitS: 3600,
  /** Default time limit, seconds (the CLI's). */
  defaultTimeLimitS: 60,
  /** Largest max K (the engine's limit; no max K reports every size). */
  maxK: 99999,
  /** Most threads of one discovery. */
  maxThreads: 16,
  /** Most input columns (the engine's MAX_INPUTS). */
  maxInputs: 6,
  /** Memory budget of the enumerations, MiB. */
  minMemoryMiB: 64,
  maxMemoryMiB: 8192,
  defaultMemoryMiB: 1024,
} as const;

/** Noise level of the target: estimated from the data, or a given standard deviation. */
export type DiscoverNoise = { readonly kind: 'auto' } | { readonly kind: 'given'; readonly sigma: number };

/** Input of a discover job (also the settings its run records). */
export interface DiscoverJobInput {
  /** A dataset of the open project and its columns. */
  readonly datasetId: string;
  readonly x: readonly string[];
  readonly y: string;
  readonly timeLimitS: number;
  readonly noise: DiscoverNoise;
  /** Largest EML size K reported, or null for no limit. */
  readonly maxK: number | null;
  readonly memoryMiB: number;
  /** Threads the engines are split over (the enumerations and the pure EML search side by side). */
  readonly threads: number;
  /** Seed of the training / held-out split. */
  readonly seed: number;
}

/** What a renderer sends to start a discover job: the data, and any settings that differ from the defaults. */
export type DiscoverJobRequest = Pick<DiscoverJobInput, 'datasetId' | 'x' | 'y'> & Partial<Omit<DiscoverJobInput, 'datasetId' | 'x' | 'y'>>;

/** One entry of a discovered front: the engine's reported formula (src/core/discover/discover.ts). */
export type DiscoverEntry = DiscoveredFormula;

/** What the dataset was when the run started (the dataset may be renamed or deleted later). */
export interface DiscoverDatasetInfo {
  readonly name: string;
  readonly rows: number;
  /** The import's report (file, rows kept, rows dropped and why). */
  readonly detail: string;
}

/** The end of a discovery: the engine's report less its front and best (the record keeps those). */
export interface DiscoverSummary {
  readonly rows: { readonly total: number; readonly train: number; readonly heldOut: number; readonly probes: number };
  readonly noise: { readonly kind: 'auto' | 'given'; readonly sigma: number; readonly floor: number };
  readonly engines: ReadonlyArray<{ readonly name: string; readonly steps: number; readonly ms: number; readonly reached: string }>;
  readonly candidates: number;
  readonly rejected: number;
  readonly reducible: number;
  readonly stop: DiscoverStop;
  readonly ms: number;
}

/** A discover run: settings, the front (live while it runs, final after), the best entry and the summary. */
export interface DiscoverRunRecord extends RunBase {
  readonly kind: 'discover';
  readonly settings: DiscoverJobInput;
  readonly dataset: DiscoverDatasetInfo;
  /** Pareto front of K against error, sorted by K. */
  front: DiscoverEntry[];
  /** Index into `front` of the best entry by description length, or null. */
  best: number | null;
  /** Time since the start and candidates measured, as of the last progress event. */
  elapsedMs: number;
  candidates: number;
  /** The last progress note of the engine ("calculator: K 7, 1204 candidates"). */
  note: string;
  /** The engine's report, written when the job ends with a result. */
  summary: DiscoverSummary | null;
  /** Library formulas saved from this run. */
  formulaIds: string[];
}

/** A progress event of a discover job (the engine's, with the front only on re-ranked events). */
export interface DiscoverJobProgress {
  /** The job's time limit (so a progress event alone says how far the job is). */
  readonly limitMs: number;
  readonly elapsedMs: number;
  readonly engine: string;
  readonly note: string;
  readonly candidates: number;
  readonly front?: readonly DiscoverEntry[];
  readonly best: DiscoverEntry | null;
}

/** Saves a front entry of a discover run to the Library (`eml` names the entry: its EML tree text). */
export interface DiscoverSaveRequest {
  readonly runId: string;
  readonly eml: string;
  readonly name?: string;
}

/** Asks for the data a run was fitted on (discover and training runs). */
export interface RunDataRequest {
  readonly runId: string;
}

/** Asks for the columns of a dataset. */
export interface DatasetDataRequest {
  readonly datasetId: string;
}

/** Most rows a data response carries; larger data is sampled evenly (the response says so). */
export const MAX_DATA_ROWS = 20_000;

/**
 * Data points as plain arrays: input columns and the target, of equal length. `total` is the number of rows
 * the data has; when it exceeds MAX_DATA_ROWS the arrays hold an even sample of them.
 */
export interface DataPoints {
  readonly names: readonly string[];
  readonly inputs: ReadonlyArray<readonly number[]>;
  readonly targetName: string;
  readonly target: readonly number[];
  readonly total: number;
  /** Where the points come from ("dataset kepler.csv", "eml_depth2 on its training grid"). */
  readonly source: string;
}

/** The columns of a dataset (the last one is the default target). */
export interface DatasetData {
  readonly datasetId: string;
  readonly columns: readonly string[];
  readonly values: ReadonlyArray<readonly number[]>;
  readonly total: number;
}
