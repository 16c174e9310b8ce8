// `emlw sweep --paper`: runs the reference trainer's published sweep job by job under the same protocol
// (targets, strategies, seeds, budgets, evaluation cadence, success rule) on every core, and prints our
// successes and wall time beside the paper's. Trainer flags given here (improvements) apply to every job.

import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { DEFAULT_TRAIN_OPTIONS, type TrainMetrics, type TrainOptions, buildMetrics, optionFlag } from '../../core/train';
import { buildFitJob } from '../../node/train/fitJob';
import { PAPER_JOBS, PAPER_TOTAL_WALL_SECONDS, type PaperJob, paperFitSpec, selectJobs } from '../../node/train/paperSweep';
import { bestFormula } from '../../node/train/report';
import { mergeClusterReports } from '../../node/cluster/clusterReport';
import type { ClusterReport } from '../../shared/cluster';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import type { Io } from '../output';
import { hideQueuePassword, queueFromArgs, queueHelp, runFitJob } from '../queueOption';
import { jsonNumbers, numberOption, progressPrinter, trainOptionsFromArgs } from './fit';

const TRAIN_KEYS = Object.keys(DEFAULT_TRAIN_OPTIONS) as Array<keyof TrainOptions>;

export const sweepSpec: Record<string, OptionSpec> = {
  paper: { boolean: true }, only: {}, out: {}, workers: {}, slots: {}, queue: {}, json: { boolean: true }, quiet: { boolean: true },
  progress: { boolean: true }, help: { boolean: true },
  ...Object.fromEntries(TRAIN_KEYS.map((k) => [optionFlag(k), {}])),
};

export const sweepHelp = `Usage: emlw sweep --paper [--only d2,d3,...] [options]

Runs the reference trainer's published sweep (depth_2_to_6_headless.sh) job by job with the same
protocol — targets eml_depth2..6 on the 441-point grid, the same strategies, seeds and seed0, the same
search/hardening/patience budgets and evaluation cadence, success = snapped MSE < 1e-6 — and prints our
successes and wall time beside the paper's (RTX 5080 GPU, README of the reference).

Jobs (--only, comma separated; d5 / d6 select every job of that depth):
${PAPER_JOBS.map((j) => `  ${j.id.padEnd(5)} ${j.job.padEnd(28)} ${j.init}${j.noise ? ` noise ${j.noise}` : ''}, ${j.seeds} seeds from ${j.seed0}, ${j.search}/${j.harden}/${j.patience}`).join('\n')}

Options:
  --out FILE        write the report: markdown for .md (with the JSON beside it), JSON otherwise
  --json            print the JSON report
  --workers N       worker threads (default: every core)
${queueHelp(18)}
  --progress        print progress lines on stderr (default: one line per finished job)
  --quiet           print nothing on stderr
  Trainer flags (as in emlw fit, e.g. --restart-after 1500) apply to every job; without them the
  reference protocol runs unchanged.
`;

/** One job's outcome beside the paper's. */
export interface SweepRow {
  id: string;
  job: string;
  runs: number;
  successes: number;
  exact: number;
  stable: number;
  stableAtTauHard: number;
  abandoned: number;
  wallSeconds: number;
  /** CPU seconds of this process (all worker threads) during the job. */
  cpuSeconds: number;
  paper: PaperJob['paper'];
  best: { tree: string; formula: string } | null;
  metrics: TrainMetrics;
}

/** Returns the markdown report of a sweep. */
export function sweepMarkdown(rows: readonly SweepRow[], extra: Partial<TrainOptions>, workers: number, command: string): string {
  const total = rows.reduce((s, r) => s + r.wallSeconds, 0);
  const lines = [
    '# Paper sweep: ours beside the reference', '',
    `Command: \`${command}\``, '',
    `Protocol: the reference's published jobs (grid x, y in [1, 3] step 0.1, 441 points; success = snapped MSE < 1e-6).`,
    `Options beyond the reference: ${Object.keys(extra).length ? Object.entries(extra).map(([k, v]) => `${optionFlag(k as keyof TrainOptions)} ${v}`).join(', ') : 'none (reference protocol)'}.`,
    `Workers: ${workers}. Paper wall times: RTX 5080 GPU + Intel Ultra 285 (README); ours on this machine.`, '',
    '| job | runs | ours success | exact | stable (τ=1) | stable (τ_hard) | abandoned | paper success | paper abandoned | our wall | our CPU | paper wall |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.job} | ${r.runs} | **${r.successes}/${r.runs}** | ${r.exact} | ${r.stable} | ${r.stableAtTauHard} | ${r.abandoned} | ${r.paper.successes}/${r.paper.runs} | ${r.paper.abandoned ?? '-'} | ${fmtTime(r.wallSeconds)} | ${fmtTime(r.cpuSeconds)} | ${fmtTime(r.paper.wallSeconds)} |`),
    '', `Total wall: ${fmtTime(total)}, CPU ${fmtTime(rows.reduce((s, r) => s + r.cpuSeconds, 0))} (paper, whole sweep: ${fmtTime(PAPER_TOTAL_WALL_SECONDS)}).`,
    'Wall times depend on what else the machine runs; CPU seconds (all worker threads of this process) depend much less.', '',
  ];
  for (const r of rows) {
    lines.push(`## ${r.job}`, '', `Best tree: \`${r.best?.tree ?? '-'}\` = \`${r.best?.formula ?? '-'}\``, '',
      'Per run (`seed strategy: result snap-mse end@last u(τ=1)`):', '',
      r.metrics.per_seed.map((p) => `${p.seed} ${p.strategy}: ${p.symbol_success ? 'exact' : p.success ? 'fit' : 'fail'} ${p.snap_mse === null ? '-' : p.snap_mse.toExponential(1)} ${p.end_reason}@${p.last_iter} u${p.n_uncertain}`).join('; '), '');
  }
  return lines.join('\n');
}

function fmtTime(s: number): string {
  if (s < 120) return `${s.toFixed(1)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - 60 * m)} s`;
}

/** Runs `emlw sweep`; returns the exit code (1 when a job has fewer successes than the paper). */
export async function runSweep(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length) throw new UsageError(`sweep takes no positional argument, got '${args.positionals[0]}'`);
  if (!flag(args, 'paper')) throw new UsageError('only the published sweep is built in: use --paper');
  const jobs = selectJobs(args.options.has('only') ? option(args, 'only', '') : undefined);
  const extra = trainOptionsFromArgs(args);
  const workers = numberOption(args, 'workers'), slots = numberOption(args, 'slots');
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 256)) throw new UsageError('--workers must be an integer from 0 to 256');
  const queue = queueFromArgs(args);
  const clusters: ClusterReport[] = [];
  const quiet = flag(args, 'quiet'), progress = flag(args, 'progress') && !quiet;
  const command = hideQueuePassword(`emlw sweep ${process.argv.slice(3).join(' ')}`.trim(), queue);
  const ac = new AbortController();
  const onSigint = () => ac.abort();
  process.once('SIGINT', onSigint);
  const rows: SweepRow[] = [];
  let usedWorkers = 0;
  try {
    for (const j of jobs) {
      if (ac.signal.aborted) break;
      const job = buildFitJob(paperFitSpec(j, extra));
      const c0 = process.cpuUsage();
      const out = await runFitJob(job, queue, {
        workers, slots, signal: ac.signal, onEvent: progress ? progressPrinter(io, job.plan.length, `${j.id} `) : undefined,
      }, io);
      if (out.cluster) clusters.push(out.cluster);
      if (out.stopped === 'failed') throw new Error(`job ${j.job} failed: ${out.error}`);
      usedWorkers = Math.max(usedWorkers, out.workers);
      const cpu = process.cpuUsage(c0);
      const metrics = buildMetrics(job.target, out.results, { ...job.options, job: j.job }, command, out.wallSeconds);
      const best = bestFormula(out.results, job.problem);
      const row: SweepRow = {
        id: j.id, job: j.job, runs: metrics.n_runs, successes: metrics.n_successes, exact: metrics.n_symbol_successes,
        stable: metrics.n_stable_symbol_successes, stableAtTauHard: metrics.n_stable_at_tau_hard, abandoned: metrics.n_abandoned,
        wallSeconds: out.wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, paper: j.paper, best: best ? { tree: best.formula.eml, formula: best.formula.formula } : null, metrics,
      };
      rows.push(row);
      if (!quiet) {
        io.err(`${j.id.padEnd(5)} ${j.job.padEnd(28)} ours ${row.successes}/${row.runs} (exact ${row.exact}, abandoned ${row.abandoned}) `
          + `paper ${j.paper.successes}/${j.paper.runs}  wall ${fmtTime(row.wallSeconds)} (paper ${fmtTime(j.paper.wallSeconds)})${out.stopped ? ` [${out.stopped}]` : ''}\n`);
      }
    }
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
  const cluster = mergeClusterReports(clusters);
  const report = {
    command, options: extra, workers: cluster ? cluster.workers.length : usedWorkers, total_wall_s: rows.reduce((s, r) => s + r.wallSeconds, 0),
    paper_total_wall_s: PAPER_TOTAL_WALL_SECONDS, ...(cluster ? { cluster } : {}), jobs: rows,
  };
  const outFile = args.options.get('out');
  if (typeof outFile === 'string') {
    // a markdown report is always written with its JSON beside it (same name, .json)
    const json = JSON.stringify(report, jsonNumbers, 2) + '\n';
    if (extname(outFile).toLowerCase() === '.md') {
      writeFileSync(outFile, sweepMarkdown(rows, extra, report.workers, command));
      writeFileSync(outFile.slice(0, -3) + '.json', json);
    } else writeFileSync(outFile, json);
  }
  if (flag(args, 'json')) io.out(JSON.stringify(report, jsonNumbers, 2) + '\n');
  else {
    io.out(['job'.padEnd(28), 'runs'.padStart(4), 'ours'.padStart(7), 'exact'.padStart(5), 'aband.'.padStart(6), 'paper'.padStart(7), 'our wall'.padStart(12), 'paper wall'.padStart(12)].join('  ') + '\n');
    for (const r of rows) {
      io.out([r.job.padEnd(28), String(r.runs).padStart(4), `${r.successes}/${r.runs}`.padStart(7), String(r.exact).padStart(5), String(r.abandoned).padStart(6),
        `${r.paper.successes}/${r.paper.runs}`.padStart(7), fmtTime(r.wallSeconds).padStart(12), fmtTime(r.paper.wallSeconds).padStart(12)].join('  ') + '\n');
    }
    io.out(`total wall ${fmtTime(report.total_wall_s)} (paper whole sweep ${fmtTime(PAPER_TOTAL_WALL_SECONDS)})${ac.signal.aborted ? ' [cancelled]' : ''}\n`);
  }
  return rows.every((r) => r.successes >= r.paper.successes) && rows.length === jobs.length ? 0 : 1;
}
