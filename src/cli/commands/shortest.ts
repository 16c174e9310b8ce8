// `emlw shortest --table`: the minimal K of every primitive of the reference size table that the search reaches
// within its limits, beside the reference columns and the compiler's current sizes (a `search` job).

import { readFileSync } from 'node:fs';
import { compileToEml } from '../../core/compile';
import { builtinPrimitiveSizes, parsePrimitiveSizes } from '../../core/reference/primitiveSizes';
import type { PrimitiveRow, TableCell, TableForm, TableReport } from '../../core/search/shortestTable';
import { describeStop } from '../../core/search/stopReason';
import { SEMANTICS, type Semantics } from '../../core/semantics';
import { parseInfix } from '../../core/syntax/parseInfix';
import type { TableJob } from '../../node/search/searchJob';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import type { Io } from '../output';
import { CANCELLED_EXIT, intOption, numberOption, runSearchJob } from './recognize';

export const shortestSpec: Record<string, OptionSpec> = {
  table: { boolean: true }, 'max-k': {}, 'max-k-const': {}, 'max-k-unary': {}, 'max-k-binary': {}, semantics: {},
  domain: { choices: ['complex', 'real'] }, only: {}, reference: {}, forms: { boolean: true }, 'forms-ts': { boolean: true },
  'time-limit': {}, memory: {}, threads: {}, json: { boolean: true }, quiet: { boolean: true }, help: { boolean: true },
  'upper-k': {}, 'upper-k-binary': {},
};

export const shortestHelp = `Usage: emlw shortest --table [options]

Searches the minimal pure-EML size K of every primitive of the reference table
(built in; --reference FILE reads another) that it can reach within the limits, under each semantics, and
prints it beside the reference columns (toolkit compiler, paper extended / no-infinity, best known IEEE)
and the compiler's current size. Constants use the leaf 1, functions 1 and x (and y).

Options:
  --max-k N                 one limit for all arities (default 33 constants, 23 unary, 19 binary)
  --max-k-const N, --max-k-unary N, --max-k-binary N
  --semantics LIST          comma-separated, default extended,strict (extended = the paper's extended reals,
                            strict = no infinity anywhere, the reference's "ieee"/"no ∞" column)
  --domain complex|real     real: every intermediate real (the reference's real-valued tools)
  --only NAMES              comma-separated primitive names (0, -1, neg, mul ...)
  --reference FILE          a reference table in the same JSON shape (default: the built-in one)
  --forms                   list every minimal tree with its check on the verification suite's grid
  --forms-ts                print the TypeScript data of src/core/compile/searchedForms.ts
  --upper-k N               for constants and unary primitives not reached: search larger trees up to N
                            (spine search and compositions of verified forms; default 63, 0 = off). A tree
                            found there bounds the minimal K from above: printed as <=K (>N decided)
  --upper-k-binary N        the same for binary primitives (spine search only; default 0 = off)
  --time-limit SECONDS      per (semantics, arity) enumeration
  --memory MB               memory budget of each enumeration (default 2048)
  --threads N               shard each enumeration over N worker threads (default 1)
  --json                    print the full report as JSON
`;

/** Returns the rows of the reference table (the built-in one, or FILE) with the formula of each primitive. */
export function referenceRows(file: string | undefined, only?: readonly string[]): PrimitiveRow[] {
  let rows: PrimitiveRow[];
  if (file === undefined) rows = builtinPrimitiveSizes();
  else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(file, 'utf8'));
    } catch (e) {
      throw new UsageError(`cannot read the reference table ${file}: ${(e as Error).message}`);
    }
    try {
      rows = parsePrimitiveSizes(parsed, file);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
  }
  if (!only) return rows;
  const unknown = only.filter((n) => !rows.some((r) => r.name === n));
  if (unknown.length) throw new UsageError(`--only: unknown primitive(s) ${unknown.join(', ')} (known: ${rows.map((r) => r.name).join(', ')})`);
  return rows.filter((r) => only.includes(r.name));
}

/** Returns the table job described by the arguments. */
export function tableJobFromArgs(args: ParsedArgs): TableJob {
  if (!flag(args, 'table')) throw new UsageError('shortest needs --table (the only mode so far)');
  if (args.positionals.length) throw new UsageError(`shortest takes no positional argument, got '${args.positionals[0]}'`);
  const semantics = option(args, 'semantics', 'extended,strict').split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of semantics) if (!(SEMANTICS as readonly string[]).includes(s)) throw new UsageError(`--semantics: '${s}' is not one of ${SEMANTICS.join(', ')}`);
  if (semantics.length === 0) throw new UsageError('--semantics needs at least one semantics');
  const all = args.options.has('max-k') ? intOption(args, 'max-k', 19, 1, 99) : undefined;
  const maxK = {
    0: intOption(args, 'max-k-const', all ?? 33, 1, 99), 1: intOption(args, 'max-k-unary', all ?? 23, 1, 99), 2: intOption(args, 'max-k-binary', all ?? 19, 1, 99),
  };
  const onlyText = args.options.get('only');
  const only = typeof onlyText === 'string' ? onlyText.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  const fileOption = args.options.get('reference');
  const file = typeof fileOption === 'string' ? fileOption : undefined;
  const limit = numberOption(args, 'time-limit', 0, 7 * 24 * 3600);
  return {
    task: 'table', rows: referenceRows(file, only), semantics: semantics as Semantics[], domain: option(args, 'domain', 'complex') as 'complex' | 'real',
    maxK, maxBytes: intOption(args, 'memory', 2048, 16, 1 << 20) * 1024 ** 2, forms: flag(args, 'forms') || flag(args, 'forms-ts'),
    threads: intOption(args, 'threads', 1, 1, 64),
    upperBoundK: { 0: intOption(args, 'upper-k', 63, 0, 199), 1: intOption(args, 'upper-k', 63, 0, 199), 2: intOption(args, 'upper-k-binary', 0, 0, 199) },
    ...(limit !== undefined ? { groupTimeLimitMs: limit * 1000 } : {}),
  };
}

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '-' : String(v));

/** Returns the compiler's size of a primitive: paper / ieee-safe mode, and paper mode with prefer: 'shortest'. */
function compilerSizes(formula: string): [number, number, number] {
  const t = parseInfix(formula);
  return [compileToEml(t, { mode: 'paper' }).K, compileToEml(t, { mode: 'ieee-safe' }).K, compileToEml(t, { mode: 'paper', prefer: 'shortest' }).K];
}

/** Returns the text table of a report. */
export function formatTable(r: TableReport): string {
  const sems = r.semantics;
  const head = ['primitive'.padEnd(13), ...sems.map((s) => `K ${s}`.padStart(12)), 'paper ext'.padStart(10), 'paper ∞-free'.padStart(13),
    'best IEEE'.padStart(10), 'toolkit'.padStart(8), 'compile'.padStart(12), '  note'];
  const lines = [head.join(' ')];
  for (const row of r.rows) {
    const ks = sems.map((s) => {
      const c = row.results[s];
      if (c?.K !== null && c?.K !== undefined) return String(c.K).padStart(12);
      return (c?.upper?.K ? `<=${c.upper.K} (>${c.decidedUpTo})` : `>${c?.decidedUpTo ?? 0}`).padStart(12);
    });
    const [paper, safe, shortest] = compilerSizes(row.formula);
    const notes: string[] = [];
    const strict = row.results.strict?.K ?? row.results.strict?.upper?.K ?? null, ext = row.results.extended?.K ?? row.results.extended?.upper?.K ?? null;
    if (strict !== null && row.bestKnownK_ieee !== null && strict < row.bestKnownK_ieee) notes.push(`below best known ${row.bestKnownK_ieee}`);
    if (strict !== null && row.paperShortestK_ieee !== null && strict < row.paperShortestK_ieee) notes.push(`below paper ∞-free ${row.paperShortestK_ieee}`);
    if (ext !== null && row.paperShortestK_extended !== null && ext < row.paperShortestK_extended) notes.push(`below paper extended ${row.paperShortestK_extended}`);
    if (shortest < paper) notes.push(`compile --prefer shortest: ${shortest}`);
    lines.push([row.name.padEnd(13), ...ks, cell(row.paperShortestK_extended).padStart(10), cell(row.paperShortestK_ieee).padStart(13),
      cell(row.bestKnownK_ieee).padStart(10), cell(row.toolkitCompilerK).padStart(8), `${paper}/${safe}`.padStart(12), notes.length ? `  ${notes.join('; ')}` : ''].join(' '));
  }
  lines.push('K: minimal size found (>N: no tree with K ≤ N; <=U (>N): a verified tree of size U, sizes above N not all decided);');
  lines.push('compile: the compiler\'s size in paper / ieee-safe mode (robust forms).');
  for (const row of r.rows) {
    for (const s of sems) {
      const u = row.results[s]?.upper;
      if (u?.K) lines.push(`  ${row.name} (${s}) <=${u.K}: ${u.method}`);
    }
  }
  for (const g of r.groups) {
    lines.push(`  ${g.semantics}, arity ${g.arity}: ${g.found}/${g.targets} found, levels ≤ ${g.levelsUpTo} stored, peak ${(g.peakBytes / 1024 ** 2).toFixed(0)} MB, ${(g.ms / 1000).toFixed(1)} s (${describeStop(g.stop)})`);
  }
  return lines.join('\n') + '\n';
}

/** Returns the text of every minimal form and its grid check. */
/** The minimal forms of a cell when its K is decided, otherwise its upper-bound forms; null when it has neither. */
function cellForms(c: TableCell | undefined): { K: number; forms: readonly TableForm[]; bound: boolean } | null {
  if (!c) return null;
  if (c.K !== null) return c.forms.length ? { K: c.K, forms: c.forms, bound: false } : null;
  return c.upper?.K && c.upper.forms.length ? { K: c.upper.K, forms: c.upper.forms, bound: true } : null;
}

export function formatForms(r: TableReport): string {
  const lines: string[] = [];
  for (const row of r.rows) {
    for (const s of r.semantics) {
      const b = cellForms(row.results[s]);
      if (!b) continue;
      for (const f of b.forms) {
        const grid = f.grid ? (f.grid.passed ? 'grid ok' : `grid FAIL: ${f.grid.failure}`) : '';
        const k = `${b.bound ? 'K<=' : 'K '}${String(b.K).padStart(3)}`;
        lines.push(`${row.name.padEnd(10)} ${s.padEnd(9)} ${k} depth ${String(f.depth).padStart(2)}  ${f.eml}  ${grid}`);
      }
    }
  }
  return lines.join('\n') + '\n';
}

/**
 * Returns the source of src/core/compile/searchedForms.ts: for every primitive the search reached, its minimal
 * strict form (usable in both compiler modes) and, when shorter, its minimal extended form (paper mode only);
 * a form passing the verification suite's grid is preferred, otherwise the form carries an edge note.
 */
export function formatFormsTs(r: TableReport): string {
  const entries: string[] = [];
  for (const row of r.rows) {
    if (row.name === '1' || row.name === 'x') continue;
    const strict = row.results.strict, ext = row.results.extended;
    const pick = (semantics: 'strict' | 'extended', K: number, forms: readonly TableForm[], bound: boolean): void => {
      const robust = forms.find((f) => !f.grid || f.grid.passed);
      const form = robust ?? forms[0]!;
      const template = form.eml.replace(/\bx\b/g, 'a').replace(/\by\b/g, 'b');
      const edge = robust ? '' : `, edge: ${JSON.stringify(form.grid?.failure ?? 'fails on the grid')}`;
      entries.push(`  { primitive: '${row.name}', semantics: '${semantics}', K: ${K}, template: '${template}'${edge}${bound ? ', upperBound: true' : ''} },`);
    };
    const bs = cellForms(strict), be = cellForms(ext);
    if (bs) pick('strict', bs.K, bs.forms, bs.bound);
    if (be && (!bs || be.K < bs.K)) pick('extended', be.K, be.forms, be.bound);
  }
  return `// Shortest pure-EML forms found by exhaustive search (generated by \`emlw shortest --table --forms-ts\`; do
// not edit by hand). Templates are over the arguments a, b. A 'strict' form has no infinite intermediate from
// constants (both compiler modes); an 'extended' form is listed only when shorter, and may use ln 0 = −∞
// (paper mode). \`edge\` names where a form fails on its verification-suite grid (used with prefer: 'shortest').
// \`upperBound\` marks a form found beyond the sizes the search decided: a smaller one may exist.

/** One searched form of a primitive of the reference table. */
export interface SearchedForm {
  readonly primitive: string;
  readonly semantics: 'strict' | 'extended';
  /** Its size: the minimal K under its semantics (no smaller tree matched), unless upperBound. */
  readonly K: number;
  readonly template: string;
  readonly edge?: string;
  /** The form was found beyond the decided sizes (spine search or composition): K is an upper bound. */
  readonly upperBound?: boolean;
}

/** The searched forms, by primitive. */
export const SEARCHED_FORMS: readonly SearchedForm[] = [
${entries.join('\n')}
];
`;
}

/** Runs `emlw shortest`; returns the exit code. */
export async function runShortest(args: ParsedArgs, io: Io): Promise<number> {
  const job = tableJobFromArgs(args);
  const quiet = flag(args, 'quiet');
  const result = await runSearchJob(job, io, (p) => {
    if (quiet || p.task !== 'table') return;
    const q = p.progress;
    io.err(`  ${q.semantics}, arity ${q.arity}: K=${q.progress.K} (${q.progress.pending ?? '?'} pending, ${(q.progress.elapsedMs / 1000).toFixed(1)} s)\n`);
  });
  if (!result) return CANCELLED_EXIT;
  if (result.task !== 'table') throw new Error('search: unexpected job result');
  if (flag(args, 'json')) io.out(JSON.stringify(result.report, null, 2) + '\n');
  else if (flag(args, 'forms-ts')) io.out(formatFormsTs(result.report));
  else {
    io.out(formatTable(result.report));
    if (flag(args, 'forms')) io.out(formatForms(result.report));
  }
  return 0;
}
