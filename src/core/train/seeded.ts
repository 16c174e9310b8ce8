// Seeded training for discovery: general master trees trained on a dataset from given start expressions
// (manual starts with noise, several seeds each) and optionally from random starts, within an iteration budget
// and a stop callback. Returns every run's snapped tree — the text with decimal constants, its training MSE and
// fitted constants — best first, one entry per distinct tree. Pure and deterministic: run k of every start uses
// seed + k (a start's runs differ only in their noise draw); random run k uses seed + 1000·(starts + 1) + k.
//
// Start here: trainFromStarts(spec, { shouldStop }).

import { type Expr } from '../expr';
import { constantLeafValue, emlDepth, emlSize, toGeneralEml } from './generalEmbed';
import { generalLayout } from './generalLayout';
import { treeModel } from './model';
import { type NoiseLevel, estimateNoise } from './noise';
import { type InitStrategy, RANDOM_STRATEGIES, type TrainOptions, resolveTrainOptions } from './options';
import { type RunResult, type RunSpec, type TrainProblem, trainRuns } from './trainer';
import { parseTreeText } from './treeText';

/** The trainer's options for seeded runs unless the spec overrides them: a short schedule with repair and polish. */
export const SEEDED_TRAIN_DEFAULTS: Readonly<Partial<TrainOptions>> = Object.freeze({
  searchIters: 2000, hardeningIters: 1000, patience: 1200, evalEvery: 100, tailEvalEvery: 25,
  interThreshold: 1e10, repair: 3, constPolish: 30,
});

export interface TrainStartsSpec {
  /** Input names (the start expressions' variables) and one column per input. */
  readonly varNames: readonly string[];
  readonly inputs: readonly Float64Array[];
  readonly target: Float64Array;
  /** Start expressions: EML trees over 1, the variables and constants (eml(x, 0.5)), or any formula (compiled). */
  readonly starts: readonly Expr[];
  /** Runs per start, each with its own noise draw (default 4). */
  readonly runsPerStart?: number;
  /** σ of the N(0, 1) noise added to a start's ±initK logits (default 2; constants are not perturbed). */
  readonly initNoise?: number;
  /** Logit magnitude of a start's choices (default 6: firm at τ_hard, movable at τ_search). */
  readonly initK?: number;
  /** The master tree's depth above the start's own depth (default 0). */
  readonly extraDepth?: number;
  /** Random starts as well: `runs` runs of a depth-`depth` general tree, cycling through the four strategies. */
  readonly randomStarts?: { readonly runs: number; readonly depth: number };
  /** Seed of the first run. */
  readonly seed: number;
  /** Most training iterations over all runs together. */
  readonly maxIterations: number;
  /** Trainer options over SEEDED_TRAIN_DEFAULTS. */
  readonly options?: Partial<TrainOptions>;
  /** The data's noise σ for exactWithinNoise (default: estimated from the rows). */
  readonly noise?: number;
}

/** One trained and snapped tree. */
export interface TrainedTree {
  /** The tree as text (eml(a, b) over 1, the variables and decimal constants) and parsed. */
  readonly text: string;
  readonly tree: Expr;
  readonly K: number;
  readonly depth: number;
  /** Training MSE of the snapped tree (after repair and the constants' polish). */
  readonly mse: number;
  /** The constants of the tree, in the order they appear in the text. */
  readonly constants: readonly number[];
  /** MSE below the trainer's exactness threshold (successThr). */
  readonly exact: boolean;
  readonly exactWithinNoise: boolean;
  /** Where the run started: starts[index], or a random strategy. */
  readonly origin: { readonly kind: 'start'; readonly index: number } | { readonly kind: 'random'; readonly strategy: InitStrategy };
  readonly seed: number;
  /** False when the run was cut short by the budget or the stop callback (still snapped and scored). */
  readonly complete: boolean;
}

/** Why trainFromStarts returned. */
export type StartsStopReason = { kind: 'done' } | { kind: 'iterationLimit'; iterations: number } | { kind: 'cancelled' };

export interface TrainStartsResult {
  /** Distinct trees, lowest MSE first (ties: smaller K first). */
  readonly trees: TrainedTree[];
  readonly iterations: number;
  readonly stopReason: StartsStopReason;
}

/** Returns the constants of a tree over 1, variables and constants, in text order. */
export function treeConstants(t: Expr): number[] {
  const c = constantLeafValue(t);
  if (c !== undefined) return [c];
  return t.kind === 'op' && t.op === 'eml' ? [...treeConstants(t.args[0]!), ...treeConstants(t.args[1]!)] : [];
}

function checkData(spec: TrainStartsSpec): void {
  const n = spec.target.length, k = spec.varNames.length;
  if (k === 0) throw new Error('train: seeded training needs at least one input column');
  if (spec.inputs.length !== k) throw new Error(`train: ${k} input names but ${spec.inputs.length} input columns`);
  if (n < 2) throw new Error(`train: seeded training needs at least 2 rows, got ${n}`);
  spec.inputs.forEach((c, j) => {
    if (c.length !== n) throw new Error(`train: input column '${spec.varNames[j]}' has ${c.length} rows, the target ${n}`);
    const bad = c.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new Error(`train: input column '${spec.varNames[j]}' row ${bad + 1} is not a finite number (${c[bad]})`);
  });
  const bad = spec.target.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`train: target row ${bad + 1} is not a finite number (${spec.target[bad]})`);
  if (!(Number.isInteger(spec.maxIterations) && spec.maxIterations >= 1)) throw new Error(`train: maxIterations must be a positive integer, got ${spec.maxIterations}`);
  if (!Number.isInteger(spec.seed) || spec.seed < 0) throw new Error(`train: seed must be a non-negative integer, got ${spec.seed}`);
}

/** One group of runs on one problem (a start, or the random starts of one depth). */
interface Group { problem: TrainProblem; plan: RunSpec[]; origin: (spec: RunSpec) => TrainedTree['origin'] }

/**
 * Trains general master trees on the data from each start (runsPerStart noisy copies) and from random starts,
 * start by start, until every run has ended, maxIterations iterations have been taken or shouldStop() is true.
 * Throws an Error naming the bad field for inconsistent data, a bad start or a bad option.
 */
export function trainFromStarts(spec: TrainStartsSpec, hooks: { shouldStop?: () => boolean } = {}): TrainStartsResult {
  checkData(spec);
  const o = resolveTrainOptions({ ...SEEDED_TRAIN_DEFAULTS, ...spec.options, initNoise: spec.initNoise ?? 2, torchRng: 0 });
  const runs = spec.runsPerStart ?? 4, initK = spec.initK ?? 6, extra = spec.extraDepth ?? 0;
  if (!(Number.isInteger(runs) && runs >= 1)) throw new Error(`train: runsPerStart must be a positive integer, got ${runs}`);
  if (!(Number.isInteger(extra) && extra >= 0)) throw new Error(`train: extraDepth must be a non-negative integer, got ${extra}`);
  const n = spec.target.length, vars = spec.varNames.length;
  const noise: NoiseLevel = spec.noise !== undefined ? { sigma: spec.noise, source: 'given' }
    : { sigma: estimateNoise({ n, inputs: spec.inputs, target: spec.target }), source: 'estimate' };
  const train = { n, inputs: spec.inputs, target: spec.target };
  const groups: Group[] = [];
  spec.starts.forEach((start, index) => {
    let t: Expr;
    try {
      t = toGeneralEml(start);
    } catch (e) {
      throw new Error(`train: start ${index + 1} cannot be laid onto a master tree: ${(e as Error).message}`);
    }
    const layout = generalLayout(Math.max(1, emlDepth(t)) + extra, vars);
    const manualBase = treeModel(layout).embed(t, spec.varNames, initK);
    const plan = Array.from({ length: runs }, (_, k) => ({ index: k, seed: spec.seed + k, strategy: 'manual' as const }));
    groups.push({ problem: { layout, varNames: spec.varNames, train, manualBase, noise }, plan, origin: () => ({ kind: 'start', index }) });
  });
  if (spec.randomStarts && spec.randomStarts.runs > 0) {
    const { runs: count, depth } = spec.randomStarts;
    const layout = generalLayout(depth, vars);
    const plan = Array.from({ length: count }, (_, k) => ({ index: k, seed: spec.seed + 1000 * (spec.starts.length + 1) + k, strategy: RANDOM_STRATEGIES[k % 4]! }));
    groups.push({ problem: { layout, varNames: spec.varNames, train, noise }, plan, origin: (r) => ({ kind: 'random', strategy: r.strategy }) });
  }
  let used = 0, cancelled = false;
  const out: TrainedTree[] = [];
  const stop = () => {
    if (!cancelled && hooks.shouldStop?.()) cancelled = true;
    return cancelled || ++used >= spec.maxIterations;
  };
  for (const g of groups) {
    if (cancelled || used >= spec.maxIterations) break;
    let k = 0;
    const results: RunResult[] = trainRuns(g.problem, o, () => g.plan[k++], { shouldStop: stop }, 1);
    for (const r of results.sort((a, b) => a.index - b.index)) {
      if (!Number.isFinite(r.snapMse)) continue;
      const tree = parseTreeText(r.tree);
      out.push({
        text: r.tree, tree, K: emlSize(tree), depth: emlDepth(tree), mse: r.snapMse, constants: treeConstants(tree),
        exact: r.symbolSuccess, exactWithinNoise: r.exactWithinNoise, origin: g.origin(g.plan[r.index]!), seed: r.seed,
        complete: r.endReason !== 'cancelled',
      });
    }
  }
  // one entry per distinct tree: the best-scored run's
  const best = new Map<string, TrainedTree>();
  for (const t of out) { const b = best.get(t.text); if (!b || t.mse < b.mse) best.set(t.text, t); }
  const trees = [...best.values()].sort((a, b) => a.mse - b.mse || a.K - b.K || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const stopReason: StartsStopReason = cancelled ? { kind: 'cancelled' } : used >= spec.maxIterations ? { kind: 'iterationLimit', iterations: used } : { kind: 'done' };
  return { trees, iterations: used, stopReason };
}
