// The reference trainer's published sweep (depth_2_to_6_headless.sh, paper §1.11): nine jobs with their
// targets, strategies, seeds, budgets and the README's successes and wall times, and the job runner that
// reproduces a job under the same protocol (grid, budgets, evaluation cadence, success rule).

import { type InitChoice, type TrainOptions, targetTree } from '../../core/train';
import { printEml } from '../../core/syntax';
import type { FitSpec } from './fitJob';

/** One job of the published sweep. */
export interface PaperJob {
  /** Short id used by --only (d2, d3, d4, d5rh, d6rh, d5u, d6u, d5m, d6m). */
  id: string;
  /** The reference's job name. */
  job: string;
  depth: number;
  target: string;
  init: InitChoice;
  noise: number;
  seeds: number;
  seed0: number;
  search: number;
  harden: number;
  patience: number;
  evalEvery: number;
  tailEvalEvery: number;
  paper: { successes: number; runs: number; abandoned?: number; stable?: number; wallSeconds: number };
}

const RANDOM = { search: 6000, harden: 2000, patience: 4200, evalEvery: 200, tailEvalEvery: 50 };
const DEEP = { search: 9000, harden: 3000, patience: 6500, evalEvery: 200, tailEvalEvery: 50 };
const MANUAL = { search: 3000, harden: 1200, patience: 2000, evalEvery: 100, tailEvalEvery: 25 };

/** The published sweep, in the reference script's order. */
export const PAPER_JOBS: readonly PaperJob[] = [
  { id: 'd2', job: 'eml_d2_random', depth: 2, target: 'eml_depth2', init: 'all', noise: 0, seeds: 8, seed0: 137, ...RANDOM, paper: { successes: 32, runs: 32, wallSeconds: 289 } },
  { id: 'd3', job: 'eml_d3_random', depth: 3, target: 'eml_depth3', init: 'all', noise: 0, seeds: 16, seed0: 137, ...RANDOM, paper: { successes: 17, runs: 64, wallSeconds: 841 } },
  { id: 'd4', job: 'eml_d4_random', depth: 4, target: 'eml_depth4', init: 'all', noise: 0, seeds: 16, seed0: 137, ...RANDOM, paper: { successes: 15, runs: 64, abandoned: 1, wallSeconds: 1225 } },
  { id: 'd5rh', job: 'eml_d5_random64_random_hot', depth: 5, target: 'eml_depth5', init: 'random_hot', noise: 0, seeds: 64, seed0: 137, ...DEEP, paper: { successes: 1, runs: 64, abandoned: 30, wallSeconds: 1162 } },
  { id: 'd6rh', job: 'eml_d6_random64_random_hot', depth: 6, target: 'eml_depth6', init: 'random_hot', noise: 0, seeds: 64, seed0: 137, ...DEEP, paper: { successes: 0, runs: 64, abandoned: 56, wallSeconds: 695 } },
  { id: 'd5u', job: 'eml_d5_random64_uniform', depth: 5, target: 'eml_depth5', init: 'uniform', noise: 0, seeds: 64, seed0: 1234, ...DEEP, paper: { successes: 1, runs: 64, wallSeconds: 1892 } },
  { id: 'd6u', job: 'eml_d6_random64_uniform', depth: 6, target: 'eml_depth6', init: 'uniform', noise: 0, seeds: 64, seed0: 1234, ...DEEP, paper: { successes: 0, runs: 64, wallSeconds: 2594 } },
  { id: 'd5m', job: 'eml_d5_manual_noise12', depth: 5, target: 'eml_depth5', init: 'manual', noise: 12, seeds: 4, seed0: 2048, ...MANUAL, paper: { successes: 4, runs: 4, stable: 4, wallSeconds: 12 } },
  { id: 'd6m', job: 'eml_d6_manual_noise12', depth: 6, target: 'eml_depth6', init: 'manual', noise: 12, seeds: 4, seed0: 2048, ...MANUAL, paper: { successes: 4, runs: 4, stable: 0, wallSeconds: 16 } },
];

/** The published total wall time of the whole sweep (README, RTX 5080 + Intel Ultra 285). */
export const PAPER_TOTAL_WALL_SECONDS = 2 * 3600 + 25 * 60 + 17;

/** Returns the jobs named by a comma list of ids (d5 = every depth-5 job); throws naming an unknown id. */
export function selectJobs(only?: string): PaperJob[] {
  if (!only) return [...PAPER_JOBS];
  const picked = new Set<PaperJob>();
  for (const raw of only.split(',').map((s) => s.trim()).filter(Boolean)) {
    const hits = PAPER_JOBS.filter((j) => j.id === raw || j.job === raw || (/^d\d$/.test(raw) && j.id.startsWith(raw)));
    if (hits.length === 0) throw new Error(`unknown sweep job '${raw}' (jobs: ${PAPER_JOBS.map((j) => j.id).join(', ')}; d5/d6 select every job of that depth)`);
    hits.forEach((h) => picked.add(h));
  }
  return PAPER_JOBS.filter((j) => picked.has(j));
}

/** Returns the fit description of a published job, with extra trainer options (improvements) on top. */
export function paperFitSpec(j: PaperJob, extra: Partial<TrainOptions> = {}): FitSpec {
  return {
    source: { kind: 'target', name: j.target },
    depth: j.depth,
    init: j.init,
    initExpr: j.init === 'manual' ? printEml(targetTree(j.target), 'mathematica') : undefined,
    seeds: j.seeds,
    seed0: j.seed0,
    grid: { lo: 1, hi: 3, step: 0.1 },
    gen: { lo: 0.5, hi: 5, points: 4000 },
    options: {
      searchIters: j.search, hardeningIters: j.harden, patience: j.patience, evalEvery: j.evalEvery, tailEvalEvery: j.tailEvalEvery,
      initNoise: j.noise, ...extra,
    },
  };
}
