// `emlw fit`: trains master EML trees on a built-in target, any formula or a CSV/TSV file, on every core,
// with the reference trainer's protocol and defaults (every knob is a flag), and prints the snapped trees,
// their exactness and the best one in conventional notation and LaTeX. Exit 1 when no run fits.

import { writeFileSync } from 'node:fs';
import {
  DEFAULT_TRAIN_OPTIONS, FIT_DEFAULTS, INIT_CHOICES, type InitChoice, MASTER_FORMS, type MasterForm, PAPER_GEN, PAPER_GRID, type TrainEvent,
  type TrainOptions, TARGETS,
  buildMetrics, optionFlag,
} from '../../core/train';
import { describeDropped } from '../../node/train/csv';
import { type FitSource, type FitSpec, buildFitJob } from '../../node/train/fitJob';
import { bestFormula, resultLabel, resultsTable, runFormula, summaryLine } from '../../node/train/report';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import type { Io } from '../output';
import { hideQueuePassword, queueFromArgs, queueHelp, runFitJob } from '../queueOption';
import { trainOptionsHelp } from './trainOptionsHelp';

const TRAIN_KEYS = Object.keys(DEFAULT_TRAIN_OPTIONS) as Array<keyof TrainOptions>;

export const fitSpec: Record<string, OptionSpec> = {
  target: { choices: TARGETS.map((t) => t.name) }, expr: {}, csv: {}, x: {}, y: {}, delimiter: {}, 'test-fraction': {},
  depth: {}, master: { choices: MASTER_FORMS }, noise: {}, init: { choices: INIT_CHOICES }, 'init-expr': {}, seeds: {}, seed0: {},
  'data-lo': {}, 'data-hi': {}, 'data-step': {}, 'gen-lo': {}, 'gen-hi': {}, 'generalization-points': {},
  workers: {}, slots: {}, queue: {}, metrics: {}, json: { boolean: true }, quiet: { boolean: true }, help: { boolean: true },
  ...Object.fromEntries(TRAIN_KEYS.map((k) => [optionFlag(k), {}])),
};

export const fitHelp = `Usage: emlw fit (--target NAME | --expr "<formula>" | --csv FILE --x COL[,COL] --y COL) [options]

Trains full binary "master" EML trees by gradient descent (the reference trainer's schedule: search at
tau 2.5, hardening with tau annealing and entropy/binarity penalties), snaps them, and reports each run.
Two forms: paper (leaves at the bottom choose 1 or an input, node inputs choose 1 or the child) and
general (every node input chooses 1, an input, its own trainable constant, or the child).
Runs are seeds x strategies and use every core. Exit code 0 when at least one run fits (the paper's
success) or is exact within the data's noise, 1 otherwise.

Data:
  --target NAME            a built-in target:
                           ${TARGETS.map((t) => t.name).join(', ')}
  --expr "<formula>"       any formula in x, y (infix, eml(a, b) or EML[a, b]; also a target name)
  --csv FILE --x A[,B] --y C   columns of a CSV/TSV file (names or 1-based numbers); bad rows are
                           dropped and reported; --test-fraction F holds out rows (default ${FIT_DEFAULTS.testFraction})
  --data-lo/--data-hi/--data-step   training grid (default ${PAPER_GRID.lo}, ${PAPER_GRID.hi}, ${PAPER_GRID.step}: 441 points for x, y)
  --gen-lo/--gen-hi/--generalization-points   held-out set (default ${PAPER_GEN.lo}, ${PAPER_GEN.hi}, ${PAPER_GEN.points})

Model and runs:
  --master paper|general   master tree form (default: paper for --target/--expr, so the sweeps and the
                           paper's counts stay as published; general for --csv, since real laws need
                           constants and inputs above the bottom level: x - y, x/y fit no paper depth)
  --depth D                master tree depth (default: the target's depth; required with --csv)
  --init S                 ${INIT_CHOICES.map((c) => (c === FIT_DEFAULTS.init ? `${c} (default)` : c)).join(' | ')}
  --init-expr "<formula>"  start tree of --init manual (default: the target); any formula is compiled
  --init-noise S           noise sigma added to a manual start (with 0 only seed0 runs)
  --seeds N --seed0 S      seeds S .. S+N-1 (default ${FIT_DEFAULTS.seeds} from ${FIT_DEFAULTS.seed0}), each with every strategy
  --workers N              worker threads (default: every core; 0 = in this thread)
  --slots N                runs stepped side by side in one worker (default 1)
${queueHelp(27)}

Trainer options, with the reference trainer's defaults:
${trainOptionsHelp()}

Improvements over the reference, off by default (src/core/train/options.ts; measured in docs/results):
  --gumbel S               Gumbel/logistic noise of scale S on the logits during search
  --redraw-non-finite 1    redraw a start whose first steps are all non-finite
  --repair N               up to N greedy single changes of the snapped tree that lower the MSE
  --repair-pairs N         up to N of those passes may apply the best pair where no single change helps
  --lam-corr L             search penalty L*(1 - corr(prediction, target))
  --search-stride K        search on every K-th training point (hardening and evaluations use all)
  --restart-after N / --restart-below L   restart a search attempt from a fresh random init when its
                           best soft loss is still above L (default ${DEFAULT_TRAIN_OPTIONS.restartBelow}) after N iterations
                           (within the same budget)
  General form only: --const-polish N Levenberg-Marquardt iterations on the snapped tree's constants
  (default ${DEFAULT_TRAIN_OPTIONS.constPolish}), --const-scale S spread of random starts' constants around 1 (default ${DEFAULT_TRAIN_OPTIONS.constScale})

Success:
  The paper's success (snapped MSE < --fit-success-thr) is reported unchanged; beside it, each run is
  "exact within noise" when its training (and held-out) RMSE is within the data's noise:
  --noise auto|S           the noise sigma of the data (default auto: estimated from the rows for --csv,
                           0 for --target/--expr, whose data are exact)

Output:
  --json                   print the metrics JSON (the reference's fields, plus trees and formulas)
  --metrics FILE           also write the metrics JSON to FILE
  --quiet                  no progress lines on stderr

Examples:
  emlw fit --target eml_depth2 --seeds 8
  emlw fit --expr "eml_depth5" --init manual --init-noise 12 --seeds 4 --seed0 2048 --search-iters 3000 \\
           --hardening-iters 1200 --patience 2000 --eval-every 100 --tail-eval-every 25
  emlw fit --csv examples/exp-ln.csv --x x,y --y f --depth 1
  emlw fit --csv examples/exp-ln.csv --x x,y --y f --depth 2 --master general --repair 3
`;

/** Returns a number option (finite), or undefined when absent; throws UsageError naming the flag. */
export function numberOption(args: ParsedArgs, name: string): number | undefined {
  const v = args.options.get(name);
  if (v === undefined) return undefined;
  const n = typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  if (!Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got '${String(v)}'`);
  return n;
}

/** Returns the trainer options given on the command line. */
export function trainOptionsFromArgs(args: ParsedArgs): Partial<TrainOptions> {
  const o: Partial<TrainOptions> = {};
  for (const k of TRAIN_KEYS) {
    const v = numberOption(args, optionFlag(k));
    if (v !== undefined) o[k] = v;
  }
  return o;
}

function sourceOf(args: ParsedArgs): FitSource {
  const target = args.options.get('target'), expr = args.options.get('expr'), csv = args.options.get('csv');
  const given = [target, expr, csv].filter((v) => v !== undefined).length;
  if (given !== 1) throw new UsageError('give exactly one of --target NAME, --expr "<formula>" or --csv FILE');
  if (typeof target === 'string') return { kind: 'target', name: target };
  if (typeof expr === 'string') return { kind: 'formula', text: expr };
  const x = option(args, 'x', ''), y = option(args, 'y', '');
  if (!x || !y) throw new UsageError('--csv needs --x COL[,COL] and --y COL');
  const delimiter = args.options.get('delimiter');
  return {
    kind: 'csv', file: csv as string, x: x.split(',').map((s) => s.trim()).filter(Boolean), y,
    testFraction: numberOption(args, 'test-fraction'), delimiter: typeof delimiter === 'string' ? (delimiter === '\\t' || delimiter === 'tab' ? '\t' : delimiter) : undefined,
  };
}

/** Returns the fit description of the command line. */
export function fitSpecFromArgs(args: ParsedArgs): FitSpec {
  if (args.positionals.length) throw new UsageError(`fit takes no positional argument, got '${args.positionals[0]}' (use --expr "<formula>")`);
  const lo = numberOption(args, 'data-lo'), hi = numberOption(args, 'data-hi'), step = numberOption(args, 'data-step');
  const glo = numberOption(args, 'gen-lo'), ghi = numberOption(args, 'gen-hi'), gp = numberOption(args, 'generalization-points');
  if (args.options.has('init-expr') && option(args, 'init', FIT_DEFAULTS.init) !== 'manual') throw new UsageError('--init-expr is the start of --init manual: add --init manual');
  const depth = numberOption(args, 'depth');
  if (depth !== undefined && !Number.isInteger(depth)) throw new UsageError(`--depth must be an integer, got ${depth}`);
  const noise = option(args, 'noise', 'auto') === 'auto' ? undefined : numberOption(args, 'noise');
  if (noise !== undefined && noise < 0) throw new UsageError(`--noise must be auto or a number >= 0, got ${noise}`);
  return {
    master: args.options.has('master') ? (option(args, 'master', 'paper') as MasterForm) : undefined, noise,
    source: sourceOf(args), depth, init: option(args, 'init', FIT_DEFAULTS.init) as InitChoice,
    initExpr: args.options.has('init-expr') ? option(args, 'init-expr', '') : undefined,
    seeds: numberOption(args, 'seeds'), seed0: numberOption(args, 'seed0'),
    grid: lo !== undefined || hi !== undefined || step !== undefined ? { lo: lo ?? 1, hi: hi ?? 3, step: step ?? 0.1 } : undefined,
    gen: glo !== undefined || ghi !== undefined || gp !== undefined ? { lo: glo ?? 0.5, hi: ghi ?? 5, points: gp ?? 4000 } : undefined,
    options: trainOptionsFromArgs(args),
  };
}

const e = (x: number): string => (!Number.isFinite(x) ? String(x) : x === 0 ? '0' : x.toExponential(2));

/** Returns a progress printer that writes at most one status line per second plus one line per finished run. */
export function progressPrinter(io: Io, total: number, label = ''): (ev: TrainEvent) => void {
  let last = 0, finished = 0;
  return (ev) => {
    if (ev.kind === 'done') {
      finished++;
      const r = ev.result;
      io.err(`${label}run ${r.index + 1} seed ${r.seed} ${r.strategy}: ${resultLabel(r)} snap mse ${e(r.snapMse)} ${r.endReason} at ${r.lastIter} [${finished}/${total}] ${r.tree}\n`);
      return;
    }
    const now = Date.now();
    if (now - last < 1000) return;
    last = now;
    io.err(`${label}run ${ev.index + 1} seed ${ev.seed} ${ev.strategy} it ${ev.iter} ${ev.phase} soft ${e(ev.soft)} hard ${e(ev.hard)} tau ${ev.tau.toFixed(3)}${ev.nanRestarts ? ` nan restarts ${ev.nanRestarts}` : ''}\n`);
  };
}

/** Runs `emlw fit`; returns the exit code. */
export async function runFit(args: ParsedArgs, io: Io): Promise<number> {
  const spec = fitSpecFromArgs(args);
  const workers = numberOption(args, 'workers'), slots = numberOption(args, 'slots');
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 256)) throw new UsageError(`--workers must be an integer from 0 to 256`);
  if (slots !== undefined && (!Number.isInteger(slots) || slots < 1 || slots > 64)) throw new UsageError(`--slots must be an integer from 1 to 64`);
  const queue = queueFromArgs(args);
  const job = buildFitJob(spec);
  const quiet = flag(args, 'quiet'), json = flag(args, 'json');
  if (job.data?.dropped.length) io.err(`emlw fit: warning: ${describeDropped(job.data)}\n`);
  if (!quiet) for (const n of job.notes) if (!job.data) io.err(`emlw fit: note: ${n}\n`);
  if (!quiet) {
    io.err(`fit ${job.target.name} (${job.target.description}): ${job.problem.layout.kind} form, depth ${job.problem.layout.depth}, `
      + `${job.problem.train.n} training points, ${job.plan.length} runs, search ${job.options.searchIters} + hardening ${job.options.hardeningIters} `
      + `iterations${job.noise.source === 'exact' ? '' : `, noise ${e(job.noise.sigma)} (${job.noise.source})`}\n`);
  }
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const out = await runFitJob(job, queue, {
    workers, slots, signal: ac.signal, onEvent: quiet ? undefined : progressPrinter(io, job.plan.length),
  }, io).finally(() => process.removeListener('SIGINT', onSigint));
  if (out.stopped === 'failed') throw new Error(`training failed: ${out.error}`);
  const command = hideQueuePassword(`emlw fit ${process.argv.slice(3).join(' ')}`.trim(), queue);
  const argsRecord = Object.fromEntries([...args.options.entries()].map(([k, v]) => [k, k === 'queue' && queue ? queue.display : v]));
  const metrics = buildMetrics(job.target, out.results, {
    ...job.options, ...argsRecord, depth: job.problem.layout.depth, master: job.problem.layout.kind,
  }, command, out.wallSeconds, job.noise);
  const best = bestFormula(out.results, job.problem);
  const full = {
    ...metrics,
    workers: out.workers,
    stopped: out.stopped ?? null,
    best: best ? { seed: best.run.seed, strategy: best.run.strategy, ...best.formula } : null,
    formulas: out.results.filter((r) => r.success || r.exactWithinNoise).map((r) => ({ run_index: r.index + 1, ...runFormula(r, job.problem) })),
    ...(out.cluster ? { cluster: out.cluster } : {}),
  };
  const metricsFile = args.options.get('metrics');
  if (typeof metricsFile === 'string') writeFileSync(metricsFile, JSON.stringify(full, jsonNumbers, 2) + '\n');
  if (json) io.out(JSON.stringify(full, jsonNumbers, 2) + '\n');
  else {
    io.out(resultsTable(out.results) + '\n');
    io.out(summaryLine(metrics) + '\n');
    if (best) {
      io.out(`Best: seed ${best.run.seed} ${best.run.strategy}, snapped mse ${e(best.run.snapMse)}, held-out mse ${e(best.run.genMse)} `
        + `(max |re err| ${e(best.run.snapMaxReal)}, max |im| ${e(best.run.snapMaxImag)})\n`);
      io.out(`  tree    ${best.formula.eml}\n  formula ${best.formula.formula}\n  latex   ${best.formula.latex}\n`);
    }
    io.out(`Elapsed: ${out.wallSeconds.toFixed(1)} s on ${out.workers} worker${out.workers === 1 ? '' : 's'}${out.cluster ? ` of ${out.cluster.queue}` : ''}${out.stopped ? ` (${out.stopped})` : ''}\n`);
  }
  return metrics.n_successes > 0 || metrics.n_exact_within_noise > 0 ? 0 : 1;
}

/** JSON replacer: non-finite numbers become null (as the reference writes them). */
export function jsonNumbers(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}
