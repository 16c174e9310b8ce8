// Trainer throughput: Adam steps × seeds per second on the reference's 441-point grid at depths 2–6,
// single-threaded (trainRuns in this process) and on every core (worker threads), each as a ratio against
// a generic baseline measured in this run — a per-point object-graph autograd of the same master tree
// (what an eager autodiff does without vectorisation). The reference trainer is not run here: its depth-2 figure
// is printed beside ours with its provenance (referenceFigures.ts).
// Single-thread rates are per CPU second of this process, so other load on the machine disturbs them less.
// The scalar kernels (--simd 0) are measured beside the default WebAssembly SIMD kernels, alternating.
// The all-cores job runs 8 seeds per core, so that starting the worker threads (part of its wall time) weighs little.

import { availableParallelism } from 'node:os';
import { type Cx, cexpTo, clogTo, cx } from '../src/core/complex';
import {
  type TrainProblem, PAPER_GRID, generalLayout, gridData, masterLayout, resolveTrainOptions, runPlan, targetTree, trainRuns,
} from '../src/core/train';
import { runTrainJob } from '../src/node/train/runTrainJob';
import { REFERENCE, cite } from './referenceFigures';

/** CPU seconds of this process since c0 (less disturbed by other processes than wall time). */
function cpuSeconds(c0: NodeJS.CpuUsage): number {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1e6;
}

/** The depth's own target on the 441-point grid (depth 5 uses eml_depth4's values: eml_depth5 keeps only 378 points). */
function problemAt(depth: number): TrainProblem {
  const target = targetTree(depth === 5 ? 'eml_depth4' : `eml_depth${Math.min(depth, 6)}`);
  const train = gridData(target, ['x', 'y'], PAPER_GRID);
  return { layout: masterLayout(depth, 2), varNames: ['x', 'y'], train };
}

/** The general (free) form of the same depth on eml_depth3's grid values. */
function generalProblemAt(depth: number): TrainProblem {
  return { layout: generalLayout(depth, 2), varNames: ['x', 'y'], train: gridData(targetTree('eml_depth3'), ['x', 'y'], PAPER_GRID) };
}

/** Search-only options: a fixed number of steps per run, no switch, no early stop; simd 1 = the WebAssembly SIMD kernels (the default), 0 = scalar. */
function fixedSteps(steps: number, simd = 1) {
  return resolveTrainOptions({ searchIters: steps, hardeningIters: 0, patience: 10 ** 8, hardTriggerCount: 10 ** 8, evalEvery: 200, simd });
}

/** Returns seed-steps per second of `seeds` runs × `steps` iterations in this thread. */
function singleThread(depth: number, steps: number, seeds: number, simd = 1, general = false): number {
  const p = general ? generalProblemAt(depth) : problemAt(depth), plan = runPlan(1, seeds, ['uniform']);
  let k = 0;
  const c0 = process.cpuUsage();
  const res = trainRuns(p, fixedSteps(steps, simd), () => plan[k++], {}, 1);
  return res.reduce((n, r) => n + r.lastIter, 0) / cpuSeconds(c0);
}

/** Best of `rounds` alternating measurements of the scalar and the SIMD kernels (alternating, so drift in load hits both). */
function scalarAndSimd(depth: number, steps: number, seeds: number, rounds = 3, general = false): { scalar: number; simd: number } {
  let scalar = 0, simd = 0;
  for (let r = 0; r < rounds; r++) {
    scalar = Math.max(scalar, singleThread(depth, steps, seeds, 0, general));
    simd = Math.max(simd, singleThread(depth, steps, seeds, 1, general));
  }
  return { scalar, simd };
}

/** Returns seed-steps per second on every core (worker threads, one run per claim). */
async function allCores(depth: number, steps: number, seeds: number): Promise<{ rate: number; workers: number }> {
  const p = problemAt(depth), plan = runPlan(1, seeds, ['uniform']);
  const out = await runTrainJob(p, fixedSteps(steps), plan, {});
  return { rate: out.results.reduce((n, r) => n + r.lastIter, 0) / out.wallSeconds, workers: out.workers };
}

// ---- baseline: per-point reverse mode over an object graph (a node per value, a closure per backward)
interface V { re: number; im: number; gRe: number; gIm: number; back: () => void; parents: V[] }
const leafV = (re: number, im = 0): V => ({ re, im, gRe: 0, gIm: 0, back: () => {}, parents: [] });

function baselineStep(depth: number, params: Float64Array, xs: Float64Array, ys: Float64Array, t: Float64Array, tau: number, grad: Float64Array): number {
  const L = masterLayout(depth, 2), n = xs.length;
  const tmp: Cx = cx(0), tmp2: Cx = cx(0);
  let loss = 0;
  grad.fill(0);
  for (let i = 0; i < n; i++) {
    const order: V[] = [];
    const theta = Array.from(params, (v) => leafV(v));
    const gate = (j: number): V => {
      const p = theta[L.gateOffset + j]!, s = 1 / (1 + Math.exp(-p.re / tau));
      const out: V = { re: s, im: 0, gRe: 0, gIm: 0, parents: [p], back: () => { p.gRe += (out.gRe * s * (1 - s)) / tau; } };
      order.push(out);
      return out;
    };
    const leaf = (k: number): V => {
      const ls = [0, 1, 2].map((c) => theta[k * 3 + c]!);
      const m = Math.max(...ls.map((l) => l.re / tau));
      const e = ls.map((l) => Math.exp(l.re / tau - m)), z = e[0]! + e[1]! + e[2]!;
      const pr = e.map((v) => v / z), col = [1, xs[i]!, ys[i]!];
      const out: V = { re: pr[0]! + pr[1]! * col[1]! + pr[2]! * col[2]!, im: 0, gRe: 0, gIm: 0, parents: ls, back: () => {
        const gp = col.map((c) => out.gRe * c), dot = pr.reduce((s, p, c) => s + p * gp[c]!, 0);
        ls.forEach((l, c) => { l.gRe += (pr[c]! * (gp[c]! - dot)) / tau; });
      } };
      order.push(out);
      return out;
    };
    const node = (level: number, pos: number): V => {
      const k = 2 ** depth - 2 ** (level + 1) + pos;
      const child = (s: number) => (level + 1 === depth ? leaf(2 * pos + s) : node(level + 1, 2 * pos + s));
      const cl = child(0), cr = child(1), sl = gate(2 * k), sr = gate(2 * k + 1);
      const ar = sl.re + (1 - sl.re) * cl.re, ai = (1 - sl.re) * cl.im, br = sr.re + (1 - sr.re) * cr.re, bi = (1 - sr.re) * cr.im;
      cexpTo(tmp, ar, ai, 'ieee'); clogTo(tmp2, br, bi, 'ieee');
      const er = tmp.re, ei = tmp.im, q = br * br + bi * bi;
      const out: V = { re: er - tmp2.re, im: ei - tmp2.im, gRe: 0, gIm: 0, parents: [cl, cr, sl, sr], back: () => {
        const gar = out.gRe * er + out.gIm * ei, gai = out.gIm * er - out.gRe * ei;
        const gbr = -(out.gRe * br - out.gIm * bi) / q, gbi = -(out.gRe * bi + out.gIm * br) / q;
        cl.gRe += (1 - sl.re) * gar; cl.gIm += (1 - sl.re) * gai; cr.gRe += (1 - sr.re) * gbr; cr.gIm += (1 - sr.re) * gbi;
        sl.gRe += gar * (1 - cl.re) - gai * cl.im; sr.gRe += gbr * (1 - cr.re) - gbi * cr.im;
      } };
      order.push(out);
      return out;
    };
    const root = node(0, 0);
    const dr = root.re - t[i]!, di = root.im;
    loss += (dr * dr + di * di) / n;
    root.gRe = (2 * dr) / n; root.gIm = (2 * di) / n;
    for (let j = order.length - 1; j >= 0; j--) order[j]!.back();
    theta.forEach((v, j) => { grad[j] += v.gRe; });
  }
  return loss;
}

/** Returns baseline seed-steps per second (forward + backward + Adam-free update) at a depth. */
function baseline(depth: number, seconds = 0.6): number {
  const p = problemAt(depth), L = p.layout;
  const params = new Float64Array(L.params).map((_, j) => (j >= L.gateOffset ? 4 : 0) + Math.sin(j));
  const grad = new Float64Array(L.params);
  const { inputs, target } = p.train;
  baselineStep(depth, params, inputs[0]!, inputs[1]!, target, 2.5, grad);
  let steps = 0;
  const c0 = process.cpuUsage();
  while (cpuSeconds(c0) < seconds) {
    baselineStep(depth, params, inputs[0]!, inputs[1]!, target, 2.5, grad);
    for (let j = 0; j < L.params; j++) params[j] -= 1e-3 * Math.sign(grad[j]!);
    steps++;
  }
  return steps / cpuSeconds(c0);
}

export interface TrainBenchRow { depth: number; baseline: number; scalar: number; single: number; all: number; workers: number }

/** Measures every depth; returns one row per depth. */
export async function benchTrain(depths = [2, 3, 4, 5, 6]): Promise<TrainBenchRow[]> {
  const rows: TrainBenchRow[] = [];
  const cores = availableParallelism();
  for (const d of depths) {
    const steps = Math.max(400, Math.round(6000 / 2 ** (d - 1)));
    const { scalar, simd: single } = scalarAndSimd(d, steps, 2);
    const { rate: all, workers } = await allCores(d, steps, 8 * cores);
    rows.push({ depth: d, baseline: baseline(d), scalar, single, all, workers });
  }
  return rows;
}

const f = (x: number): string => (x >= 1e3 ? `${(x / 1e3).toFixed(2)} k` : x.toFixed(1));

/** Returns the printed table of benchTrain(). */
export async function report(): Promise<string> {
  const rows = await benchTrain();
  const lines = [
    'Trainer: Adam steps × seeds per second, 441-point grid (forward + reverse + penalties + clip + Adam, evals every 200)',
    'baseline and 1 thread: per CPU second of this process; all cores: per wall second (worker threads)',
    'baseline = per-point object-graph autograd of the same tree in this run',
    'scalar = our scalar kernels (--simd 0); 1 thread = the WebAssembly SIMD kernels (the default), best of 3 alternating runs each',
    'SIMD/scalar goal: ≥ 2× at depth 6',
    `vs reference (depth 2 only) = our 1-thread rate against ${cite(REFERENCE.trainerStepD2)}`,
    ['depth', 'baseline', 'scalar', '1 thread', 'SIMD/scal', 'vs base', 'all cores', 'workers', 'speed-up', 'µs/step', 'vs reference'].map((h) => h.padStart(10)).join(' '),
  ];
  for (const r of rows) {
    const us = 1e6 / r.single;
    const ref = REFERENCE.trainerStepD2.seconds;
    const vsRef = r.depth === 2 ? `${(ref.low * r.single).toFixed(0)}–${(ref.high * r.single).toFixed(0)}×` : '-';
    lines.push([String(r.depth), f(r.baseline), f(r.scalar), f(r.single), `${(r.single / r.scalar).toFixed(2)}×`, `${(r.single / r.baseline).toFixed(0)}×`, f(r.all), String(r.workers),
      `${(r.all / r.single).toFixed(2)}×`, us.toFixed(0), vsRef].map((c) => c.padStart(10)).join(' '));
  }
  // the general form: only its EML operations run in WebAssembly (mixes and blends stay in TypeScript)
  const general = [3, 5].map((d) => ({ d, ...scalarAndSimd(d, 600, 2, 3, true) }));
  lines.push(`general form (1 thread, best of 3 alternating, per CPU second): ${general
    .map((g) => `depth ${g.d}: scalar ${f(g.scalar)}, SIMD ${f(g.simd)} = ${(g.simd / g.scalar).toFixed(2)}×`).join('; ')}`);
  return lines.join('\n');
}
