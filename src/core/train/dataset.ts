// Training and held-out data (paper §1.3): the target on a meshgrid ('ij' order, first variable slowest,
// arange(lo, hi + step/2, step) per axis), and a generalisation set of uniform random points. A point is
// kept only where the target is real and finite (|Im| < 1e−12); the kept target is its real part.

import { createBatchWorkspace, evaluateBatchInto } from '../evaluateBatch';
import type { Expr } from '../expr';
import { flatten } from '../flat';
import type { Rng } from '../rng';
import type { TrainData } from './tape';

/** Most points a grid or random set may have (absurd sizes are refused). */
export const MAX_POINTS = 2_000_000;

export interface GridSpec { readonly lo: number; readonly hi: number; readonly step: number }
export interface RandomSpec { readonly lo: number; readonly hi: number; readonly points: number }

/** The reference grid: x, y ∈ [1, 3] step 0.1 (441 points); held-out 4000 points in [0.5, 5]². */
export const PAPER_GRID: GridSpec = { lo: 1, hi: 3, step: 0.1 };
export const PAPER_GEN: RandomSpec = { lo: 0.5, hi: 5, points: 4000 };

/** Returns the axis values lo + i·step for i = 0 … ceil((hi + step/2 − lo)/step) − 1 (numpy's arange). */
export function gridAxis(g: GridSpec): Float64Array {
  if (!(Number.isFinite(g.lo) && Number.isFinite(g.hi) && g.step > 0 && g.hi >= g.lo)) {
    throw new Error(`train: bad grid lo ${g.lo}, hi ${g.hi}, step ${g.step} (need finite lo ≤ hi and step > 0)`);
  }
  const m = Math.ceil((g.hi + g.step / 2 - g.lo) / g.step);
  if (m > MAX_POINTS) throw new Error(`train: the grid axis would have ${m} points (at most ${MAX_POINTS})`);
  const a = new Float64Array(m);
  for (let i = 0; i < m; i++) a[i] = g.lo + i * g.step;
  return a;
}

/** Returns the meshgrid of `vars` copies of the axis, flattened with the first variable slowest. */
export function gridInputs(vars: number, g: GridSpec): Float64Array[] {
  const axis = gridAxis(g), m = axis.length;
  const total = m ** vars;
  if (total > MAX_POINTS) throw new Error(`train: a ${vars}-variable grid of ${m} points per axis has ${total} points (at most ${MAX_POINTS})`);
  const planes = Array.from({ length: vars }, () => new Float64Array(total));
  for (let k = 0; k < total; k++) {
    let r = k;
    for (let v = vars - 1; v >= 0; v--) { planes[v]![k] = axis[r % m]!; r = Math.floor(r / m); }
  }
  return planes;
}

/** Values of a formula at points, with the mask of points where it is real and finite. */
export interface FormulaValues { re: Float64Array; im: Float64Array; valid: Uint8Array; validCount: number }

/** Returns the formula's complex values at the points (ieee semantics) and which of them are real and finite. */
export function evaluateFormula(f: Expr, varNames: readonly string[], inputs: readonly Float64Array[]): FormulaValues {
  const n = inputs[0]?.length ?? 0;
  const flat = flatten(f, varNames);
  const zeros = new Float64Array(n);
  const re = new Float64Array(n), im = new Float64Array(n), valid = new Uint8Array(n);
  evaluateBatchInto(flat, { re: inputs, im: inputs.map(() => zeros) }, n, re, im, createBatchWorkspace(flat.count, Math.max(1, n)), 'ieee');
  let validCount = 0;
  for (let i = 0; i < n; i++) if (Math.abs(im[i]!) < 1e-12 && Number.isFinite(re[i]!)) { valid[i] = 1; validCount++; }
  return { re, im, valid, validCount };
}

/** Returns TrainData of the points where `valid` is set. */
export function keepValid(inputs: readonly Float64Array[], target: Float64Array, valid: Uint8Array, limit = Infinity): TrainData {
  let n = 0;
  for (let i = 0; i < valid.length && n < limit; i++) if (valid[i]) n++;
  const ins = inputs.map(() => new Float64Array(n)), t = new Float64Array(n);
  let k = 0;
  for (let i = 0; i < valid.length && k < n; i++) {
    if (!valid[i]) continue;
    for (let v = 0; v < inputs.length; v++) ins[v]![k] = inputs[v]![i]!;
    t[k++] = target[i]!;
  }
  return { n, inputs: ins, target: t };
}

/** Returns the training set: the formula on the grid, real points only; throws when none is real. */
export function gridData(f: Expr, varNames: readonly string[], g: GridSpec): TrainData & { dropped: number } {
  const inputs = gridInputs(varNames.length, g);
  const v = evaluateFormula(f, varNames, inputs);
  if (v.validCount === 0) throw new Error('train: the target is not real and finite at any grid point');
  return { ...keepValid(inputs, v.re, v.valid), dropped: inputs[0]!.length - v.validCount };
}

/**
 * Returns the held-out set: max(4n, n + 10000) uniform draws per variable (all of the first variable, then
 * the next), of which the first n real points are kept (fewer if fewer are real).
 */
export function randomData(f: Expr, varNames: readonly string[], spec: RandomSpec, rng: Rng): TrainData {
  const n = spec.points;
  if (!Number.isInteger(n) || n < 0 || n > MAX_POINTS) throw new Error(`train: held-out points must be an integer from 0 to ${MAX_POINTS}, got ${n}`);
  if (!(Number.isFinite(spec.lo) && Number.isFinite(spec.hi) && spec.hi >= spec.lo)) throw new Error(`train: bad held-out range [${spec.lo}, ${spec.hi}]`);
  const draws = Math.max(4 * n, n + 10000);
  const inputs = varNames.map(() => {
    const a = new Float64Array(draws);
    for (let i = 0; i < draws; i++) a[i] = spec.lo + (spec.hi - spec.lo) * rng();
    return a;
  });
  const v = evaluateFormula(f, varNames, inputs);
  return keepValid(inputs, v.re, v.valid, n);
}
