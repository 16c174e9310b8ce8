// The search jobs as plain data (they cross into the `search` worker and back): what to run, its progress
// events and its result. One entry per task; the worker maps each onto its core function.

import type { BasisOptions, BasisProgress, BasisReport } from '../../core/search/bootstrap';
import type { Domain } from '../../core/search/enumerate';
import type { RecognizeProgress, RecognizeReport, UpperBoundOptions } from '../../core/search/recognize';
import type { ShefferOptions, ShefferReport } from '../../core/search/sheffer';
import type { PrimitiveRow, TableProgress, TableReport } from '../../core/search/shortestTable';
import type { Semantics } from '../../core/semantics';

/** Options of a recognize job (the core options, with the target as text). */
export interface RecognizeJob {
  task: 'recognize';
  target: { kind: 'const' | 'fn'; text: string };
  leaves?: string[];
  semantics: Semantics;
  domain: Domain;
  probes?: number;
  maxK: number;
  maxBytes: number;
  tolerance?: number;
  digits?: number;
  all?: boolean;
  timeLimitMs?: number;
  /** The upper-bound phase after the decided sizes (RecognizeOptions.upperBound). */
  upperBound?: UpperBoundOptions;
  /** Shard threads (1 = run in the job's own thread). */
  threads: number;
  /** False: scalar node features (RecognizeOptions.simd). */
  simd?: boolean;
}

/** Options of a shortest-form table job. */
export interface TableJob {
  task: 'table';
  rows: PrimitiveRow[];
  semantics: Semantics[];
  domain: Domain;
  maxK: Record<number, number>;
  maxBytes: number;
  forms: boolean;
  /** Largest K of the upper-bound phase per arity (see TableOptions.upperBoundK). */
  upperBoundK?: Record<number, number>;
  groupTimeLimitMs?: number;
  threads: number;
}

/** Options of a basis verification job (the core options without callbacks). */
export interface BasisJob extends Omit<BasisOptions, 'now' | 'shouldStop' | 'onProgress'> {
  task: 'verify-basis';
}

/** Options of a Sheffer search job. */
export interface ShefferJob extends Omit<ShefferOptions, 'now' | 'shouldStop' | 'onProgress'> {
  task: 'sheffer';
}

export type SearchJob = RecognizeJob | TableJob | BasisJob | ShefferJob;

export type SearchJobProgress =
  | { task: 'recognize'; progress: RecognizeProgress }
  | { task: 'table'; progress: TableProgress }
  | { task: 'verify-basis'; progress: BasisProgress }
  | { task: 'sheffer'; progress: { checked: number; total: number; hits: number; elapsedMs: number } };

export type SearchJobResult =
  | { task: 'recognize'; report: RecognizeReport }
  | { task: 'table'; report: TableReport }
  | { task: 'verify-basis'; report: BasisReport }
  | { task: 'sheffer'; report: ShefferReport };
