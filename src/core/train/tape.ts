// The master tree's forward pass recorded on a tape, and the reverse walk over it (paper §1.1–1.4).
// Batched over seeds × samples: every plane is [seed][slot][point], so one seed's tape is contiguous and
// runs of different seeds (each with its own τ) share one workspace. Allocation happens only in
// createTapeWorkspace; forwardInto/backwardInto allocate nothing. A workspace made with simd = true keeps its planes
// in a WebAssembly memory and runs the nodes and leaves there (wasm/tape.ts, f64x2 lanes); the softmax, the gates,
// the data loss and the root's gradient stay here, on views of the same memory.

import { ArenaPlan, type KernelExports, instantiateKernels } from '../simd/module';
import { type MasterLayout } from './layout';
import {
  BYPASS_THRESHOLD, emlNodeBackwardInto, emlNodeBackwardRealInto, emlNodeForwardInto, emlNodeForwardRealInto, leafBackwardInto,
  leafForwardInto, sigmoid, softmaxBackwardInto, softmaxInto,
} from './kernels';

/** Training points: k real input planes and the real target, all of length n. */
export interface TrainData {
  readonly n: number;
  readonly inputs: readonly Float64Array[];
  readonly target: Float64Array;
}

/** Numerical guards of the forward pass (reference defaults: clamp 1e300, threshold 50). */
export interface TapeGuards {
  readonly clamp: number;
  readonly interThreshold: number;
}

/** What every tree's workspace offers after a forward pass: the value planes and each seed's losses. */
export interface TreeWorkspace {
  readonly n: number;
  readonly seeds: number;
  readonly vRe: Float64Array; readonly vIm: Float64Array;
  /** Per seed: data loss (mean |pred − target|²) and intermediate penalty I of the last forward. */
  readonly dataLoss: Float64Array;
  readonly interLoss: Float64Array;
  /** Non-null when the workspace runs on the WebAssembly SIMD kernels (see each form's workspace). */
  readonly simd: object | null;
}

/** Caller-owned planes for forward/backward of up to `seeds` runs of one layout on n points. */
export interface TapeWorkspace extends TreeWorkspace {
  readonly layout: MasterLayout;
  readonly eRe: Float64Array; readonly eIm: Float64Array;
  readonly bRe: Float64Array; readonly bIm: Float64Array;
  readonly mask: Uint8Array;
  /** Per seed and node: 1 when the node ran on the real fast path (its values real, its tape real-only). */
  readonly realNode: Uint8Array;
  /** Leaf probabilities and raw / effective gate values of each seed at its last forward τ. */
  readonly probs: Float64Array;
  readonly gateRaw: Float64Array;
  readonly gateEff: Float64Array;
  /** Shared backward scratch (one seed at a time). */
  readonly gRe: Float64Array; readonly gIm: Float64Array;
  readonly gp: Float64Array;
  readonly gs: Float64Array;
  /** The WebAssembly SIMD kernels over this workspace's planes, or null for the scalar kernels. */
  readonly simd: SimdTape | null;
}

/** The SIMD side of a workspace: the instance, its copy of the inputs, and where it leaves gate and leaf sums. */
export interface SimdTape {
  readonly kernels: KernelExports;
  /** vars × n input planes inside the instance's memory, copied from the data whenever another data set comes. */
  readonly inputs: Float64Array;
  lastData: TrainData | null;
  /** Per node [∂L/∂sL, ∂L/∂sR] of the last backward. */
  readonly gateGrad: Float64Array;
  /** Per leaf and choice Σ_i g_i·col_j(i) of the last backward. */
  readonly leafGrad: Float64Array;
}

/** Returns the cells (seeds × slots × points) of a workspace; throws for no points or one too large to allocate. */
export function workspaceCells(n: number, seeds: number, slots: number): number {
  if (!Number.isInteger(n) || n < 1) throw new Error(`train: need at least one data point, got ${n}`);
  const cells = seeds * slots * n;
  if (cells > 2 ** 27) throw new Error(`train: ${seeds} seeds × ${slots} slots × ${n} points is too large for one workspace`);
  return cells;
}

/**
 * Returns a workspace for `seeds` runs of `layout` on n points; with simd, one whose nodes run on the WebAssembly
 * SIMD kernels where this runtime has them (else, and for a workspace beyond their memory, the scalar one).
 */
export function createTapeWorkspace(layout: MasterLayout, n: number, seeds = 1, simd = false): TapeWorkspace {
  const cells = workspaceCells(n, seeds, layout.slots);
  const nodeCells = seeds * layout.nodes * n;
  if (simd) {
    const ws = createSimdWorkspace(layout, n, seeds, cells, nodeCells);
    if (ws) return ws;
  }
  return {
    simd: null,
    layout, n, seeds,
    vRe: new Float64Array(cells), vIm: new Float64Array(cells),
    eRe: new Float64Array(nodeCells), eIm: new Float64Array(nodeCells),
    bRe: new Float64Array(nodeCells), bIm: new Float64Array(nodeCells),
    mask: new Uint8Array(nodeCells),
    realNode: new Uint8Array(seeds * layout.nodes),
    probs: new Float64Array(seeds * layout.leaves * layout.choices),
    gateRaw: new Float64Array(seeds * layout.nodes * 2),
    gateEff: new Float64Array(seeds * layout.nodes * 2),
    dataLoss: new Float64Array(seeds), interLoss: new Float64Array(seeds),
    gRe: new Float64Array(layout.slots * n), gIm: new Float64Array(layout.slots * n),
    gp: new Float64Array(layout.choices), gs: new Float64Array(2),
  };
}

function createSimdWorkspace(layout: MasterLayout, n: number, seeds: number, cells: number, nodeCells: number): TapeWorkspace | null {
  const L = layout, plan = new ArenaPlan();
  const at = {
    left: plan.take(L.nodes, 4), right: plan.take(L.nodes, 4), level: plan.take(L.nodes, 4),
    vRe: plan.take(cells, 8), vIm: plan.take(cells, 8),
    eRe: plan.take(nodeCells, 8), eIm: plan.take(nodeCells, 8), bRe: plan.take(nodeCells, 8), bIm: plan.take(nodeCells, 8),
    mask: plan.take(nodeCells, 1), real: plan.take(seeds * L.nodes, 1),
    probs: plan.take(seeds * L.leaves * L.choices, 8), gateEff: plan.take(seeds * L.nodes * 2, 8),
    inputs: plan.take(L.vars * n, 8), gRe: plan.take(L.slots * n, 8), gIm: plan.take(L.slots * n, 8),
    gateGrad: plan.take(L.nodes * 2, 8), leafGrad: plan.take(L.leaves * L.choices, 8),
  };
  const inst = instantiateKernels(plan.bytes);
  if (!inst) return null;
  const buf = inst.memory.buffer;
  const f64 = (a: number, len: number) => new Float64Array(buf, a, len);
  new Int32Array(buf, at.left, L.nodes).set(L.left);
  new Int32Array(buf, at.right, L.nodes).set(L.right);
  new Int32Array(buf, at.level, L.nodes).set(L.level);
  const k = inst.exports;
  k.setup(n, L.leaves, L.nodes, L.choices, L.depth, at.left, at.right, at.level, at.vRe, at.vIm, at.eRe, at.eIm, at.bRe, at.bIm,
    at.mask, at.real, at.probs, at.gateEff, at.inputs, at.gRe, at.gIm, at.gateGrad, at.leafGrad);
  return {
    layout, n, seeds,
    vRe: f64(at.vRe, cells), vIm: f64(at.vIm, cells),
    eRe: f64(at.eRe, nodeCells), eIm: f64(at.eIm, nodeCells), bRe: f64(at.bRe, nodeCells), bIm: f64(at.bIm, nodeCells),
    mask: new Uint8Array(buf, at.mask, nodeCells), realNode: new Uint8Array(buf, at.real, seeds * L.nodes),
    probs: f64(at.probs, seeds * L.leaves * L.choices), gateRaw: new Float64Array(seeds * L.nodes * 2), gateEff: f64(at.gateEff, seeds * L.nodes * 2),
    dataLoss: new Float64Array(seeds), interLoss: new Float64Array(seeds),
    gRe: f64(at.gRe, L.slots * n), gIm: f64(at.gIm, L.slots * n),
    gp: new Float64Array(L.choices), gs: new Float64Array(2),
    simd: { kernels: k, inputs: f64(at.inputs, L.vars * n), lastData: null, gateGrad: f64(at.gateGrad, L.nodes * 2), leafGrad: f64(at.leafGrad, L.leaves * L.choices) },
  };
}

/** Copies the data's inputs into the SIMD instance unless they are already there. */
function simdInputs(sim: SimdTape, data: TrainData, n: number): void {
  if (sim.lastData === data) return;
  if (data.n !== n || sim.inputs.length !== data.inputs.length * n) throw new Error(`train: data of ${data.n} points × ${data.inputs.length} inputs does not fit this workspace`);
  for (let j = 0; j < data.inputs.length; j++) sim.inputs.set(data.inputs[j]!, j * n);
  sim.lastData = data;
}

/**
 * Runs the master tree of seed slot `s` with parameters params[po .. po + layout.params) at temperature tau.
 * Fills the tape and ws.dataLoss[s], ws.interLoss[s]; returns the prediction's offset in ws.vRe/vIm.
 */
export function forwardInto(ws: TapeWorkspace, s: number, params: Float64Array, po: number, tau: number, data: TrainData, guards: TapeGuards): number {
  const L = ws.layout, n = ws.n;
  const C = L.choices, slotBase = s * L.slots * n, nodeBase = s * L.nodes * n;
  const probs = ws.probs, pBase = s * L.leaves * C, gBase = s * L.nodes * 2;
  for (let leaf = 0; leaf < L.leaves; leaf++) {
    softmaxInto(probs, pBase + leaf * C, params, po + leaf * C, C, tau);
    if (!ws.simd) leafForwardInto(ws.vRe, slotBase + leaf * n, probs, pBase + leaf * C, data.inputs, n);
  }
  const go = po + L.gateOffset;
  for (let j = 0; j < 2 * L.nodes; j++) {
    const sv = sigmoid(params[go + j]! / tau);
    ws.gateRaw[gBase + j] = sv;
    ws.gateEff[gBase + j] = sv > BYPASS_THRESHOLD ? 1 : sv;
  }
  const root = slotBase + (L.slots - 1) * n;
  if (ws.simd) {
    simdInputs(ws.simd, data, n);
    ws.interLoss[s] = ws.simd.kernels.forward(s, guards.clamp, guards.interThreshold);
    ws.dataLoss[s] = dataLossAt(ws.vRe, ws.vIm, root, data.target, n);
    return root;
  }
  const rBase = s * L.nodes;
  let inter = 0, levelSum = 0, level = L.depth - 1;
  for (let k = 0; k < L.nodes; k++) {
    if (L.level[k] !== level) { inter += levelSum / (2 ** level * n); levelSum = 0; level = L.level[k]!; }
    const out = slotBase + (L.leaves + k) * n, c = slotBase + L.left[k]! * n, d = slotBase + L.right[k]! * n, t = nodeBase + k * n;
    const sL = ws.gateEff[gBase + 2 * k]!, sR = ws.gateEff[gBase + 2 * k + 1]!;
    const lc = L.left[k]! - L.leaves, rc = L.right[k]! - L.leaves;
    const realChildren = (lc < 0 || ws.realNode[rBase + lc] === 1) && (rc < 0 || ws.realNode[rBase + rc] === 1);
    // a node real at its previous pass left zeros in its imaginary plane
    const wasReal = ws.realNode[rBase + k] === 1;
    let share = realChildren
      ? emlNodeForwardRealInto(ws.vRe, ws.vIm, out, c, d, ws.eRe, t, sL, sR, n, guards.clamp, guards.interThreshold, wasReal)
      : -1;
    ws.realNode[rBase + k] = share >= 0 ? 1 : 0;
    if (share < 0) share = emlNodeForwardInto(ws.vRe, ws.vIm, out, c, d, ws.eRe, ws.eIm, ws.bRe, ws.bIm, ws.mask, t, sL, sR, n, guards.clamp, guards.interThreshold);
    levelSum += share;
  }
  inter += levelSum / n; // the root level (ℓ = 0, one node)
  ws.dataLoss[s] = dataLossAt(ws.vRe, ws.vIm, root, data.target, n);
  ws.interLoss[s] = inter / L.depth;
  return root;
}

/** Returns the data loss mean |pred − t|² of the n predictions vRe/vIm[root ..] against the real target t. */
export function dataLossAt(vRe: Float64Array, vIm: Float64Array, root: number, t: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const dr = vRe[root + i]! - t[i]!, di = vIm[root + i]!;
    sum += dr * dr + di * di;
  }
  return sum / n;
}

/**
 * WRITES the gradient of the data loss (and, with lamCorr > 0, of the shape penalty) with respect to the n
 * predictions vRe/vIm[root ..] into gRe/gIm[rootG ..]: ∂/∂Re = 2(Re − t)/n, ∂/∂Im = 2·Im/n.
 */
export function rootGradientInto(
  gRe: Float64Array, gIm: Float64Array, rootG: number, vRe: Float64Array, vIm: Float64Array, root: number, t: Float64Array, n: number, lamCorr: number,
): void {
  for (let i = 0; i < n; i++) {
    gRe[rootG + i] = (2 * (vRe[root + i]! - t[i]!)) / n;
    gIm[rootG + i] = (2 * vIm[root + i]!) / n;
  }
  if (lamCorr > 0) addShapeGradient(vRe, root, t, n, lamCorr, gRe, rootG);
}

/**
 * Adds the gradient of λ·(1 − corr(p, t)) over the n predictions p = v[root ..] (real parts) to g[g0 ..]:
 * with a = p − p̄, b = t − t̄, ∂corr/∂p_i = b_i/√(Saa·Sbb) − corr·a_i/Saa. Skipped for a constant p or t.
 */
function addShapeGradient(v: Float64Array, root: number, t: Float64Array, n: number, lam: number, g: Float64Array, g0: number): void {
  let pm = 0, tm = 0;
  for (let i = 0; i < n; i++) { pm += v[root + i]!; tm += t[i]!; }
  pm /= n; tm /= n;
  let saa = 0, sbb = 0, sab = 0;
  for (let i = 0; i < n; i++) {
    const a = v[root + i]! - pm, b = t[i]! - tm;
    saa += a * a; sbb += b * b; sab += a * b;
  }
  if (!(saa > 1e-300 && sbb > 0 && Number.isFinite(saa))) return;
  const den = Math.sqrt(saa * sbb), corr = sab / den;
  for (let i = 0; i < n; i++) {
    const a = v[root + i]! - pm, b = t[i]! - tm;
    g[g0 + i] -= lam * (b / den - (corr * a) / saa);
  }
}

/**
 * Reverse walk of the tape of seed slot `s` (after forwardInto at the same tau): ADDS the gradient of
 * dataLoss + lamInter·interLoss with respect to params[po ..] into grad[go ..].
 */
export function backwardInto(
  ws: TapeWorkspace, s: number, tau: number, data: TrainData, guards: TapeGuards, lamInter: number,
  grad: Float64Array, go: number, lamCorr = 0,
): void {
  const L = ws.layout, n = ws.n, C = L.choices;
  const slotBase = s * L.slots * n, nodeBase = s * L.nodes * n, pBase = s * L.leaves * C, gBase = s * L.nodes * 2;
  const gRe = ws.gRe, gIm = ws.gIm, vRe = ws.vRe, vIm = ws.vIm;
  const rootG = (L.slots - 1) * n;
  rootGradientInto(gRe, gIm, rootG, vRe, vIm, slotBase + rootG, data.target, n, lamCorr);
  if (ws.simd) {
    const sim = ws.simd;
    sim.kernels.backward(s, guards.interThreshold, lamInter);
    for (let j = 0; j < 2 * L.nodes; j++) {
      const raw = ws.gateRaw[gBase + j]!;
      grad[go + L.gateOffset + j] += (sim.gateGrad[j]! * raw * (1 - raw)) / tau;
    }
    for (let leaf = 0; leaf < L.leaves; leaf++) softmaxBackwardInto(grad, go + leaf * C, ws.probs, pBase + leaf * C, sim.leafGrad, leaf * C, C, tau);
    return;
  }
  // gradient planes are indexed by slot only (no seed offset); tape planes by seed
  const gs = ws.gs;
  for (let k = L.nodes - 1; k >= 0; k--) {
    const w = lamInter / (L.depth * 2 ** L.level[k]! * n);
    const sL = ws.gateEff[gBase + 2 * k]!, sR = ws.gateEff[gBase + 2 * k + 1]!;
    if (ws.realNode[s * L.nodes + k] === 1) {
      emlNodeBackwardRealInto(gRe, gIm, vRe, slotBase, (L.leaves + k) * n, L.left[k]! * n, L.right[k]! * n,
        ws.eRe, nodeBase + k * n, sL, sR, n, guards.interThreshold, w, gs);
    } else {
      emlNodeBackwardInto(gRe, gIm, vRe, vIm, slotBase, (L.leaves + k) * n, L.left[k]! * n, L.right[k]! * n,
        ws.eRe, ws.eIm, ws.bRe, ws.bIm, ws.mask, nodeBase + k * n, sL, sR, n, guards.interThreshold, w, gs);
    }
    for (let side = 0; side < 2; side++) {
      const raw = ws.gateRaw[gBase + 2 * k + side]!;
      grad[go + L.gateOffset + 2 * k + side] += (gs[side]! * raw * (1 - raw)) / tau;
    }
  }
  for (let leaf = 0; leaf < L.leaves; leaf++) {
    leafBackwardInto(gRe, leaf * n, data.inputs, n, ws.gp, 0);
    softmaxBackwardInto(grad, go + leaf * C, ws.probs, pBase + leaf * C, ws.gp, 0, C, tau);
  }
}
