// A fit job from its description: where the data comes from (a built-in target, any formula, or a CSV/TSV
// file), the master tree's form and depth, the init strategy and seeds, the trainer options and the data's
// noise. Shared by `emlw fit`, the sweeps and the hosts; returns everything the job runner and the reports need.
// Defaults: the paper's form for targets and formulas (the sweeps reproduce the paper), the general form for
// data columns (real laws need constants and variables above the bottom level: x − y fits no paper depth).

import { type Expr, depth as exprDepth } from '../../core/expr';
import { createRng } from '../../core/rng';
import { parseFormula, printInfix } from '../../core/syntax';
import {
  FIT_DEFAULTS, type InitChoice, type InitStrategy, type MasterForm, type NoiseLevel, type RunSpec, type TrainOptions, type TrainProblem, MASTER_FORMS,
  RANDOM_STRATEGIES, columnsProblem, defaultDepth, emlDepth, estimateNoise, findTarget, formulaProblem, resolveTrainOptions, runPlan,
  targetTree, toGeneralEml, toPureEml,
} from '../../core/train';
import { type DataColumns, readDataColumns } from './csv';

/** Where the data of a fit comes from. */
export type FitSource =
  | { kind: 'target'; name: string }
  | { kind: 'formula'; text: string }
  | { kind: 'csv'; file: string; x: string[]; y: string; testFraction?: number; delimiter?: string }
  /** Columns already in memory (a dataset of a project). */
  | { kind: 'columns'; name: string; x: string[]; y: string; inputs: Float64Array[]; target: Float64Array; testFraction?: number };

export interface FitSpec {
  source: FitSource;
  depth?: number;
  init?: InitChoice;
  /** Start formula of 'manual' (default: the target formula). */
  initExpr?: string;
  seeds?: number;
  seed0?: number;
  grid?: { lo: number; hi: number; step: number };
  gen?: { lo: number; hi: number; points: number };
  options?: Partial<TrainOptions>;
  /** The master tree's form (default: paper for targets and formulas, general for data columns). */
  master?: MasterForm;
  /** The data's noise σ; default: estimated from the rows of data columns, 0 for data sampled from a formula. */
  noise?: number;
}

/** Everything a fit needs, built and checked. */
export interface FitJob {
  problem: TrainProblem;
  options: TrainOptions;
  plan: RunSpec[];
  target: { name: string; description: string; formula?: Expr };
  /** Lines worth telling the user (dropped rows, grid points outside the real domain). */
  notes: string[];
  /** The noise level of each run's exactWithinNoise (also problem.noise). */
  noise: NoiseLevel;
  data?: DataColumns;
  /** The description it was built from (a queued fit sends it to the workers). */
  spec: FitSpec;
}

/** Returns the formula of text: a built-in target name, EML[…] (Mathematica style) or infix (eml(a, b) allowed). */
export function parseTargetFormula(text: string): Expr {
  const t = text.trim();
  if (findTarget(t)) return targetTree(t);
  if (t === '') throw new Error('the formula is empty');
  return parseFormula(t, /\w\s*\[/.test(t) ? 'mathematica' : 'infix');
}

/** Returns the strategies of an init choice. */
export function strategiesOf(init: InitChoice): InitStrategy[] {
  return init === 'all' ? [...RANDOM_STRATEGIES] : [init];
}

/** Builds a fit job; throws an Error naming the bad part (formula, file, column, option). */
export function buildFitJob(spec: FitSpec): FitJob {
  const options = resolveTrainOptions(spec.options);
  const init = spec.init ?? FIT_DEFAULTS.init;
  const notes: string[] = [];
  const seeds = spec.seeds ?? FIT_DEFAULTS.seeds, seed0 = spec.seed0 ?? FIT_DEFAULTS.seed0;
  const columns = spec.source.kind === 'csv' || spec.source.kind === 'columns';
  const form = spec.master ?? (columns ? 'general' : 'paper');
  if (!MASTER_FORMS.includes(form)) throw new Error(`--master must be one of ${MASTER_FORMS.join(', ')}, got '${String(form)}'`);
  if (spec.noise !== undefined && !(spec.noise >= 0 && Number.isFinite(spec.noise))) throw new Error(`--noise must be auto or a number ≥ 0, got ${spec.noise}`);
  if (!Number.isInteger(seeds) || seeds < 1 || seeds > 100000) throw new Error(`--seeds must be an integer from 1 to 100000, got ${seeds}`);
  if (!Number.isInteger(seed0) || seed0 < 0 || seed0 > 2 ** 31) throw new Error(`--seed0 must be a non-negative integer, got ${seed0}`);
  let problem: TrainProblem, target: FitJob['target'], data: DataColumns | undefined;
  const parseManual = (fallback?: Expr): Expr | undefined => {
    if (init !== 'manual') return undefined;
    if (spec.initExpr) return parseTargetFormula(spec.initExpr);
    if (!fallback) throw new Error('--init manual needs --init-expr FORMULA (the start tree)');
    return fallback;
  };
  if (spec.source.kind === 'csv') {
    const s = spec.source;
    data = readDataColumns(s.file, s.x, s.y, s.delimiter);
    if (data.dropped.length) notes.push(`${data.dropped.length} of ${data.rows} rows dropped (missing or non-numeric values)`);
    if (spec.depth === undefined) throw new Error('--depth is required with --csv');
    const manual = parseManual();
    problem = columnsProblem(data.varNames, data.inputs, data.target, spec.depth, s.testFraction ?? FIT_DEFAULTS.testFraction, createRng(12345), manual, options.initK, form);
    target = { name: `csv:${s.file}`, description: `${data.targetName} from ${data.varNames.join(', ')} (${data.kept} rows)` };
  } else if (spec.source.kind === 'columns') {
    const s = spec.source;
    if (spec.depth === undefined) throw new Error('a depth is required to fit columns of a dataset');
    const manual = parseManual();
    problem = columnsProblem(s.x, s.inputs, s.target, spec.depth, s.testFraction ?? FIT_DEFAULTS.testFraction, createRng(12345), manual, options.initK, form);
    target = { name: `dataset:${s.name}`, description: `${s.y} from ${s.x.join(', ')} (${s.target.length} rows)` };
  } else {
    const formula = spec.source.kind === 'target' ? targetTree(spec.source.name) : parseTargetFormula(spec.source.text);
    const name = spec.source.kind === 'target' ? spec.source.name : findTarget(spec.source.text.trim())?.name ?? 'expr';
    const manual = parseManual(formula);
    const startDepth = (m: Expr) => (form === 'general' ? emlDepth(toGeneralEml(m)) : exprDepth(toPureEml(m)));
    const d = spec.depth ?? (manual ? Math.max(startDepth(manual), 1) : defaultDepth(formula));
    const built = formulaProblem({
      target: formula, depth: d, grid: spec.grid, gen: spec.gen, manual, initK: options.initK, form,
    }, createRng(12345));
    problem = built;
    if (built.droppedTrain) notes.push(`${built.droppedTrain} grid points dropped: the target is not real and finite there`);
    target = { name, description: findTarget(name)?.description ?? printInfix(formula), formula };
  }
  // the noise of each run's exactWithinNoise: given, estimated from data columns (all kept rows), or none
  const noise: NoiseLevel = spec.noise !== undefined ? { sigma: spec.noise, source: 'given' }
    : columns ? { sigma: estimateNoise({ n: problem.train.n + (problem.gen?.n ?? 0), ...joinRows(problem) }), source: 'estimate' }
      : { sigma: 0, source: 'exact' };
  problem = { ...problem, noise };
  // manual starts without noise are deterministic: one run, as the reference does
  const nSeeds = init === 'manual' && options.initNoise === 0 ? 1 : seeds;
  const plan = runPlan(seed0, nSeeds, strategiesOf(init));
  return { problem, options, plan, target, notes, data, spec, noise };
}

/** Returns the training and held-out rows of a problem together. */
function joinRows(p: TrainProblem): { inputs: Float64Array[]; target: Float64Array } {
  const cat = (a: Float64Array, b?: Float64Array) => { const out = new Float64Array(a.length + (b?.length ?? 0)); out.set(a); if (b) out.set(b, a.length); return out; };
  return { inputs: p.train.inputs.map((c, k) => cat(c, p.gen?.inputs[k])), target: cat(p.train.target, p.gen?.target) };
}
