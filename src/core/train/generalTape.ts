// The general master tree's forward pass recorded on a tape, and the reverse walk over it (generalLayout.ts).
// Per node, bottom level first: its two inputs (a mix of 1, the variables and the input's constant, blended by
// a gate with the child node where there is one), then the EML operation on them (kernels.ts's node pair with
// both gates 0). Planes are [seed][slot][point] as in tape.ts; inputs and nodes that stay on the real line take
// the real kernels. Allocation happens only in createGeneralWorkspace. With simd, the value, tape and gradient
// planes live in a WebAssembly memory and each node's EML operation runs there (wasm/tape.ts, f64x2 lanes); the
// mixes and blends stay here, on views of that memory.

import { ArenaPlan, type KernelExports, instantiateKernels } from '../simd/module';
import type { GeneralLayout } from './generalLayout';
import { blendBackwardInto, blendForwardInto, mixBackwardInto, mixForwardInto } from './generalKernels';
import {
  BYPASS_THRESHOLD, emlNodeBackwardInto, emlNodeBackwardRealInto, emlNodeForwardInto, emlNodeForwardRealInto, sigmoid,
  softmaxBackwardInto, softmaxInto,
} from './kernels';
import { type TapeGuards, type TrainData, type TreeWorkspace, dataLossAt, rootGradientInto, workspaceCells } from './tape';

/** Caller-owned planes for forward/backward of up to `seeds` runs of one general layout on n points. */
export interface GeneralWorkspace extends TreeWorkspace {
  readonly layout: GeneralLayout;
  /** Mix values of the gated inputs ([seed][input][point]; the bottom inputs' mixes are their value slots). */
  readonly mRe: Float64Array;
  readonly eRe: Float64Array; readonly eIm: Float64Array;
  readonly bRe: Float64Array; readonly bIm: Float64Array;
  readonly mask: Uint8Array;
  /** Per seed and slot: 1 when the slot's values are real and its imaginary plane holds zeros. */
  readonly realSlot: Uint8Array;
  readonly probs: Float64Array;
  /** Per seed and input: the constant of the last forward (the backward's ∂m/∂p_c). */
  readonly constants: Float64Array;
  readonly gateRaw: Float64Array;
  readonly gateEff: Float64Array;
  readonly gRe: Float64Array; readonly gIm: Float64Array;
  readonly gp: Float64Array;
  readonly gs: Float64Array;
  /** The WebAssembly SIMD node kernels over this workspace's planes, or null for the scalar kernels. */
  readonly simd: KernelExports | null;
}

/** The planes a general workspace keeps in a WebAssembly memory with simd, as views; null without SIMD. */
function simdPlanes(layout: GeneralLayout, n: number, cells: number, nodeCells: number) {
  const plan = new ArenaPlan();
  const at = {
    vRe: plan.take(cells, 8), vIm: plan.take(cells, 8), eRe: plan.take(nodeCells, 8), eIm: plan.take(nodeCells, 8),
    bRe: plan.take(nodeCells, 8), bIm: plan.take(nodeCells, 8), mask: plan.take(nodeCells, 1),
    gRe: plan.take(layout.slots * n, 8), gIm: plan.take(layout.slots * n, 8), gateGrad: plan.take(2, 8),
  };
  const inst = instantiateKernels(plan.bytes);
  if (!inst) return null;
  const buf = inst.memory.buffer, f64 = (a: number, len: number) => new Float64Array(buf, a, len);
  // only the single-node kernels are used: the tree's shape, leaves and gates stay here
  inst.exports.setup(n, 0, 0, 0, 1, 0, 0, 0, at.vRe, at.vIm, at.eRe, at.eIm, at.bRe, at.bIm, at.mask, 0, 0, 0, 0, at.gRe, at.gIm, at.gateGrad, 0);
  return {
    kernels: inst.exports, vRe: f64(at.vRe, cells), vIm: f64(at.vIm, cells), eRe: f64(at.eRe, nodeCells), eIm: f64(at.eIm, nodeCells),
    bRe: f64(at.bRe, nodeCells), bIm: f64(at.bIm, nodeCells), mask: new Uint8Array(buf, at.mask, nodeCells),
    gRe: f64(at.gRe, layout.slots * n), gIm: f64(at.gIm, layout.slots * n),
  };
}

/**
 * Returns a workspace for `seeds` runs of a general layout on n points; with simd, one whose nodes run on the
 * WebAssembly SIMD kernels where this runtime has them (else the scalar one).
 */
export function createGeneralWorkspace(layout: GeneralLayout, n: number, seeds = 1, simd = false): GeneralWorkspace {
  const cells = workspaceCells(n, seeds, layout.slots);
  const nodeCells = seeds * layout.nodes * n;
  const realSlot = new Uint8Array(seeds * layout.slots);
  // the bottom level's inputs are mixes: always real, their imaginary planes never written
  for (let s = 0; s < seeds; s++) realSlot.fill(1, s * layout.slots, s * layout.slots + layout.firstGated);
  const planes = (simd ? simdPlanes(layout, n, cells, nodeCells) : null) ?? {
    kernels: null,
    vRe: new Float64Array(cells), vIm: new Float64Array(cells),
    eRe: new Float64Array(nodeCells), eIm: new Float64Array(nodeCells),
    bRe: new Float64Array(nodeCells), bIm: new Float64Array(nodeCells),
    mask: new Uint8Array(nodeCells),
    gRe: new Float64Array(layout.slots * n), gIm: new Float64Array(layout.slots * n),
  };
  return {
    layout, n, seeds, simd: planes.kernels,
    vRe: planes.vRe, vIm: planes.vIm,
    mRe: new Float64Array(seeds * layout.leaves * n),
    eRe: planes.eRe, eIm: planes.eIm, bRe: planes.bRe, bIm: planes.bIm,
    mask: planes.mask, realSlot,
    probs: new Float64Array(seeds * layout.leaves * layout.choices), constants: new Float64Array(seeds * layout.leaves),
    gateRaw: new Float64Array(seeds * layout.gates), gateEff: new Float64Array(seeds * layout.gates),
    dataLoss: new Float64Array(seeds), interLoss: new Float64Array(seeds),
    gRe: planes.gRe, gIm: planes.gIm,
    gp: new Float64Array(layout.choices), gs: new Float64Array(2),
  };
}

/**
 * Runs the general tree of seed slot `s` with parameters params[po .. po + layout.params) at temperature tau.
 * Fills the tape and ws.dataLoss[s], ws.interLoss[s]; returns the prediction's offset in ws.vRe/vIm.
 */
export function generalForwardInto(
  ws: GeneralWorkspace, s: number, params: Float64Array, po: number, tau: number, data: TrainData, guards: TapeGuards,
): number {
  const L = ws.layout, n = ws.n, C = L.choices;
  const slotBase = s * L.slots * n, mBase = s * L.leaves * n, nodeBase = s * L.nodes * n, pBase = s * L.leaves * C;
  const gBase = s * L.gates, rBase = s * L.slots;
  const probs = ws.probs, co = po + L.constOffset;
  for (let i = 0; i < L.leaves; i++) {
    softmaxInto(probs, pBase + i * C, params, po + i * C, C, tau);
    const c = params[co + i]!;
    ws.constants[s * L.leaves + i] = c;
    // a bottom input is its mix; a gated input's mix waits in mRe for the blend
    if (i < L.firstGated) mixForwardInto(ws.vRe, slotBase + i * n, probs, pBase + i * C, data.inputs, c, n);
    else mixForwardInto(ws.mRe, mBase + i * n, probs, pBase + i * C, data.inputs, c, n);
  }
  for (let j = 0; j < L.gates; j++) {
    const sv = sigmoid(params[po + L.gateOffset + j]! / tau);
    ws.gateRaw[gBase + j] = sv;
    ws.gateEff[gBase + j] = sv > BYPASS_THRESHOLD ? 1 : sv;
  }
  const sk = ws.simd;
  let inter = 0, levelSum = 0, level = L.depth - 1;
  for (let k = 0; k < L.nodes; k++) {
    if (L.level[k] !== level) { inter += levelSum / (2 ** level * n); levelSum = 0; level = L.level[k]!; }
    for (let side = 0; side < 2; side++) {
      const i = 2 * k + side;
      if (i < L.firstGated) continue;
      const child = L.leaves + L.child[i]!;
      ws.realSlot[rBase + i] = blendForwardInto(ws.vRe, ws.vIm, slotBase + i * n, ws.mRe, mBase + i * n, slotBase + child * n,
        ws.gateEff[gBase + i - L.firstGated]!, n, ws.realSlot[rBase + child] === 1, ws.realSlot[rBase + i] === 1) ? 1 : 0;
    }
    const node = L.leaves + k, out = slotBase + node * n, a = slotBase + 2 * k * n, b = a + n, t = nodeBase + k * n;
    const realInputs = ws.realSlot[rBase + 2 * k] === 1 && ws.realSlot[rBase + 2 * k + 1] === 1;
    // the real fast path (−1 when some point leaves it), else the complex kernel; on the SIMD kernels where there are
    const wasReal = ws.realSlot[rBase + node]!;
    let share = !realInputs ? -1 : sk
      ? sk.nodeRealForward(out, a, b, t, 0, 0, guards.clamp, guards.interThreshold, wasReal)
      : emlNodeForwardRealInto(ws.vRe, ws.vIm, out, a, b, ws.eRe, t, 0, 0, n, guards.clamp, guards.interThreshold, wasReal === 1);
    ws.realSlot[rBase + node] = share >= 0 ? 1 : 0;
    if (share < 0) {
      share = sk
        ? sk.nodeComplexForward(out, a, b, t, 0, 0, guards.clamp, guards.interThreshold)
        : emlNodeForwardInto(ws.vRe, ws.vIm, out, a, b, ws.eRe, ws.eIm, ws.bRe, ws.bIm, ws.mask, t, 0, 0, n, guards.clamp, guards.interThreshold);
    }
    levelSum += share;
  }
  inter += levelSum / n; // the root level
  const root = slotBase + (L.slots - 1) * n;
  ws.dataLoss[s] = dataLossAt(ws.vRe, ws.vIm, root, data.target, n);
  ws.interLoss[s] = inter / L.depth;
  return root;
}

/**
 * Reverse walk of the tape of seed slot `s` (after generalForwardInto at the same tau): ADDS the gradient of
 * dataLoss + lamInter·interLoss (+ lamCorr·(1 − corr)) with respect to params[po ..] into grad[go ..].
 */
export function generalBackwardInto(
  ws: GeneralWorkspace, s: number, tau: number, data: TrainData, guards: TapeGuards, lamInter: number,
  grad: Float64Array, go: number, lamCorr = 0,
): void {
  const L = ws.layout, n = ws.n, C = L.choices;
  const slotBase = s * L.slots * n, mBase = s * L.leaves * n, nodeBase = s * L.nodes * n, pBase = s * L.leaves * C;
  const gBase = s * L.gates, rBase = s * L.slots, pv = ws.probs;
  const gRe = ws.gRe, gIm = ws.gIm, vRe = ws.vRe, vIm = ws.vIm, gs = ws.gs, gp = ws.gp;
  const rootG = (L.slots - 1) * n;
  rootGradientInto(gRe, gIm, rootG, vRe, vIm, slotBase + rootG, data.target, n, lamCorr);
  const cc = L.vars + 1; // the constant's column
  const sk = ws.simd;
  for (let k = L.nodes - 1; k >= 0; k--) {
    const w = lamInter / (L.depth * 2 ** L.level[k]! * n);
    const node = L.leaves + k, a = 2 * k * n, b = a + n, t = nodeBase + k * n;
    if (sk) {
      if (ws.realSlot[rBase + node] === 1) sk.nodeRealBackward(slotBase, node * n, a, b, t, 0, 0, guards.interThreshold, w);
      else sk.nodeComplexBackward(slotBase, node * n, a, b, t, 0, 0, guards.interThreshold, w);
    } else if (ws.realSlot[rBase + node] === 1) {
      emlNodeBackwardRealInto(gRe, gIm, vRe, slotBase, node * n, a, b, ws.eRe, t, 0, 0, n, guards.interThreshold, w, gs);
    } else {
      emlNodeBackwardInto(gRe, gIm, vRe, vIm, slotBase, node * n, a, b, ws.eRe, ws.eIm, ws.bRe, ws.bIm, ws.mask, t, 0, 0, n, guards.interThreshold, w, gs);
    }
    for (let side = 0; side < 2; side++) {
      const i = 2 * k + side;
      let scale = 1;
      if (i >= L.firstGated) {
        const j = i - L.firstGated, eff = ws.gateEff[gBase + j]!, raw = ws.gateRaw[gBase + j]!;
        const ds = blendBackwardInto(gRe, gIm, vRe, vIm, slotBase, i * n, (L.leaves + L.child[i]!) * n, ws.mRe, mBase + i * n, eff, n,
          ws.realSlot[rBase + i] === 1);
        if (eff !== 1) grad[go + L.gateOffset + j] += (ds * raw * (1 - raw)) / tau;
        scale = eff;
      }
      const c = ws.constants[s * L.leaves + i]!;
      mixBackwardInto(gRe, i * n, data.inputs, n, c, scale, gp, 0);
      grad[go + L.constOffset + i] += pv[pBase + i * C + cc]! * gp[0]!;
      softmaxBackwardInto(grad, go + i * C, pv, pBase + i * C, gp, 0, C, tau);
    }
  }
}
