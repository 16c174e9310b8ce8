// The project file's data model (project.json, schema 'eml-workbench/project'): records shared by the store,
// both hosts and the renderer. Types and the schema identifiers only; validation and migration live in
// src/node/store/projectSchema.ts. Large arrays live in sibling files that an ArrayRef points to.

import type { CompileMode } from '../core/compile';
import type { Semantics } from '../core/semantics';
import type { DiscoverRunRecord } from './discover';
import type { SearchRunRecord } from './search';
import type { TrainRunRecord } from './train';
import type { ArrayRef, DatasetRecord, RunBase } from './records';

export type { ArrayRef, DatasetRecord, RunBase, RunStatus } from './records';

/** The `schema` field every project.json carries. */
export const PROJECT_SCHEMA = 'eml-workbench/project';
/** The schema version this build writes (older files are migrated on load, newer ones refused). */
export const PROJECT_VERSION = 1;

/** How a formula was written by its author. */
export type FormulaSyntax = 'infix' | 'mathematica' | 'eml' | 'rpn';
/** Which of the compiler's forms a compilation preferred. */
export type CompilePrefer = 'robust' | 'shortest';

/** Where a formula came from: typed into the Compile view, found by a run, or imported. */
export interface FormulaProvenance {
  readonly kind: 'compile' | 'run' | 'import';
  /** The run that found it (kind 'run'). */
  readonly runId: string | null;
  /** The seed of that run, when it has one. */
  readonly seed: number | null;
  /** Settings that produced it (compiler mode and preference, or a run's settings). */
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** Names of the compiler rules whose forms ended up in its EML tree. */
  readonly rulesUsed: readonly string[];
  /** Application version that recorded it. */
  readonly appVersion: string;
}

/** Numeric check of a compiled formula: its EML tree against the source formula at sample points. */
export interface FormulaCheck {
  readonly semantics: Semantics;
  readonly points: number;
  /** Points where both values were finite. */
  readonly compared: number;
  /** Worst |eml − formula| / max(1, |formula|) over the compared points (null when none compared). */
  readonly maxScaledError: number | null;
  readonly tolerance: number;
  readonly passed: boolean;
}

/** A formula of the library: its source text, compiled size and provenance. */
export interface FormulaRecord {
  readonly id: string;
  name: string;
  readonly source: { readonly syntax: FormulaSyntax; readonly text: string };
  /** The parsed formula printed in infix. */
  readonly infix: string;
  /** LaTeX of the parsed formula. */
  readonly latex: string;
  readonly compile: {
    readonly mode: CompileMode;
    readonly prefer: CompilePrefer;
    readonly K: number;
    readonly depth: number;
    readonly leaves: number;
    /** Semantics under which the EML tree is exact ('extended' when it uses ln 0 on purpose). */
    readonly semantics: 'ieee' | 'extended';
  };
  readonly provenance: FormulaProvenance;
  readonly verification: FormulaCheck | null;
  tags: string[];
  notes: string;
  readonly createdAt: string;
  updatedAt: string;
}

/** One finished case of a compiler verification run (a grid case or an identity check). */
export interface VerifyCaseSummary {
  readonly kind: 'grid' | 'identity';
  readonly name: string;
  readonly formula: string;
  readonly K: number;
  readonly passed: boolean;
  /** Grid cases: worst |error| / max(1, |ref|); identity cases: null. */
  readonly maxScaledError: number | null;
  /** Grid cases: points compared / in-domain points; identity cases: null. */
  readonly valid: number | null;
  readonly samples: number | null;
  /** Identity cases: matching significant digits; grid cases: null. */
  readonly agreeingDigits: number | null;
  /**
   * What the case had to meet: grid cases the largest allowed scaled error (1e-11, or 1e-7 where a square
   * root near its branch point loses half the digits), identity cases the digits that must agree. Absent in
   * runs recorded before it was kept.
   */
  readonly tolerance?: { readonly maxScaledError: number } | { readonly digits: number };
  readonly failure: string | null;
}

/** Settings of a compiler verification run. */
export interface VerifySettings {
  readonly suite: 'unary' | 'binary' | 'identities' | 'all';
  readonly mode: CompileMode;
  readonly semantics: Semantics;
  readonly digits: number;
}

/** A run of the compiler verification suites; results are appended as each case finishes. */
export interface VerifyRunRecord extends RunBase {
  readonly kind: 'verify';
  readonly settings: VerifySettings;
  results: VerifyCaseSummary[];
  summary: { passed: number; failed: number } | null;
}

/** Every kind of run a project records (search and training runs join this union). */
export type RunRecord = VerifyRunRecord | SearchRunRecord | TrainRunRecord | DiscoverRunRecord;

/** A free-text note. */
export interface NoteRecord {
  readonly id: string;
  text: string;
  readonly createdAt: string;
  updatedAt: string;
}

/** Defaults the project's views start from. */
export interface ProjectSettings {
  compileMode: CompileMode;
  prefer: CompilePrefer;
  syntax: 'infix' | 'mathematica';
}

/** The whole content of project.json. */
export interface ProjectData {
  schema: typeof PROJECT_SCHEMA;
  version: number;
  readonly id: string;
  name: string;
  readonly createdAt: string;
  updatedAt: string;
  settings: ProjectSettings;
  datasets: DatasetRecord[];
  runs: RunRecord[];
  formulas: FormulaRecord[];
  notes: NoteRecord[];
}

/** A project as the renderer sees it: its data and the folder it lives in. */
export interface ProjectSnapshot {
  readonly path: string;
  readonly data: ProjectData;
  /** Why changes cannot be saved (the folder cannot be written, or another process took the lock), or null. */
  readonly readOnly: string | null;
}

/** One line of a project list: enough to show and open it, or why it cannot be read. */
export interface ProjectSummary {
  readonly path: string;
  readonly name: string;
  readonly formulas: number;
  readonly runs: number;
  readonly updatedAt: string | null;
  /** Why the project cannot be opened (corrupt or newer file), or null. */
  readonly error: string | null;
}

/** An entry of the recently opened list. */
export interface RecentProject {
  readonly path: string;
  readonly name: string;
  readonly openedAt: string;
}

/** What the Projects view shows: where projects live, the open one, recent and present projects. */
export interface WorkspaceInfo {
  readonly projectsDir: string;
  readonly current: ProjectSummary | null;
  readonly recent: readonly RecentProject[];
  readonly projects: readonly ProjectSummary[];
  /** Why the recent list could not be read (it is then left untouched), or null. */
  readonly recentError: string | null;
}
