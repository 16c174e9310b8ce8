// What a result predicts on its data, for the Fit view's result plots and its results table: a formula (infix,
// eml(a, b) allowed) evaluated at every data point with src/core (cheap and pure, so the renderer does it
// itself), and the usual measures of fit. A point where the formula is undefined or not real (|im| above
// 1e-9 of its size) is left out of the plots and the measures, and counted.

import type { RowSet } from '../../../core/discover/data';
import { evaluateRows } from '../../../core/discover/model';
import { variables } from '../../../core/expr';
import { parseInfix } from '../../../core/syntax';

/** Data columns as the plots and measures use them (every column the same length). */
export interface PlotData {
  readonly names: readonly string[];
  readonly inputs: readonly Float64Array[];
  readonly targetName: string;
  readonly target: Float64Array;
}

/** Returns the real values of `text` at every point (NaN where undefined or not real); throws when the text does not parse or uses a variable the data lacks. */
export function predictRows(text: string, data: PlotData): Float64Array {
  const formula = parseInfix(text);
  const unknown = variables(formula).filter((v) => !data.names.includes(v));
  if (unknown.length > 0) throw new Error(`the formula uses ${unknown.join(', ')}, which the data does not have`);
  return realValues(formula, data.names, data.inputs);
}

/** Returns the real values of `text` in one variable at the points `xs` (NaN where undefined or not real). */
export function curveValues(text: string, name: string, xs: Float64Array): Float64Array {
  return realValues(parseInfix(text), [name], [xs]);
}

function realValues(formula: ReturnType<typeof parseInfix>, names: readonly string[], inputs: readonly Float64Array[]): Float64Array {
  const rows = inputs[0]?.length ?? 0;
  const set: RowSet = { inputs, target: new Float64Array(rows), rows };
  const v = evaluateRows(formula, names, set);
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const re = v.re[i]!, im = v.im[i]!;
    out[i] = Number.isFinite(re) && Number.isFinite(im) && Math.abs(im) <= 1e-9 * (1 + Math.abs(re)) ? re : NaN;
  }
  return out;
}

/** Measures of a prediction against the target over the points where it is defined. */
export interface FitMeasures {
  /** Points in the data, and points where the prediction is defined and real. */
  readonly points: number;
  readonly defined: number;
  /** Coefficient of determination 1 − SSE/SST (NaN when fewer than two points or a constant target). */
  readonly r2: number;
  readonly mae: number;
  readonly rmse: number;
  readonly maxError: number;
}

/** Returns R², MAE, RMSE and the largest error of `predicted` against `target` (defined points only). */
export function fitMeasures(predicted: Float64Array, target: Float64Array): FitMeasures {
  let n = 0, sum = 0, sumSq = 0, sse = 0, sae = 0, max = 0;
  for (let i = 0; i < target.length; i++) {
    const p = predicted[i]!, y = target[i]!;
    if (Number.isNaN(p)) continue;
    const e = p - y;
    n++;
    sum += y;
    sumSq += y * y;
    sse += e * e;
    sae += Math.abs(e);
    max = Math.max(max, Math.abs(e));
  }
  const sst = sumSq - (n > 0 ? (sum * sum) / n : 0);
  return {
    points: target.length,
    defined: n,
    r2: n >= 2 && sst > 0 ? 1 - sse / sst : NaN,
    mae: n > 0 ? sae / n : NaN,
    rmse: n > 0 ? Math.sqrt(sse / n) : NaN,
    maxError: n > 0 ? max : NaN,
  };
}

/** Returns `count` evenly spaced points from the smallest to the largest finite value of `xs`. */
export function spanOf(xs: Float64Array, count: number): Float64Array {
  let lo = Infinity, hi = -Infinity;
  for (const v of xs) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi >= lo)) return new Float64Array(0);
  if (hi === lo) return Float64Array.of(lo);
  return Float64Array.from({ length: count }, (_, k) => lo + ((hi - lo) * k) / (count - 1));
}
