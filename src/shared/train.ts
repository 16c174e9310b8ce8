// Shapes of training (fit) jobs, their run records and the dataset import, shared by the hosts and the
// renderer. Types and limits only; validation lives in src/node/train/trainRequest.ts and
// src/node/store/trainRunSchema.ts, the job in src/node/jobs/trainJobDefinition.ts.

import type { MasterForm } from '../core/train/generalLayout';
import type { DatasetRecord, RunBase } from './records';

/** Built-in targets a fit may name. */
export const TRAIN_TARGETS = ['eml_depth2', 'eml_depth3', 'eml_depth4', 'eml_depth5', 'eml_depth6'] as const;
export type TrainTarget = (typeof TRAIN_TARGETS)[number];
/** Initialisation choices ('all' runs the four random strategies per seed). */
export const TRAIN_INITS = ['biased', 'uniform', 'xy_biased', 'random_hot', 'all', 'manual'] as const;
export type TrainInit = (typeof TRAIN_INITS)[number];
export const MIN_TRAIN_DEPTH = 1;
export const MAX_TRAIN_DEPTH = 6;
export const MAX_TRAIN_SEEDS = 256;
/** Largest CSV/TSV text the host imports (characters; the browser host's request limit is 1 MiB). */
export const MAX_DATASET_TEXT = 900_000;
/** Rows of a dataset shown in the import preview, and dropped rows listed in its report. */
export const DATASET_PREVIEW_ROWS = 8;
export const DATASET_DROPPED_LISTED = 50;

/** Where a fit's data comes from. */
export type TrainSource =
  | { readonly kind: 'target'; readonly name: TrainTarget }
  /** Any formula in x (and y), sampled on the grid lo..hi step `step` in each variable. */
  | { readonly kind: 'formula'; readonly text: string; readonly grid: { readonly lo: number; readonly hi: number; readonly step: number } }
  /** Columns of a dataset of the project; a fraction of the rows is held out. */
  | { readonly kind: 'dataset'; readonly datasetId: string; readonly x: readonly string[]; readonly y: string; readonly testFraction: number };

/** Input of a training job (also the settings its run records). */
export interface TrainJobInput {
  readonly source: TrainSource;
  readonly depth: number;
  readonly init: TrainInit;
  /** Start formula of init 'manual' (null: the target itself). */
  readonly initExpr: string | null;
  readonly seeds: number;
  readonly seed0: number;
  /** Trainer options that differ from the reference defaults (names as in TrainOptions). */
  readonly options: Readonly<Record<string, number>>;
  /** Id shared by the jobs of one sweep, or null. */
  readonly sweep: string | null;
  /** The master tree's form (absent in runs recorded before it existed: paper; default: general for a dataset, else paper). */
  readonly master?: MasterForm;
  /** The data's noise σ for exact-within-noise (null or absent: estimated for a dataset, 0 for a formula). */
  readonly noise?: number | null;
}

/** How one run (seed × strategy) of a job is doing. */
export type TrainSeedStatus = 'pending' | 'running' | 'done' | 'cancelled';

/** The outcome of one finished run. */
export interface TrainSeedResult {
  /** Snapped MSE below the fit threshold (the reference's `success`). */
  readonly success: boolean;
  /** Snapped MSE below the exactness threshold: an exact symbolic recovery. */
  readonly symbolSuccess: boolean;
  readonly stableSymbolSuccess: boolean;
  readonly snapMse: number | null;
  readonly genMse: number | null;
  /** Exact, or within the data's noise (absent in runs recorded before it existed). */
  readonly exactWithinNoise?: boolean;
  /** The snapped tree in eml(a, b) notation, its size K and depth. */
  readonly tree: string;
  readonly K: number;
  readonly treeDepth: number;
  /** The snapped tree lowered to conventional notation (infix and LaTeX). */
  readonly formula: string;
  readonly latex: string;
  readonly endReason: string;
  readonly lastIter: number;
}

/** One run of a training job: its place in the plan, live state and result. */
export interface TrainSeedRecord {
  readonly index: number;
  readonly seed: number;
  readonly strategy: string;
  status: TrainSeedStatus;
  iter: number;
  phase: 'search' | 'hardening';
  soft: number | null;
  hard: number | null;
  tau: number | null;
  hardeningIter: number | null;
  result: TrainSeedResult | null;
}

/** A training run: settings, per-run state and results; loss curves are array files named `curve:<index>`. */
export interface TrainRunRecord extends RunBase {
  readonly kind: 'train';
  readonly settings: TrainJobInput;
  readonly target: { readonly name: string; readonly description: string };
  readonly notes: readonly string[];
  seeds: TrainSeedRecord[];
  /** Index of the best run (lowest snapped MSE), once any finished. */
  best: number | null;
  /** The metrics JSON (the reference trainer's fields), written when the job ends. */
  metrics: Record<string, unknown> | null;
  /** Library formulas this run recovered exactly. */
  formulaIds: string[];
}

/** Columns per point of a stored loss curve: iteration, soft loss, hard loss, τ. */
export const CURVE_STRIDE = 4;

/** A run's loss curve points (columns of equal length; non-finite losses are null). */
export interface CurveSeries {
  readonly index: number;
  readonly seed: number;
  readonly strategy: string;
  readonly status: TrainSeedStatus;
  readonly phase: 'search' | 'hardening';
  readonly iter: number;
  readonly hardeningIter: number | null;
  readonly iters: readonly number[];
  readonly soft: ReadonlyArray<number | null>;
  readonly hard: ReadonlyArray<number | null>;
}

/** Saves the result of one run (seed × strategy) of a training run to the Library, exact or not. */
export interface TrainSaveRequest {
  readonly runId: string;
  /** The run's index in the plan (TrainSeedRecord.index). */
  readonly index: number;
  readonly name?: string;
}

export interface TrainCurvesRequest {
  readonly runId: string;
}

/** Loss curves of every run of a training job (live while it runs, from the array files after). */
export interface TrainCurvesResponse {
  readonly runId: string;
  readonly live: boolean;
  readonly series: readonly CurveSeries[];
}

export interface DatasetImportRequest {
  /** Dataset name (defaults to the file name). */
  readonly name?: string;
  /** The chosen file's name (its extension picks the delimiter). */
  readonly fileName: string;
  readonly text: string;
}

/** A row the import dropped: line in the file (header = 1), the column and why. */
export interface DatasetDroppedRow {
  readonly line: number;
  readonly column: string;
  readonly value: string;
  readonly reason: 'missing' | 'not a number';
}

export interface DatasetImportResponse {
  readonly dataset: DatasetRecord;
  readonly columns: readonly string[];
  /** First kept rows, one value per column. */
  readonly preview: ReadonlyArray<readonly number[]>;
  readonly rows: number;
  readonly kept: number;
  readonly droppedCount: number;
  /** The first DATASET_DROPPED_LISTED dropped rows. */
  readonly dropped: readonly DatasetDroppedRow[];
}
