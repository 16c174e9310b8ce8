// The shortest-form table: the minimal K of every calculator primitive the search can reach within its limits,
// under each requested semantics, beside the reference columns (toolkit compiler, paper, best known). One
// enumeration per (semantics, arity) serves all primitives of that arity. With `forms`, every verified tree of
// the minimal size is kept and grid-checked (formGrid.ts), so the compiler can take a robust one as template.

import { type Expr, depth, variables } from '../expr';
import { printEml } from '../syntax';
import type { Semantics } from '../semantics';
import type { SuiteCase } from '../verify/suites';
import { parseEml } from '../syntax/parseEml';
import { parseInfix } from '../syntax/parseInfix';
import type { BackendConfig, SearchBackend } from './backend';
import { type UnaryForm, composeForms } from './compose';
import type { Domain } from './enumerate';
import { type GridCheck, checkFormOnGrid, suiteCaseOf } from './formGrid';
import { type RecognizeProgress, recognizeMany } from './recognize';
import type { StopReason } from './stopReason';
import { searchProbes, verificationPoints } from './probes';
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
  /** Largest K per arity (default 33 for constants, 23 for unary, 19 for binary primitives). */
  maxK?: Readonly<Record<number, number>>;
  /** Memory budget of each enumeration in bytes. */
  maxBytes?: number;
  /** Keep every verified minimal tree and grid-check each (for the compiler's templates). */
  forms?: boolean;
  /**
   * Largest K per arity of the upper-bound phase for primitives the decided sizes did not reach: spine search
   * (spine.ts) and, for unary primitives, compositions of the verified forms (compose.ts). Default 63 for
   * constants and unary primitives, 0 (off) for binary ones.
   */
  upperBoundK?: Readonly<Record<number, number>>;
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
  /** When K is null: the smallest verified tree beyond the decided sizes (the minimal K is in (decidedUpTo, upper.K]). */
  upper?: TableUpper;
}

/** An upper bound of a primitive's minimal K, with how it was found. */
export interface TableUpper {
  K: number | null;
  method: string;
  forms: TableForm[];
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

const DEFAULT_MAX_K: Readonly<Record<number, number>> = { 0: 33, 1: 23, 2: 19 };
/** Forms of each primitive that compositions try. */
const FORMS_PER_PRIMITIVE = 4;
const DEFAULT_UPPER_K: Readonly<Record<number, number>> = { 0: 63, 1: 63, 2: 0 };

/** Returns the shortest-form table of the given primitives (see the header). */
export async function shortestTable(opts: TableOptions): Promise<TableReport> {
  const now = opts.now ?? (() => 0);
  const t0 = now();
  const sems = [...(opts.semantics ?? ['extended', 'strict'])];
  const maxK = { ...DEFAULT_MAX_K, ...(opts.maxK ?? {}) };
  const upperK = { ...DEFAULT_UPPER_K, ...(opts.upperBoundK ?? {}) };
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
        // several minimal trees per primitive: the compiler and the compositions pick robust ones among them
        all: true, maxHits: opts.forms ? 50 : 8,
        ...(opts.groupTimeLimitMs !== undefined ? { timeLimitMs: opts.groupTimeLimitMs } : {}),
        ...(opts.shouldStop ? { shouldStop: opts.shouldStop } : {}),
        ...(opts.backend ? { backend: opts.backend } : {}),
        ...((upperK[arity] ?? 0) > 0 ? { upperBound: { maxK: upperK[arity]!, spineMaxK: arity === 2 ? 8 : 16 } } : {}),
        onProgress: (progress) => opts.onProgress?.({ semantics, arity, progress }),
      });
      members.forEach((row, i) => {
        const r = report.results[i]!;
        const c = suiteCaseOf(row.name, arity);
        const formOf = (h: { eml: string; depth: number }) => tableForm(h.eml, h.depth, c, opts.forms === true, targets[i]!.expr);
        const forms: TableForm[] = r.hits.map(formOf);
        row.results[semantics] = { K: r.K, decidedUpTo: r.decidedUpTo, forms, stop: r.stop };
        if (r.upperBound) {
          row.results[semantics]!.upper = {
            K: r.upperBound.K, method: r.upperBound.method,
            forms: r.upperBound.hits.map(formOf),
          };
        }
      });
      if (arity === 1 && (upperK[1] ?? 0) > 0 && !opts.shouldStop?.()) composeUnaryRows(members, semantics, upperK[1]!, opts.forms === true);
      groups.push({
        semantics, arity, targets: targets.length, found: report.results.filter((r) => r.found).length,
        levelsUpTo: report.levels.length ? report.levels[report.levels.length - 1]!.K : 0, peakBytes: report.peakBytes,
        ms: now() - g0, stop: report.stop,
      });
    }
  }
  return { semantics: sems, domain: opts.domain ?? 'complex', maxK, rows, groups, ms: now() - t0 };
}

/**
 * Returns a table form; with `withGrid`, judged as the compiler's suites judge compiled forms (verify-compiler:
 * grids under 'extended') and against the formula at complex arguments. `tree` spares parsing `eml` again.
 */
function tableForm(eml: string, d: number, sc: SuiteCase | undefined, withGrid: boolean, formula: Expr, tree?: Expr): TableForm {
  const f: TableForm = { eml, depth: d };
  if (sc && withGrid) f.grid = checkFormOnGrid(tree ?? parseEml(eml), sc, 'extended', formula);
  return f;
}

/**
 * Unary rows the search did not decide: try compositions F∘G and F∘G∘H of the verified forms of the other
 * unary rows (exact or upper bound) and keep the smaller of that and the spine bound.
 */
function composeUnaryRows(rows: readonly TableRow[], semantics: Semantics, maxK: number, withGrid: boolean): void {
  const known: UnaryForm[] = [];
  for (const row of rows) {
    const c = row.results[semantics];
    if (!c || row.name === 'x') continue;
    const forms = c.K !== null ? c.forms : c.upper?.K ? c.upper.forms : [];
    // a few forms each, those valid on the whole suite grid first: an inner function's values may lie anywhere
    const ordered = [...forms.filter((f) => f.grid?.passed), ...forms.filter((f) => !f.grid?.passed)];
    for (const f of ordered.slice(0, FORMS_PER_PRIMITIVE)) known.push({ name: row.name, tree: parseEml(f.eml) });
  }
  const probes = searchProbes(['x'], 2);
  for (const row of rows) {
    const c = row.results[semantics];
    if (!c || c.K !== null) continue;
    const bound = c.upper?.K ?? maxK + 2;
    const others = known.filter((f) => f.name !== row.name);
    const target = targetOf(row, 1).expr;
    const found = composeForms(others, target, {
      semantics, probes: probes.points, verificationPoints: verificationPoints(probes), maxK: bound - 2,
    });
    if (found.length === 0) continue;
    const sc = suiteCaseOf(row.name, 1);
    c.upper = {
      K: found[0]!.K,
      method: `composition ${found[0]!.chain.join('∘')} of verified forms (substituting each form for x of the one outside it)`,
      forms: found.map((f) => tableForm(printEml(f.tree), depth(f.tree), sc, withGrid, target, f.tree)),
    };
    known.push({ name: row.name, tree: found[0]!.tree });
  }
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
