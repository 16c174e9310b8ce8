// Shapes of the app's search jobs and their run records: what the Search view asks for (recognize a
// constant or function, the shortest-form table, a basis verification), the progress per K a run keeps,
// and the result it ends with. Types and limits only; validation lives in src/node/search/searchInput.ts
// (API input) and src/node/search/searchRunSchema.ts (project file), the job in src/node/jobs.

import type { Semantics } from '../core/semantics';
import type { RunBase } from './records';

/** The tasks the Search view runs (the Sheffer search stays a CLI command). */
export type SearchTask = 'recognize' | 'table' | 'verify-basis';
export const SEARCH_TASKS: readonly SearchTask[] = ['recognize', 'table', 'verify-basis'];

export type SearchDomain = 'complex' | 'real';

/** Limits the host enforces on search inputs (the view uses them for its fields). */
export const SEARCH_LIMITS = {
  /** Largest max K of a recognize run. */
  recognizeMaxK: 99,
  /** Largest max K per arity of a table run. */
  tableMaxK: 41,
  /** Largest K of a table run's upper-bound phase. */
  tableUpperK: 99,
  /** Largest max K of a basis verification (witness code length). */
  basisMaxK: 12,
  /** Memory budget of one enumeration, MiB. */
  minMemoryMiB: 16,
  maxMemoryMiB: 8192,
  /** Longest target text. */
  targetText: 200,
  /** Most leaves, and longest leaf name. */
  leaves: 6,
  leafName: 20,
  /** Most names in a basis list. */
  basisNames: 40,
} as const;

/** Settings of a recognize run: the shortest pure-EML tree equal to a constant or a function. */
export interface RecognizeSettings {
  readonly task: 'recognize';
  readonly target: { readonly kind: 'const' | 'fn'; readonly text: string };
  /** Leaves of the trees (1 and the target's variables by default). */
  readonly leaves: readonly string[];
  readonly maxK: number;
  readonly semantics: Semantics;
  readonly domain: SearchDomain;
  readonly memoryMiB: number;
}

/** Settings of a shortest-form table run over the reference primitives. */
export interface TableSettings {
  readonly task: 'table';
  readonly semantics: readonly Semantics[];
  /** Largest K for constants, unary and binary primitives. */
  readonly maxK: { readonly constant: number; readonly unary: number; readonly binary: number };
  /** Primitive names to search (null: every row of the reference table). */
  readonly only: readonly string[] | null;
  readonly domain: SearchDomain;
  readonly memoryMiB: number;
  /**
   * Largest K of the upper-bound phase for constants and unary primitives not reached (spine search and
   * compositions of verified forms); 0 = off. Absent in runs saved before it existed (off).
   */
  readonly upperK?: number;
}

/** Settings of a basis verification (the reference's VerifyBaseSet) towards the calculator targets. */
export interface BasisSettings {
  readonly task: 'verify-basis';
  readonly constants: readonly string[];
  readonly unary: readonly string[];
  readonly binary: readonly string[];
  readonly maxK: number;
  /** The reference's explain mode (witnesses validated, printed chain); the view always uses it. */
  readonly explain: boolean;
  readonly domain: SearchDomain;
}

/** What `eml:jobs:start` takes for kind 'search', and what the run record keeps as its settings. */
export type SearchSettings = RecognizeSettings | TableSettings | BasisSettings;
export type SearchJobInput = SearchSettings;

/** One progress step of an enumeration: a level of size K stored, or size K matched against the targets. */
export interface SearchLevel {
  /** The enumeration ('extended, unary' in a table run; '' for a recognize run). */
  readonly group: string;
  readonly phase: 'grow' | 'match';
  readonly K: number;
  /** Distinct values new at this K (grow steps), else null. */
  readonly distinct: number | null;
  /** Candidate trees at this K (match steps), else null. */
  readonly candidates: number | null;
  /** Stored values in all levels so far, and their bytes. */
  readonly nodes: number;
  readonly bytes: number;
  readonly elapsedMs: number;
}

/** A discovery of a basis verification, as it arrives. */
export interface BasisDiscovery {
  readonly name: string;
  readonly K: number;
  readonly elapsedMs: number;
}

/** Why a search ended, and the sentence the views show. */
export interface SearchStop {
  readonly kind: 'found' | 'exhausted' | 'memoryLimit' | 'candidateLimit' | 'timeLimit' | 'cancelled';
  readonly text: string;
}

/** A verified shortest tree of a recognize run. */
export interface SearchHit {
  readonly K: number;
  readonly depth: number;
  readonly eml: string;
  readonly rpn: string;
  readonly latex: string;
  readonly verification: {
    readonly verified: boolean;
    readonly points: number;
    readonly floatRelError: number;
    readonly agreeingDigits: number;
    readonly digits: number;
  };
}

export interface RecognizeResult {
  readonly task: 'recognize';
  readonly found: boolean;
  /** Minimal K (when found). */
  readonly K: number | null;
  readonly decidedUpTo: number;
  readonly minimality: string;
  readonly hits: readonly SearchHit[];
  readonly leaves: readonly string[];
  readonly peakBytes: number;
  readonly ms: number;
  readonly stop: SearchStop;
}

/** One primitive of the table: the reference columns and the minimal K found per semantics. */
export interface TableResultRow {
  readonly name: string;
  readonly arity: number;
  readonly formula: string;
  readonly toolkitCompilerK: number | null;
  readonly paperShortestK_extended: number | null;
  readonly paperShortestK_ieee: number | null;
  readonly bestKnownK_ieee: number | null;
  /** Per searched semantics: minimal K (null when not reached) and the K up to which every size was decided. */
  readonly results: Readonly<Partial<Record<Semantics, { readonly K: number | null; readonly decidedUpTo: number; readonly upper?: number | null }>>>;
}

export interface TableResult {
  readonly task: 'table';
  readonly rows: readonly TableResultRow[];
  /** Whether the reference columns came from the reference table file (else they are null). */
  readonly reference: boolean;
  readonly ms: number;
  readonly stop: SearchStop;
}

/** One step of the witness chain. */
export interface BasisStep {
  readonly index: number;
  readonly name: string;
  readonly kind: 'constant' | 'unary' | 'binary';
  readonly K: number;
  readonly witness: string;
  /** Milliseconds from the start of the run to this discovery. */
  readonly ms: number;
}

export interface BasisResult {
  readonly task: 'verify-basis';
  readonly base: { readonly constant: readonly string[]; readonly unary: readonly string[]; readonly binary: readonly string[] };
  readonly chain: readonly BasisStep[];
  readonly rejected: ReadonlyArray<{ readonly name: string; readonly K: number; readonly witness: string; readonly reason: string }>;
  readonly remaining: readonly string[];
  readonly complete: boolean;
  readonly passes: number;
  readonly largestK: number;
  readonly ms: number;
  readonly stop: SearchStop;
}

export type SearchResult = RecognizeResult | TableResult | BasisResult;

/** A search run in the project: its settings, the progress per K as it arrived, and the result. */
export interface SearchRunRecord extends RunBase {
  readonly kind: 'search';
  readonly settings: SearchSettings;
  levels: SearchLevel[];
  discoveries: BasisDiscovery[];
  result: SearchResult | null;
}

/** Argument of `eml:search:save`: a hit of a recognize run to keep in the library. */
export interface SearchSaveRequest {
  readonly runId: string;
  /** Which hit (default 0). */
  readonly index?: number;
  readonly name?: string;
}
