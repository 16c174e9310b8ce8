// How often `fit` recovers random targets exactly (src/core/benchmarks): master-form trees of depth 3–6 and
// free-form trees of K ≤ 25 over {1, x, y}, each sampled on the paper's grid. Every target is fitted as
// `emlw fit --expr <tree>` would fit it (buildFitJob + runTrainJob on every core) at the target's own depth,
// with the options below; a target counts as recovered when some run's snapped tree equals it at every grid
// point (relative 1e−9, ieee). Long (minutes to an hour): it runs only when named, `npm run bench -- fit-random`.
//
// Settings (environment variables, all optional):
//   FIT_RANDOM_SEED     generator seed (default 2: the reporting seed; 1 was used for tuning)
//   FIT_RANDOM_DEPTHS   master-form depths (default 3,4,5,6); FIT_RANDOM_COUNT targets per depth (default 8)
//   FIT_RANDOM_FREE     free-form targets (default 8; 0 = none)
//   FIT_RANDOM_SEEDS    run seeds per target, each with every strategy of FIT_RANDOM_INIT (default 4 seeds, all)
//   FIT_RANDOM_OPTIONS  trainer options as JSON, replacing the defaults below
//   FIT_RANDOM_MASTER   master form of the master-form targets: paper (default) or general; free form: general
//   FIT_RANDOM_OUT      also write the report (markdown) and its JSON beside it to this path

import { writeFileSync } from 'node:fs';
import { type RandomTarget, freeFormTargets, masterFormTargets } from '../src/core/benchmarks';
import { type InitChoice, type MasterForm, type TrainOptions, agreeAt, parseTreeText } from '../src/core/train';
import { buildFitJob } from '../src/node/train/fitJob';
import { runTrainJob } from '../src/node/train/runTrainJob';

/**
 * The options of the measured runs unless FIT_RANDOM_OPTIONS replaces them: the six improvement options of the
 * paper sweep with repair 4 and 2 pair passes, and the paper's depth-5/6 budget (9000 + 3000, patience 6500) —
 * tuned on generator seed 1 (docs/results/fit-random.md).
 */
export const STUDY_OPTIONS: Partial<TrainOptions> = {
  gumbel: 1.5, interThreshold: 1e10, redrawNonFinite: 1, repair: 4, repairPairs: 2, lamCorr: 3, searchStride: 3,
  searchIters: 9000, hardeningIters: 3000, patience: 6500,
};

interface TargetOutcome {
  name: string; family: string; text: string; K: number; depth: number;
  recovered: boolean; runsRecovered: number; runs: number; bestSnapMse: number | null; bestTree: string; seconds: number;
  /** Runs recovered per start strategy. */
  byStrategy: Record<string, number>;
}

const env = (k: string, d: string): string => process.env[k] ?? d;

async function fitTarget(t: RandomTarget, family: string, master: MasterForm, init: InitChoice, seeds: number, options: Partial<TrainOptions>): Promise<TargetOutcome> {
  const job = buildFitJob({ source: { kind: 'formula', text: t.text }, depth: t.depth, master, init, seeds, seed0: 137, options });
  const out = await runTrainJob(job.problem, job.options, job.plan, {});
  const { inputs } = job.problem.train;
  let recovered = 0, best: { mse: number; tree: string } | undefined;
  const byStrategy: Record<string, number> = {};
  for (const r of out.results) {
    byStrategy[r.strategy] ??= 0;
    if (agreeAt(parseTreeText(r.tree), t.tree, ['x', 'y'], inputs, ['ieee'])) { recovered++; byStrategy[r.strategy]++; }
    if (Number.isFinite(r.snapMse) && (!best || r.snapMse < best.mse)) best = { mse: r.snapMse, tree: r.tree };
  }
  return {
    name: t.name, family, text: t.text, K: t.K, depth: t.depth, recovered: recovered > 0, runsRecovered: recovered, runs: out.results.length,
    bestSnapMse: best ? best.mse : null, bestTree: best?.tree ?? '-', seconds: out.wallSeconds, byStrategy,
  };
}

function table(rows: TargetOutcome[], group: (r: TargetOutcome) => string): string {
  const groups = [...new Set(rows.map(group))];
  const lines = ['| group | targets recovered | runs recovered | median best snapped MSE | wall |', '|---|---|---|---|---|'];
  for (const g of groups) {
    const rs = rows.filter((r) => group(r) === g);
    const mses = rs.map((r) => r.bestSnapMse ?? Infinity).sort((a, b) => a - b);
    const med = mses[Math.floor((mses.length - 1) / 2)]!;
    const rec = rs.filter((r) => r.recovered).length;
    lines.push(`| ${g} | ${rec}/${rs.length} (${Math.round((100 * rec) / rs.length)} %) | ${rs.reduce((s, r) => s + r.runsRecovered, 0)}/${rs.reduce((s, r) => s + r.runs, 0)} `
      + `| ${Number.isFinite(med) ? med.toExponential(1) : '-'} | ${rs.reduce((s, r) => s + r.seconds, 0).toFixed(0)} s |`);
  }
  return lines.join('\n');
}

/** Runs the study with the environment's settings; returns the report (markdown). */
export async function report(): Promise<string> {
  const seed = Number(env('FIT_RANDOM_SEED', '2')), count = Number(env('FIT_RANDOM_COUNT', '8'));
  const depths = env('FIT_RANDOM_DEPTHS', '3,4,5,6').split(',').filter(Boolean).map(Number);
  const free = Number(env('FIT_RANDOM_FREE', '8')), seeds = Number(env('FIT_RANDOM_SEEDS', '4'));
  const init = env('FIT_RANDOM_INIT', 'all') as InitChoice, master = env('FIT_RANDOM_MASTER', 'paper') as MasterForm;
  const options: Partial<TrainOptions> = process.env['FIT_RANDOM_OPTIONS'] ? JSON.parse(process.env['FIT_RANDOM_OPTIONS']) : STUDY_OPTIONS;
  const rows: TargetOutcome[] = [];
  const t0 = performance.now();
  for (const depth of depths) {
    for (const t of masterFormTargets({ seed, depth, count })) {
      rows.push(await fitTarget(t, `master d${depth}`, master, init, seeds, options));
      const r = rows[rows.length - 1]!;
      process.stderr.write(`${r.name} K ${r.K}: ${r.recovered ? 'recovered' : 'missed'} (${r.runsRecovered}/${r.runs} ${JSON.stringify(r.byStrategy)}) best ${r.bestSnapMse?.toExponential(1)} ${r.seconds.toFixed(0)} s\n`);
    }
  }
  if (free > 0) {
    for (const t of freeFormTargets({ seed, count: free })) {
      rows.push(await fitTarget(t, `free d${t.depth}`, 'general', init, seeds, options));
      const r = rows[rows.length - 1]!;
      process.stderr.write(`${r.name} K ${r.K} depth ${r.depth}: ${r.recovered ? 'recovered' : 'missed'} (${r.runsRecovered}/${r.runs}) best ${r.bestSnapMse?.toExponential(1)} ${r.seconds.toFixed(0)} s\n`);
    }
  }
  const wall = (performance.now() - t0) / 1000;
  const settings = `generator seed ${seed}; ${count} master-form targets per depth ${depths.join(', ')} (${master} form); ${free} free-form targets (general form); `
    + `each target fitted at its own depth with init ${init}, ${seeds} seeds from 137; options ${JSON.stringify(options)}`;
  const md = [
    `Settings: ${settings}. Wall ${wall.toFixed(0)} s.`, '',
    table(rows.filter((r) => r.family.startsWith('master')), (r) => r.family), '',
    rows.some((r) => r.family.startsWith('free')) ? table(rows.filter((r) => r.family.startsWith('free')), (r) => r.family) : '', '',
    '| target | K | depth | recovered | runs | best snapped MSE | best tree |', '|---|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${r.name} \`${r.text}\` | ${r.K} | ${r.depth} | ${r.recovered ? 'yes' : 'no'} | ${r.runsRecovered}/${r.runs} | ${r.bestSnapMse?.toExponential(1) ?? '-'} | \`${r.bestTree}\` |`),
  ].join('\n');
  const out = process.env['FIT_RANDOM_OUT'];
  if (out) {
    writeFileSync(out, md + '\n');
    writeFileSync(out.replace(/\.md$/, '') + '.json', JSON.stringify({ settings, wallSeconds: wall, targets: rows }, null, 2) + '\n');
  }
  return md;
}
