// Snapping (paper §1.8): the uncertainty count at a temperature, the hard projection to ±24 logits
// (leaf → argmax, gate → sign), the EML tree a snapped master tree computes, and the fit report of a
// parameter vector (MSE, max |Re error|, max |Im|) on a data set.

import { type Expr, ONE, eml, variable } from '../expr';
import { BYPASS_THRESHOLD, sigmoid } from './kernels';
import type { ChoiceLayout, MasterLayout } from './layout';
import { type Move, type RepairSpace, repairWith } from './repair';
import { type TapeGuards, type TapeWorkspace, type TrainData, forwardInto } from './tape';

/** Logit magnitude of a snapped choice. */
export const SNAP_LOGIT = 24;

/** Returns the index of the largest of k logits at lo (the first on ties). */
function argmax(a: Float64Array, lo: number, k: number): number {
  let best = 0;
  for (let j = 1; j < k; j++) if (a[lo + j]! > a[lo + best]!) best = j;
  return best;
}

/** Returns how many leaves (max p < 1 − ε) and gate entries (ε < s < 1 − ε) are uncertain at temperature tau. */
export function countUncertain(layout: ChoiceLayout, params: Float64Array, po: number, eps: number, tau = 1): number {
  const C = layout.choices;
  let count = 0;
  for (let leaf = 0; leaf < layout.leaves; leaf++) {
    const lo = po + leaf * C, m = params[lo + argmax(params, lo, C)]!;
    let sum = 0;
    for (let j = 0; j < C; j++) sum += Math.exp((params[lo + j]! - m) / tau);
    if (1 / sum < 1 - eps) count++;
  }
  for (let j = 0; j < layout.gates; j++) {
    const s = sigmoid(params[po + layout.gateOffset + j]! / tau);
    if (s > eps && s < 1 - eps) count++;
  }
  return count;
}

/** Writes the hard projection of params[po ..] into out[oo ..]: ±SNAP_LOGIT per choice; parameters after the choices (constants) are copied. */
export function snapInto(layout: ChoiceLayout, params: Float64Array, po: number, out: Float64Array, oo = 0): void {
  const C = layout.choices;
  for (let leaf = 0; leaf < layout.leaves; leaf++) {
    const best = argmax(params, po + leaf * C, C);
    for (let j = 0; j < C; j++) out[oo + leaf * C + j] = j === best ? SNAP_LOGIT : -SNAP_LOGIT;
  }
  for (let j = 0; j < layout.gates; j++) out[oo + layout.gateOffset + j] = params[po + layout.gateOffset + j]! >= 0 ? SNAP_LOGIT : -SNAP_LOGIT;
  for (let j = layout.gateOffset + layout.gates; j < layout.params; j++) out[oo + j] = params[po + j]!;
}

/** Returns the pure EML tree of the snapped selections of params[po ..] (a bypassed input is the leaf 1). */
export function snappedTree(layout: MasterLayout, params: Float64Array, po: number, varNames: readonly string[]): Expr {
  const C = layout.choices, D = layout.depth;
  const vars = varNames.map((v) => variable(v));
  const leaf = (i: number): Expr => {
    const c = argmax(params, po + i * C, C);
    return c === 0 ? ONE : vars[c - 1]!;
  };
  const node = (level: number, pos: number): Expr => {
    const k = 2 ** D - 2 ** (level + 1) + pos;
    const side = (s: 0 | 1): Expr => {
      if (params[po + layout.gateOffset + 2 * k + s]! >= 0) return ONE;
      return level + 1 === D ? leaf(2 * pos + s) : node(level + 1, 2 * pos + s);
    };
    return eml(side(0), side(1));
  };
  return node(0, 0);
}

/** Exactness of a fit on one data set. */
export interface FitReport { mse: number; maxRealErr: number; maxImag: number }

/** Returns the fit report of params[po ..] at temperature tau on data (using seed slot s of the workspace). */
export function fitReport(ws: TapeWorkspace, s: number, params: Float64Array, po: number, tau: number, data: TrainData, guards: TapeGuards): FitReport {
  return fitReportAt(ws.vRe, ws.vIm, forwardInto(ws, s, params, po, tau, data, guards), ws.dataLoss[s]!, data);
}

/** Returns the fit report of predictions vRe/vIm[root ..] (after a forward pass whose data loss is mse). */
export function fitReportAt(vRe: Float64Array, vIm: Float64Array, root: number, mse: number, data: TrainData): FitReport {
  let maxRe = 0, maxIm = 0;
  for (let i = 0; i < data.n; i++) {
    const er = Math.abs(vRe[root + i]! - data.target[i]!), ei = Math.abs(vIm[root + i]!);
    if (!(er <= maxRe)) maxRe = er;
    if (!(ei <= maxIm)) maxIm = ei;
  }
  return { mse, maxRealErr: maxRe, maxImag: maxIm };
}

/** Sets leaf `o` of a snapped vector to choice c (+24 there, −24 elsewhere). */
function setLeaf(a: Float64Array, o: number, k: number, c: number): void {
  for (let j = 0; j < k; j++) a[o + j] = j === c ? SNAP_LOGIT : -SNAP_LOGIT;
}

/** Marks in live[slot] the value slots whose value reaches the root: not below an exact bypass (gate value 1). */
function liveSlotsInto(layout: MasterLayout, p: Float64Array, g0: number, tau: number, live: Uint8Array): void {
  live.fill(0);
  live[layout.slots - 1] = 1;
  for (let k = layout.nodes - 1; k >= 0; k--) {
    if (live[layout.leaves + k] === 0) continue;
    if (!(sigmoid(p[g0 + 2 * k]! / tau) > BYPASS_THRESHOLD)) live[layout.left[k]!] = 1;
    if (!(sigmoid(p[g0 + 2 * k + 1]! / tau) > BYPASS_THRESHOLD)) live[layout.right[k]!] = 1;
  }
}

/**
 * Discrete repair of a snapped tree (repair.ts): up to `passes` times applies the single change of the snapped
 * vector — one leaf to another choice, or one gate flipped, among those the root can see — that lowers the
 * training MSE at `tau` the most; with `pairPasses`, a pass where no single change helps tries pairs. Stops early
 * when nothing lowers the MSE or it is below `goal`. A near miss (one wrong subtree that should have been
 * bypassed) becomes the exact tree. Edits snapped[so ..] in place (±SNAP_LOGIT entries); returns the changes applied.
 */
export function repairSnappedInto(
  layout: MasterLayout, snapped: Float64Array, so: number, ws: TapeWorkspace, s: number, tau: number, data: TrainData,
  guards: TapeGuards, passes: number, goal: number, pairPasses = 0,
): number {
  const C = layout.choices, g0 = so + layout.gateOffset, gates = 2 * layout.nodes;
  const live = new Uint8Array(layout.slots);
  const space: RepairSpace = {
    // a change below an exact bypass leaves the output bit for bit the same (the input is exactly 1 there), so
    // only leaves and gates the root can see are tried; the choice made is the same as trying them all
    moves() {
      liveSlotsInto(layout, snapped, g0, tau, live);
      const out: Move[] = [];
      for (let leaf = 0; leaf < layout.leaves; leaf++) {
        if (live[leaf] === 0) continue;
        const was = argmax(snapped, so + leaf * C, C);
        for (let c = 0; c < C; c++) if (c !== was) out.push({ kind: 'leaf', at: leaf, choice: c });
      }
      for (let j = 0; j < gates; j++) if (live[layout.leaves + (j >> 1)] !== 0) out.push({ kind: 'gate', at: j, choice: 0 });
      return out;
    },
    apply(m) {
      if (m.kind === 'gate') { snapped[g0 + m.at] = -snapped[g0 + m.at]!; return m; }
      const o = so + m.at * C, was = argmax(snapped, o, C);
      setLeaf(snapped, o, C, m.choice);
      return { kind: 'leaf', at: m.at, choice: was };
    },
    loss() {
      forwardInto(ws, s, snapped, so, tau, data, guards);
      const v = ws.dataLoss[s]!;
      return v === v ? v : Infinity;
    },
  };
  return repairWith(space, passes, goal, pairPasses);
}
