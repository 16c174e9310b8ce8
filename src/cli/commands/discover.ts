// `emlw discover`: data → formula. Reads the chosen columns of a CSV/TSV file (bad rows dropped and reported),
// runs the discovery (src/core/discover) within a time limit and prints the Pareto front of EML size K against
// error, with the best formula by description length, its LaTeX and its EML tree. Exit 0 when the best formula
// is exact within the noise, 1 when none is.

import { writeFileSync } from 'node:fs';
import { DiscoverDataError } from '../../core/discover/data';
import { availableParallelism } from 'node:os';
import { type DiscoverReport, type DiscoveredFormula, ENGINES, type EngineName } from '../../core/discover/discover';
import { discoverThreads } from '../../node/discover/discoverThreads';
import { type DataColumns, DataFileError, describeDropped, readDataColumns } from '../../node/train/csv';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import { queueFromArgs, queueHelp } from '../queueOption';
import type { Io } from '../output';

export const discoverSpec: Record<string, OptionSpec> = {
  csv: {}, x: {}, y: {}, delimiter: {}, 'time-limit': {}, noise: {}, 'max-k': {}, engines: {}, memory: {}, seed: {}, threads: {}, queue: {},
  thorough: { boolean: true }, json: { boolean: true }, out: {}, quiet: { boolean: true }, help: { boolean: true },
};

export const discoverHelp = `Usage: emlw discover --csv FILE --x COL[,COL…] --y COL [options]

Finds the formula behind a table of data: exhaustive searches over the data (the calculator basis
+ - * / exp ln sqrt sqr inv neg sin cos with the leaves 1 and 2; the same with one fitted constant;
pure EML trees over 1 and the inputs, by size K) with every candidate's output map a*T + b fitted in
closed form, and gradient training of general EML master trees started from the searches' best near
misses (the trainer; its trees join the same front); constants snapped to closed forms (1/2, pi, sqrt(2 pi) …) when the data allow, ranked by
description length (error against EML size K and fitted constants). Prints the Pareto front of K
against error and the best formula, each with its EML tree (decimal leaves for fitted constants).
Exit 0 when the best formula is exact within the noise, 1 when none is, 2 for bad input.

Data:
  --csv FILE               CSV/TSV file with a header; rows with a missing, non-numeric, NaN or
                           infinite value in a chosen column are dropped and reported
  --x A[,B,C]              input columns (names or 1-based numbers; at most 6)
  --y C                    target column
  --delimiter D            field separator (default: from the extension / header)

Search:
  --time-limit S           seconds of search (default 60); it stops earlier once a formula is exact
                           within the noise and no engine can find a shorter one (see --thorough);
                           ranking what was found takes up to a third as long again
  --noise auto|SIGMA       noise level of the target: estimated from nearest neighbours (auto,
                           default) or the given standard deviation; a formula is "exact within
                           noise" when its residuals are consistent with it on training and held-out
                           rows and follow no trend
  --max-k N                largest EML size K reported (default: no limit); also bounds the EML
                           search (which stops at K 45 on its own)
  --engines LIST           any of ${ENGINES.join(', ')} (default all)
  --memory MB              memory budget of the enumerations (default 2048)
  --seed N                 seed of the training / held-out split (default 1)
  --threads N              threads: the enumerations and the pure EML search run side by side
                           (default 2 when the machine has 2 cores or more; 1 = this thread)
${queueHelp(27)}
                           (each engine group is one run; runs are bounded by --time-limit, so
                           how far each gets depends on its worker)
  --thorough               use the whole time limit even after an exact find

Output:
  --json                   print the report as JSON: best, front (sorted by K), rows, noise, engines
  --out FILE               also write the JSON report to FILE
  --quiet                  no progress lines on stderr

Examples:
  emlw discover --csv examples/kepler.csv --x a --y T --noise 50
  emlw discover --csv examples/exp-ln.csv --x x,y --y f --json
`;

/** Returns a positive number option, or the default; throws UsageError naming the flag. */
function positive(args: ParsedArgs, name: string, fallback: number, integer = false): number {
  const v = args.options.get(name);
  if (v === undefined) return fallback;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) {
    throw new UsageError(`--${name} must be a ${integer ? 'positive integer' : 'positive number'}, got '${String(v)}'`);
  }
  return n;
}

function readColumns(args: ParsedArgs): DataColumns {
  const csv = args.options.get('csv');
  if (typeof csv !== 'string') throw new UsageError('discover needs --csv FILE (with --x and --y)');
  const x = args.options.get('x'), y = args.options.get('y');
  if (typeof x !== 'string' || x.trim() === '') throw new UsageError('--x needs the input column(s), e.g. --x x,y');
  if (typeof y !== 'string' || y.trim() === '') throw new UsageError('--y needs the target column');
  const delimiter = args.options.get('delimiter');
  try {
    return readDataColumns(csv, x.split(',').map((s) => s.trim()), y, typeof delimiter === 'string' ? delimiter : undefined);
  } catch (e) {
    if (e instanceof DataFileError) throw new UsageError(e.message);
    throw e;
  }
}

function fmt(v: number): string {
  return v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? v.toPrecision(4) : v.toExponential(2);
}

/** Returns the front as a text table. */
export function frontTable(front: readonly DiscoveredFormula[], best: DiscoveredFormula | null): string {
  const rows = front.map((f) => [f === best ? '*' : '', String(f.K), fmt(f.rmse), fmt(f.heldOutRmse), f.r2.toFixed(6), f.exactWithinNoise ? 'yes' : 'no', String(f.constants), f.formula]);
  const head = ['', 'K', 'RMSE', 'held-out', 'R2', 'exact', 'consts', 'formula'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((c, i) => (i === r.length - 1 ? c : i >= 1 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export async function runDiscover(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length) throw new UsageError(`discover takes no positional argument, got '${args.positionals[0]}'`);
  const columns = readColumns(args);
  const limitText = args.options.get('time-limit');
  if (limitText !== undefined && Number(limitText) === 0) throw new UsageError('--time-limit must be more than 0 seconds');
  const timeLimitS = positive(args, 'time-limit', 60);
  const noiseText = option(args, 'noise', 'auto');
  let noise: { kind: 'auto' } | { kind: 'given'; sigma: number } = { kind: 'auto' };
  if (noiseText !== 'auto') {
    const s = Number(noiseText);
    if (noiseText.trim() === '' || !Number.isFinite(s) || s < 0) throw new UsageError(`--noise must be 'auto' or a standard deviation ≥ 0, got '${noiseText}'`);
    noise = { kind: 'given', sigma: s };
  }
  const enginesText = option(args, 'engines', ENGINES.join(','));
  const engines = enginesText.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of engines) if (!(ENGINES as readonly string[]).includes(e)) throw new UsageError(`--engines: '${e}' is not one of ${ENGINES.join(', ')}`);
  if (engines.length === 0) throw new UsageError('--engines needs at least one engine');
  const quiet = flag(args, 'quiet') || flag(args, 'json');
  const dropped = describeDropped(columns);
  if (dropped) io.err(`${dropped}\n`);
  let report: DiscoverReport & { cluster?: unknown };
  try {
    const queue = queueFromArgs(args);
    report = await discoverThreads({
      ...(queue ? { queue, onNote: (t: string) => io.err(`note: ${t}\n`) } : {}),
      threads: positive(args, 'threads', Math.min(2, availableParallelism()), true),
      data: { names: columns.varNames, inputs: columns.inputs, targetName: columns.targetName, target: columns.target },
      noise, timeLimitMs: timeLimitS * 1000, now: () => performance.now(),
      engines: engines as EngineName[], ...(args.options.has('max-k') ? { maxK: positive(args, 'max-k', 99, true) } : {}),
      maxBytes: positive(args, 'memory', 2048, true) * 1024 ** 2, seed: positive(args, 'seed', 1, true),
      stopWhenExact: !flag(args, 'thorough'),
      onProgress: quiet ? undefined : (p) => io.err(`  ${(p.elapsedMs / 1000).toFixed(1).padStart(5)} s  ${p.note}\n`),
    });
  } catch (e) {
    if (e instanceof DiscoverDataError) throw new UsageError(`${columns.file}: ${e.message}`);
    throw e;
  }
  const json = {
    file: columns.file, inputs: columns.varNames, target: columns.targetName,
    dropped: { count: columns.dropped.length, rows: columns.rows, first: columns.dropped.slice(0, 20) },
    ...report,
  };
  const out = args.options.get('out');
  if (typeof out === 'string') writeFileSync(out, `${JSON.stringify(json, null, 2)}\n`);
  if (flag(args, 'json')) io.out(`${JSON.stringify(json, null, 2)}\n`);
  else {
    const b = report.best;
    io.out([
      `Data: ${columns.kept} rows of ${columns.file} (${report.rows.train} training, ${report.rows.heldOut} held out), inputs ${columns.varNames.join(', ')}, target ${columns.targetName}`,
      `Noise: ${report.noise.kind === 'given' ? 'given' : 'estimated'} sigma ${fmt(report.noise.sigma)}; floor ${fmt(report.noise.floor)}`,
      `Searched: ${report.engines.map((e) => `${e.name} ${e.reached}`).join('; ')}; ${report.candidates} candidates measured in ${(report.ms / 1000).toFixed(1)} s (${describeStop(report)})`,
      '',
      frontTable(report.front, b),
      '',
      b ? `Best (*): ${b.formula}` : 'No formula fits the data.',
      ...(b ? [`  ${b.exactWithinNoise ? 'exact within noise' : 'not exact'}: ${b.noiseVerdict}`, `  LaTeX: ${b.latex}`, `  EML (K ${b.K}): ${b.eml}`] : []),
      '',
    ].join('\n'));
  }
  return report.best?.exactWithinNoise ? 0 : 1;
}

function describeStop(r: DiscoverReport): string {
  switch (r.stop.kind) {
    case 'exact': return 'stopped after an exact find';
    case 'timeLimit': return `time limit of ${(r.stop.ms / 1000).toFixed(0)} s`;
    case 'exhausted': return 'every engine exhausted its sizes';
    case 'cancelled': return 'cancelled';
  }
}
