// The shortest-form table: the minimal K of every calculator primitive the search can reach within its limits,
// under each requested semantics, beside the reference columns (toolkit compiler, paper, best known). One
// enumeration per (semantics, arity) serves all primitives of that arity. With `forms`, every verified tree of
// the minimal size is kept and grid-checked (formGrid.ts), so the compiler can take a robust one as template.

import { type Expr, variables } from '../expr';
import type { Semantics } from '../semantics';
import { parseEml } from '../syntax/parseEml';
import { parseInfix } from '../syntax/parseInfix';
import type { BackendConfig, SearchBackend } from './backend';
import type { Domain } from './enumerate';
import { type GridCheck, checkFormOnGrid, suiteCaseOf } from './formGrid';
import { type RecognizeProgress, recognizeMany } from './recognize';
import type { StopReason } from './stopReason';
import type { SearchTarget } from './target';

/** A primitive of the reference table with its formula (over x, y). */
export interface PrimitiveRow {
  name: string;
  arity: number;
  formula: string;
  toolkitCompilerK: number | null;
  paperShortestK_extended: number | null;
  paperShortestK_ieee: number | null;
  bestKnownK_ieee: number | null;
}

export interface TableOptions {
  rows: readonly PrimitiveRow[];
  /** Semantics to search under (default extended and strict). */
  semantics?: readonly Semantics[];
  domain?: Domain;
  /** Largest K per arity (default 33 for constants, 21 for unary, 19 for binary primitives). */
  maxK?: Readonly<Record<number, number>>;
  /** Memory budget of each enumeration in bytes. */
  maxBytes?: number;
  /** Keep every verified minimal tree and grid-check each (for the compiler's templates). */
  forms?: boolean;
  now?: () => number;
  /** Time limit for each (semantics, arity) enumeration. */
  groupTimeLimitMs?: number;
  shouldStop?: () => boolean;
  onProgress?: (p: TableProgress) => void;
  backend?: (config: BackendConfig, shouldStop: () => boolean) => SearchBackend | Promise<SearchBackend>;
}

export interface TableProgress { semantics: Semantics; arity: number; progress: RecognizeProgress }

/** One minimal tree of a primitive, with its grid check when the primitive has a suite case. */
export interface TableForm {
  eml: string;
  depth: number;
  grid?: GridCheck;
}

/** The search result of one primitive under one semantics. */
export interface TableCell {
  /** Minimal K found, or null when not reached. */
  K: number | null;
  /** Every K ≤ decidedUpTo was decided (a lower bound when K is null). */
  decidedUpTo: number;
  forms: TableForm[];
  stop: StopReason;
}

export interface TableRow extends PrimitiveRow {
  results: Partial<Record<Semantics, TableCell>>;
}

export interface TableReport {
  semantics: Semantics[];
  domain: Domain;
  maxK: Record<number, number>;
  rows: TableRow[];
  groups: Array<{ semantics: Semantics; arity: number; targets: number; found: number; levelsUpTo: number; peakBytes: number; ms: number; stop: StopReason }>;
  ms: number;
}

const DEFAULT_MAX_K: Readonly<Record<number, number>> = { 0: 33, 1: 21, 2: 19 };

/** Returns the shortest-form table of the given primitives (see the header). */
export async function shortestTable(opts: TableOptions): Promise<TableReport> {
  const now = opts.now ?? (() => 0);
  const t0 = now();
  const sems = [...(opts.semantics ?? ['extended', 'strict'])];
  const maxK = { ...DEFAULT_MAX_K, ...(opts.maxK ?? {}) };
  const rows: TableRow[] = opts.rows.map((r) => ({ ...r, results: {} }));
  const groups: TableReport['groups'] = [];
  for (const semantics of sems) {
    for (const arity of [0, 1, 2]) {
      const members = rows.filter((r) => r.arity === arity);
      if (members.length === 0) continue;
      if (opts.shouldStop?.()) break;
      const targets: SearchTarget[] = members.map((r) => targetOf(r, arity));
      const g0 = now();
      const report = await recognizeMany({
        targets, semantics, domain: opts.domain ?? 'complex', maxK: maxK[arity] ?? 19, now,
        ...(opts.maxBytes !== undefined ? { maxBytes: opts.maxBytes } : {}),
        ...(opts.forms ? { all: true, maxHits: 50 } : {}),
        ...(opts.groupTimeLimitMs !== undefined ? { timeLimitMs: opts.groupTimeLimitMs } : {}),
        ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
        ...(opts.backend ? { backend: opts.backend } : {}),
        onProgress: (progress) => opts.onProgress?.({ semantics, arity, progress }),
      });
      members.forEach((row, i) => {
        const r = report.results[i]!;
        const c = suiteCaseOf(row.name, arity);
        const forms: TableForm[] = r.hits.map((h) => {
          const f: TableForm = { eml: h.eml, depth: h.depth };
          // judged as the compiler's suites judge compiled forms (verify-compiler: grids under 'extended')
          if (c && opts.forms) f.grid = checkFormOnGrid(parseEml(h.eml), c, 'extended');
          return f;
        });
        row.results[semantics] = { K: r.K, decidedUpTo: r.decidedUpTo, forms, stop: r.stop };
      });
      groups.push({
        semantics, arity, targets: targets.length, found: report.results.filter((r) => r.found).length,
        levelsUpTo: report.levels.length ? report.levels[report.levels.length - 1]!.K : 0, peakBytes: report.peakBytes,
        ms: now() - g0, stop: report.stop,
      });
    }
  }
  return { semantics: sems, domain: opts.domain ?? 'complex', maxK, rows, groups, ms: now() - t0 };
}

function targetOf(r: PrimitiveRow, arity: number): SearchTarget {
  let expr: Expr;
  try {
    expr = parseInfix(r.formula);
  } catch (e) {
    throw new Error(`primitive '${r.name}': malformed formula '${r.formula}': ${(e as Error).message}`);
  }
  const vars = variables(expr);
  const want = arity === 0 ? [] : arity === 1 ? ['x'] : ['x', 'y'];
  // a primitive of arity 1 or 2 is searched over its leaves even if the formula omits a variable
  if (vars.some((v) => !want.includes(v))) throw new Error(`primitive '${r.name}' (arity ${arity}) uses variables ${vars.join(', ')}`);
  return { kind: arity === 0 ? 'const' : 'fn', text: r.formula, expr, variables: want };
}
