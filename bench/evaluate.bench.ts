// Batched evaluation throughput (points × K per second) for pure-EML trees of K = 7, 41 and 799,
// as a ratio against the scalar evaluator measured in the same process.

import { compileToEml } from '../src/core/compile';
import { evaluate } from '../src/core/evaluate';
import { createBatchWorkspace, evaluateBatchInto } from '../src/core/evaluateBatch';
import { type Expr, ONE, eml, size, variable } from '../src/core/expr';
import { flatten } from '../src/core/flat';
import { parseEml, parseInfix } from '../src/core/syntax';
import { createRng } from '../src/core/rng';
import { timeBest } from './timing';

/** The reference compiler's published output for x*y (K = 41), a fixed tree to compare against. */
const TOOLKIT_TIMES = 'EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,x],1]]],1]],EML[EML[EML[1,EML[EML[1,EML[1,EML[EML[1,1],1]]],1]],EML[EML[1,EML[EML[1,y],1]],1]],1]],1]';

/** Returns a seeded random pure-EML tree over {1, x} with exactly `leaves` leaves (K = 2·leaves − 1). */
function randomTree(leaves: number, seed: number): Expr {
  const rng = createRng(seed);
  const x = variable('x');
  const build = (n: number): Expr => {
    if (n === 1) return rng() < 0.5 ? ONE : x;
    const left = 1 + Math.floor(rng() * (n - 1));
    return eml(build(left), build(n - left));
  };
  return build(leaves);
}

export interface EvaluateBenchRow { name: string; K: number; unique: number; points: number; scalarRate: number; batchRate: number; ratio: number }

/** Measures scalar and batched evaluation of the three trees; returns one row per tree. */
export function benchEvaluate(points = 4096): EvaluateBenchRow[] {
  const trees: Array<[string, Expr]> = [
    ['ln(x), compiled', compileToEml(parseInfix('ln(x)')).eml],
    ['x*y, reference compiler output', parseEml(TOOLKIT_TIMES)],
    ['random pure EML over {1, x}', randomTree(400, 799)],
  ];
  const rows: EvaluateBenchRow[] = [];
  for (const [name, t] of trees) {
    const vars = t === trees[1]![1] ? ['x', 'y'] : ['x'];
    const f = flatten(t, vars);
    const xs = new Float64Array(points), ys = new Float64Array(points), zeros = new Float64Array(points);
    for (let i = 0; i < points; i++) { xs[i] = 0.5 + (1.5 * i) / points; ys[i] = 2 - i / points; }
    const ws = createBatchWorkspace(f.count, points);
    const outRe = new Float64Array(points), outIm = new Float64Array(points);
    const inputs = { re: [xs, ys], im: [zeros, zeros] };
    const batchSeconds = timeBest(() => { evaluateBatchInto(f, inputs, points, outRe, outIm, ws, 'ieee'); });
    const scalarPoints = Math.min(points, 512);
    const scalarSeconds = timeBest(() => {
      for (let i = 0; i < scalarPoints; i++) evaluate(t, { x: xs[i]!, y: ys[i]! });
    });
    const K = size(t);
    const batchRate = (points * K) / batchSeconds, scalarRate = (scalarPoints * K) / scalarSeconds;
    rows.push({ name, K, unique: f.count, points, scalarRate, batchRate, ratio: batchRate / scalarRate });
  }
  return rows;
}

const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : `${(x / 1e3).toFixed(1)} k`);

/** Returns the printed table of benchEvaluate(). */
export function report(): string {
  const lines = ['Batched evaluation (float64 complex, ieee), points × K per second; baseline: scalar evaluate() in this run',
    ['tree'.padEnd(34), 'K'.padStart(5), 'unique'.padStart(7), 'scalar'.padStart(10), 'batched'.padStart(10), 'ratio'.padStart(7)].join(' ')];
  for (const r of benchEvaluate()) {
    lines.push([r.name.padEnd(34), String(r.K).padStart(5), String(r.unique).padStart(7), fmt(r.scalarRate).padStart(10),
      fmt(r.batchRate).padStart(10), `${r.ratio.toFixed(1)}×`.padStart(7)].join(' '));
  }
  return lines.join('\n');
}
