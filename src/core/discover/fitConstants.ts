// Fitting the constants of a structure to the data: the output map a·S + b in closed form for every start of
// the inner constants, then all constants together by Levenberg–Marquardt (ml-levenberg-marquardt, central
// differences with steps relative to each constant). Structures are evaluated in batch over the rows with
// the constants as extra input planes ($0, $1 … in the structure).

import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { createBatchWorkspace, evaluateBatchInto, type BatchWorkspace } from '../evaluateBatch';
import { type Expr } from '../expr';
import { type FlatTree, flatten } from '../flat';
import type { PreparedData, RowSet } from './data';
import { type FittedConstant, type Model, type ModelOrigin, fitAffine, wrapAffine } from './model';

/** Rows used for fitting at most (a spread-out subset of the training rows; the assessment uses all). */
const FIT_ROWS = 256;

/** Evaluates a structure over fixed rows for any values of its constants $0 … $k−1. */
export class StructureEvaluator {
  readonly re: Float64Array;
  readonly im: Float64Array;
  private readonly flat: FlatTree;
  private readonly ws: BatchWorkspace;
  private readonly planesRe: Float64Array[];
  private readonly planesIm: Float64Array[];
  private readonly n: number;

  constructor(structure: Expr, names: readonly string[], readonly rows: RowSet, readonly constants: number) {
    this.n = rows.rows;
    const vars = [...names, ...Array.from({ length: constants }, (_, k) => `$${k}`)];
    this.flat = flatten(structure, vars);
    this.ws = createBatchWorkspace(this.flat.count, this.n);
    const zeros = new Float64Array(this.n);
    this.planesRe = [...rows.inputs, ...Array.from({ length: constants }, () => new Float64Array(this.n))];
    this.planesIm = [...rows.inputs.map(() => zeros), ...Array.from({ length: constants }, () => zeros)];
    this.re = new Float64Array(this.n);
    this.im = new Float64Array(this.n);
  }

  /** Evaluates at the given constants into re/im; returns the number of rows where the value is not finite. */
  evaluate(values: ArrayLike<number>): number {
    const base = this.rows.inputs.length;
    for (let k = 0; k < this.constants; k++) this.planesRe[base + k]!.fill(values[k]!);
    return evaluateBatchInto(this.flat, { re: this.planesRe, im: this.planesIm }, this.n, this.re, this.im, this.ws, 'extended');
  }
}

/** Returns up to `max` training rows spread evenly through the training set (all when fewer). */
export function fitRows(d: PreparedData, max = FIT_ROWS): RowSet {
  const n = d.train.rows;
  if (n <= max) return d.train;
  const idx = Array.from({ length: max }, (_, i) => Math.floor((i * n) / max));
  return { rows: max, target: Float64Array.from(idx, (r) => d.train.target[r]!), inputs: d.train.inputs.map((c) => Float64Array.from(idx, (r) => c[r]!)) };
}

/**
 * Fits a·S(θ) + b to the training rows, where S has one inner constant θ = $0: every start in `starts` gets a
 * and b in closed form, the best two starts are refined by Levenberg–Marquardt over (θ, a, b); returns the
 * best model, or null when S is not finite on the rows at any start.
 */
export function fitConstants(structure: Expr, starts: readonly number[], d: PreparedData, origin: ModelOrigin): Model | null {
  const rows = fitRows(d);
  const ev = new StructureEvaluator(structure, d.data.names, rows, 1);
  const y = rows.target;
  const tried: Array<{ theta: number; a: number; b: number; sse: number }> = [];
  for (const theta of starts) {
    if (ev.evaluate([theta]) > 0) continue;
    const fit = fitAffine(ev.re, ev.im, y, 'full');
    if (fit) tried.push({ theta, a: fit.a, b: fit.b, sse: fit.sse });
  }
  if (tried.length === 0) return null;
  tried.sort((p, q) => p.sse - q.sse);
  let best = tried[0]!;
  const xs = Float64Array.from({ length: rows.rows }, (_, i) => i);
  for (const start of tried.slice(0, 2)) {
    const init = [start.theta, start.a, start.b];
    let result: number[];
    try {
      result = levenbergMarquardt({ x: xs, y }, (p: number[]) => {
        // the optimizer keeps several of these functions alive at once: each owns a copy of its values
        const bad = ev.evaluate([p[0]!]);
        const a = p[1]!, b = p[2]!, re = Float64Array.from(ev.re);
        return bad > 0 ? () => NaN : (i: number) => a * re[i]! + b;
      }, {
        initialValues: init, maxIterations: 60, errorTolerance: 0, centralDifference: true,
        gradientDifference: init.map((v) => 1e-6 * Math.max(1, Math.abs(v))),
      }).parameterValues;
    } catch {
      continue;
    }
    if (ev.evaluate([result[0]!]) > 0) continue;
    // a and b exactly optimal for the final θ (closed form)
    const fit = fitAffine(ev.re, ev.im, y, 'full');
    if (fit && fit.sse < best.sse) best = { theta: result[0]!, a: fit.a, b: fit.b, sse: fit.sse };
  }
  if (!(Number.isFinite(best.theta) && Number.isFinite(best.sse))) return null;
  const wrapped = wrapAffine(structure, 'full', { a: best.a, b: best.b, sse: best.sse }, 1);
  const constants: FittedConstant[] = [{ value: best.theta }, ...wrapped.constants];
  return { structure: wrapped.structure, constants, origin };
}

/**
 * Refits every constant of a model by Levenberg–Marquardt from its current values (used after a snap fixes
 * some constants: `fixed[k]` true keeps constant k); returns the refitted model, or the model unchanged when
 * the fit does not improve it.
 */
export function refitConstants(m: Model, d: PreparedData, fixed: readonly boolean[] = []): Model {
  const k = m.constants.length;
  const free = m.constants.map((_, i) => !fixed[i]);
  const freeIdx = free.flatMap((f, i) => (f ? [i] : []));
  if (freeIdx.length === 0) return m;
  const rows = fitRows(d);
  const ev = new StructureEvaluator(m.structure, d.data.names, rows, k);
  const values = m.constants.map((c) => c.value);
  const sse = (vals: number[]): number => {
    if (ev.evaluate(vals) > 0) return Infinity;
    let s = 0;
    for (let i = 0; i < rows.rows; i++) { const r = ev.re[i]! - rows.target[i]!, q = ev.im[i]!; s += r * r + q * q; }
    return s;
  };
  const before = sse(values);
  const init = freeIdx.map((i) => values[i]!);
  const full = (p: number[]): number[] => { const v = values.slice(); freeIdx.forEach((i, j) => { v[i] = p[j]!; }); return v; };
  let result: number[];
  try {
    result = levenbergMarquardt({ x: Float64Array.from({ length: rows.rows }, (_, i) => i), y: rows.target }, (p: number[]) => {
      const bad = ev.evaluate(full(p));
      const re = Float64Array.from(ev.re);
      return bad > 0 ? () => NaN : (i: number) => re[i]!;
    }, {
      initialValues: init, maxIterations: 60, errorTolerance: 0, centralDifference: true,
      gradientDifference: init.map((v) => 1e-6 * Math.max(1, Math.abs(v))),
    }).parameterValues;
  } catch {
    return m;
  }
  const next = full(result);
  if (!(sse(next) < before)) return m;
  return { ...m, constants: m.constants.map((c, i) => (free[i] ? { value: next[i]! } : c)) };
}

