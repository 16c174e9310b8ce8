// Snapping the general master tree (snapInto's hard projection keeps the constants as they are): the tree a
// snapped vector computes, with each chosen constant as a numeric leaf (eml(x, 0.5)); discrete repair (one mix
// choice or one gate at a time, as snap.ts does for the paper's form); and the polish of the constants the
// snapped tree uses, by Levenberg–Marquardt (ml-levenberg-marquardt, as discover's constant fits) on the
// training residuals with the structure fixed.

import { type Expr, ONE, eml, variable } from '../expr';
import { constantLeaf } from './generalEmbed';
import { constColumn, type GeneralLayout } from './generalLayout';
import { type GeneralWorkspace, generalForwardInto } from './generalTape';
import { nodeIndex } from './layout';
import { levenbergMarquardt } from 'ml-levenberg-marquardt';
import { type Move, type RepairSpace, repairWith } from './repair';
import { SNAP_LOGIT } from './snap';
import type { TapeGuards, TrainData } from './tape';

/** Returns the index of the largest of k logits at lo (the first on ties). */
function argmax(a: Float64Array, lo: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (a[lo + j]! > a[lo + best]!) best = j;
  return best;
}

/** True when input i takes its child (a gated input whose gate logit is negative). */
function takesChild(layout: GeneralLayout, params: Float64Array, po: number, i: number): boolean {
  return i >= layout.firstGated && params[po + layout.gateOffset + i - layout.firstGated]! < 0;
}

/** Returns the EML tree of the snapped selections of params[po ..]: leaves 1, variables and the chosen constants. */
export function generalSnappedTree(layout: GeneralLayout, params: Float64Array, po: number, varNames: readonly string[]): Expr {
  const C = layout.choices, vars = varNames.map((v) => variable(v)), cc = constColumn(layout);
  const node = (level: number, pos: number): Expr => {
    const k = nodeIndex(layout.depth, level, pos);
    const side = (s: 0 | 1): Expr => {
      const i = 2 * k + s;
      if (takesChild(layout, params, po, i)) return node(level + 1, 2 * pos + s);
      const c = argmax(params, po + i * C, C);
      return c === 0 ? ONE : c === cc ? constantLeaf(params[po + layout.constOffset + i]!) : vars[c - 1]!;
    };
    return eml(side(0), side(1));
  };
  return node(0, 0);
}

/** Marks in live[i] the inputs whose value reaches the root (the root's inputs, and those below a taken child). */
function liveInputsInto(layout: GeneralLayout, p: Float64Array, po: number, live: Uint8Array): void {
  live.fill(0);
  const mark = (k: number) => {
    for (let s = 0; s < 2; s++) {
      const i = 2 * k + s;
      live[i] = 1;
      if (takesChild(layout, p, po, i)) mark(layout.child[i]!);
    }
  };
  mark(layout.nodes - 1);
}

function setMix(a: Float64Array, o: number, k: number, c: number): void {
  for (let j = 0; j < k; j++) a[o + j] = j === c ? SNAP_LOGIT : -SNAP_LOGIT;
}

/**
 * Discrete repair of a snapped general tree (repair.ts): moves are one live input's mix to another choice (where
 * the input takes its leaf) and one live gate flipped. Edits snapped[so ..] in place; returns the moves applied.
 */
export function repairGeneralInto(
  layout: GeneralLayout, snapped: Float64Array, so: number, ws: GeneralWorkspace, s: number, tau: number, data: TrainData,
  guards: TapeGuards, passes: number, goal: number, pairPasses = 0,
): number {
  const C = layout.choices, g0 = so + layout.gateOffset;
  const live = new Uint8Array(layout.leaves);
  const space: RepairSpace = {
    moves() {
      liveInputsInto(layout, snapped, so, live);
      const out: Move[] = [];
      for (let i = 0; i < layout.leaves; i++) {
        if (live[i] === 0) continue;
        if (!takesChild(layout, snapped, so, i)) {
          const was = argmax(snapped, so + i * C, C);
          for (let c = 0; c < C; c++) if (c !== was) out.push({ kind: 'leaf', at: i, choice: c });
        }
        if (i >= layout.firstGated) out.push({ kind: 'gate', at: i - layout.firstGated, choice: 0 });
      }
      return out;
    },
    apply(m) {
      if (m.kind === 'gate') { snapped[g0 + m.at] = -snapped[g0 + m.at]!; return m; }
      const o = so + m.at * C, was = argmax(snapped, o, C);
      setMix(snapped, o, C, m.choice);
      return { kind: 'leaf', at: m.at, choice: was };
    },
    loss() {
      generalForwardInto(ws, s, snapped, so, tau, data, guards);
      const v = ws.dataLoss[s]!;
      return v === v ? v : Infinity;
    },
  };
  return repairWith(space, passes, goal, pairPasses);
}

/** Returns the inputs of a snapped vector whose chosen leaf is their constant and whose value reaches the root. */
export function usedConstants(layout: GeneralLayout, snapped: Float64Array, so: number): number[] {
  const live = new Uint8Array(layout.leaves), out: number[] = [], C = layout.choices, cc = constColumn(layout);
  liveInputsInto(layout, snapped, so, live);
  for (let i = 0; i < layout.leaves; i++) {
    if (live[i] === 1 && !takesChild(layout, snapped, so, i) && argmax(snapped, so + i * C, C) === cc) out.push(i);
  }
  return out;
}

/**
 * Fits the constants a snapped general tree uses (its structure fixed) by Levenberg–Marquardt
 * (ml-levenberg-marquardt, central differences with steps relative to each constant) on the training residuals at
 * `tau`, real and imaginary parts, for up to `iterations` iterations; keeps the new constants only when the MSE is
 * finite and lower. Edits snapped[so ..] in place; returns the MSE afterwards.
 */
export function polishConstantsInto(
  layout: GeneralLayout, snapped: Float64Array, so: number, ws: GeneralWorkspace, s: number, tau: number, data: TrainData,
  guards: TapeGuards, iterations: number,
): number {
  const mse = (v: Float64Array, o: number) => { generalForwardInto(ws, s, v, o, tau, data, guards); return ws.dataLoss[s]!; };
  const before = mse(snapped, so);
  const used = usedConstants(layout, snapped, so);
  if (used.length === 0 || iterations <= 0 || before === 0) return before;
  const n = data.n, work = Float64Array.from(snapped.subarray(so, so + layout.params));
  const setConstants = (p: ArrayLike<number>) => { used.forEach((i, j) => { work[layout.constOffset + i] = p[j]!; }); };
  // residuals as one real series: x = 0 … n − 1 the real parts against the target, x = n … 2n − 1 the imaginary parts against 0
  const xs = Float64Array.from({ length: 2 * n }, (_, i) => i), ys = new Float64Array(2 * n);
  ys.set(data.target);
  const init = used.map((i) => work[layout.constOffset + i]!);
  let fitted: number[];
  try {
    fitted = levenbergMarquardt({ x: xs, y: ys }, (p: number[]) => {
      setConstants(p);
      const root = generalForwardInto(ws, s, work, 0, tau, data, guards);
      // the optimizer keeps several of these functions alive at once: each owns a copy of its values
      const v = new Float64Array(2 * n);
      for (let i = 0; i < n; i++) { v[i] = ws.vRe[root + i]!; v[n + i] = ws.vIm[root + i]!; }
      return (x: number) => v[x]!;
    }, {
      initialValues: init, maxIterations: iterations, errorTolerance: 0, centralDifference: true,
      gradientDifference: init.map((v) => 1e-7 * Math.max(1, Math.abs(v))),
    }).parameterValues;
  } catch {
    return mse(snapped, so);
  }
  setConstants(fitted);
  const after = mse(work, 0);
  if (!(Number.isFinite(after) && after < before && fitted.every(Number.isFinite))) return mse(snapped, so);
  used.forEach((i, j) => { snapped[so + layout.constOffset + i] = fitted[j]!; });
  return after;
}
