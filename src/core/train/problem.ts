// Building a training problem: the master tree's layout, the data (a formula on the reference grid or a
// user range, or given columns split into train and held-out rows) and, for manual starts, the embedded
// start formula. Pure: randomness comes in as an Rng.

import { type Expr, depth as exprDepth, isPureEml, variables } from '../expr';
import type { Rng } from '../rng';
import { PAPER_GEN, PAPER_GRID, type GridSpec, type RandomSpec, gridData, randomData } from './dataset';
import { type MasterForm, treeLayout } from './generalLayout';
import { treeModel } from './model';
import type { TrainProblem } from './trainer';
import type { TrainData } from './tape';

/** Returns the input names for a formula: x, y when it uses no others (the reference's leaves), else its variables. */
export function formulaVariables(f: Expr): string[] {
  const vs = variables(f);
  if (vs.every((v) => v === 'x' || v === 'y')) return ['x', 'y'];
  return vs;
}

/** Returns the default master-tree depth for a formula: its own depth when it is pure EML, else 3 (the reference default). */
export function defaultDepth(f: Expr): number {
  return isPureEml(f) ? Math.max(1, exprDepth(f)) : 3;
}

export interface FormulaProblemSpec {
  readonly target: Expr;
  readonly depth: number;
  readonly varNames?: readonly string[];
  readonly grid?: GridSpec;
  readonly gen?: RandomSpec;
  /** Pure EML (or any formula, compiled) start for strategy 'manual'. */
  readonly manual?: Expr;
  readonly initK?: number;
  /** The master tree's form (default 'paper'). */
  readonly form?: MasterForm;
}

/** Returns the problem of fitting a formula on a grid, with its held-out set (drawn from rng). */
export function formulaProblem(spec: FormulaProblemSpec, rng: Rng): TrainProblem & { droppedTrain: number } {
  const varNames = spec.varNames ?? formulaVariables(spec.target);
  if (varNames.length === 0) throw new Error('train: the target has no variable to fit against');
  const layout = treeLayout(spec.form ?? 'paper', spec.depth, varNames.length);
  const train = gridData(spec.target, varNames, spec.grid ?? PAPER_GRID);
  const gen = randomData(spec.target, varNames, spec.gen ?? PAPER_GEN, rng);
  return {
    layout, varNames, train: { n: train.n, inputs: train.inputs, target: train.target }, gen, droppedTrain: train.dropped,
    manualBase: spec.manual ? treeModel(layout).embed(spec.manual, varNames, spec.initK ?? 32) : undefined,
  };
}

/** Returns train and held-out rows of columns: a seeded shuffle, the last ⌊n·testFraction⌋ rows held out. */
export function splitRows(inputs: readonly Float64Array[], target: Float64Array, testFraction: number, rng: Rng): { train: TrainData; test: TrainData } {
  const n = target.length;
  if (!(testFraction >= 0 && testFraction < 1)) throw new Error(`train: the test fraction must lie in [0, 1), got ${testFraction}`);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) { const j = Math.floor(rng() * (i + 1)); [order[i], order[j]] = [order[j]!, order[i]!]; }
  const nTest = Math.floor(n * testFraction), nTrain = n - nTest;
  if (nTrain < 1) throw new Error('train: no training row is left after the split');
  const take = (rows: number[]): TrainData => ({
    n: rows.length,
    inputs: inputs.map((col) => Float64Array.from(rows, (r) => col[r]!)),
    target: Float64Array.from(rows, (r) => target[r]!),
  });
  return { train: take(order.slice(0, nTrain)), test: take(order.slice(nTrain)) };
}

/** Returns the problem of fitting given columns (rows already validated as finite numbers) with a master tree of the given form. */
export function columnsProblem(
  varNames: readonly string[], inputs: readonly Float64Array[], target: Float64Array, depth: number, testFraction: number, rng: Rng,
  manual?: Expr, initK = 32, form: MasterForm = 'paper',
): TrainProblem {
  const layout = treeLayout(form, depth, varNames.length);
  const { train, test } = splitRows(inputs, target, testFraction, rng);
  return { layout, varNames, train, gen: test.n > 0 ? test : undefined, manualBase: manual ? treeModel(layout).embed(manual, varNames, initK) : undefined };
}
