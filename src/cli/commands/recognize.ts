// `emlw recognize`: the shortest pure-EML tree(s) equal to a constant or a function, by exhaustive search
// (a `search` job in a worker thread, sharded over the cores), with its proof of minimality and verification.

import { buildLanguage, pureEmlSpec } from '../../core/search/language';
import { searchProbes } from '../../core/search/probes';
import type { RecognizeProgress, RecognizeReport } from '../../core/search/recognize';
import { describeStop } from '../../core/search/stopReason';
import { constantTarget, functionTarget, targetValues } from '../../core/search/target';
import { toleranceProblem } from '../../core/search/tolerance';
import { SEMANTICS, type Semantics } from '../../core/semantics';
import { JobStopped, runWorker } from '../../node/jobs/runWorker';
import type { RecognizeJob, SearchJob, SearchJobProgress, SearchJobResult } from '../../node/search/searchJob';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import type { Io } from '../output';

export const recognizeSpec: Record<string, OptionSpec> = {
  const: {}, fn: {}, leaves: {}, 'max-k': {}, semantics: { choices: SEMANTICS }, domain: { choices: ['complex', 'real'] },
  probes: {}, tolerance: {}, digits: {}, all: { boolean: true }, 'time-limit': {}, memory: {}, threads: {}, 'upper-k': {},
  simd: { choices: ['0', '1'] },
  json: { boolean: true }, quiet: { boolean: true }, help: { boolean: true },
};

export const recognizeHelp = `Usage: emlw recognize (--const <value|formula> | --fn "<formula in x[,y]>") [options]

Finds the shortest pure-EML tree(s) equal to a constant or a function: trees are enumerated by size K
(RPN tokens) with functional deduplication and matched meet-in-the-middle; every hit is re-verified at
more points in float64 and at 40 digits. Minimality means: no tree with a smaller K matched at the
probe points under the stated semantics, domain and tolerance, where trees whose values agree to 40 bits
at the probes count as one value (functional deduplication). The result does not depend on --threads.

Options:
  --const VALUE            a constant: 2, -2, 1/2, pi, sqrt(2) ... (leaves default to 1)
  --fn FORMULA             a function of x (and y): "ln(x)", "x*y" (leaves default to 1 and its variables)
  --leaves 1,x,y           the leaves of the trees
  --max-k N                largest K to try (default 45)
  --semantics extended|ieee|strict   numeric semantics (default extended, the paper's extended reals;
                           strict = no infinity anywhere, the reference's "no ∞" / IEEE-safe column)
  --domain complex|real    real: every intermediate must be real (the reference's real-valued tools)
  --probes N               probe points for functions, 1 to 4 (default 2)
  --tolerance X            accepted relative distance at the probes (default 1e-9; from 2^-40 ≈ 9.1e-13,
                           the resolution of the value fingerprints, to below 1e-3)
  --digits N               digits of the precise verification (default 40)
  --all                    list every verified tree of the minimal size
  --upper-k N              when the decided sizes end without a hit (memory or --max-k), search larger trees of
                           spine shape up to N: a verified one bounds the minimal K from above (default 0 = off)
  --time-limit SECONDS     stop after this long (the report says how far it got)
  --memory MB              memory budget of the enumeration (default 2048)
  --threads N              grow and match over N worker threads (default 1); the level being grown needs about
                           a third more memory with threads (npm run bench -- search compares 1 and 2)
  --simd 0|1               1 (default): the stored trees' exp and ln values are computed with WebAssembly SIMD,
                           two probes per instruction; 0: with the scalar functions. Results may differ in the
                           last bit, so a few values near a fingerprint boundary may count differently
  --json                   print the full report as JSON
  --quiet                  no progress lines on stderr

Examples:
  emlw recognize --const 2 --json          K 19
  emlw recognize --fn "x*y"                K 17
  emlw recognize --fn "-x" --semantics strict
`;

/** Returns an integer option in [min, max], or the default. */
export function intOption(args: ParsedArgs, name: string, fallback: number, min: number, max: number): number {
  const text = option(args, name, String(fallback));
  const v = Number(text);
  if (!Number.isInteger(v) || v < min || v > max) throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got '${text}'`);
  return v;
}

/** Returns a number option in (min, max], or undefined when absent. */
export function numberOption(args: ParsedArgs, name: string, min: number, max: number): number | undefined {
  const text = args.options.get(name);
  if (typeof text !== 'string') return undefined;
  const v = Number(text);
  if (!Number.isFinite(v) || v <= min || v > max) throw new UsageError(`--${name} must be a number in (${min}, ${max}], got '${text}'`);
  return v;
}

/** Returns the recognize job described by the arguments (validated here, so bad input never starts a job). */
export function recognizeJobFromArgs(args: ParsedArgs): RecognizeJob {
  if (args.positionals.length) throw new UsageError(`recognize takes no positional argument (use --const or --fn), got '${args.positionals[0]}'`);
  const c = args.options.get('const'), f = args.options.get('fn');
  if ((c === undefined) === (f === undefined)) throw new UsageError('give exactly one of --const VALUE or --fn FORMULA');
  const kind = c !== undefined ? 'const' : 'fn';
  const text = String(c ?? f);
  let target;
  try {
    target = kind === 'const' ? constantTarget(text) : functionTarget(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const leavesText = args.options.get('leaves');
  const leaves = typeof leavesText === 'string' ? leavesText.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  if (leaves && leaves.length === 0) throw new UsageError('--leaves needs at least one leaf');
  const probes = intOption(args, 'probes', 2, 1, 4);
  try {
    const probeSet = searchProbes(target.variables, probes);
    buildLanguage(pureEmlSpec(probeSet, leaves ?? ['1', ...target.variables]));
    targetValues(target, probeSet);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const timeLimit = numberOption(args, 'time-limit', 0, 7 * 24 * 3600);
  const tolerance = numberOption(args, 'tolerance', 0, 1e-3);
  const toleranceError = tolerance === undefined ? undefined : toleranceProblem(tolerance);
  if (toleranceError) throw new UsageError(`--tolerance: ${toleranceError}`);
  const upperK = intOption(args, 'upper-k', 0, 0, 199);
  return {
    task: 'recognize', target: { kind, text }, semantics: option(args, 'semantics', 'extended') as Semantics,
    domain: option(args, 'domain', 'complex') as 'complex' | 'real',
    maxK: intOption(args, 'max-k', 45, 1, 199), maxBytes: intOption(args, 'memory', 2048, 16, 1 << 20) * 1024 ** 2,
    threads: intOption(args, 'threads', 1, 1, 64), probes,
    digits: intOption(args, 'digits', 40, 20, 200),
    ...(leaves ? { leaves } : {}), ...(tolerance !== undefined ? { tolerance } : {}), ...(flag(args, 'all') ? { all: true } : {}),
    ...(timeLimit !== undefined ? { timeLimitMs: timeLimit * 1000 } : {}),
    ...(upperK > 0 ? { upperBound: { maxK: upperK } } : {}),
    ...(option(args, 'simd', '1') === '0' ? { simd: false } : {}),
  };
}

/** Exit code of a search cancelled with Ctrl-C (128 + SIGINT). */
export const CANCELLED_EXIT = 130;

/** Runs a search job with Ctrl-C cancellation; resolves with its result, or null when cancelled. */
export async function runSearchJob(job: SearchJob, io: Io, onProgress: (p: SearchJobProgress) => void): Promise<SearchJobResult | null> {
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  try {
    return await runWorker<SearchJob, SearchJobResult, SearchJobProgress>('search', job, { signal: ac.signal, onProgress, graceMs: 2000 });
  } catch (e) {
    if (e instanceof JobStopped && e.reason.kind === 'cancelled') {
      io.err('cancelled\n');
      return null;
    }
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

const mb = (b: number): string => `${(b / 1024 ** 2).toFixed(1)} MB`;

/** Returns a progress line for stderr. */
export function recognizeProgressLine(p: RecognizeProgress): string {
  const t = `${(p.elapsedMs / 1000).toFixed(2)} s`;
  if (p.phase === 'grow') return `  level K=${p.K} stored (${p.nodes} distinct values, ${mb(p.bytes)}, ${t})\n`;
  return `  K=${p.K}: ${p.candidates ? `${p.candidates} candidate(s)` : 'no match'} (levels ≤ ${p.storedUpTo} stored, ${t})\n`;
}

/** Returns the text report of a recognize run. */
export function formatRecognizeReport(r: RecognizeReport): string {
  const lines: string[] = [];
  const sem = `'${r.semantics}' semantics, ${r.domain} domain, leaves {${r.leaves.join(', ')}}`;
  lines.push(`target ${r.target.text} (${r.target.kind === 'const' ? 'constant' : `function of ${r.target.variables.join(', ')}`}), ${sem}`);
  if (r.found) {
    for (const h of r.hits) {
      lines.push(`K ${h.K}, depth ${h.depth}`);
      lines.push(`  ${h.eml}`);
      lines.push(`  RPN    ${h.rpn}`);
      lines.push(`  LaTeX  ${h.latex}`);
      lines.push(`  verified at ${h.verification.points} point(s): ${h.verification.agreeingDigits} of ${h.verification.digits} digits agree, float64 error ${h.verification.floatRelError.toExponential(1)}`);
    }
  } else lines.push('no tree found');
  const u = r.upperBound;
  if (u?.K) {
    lines.push(`upper bound: K ${u.K} (${u.method}; ${(u.ms / 1000).toFixed(2)} s)`);
    for (const h of u.hits) lines.push(`  ${h.eml}  (verified: ${h.verification.agreeingDigits} of ${h.verification.digits} digits agree)`);
  } else if (u) lines.push(`upper bound: no spine-shaped tree up to K ${u.searchedUpTo} (${u.candidates} candidate(s))`);
  lines.push(`minimality: ${r.minimality}`);
  if (r.rejected.length) lines.push(`rejected candidates: ${r.rejected.length} (first: ${r.rejected[0]!.eml} at K ${r.rejected[0]!.K}: ${r.rejected[0]!.failure})`);
  const distinct = r.levels.reduce((s, l) => s + l.distinct, 0);
  lines.push(`search: ${describeStop(r.stop)}; levels ≤ ${r.levels.length ? r.levels[r.levels.length - 1]!.K : 0} stored (${distinct} distinct values), peak ${mb(r.peakBytes)}, ${r.shards} thread(s), ${(r.ms / 1000).toFixed(2)} s`);
  return lines.join('\n') + '\n';
}

/** Runs `emlw recognize`; returns the exit code (1 when no tree was found within the limits). */
export async function runRecognize(args: ParsedArgs, io: Io): Promise<number> {
  const job = recognizeJobFromArgs(args);
  const quiet = flag(args, 'quiet');
  const result = await runSearchJob(job, io, (p) => { if (!quiet && p.task === 'recognize') io.err(recognizeProgressLine(p.progress)); });
  if (!result) return CANCELLED_EXIT;
  if (result.task !== 'recognize') throw new Error('search: unexpected job result');
  const r = result.report;
  if (flag(args, 'json')) io.out(JSON.stringify(r, null, 2) + '\n');
  else io.out(formatRecognizeReport(r));
  return r.found ? 0 : 1;
}
