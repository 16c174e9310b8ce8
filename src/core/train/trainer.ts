// The training loop of one run and a driver that steps several runs side by side (paper §1.7–1.8).
// Start here: trainRuns() fills run slots from a queue and steps each active run one iteration at a time;
// RunState.iterate() is the reference schedule — search at τ_search with plateau bookkeeping, the switch to
// hardening (budget, patience or the hard trigger), τ annealing with entropy/binarity penalties, NaN
// restarts and abandonment, evaluations at τ_hard with early stop — and finish() restores, polishes, snaps.
// Runs are independent: a run's result depends only on (problem, options, seed, strategy).

import { type Rng, createRng } from '../rng';
import { type AdamState, adamStepInto, clipGradInto, createAdam, resetAdam } from './adam';
import type { TreeLayout } from './generalLayout';
import { lbfgsMinimize } from './lbfgs';
import { type TreeModel, treeModel } from './model';
import { type NoiseLevel, exactWithinNoise } from './noise';
import type { InitStrategy, TrainOptions } from './options';
import { type PenaltyScratch, type PenaltyValues, createPenaltyScratch, penaltiesInto } from './penalties';
import { type FitReport, countUncertain, fitReportAt, snapInto } from './snap';
import type { TapeGuards, TrainData, TreeWorkspace } from './tape';
import { printTreeText } from './treeText';

/** What is trained: the master tree's layout (the paper's form or the general one), the input names and the data. */
export interface TrainProblem {
  readonly layout: TreeLayout;
  readonly varNames: readonly string[];
  readonly train: TrainData;
  /** Held-out points, for reporting only (never used for training or success). */
  readonly gen?: TrainData;
  /** Start logits of strategy 'manual' (noise is added per run). */
  readonly manualBase?: Float64Array;
  /** The data's noise, for each run's exactWithinNoise (default: none, data sampled from a formula). */
  readonly noise?: NoiseLevel;
}

/** One run of a plan: a seed with a strategy; `index` is its place in the plan. */
export interface RunSpec { readonly index: number; readonly seed: number; readonly strategy: InitStrategy }

/** Why a run's loop ended. */
export type EndReason = 'early_stop' | 'hardening_complete' | 'budget' | 'abandoned' | 'cancelled';

/** One evaluation point of a run's loss curve. */
export interface CurvePoint { iter: number; soft: number; bestSoft: number; hard: number; tau: number }

/** The outcome of one run (the reference's per_seed fields and more). */
export interface RunResult {
  index: number;
  seed: number;
  strategy: InitStrategy;
  /** snap MSE < fitSuccessThr (the reference's `success`). */
  success: boolean;
  fitSuccess: boolean;
  /** snap MSE < successThr: an exact symbolic fit. */
  symbolSuccess: boolean;
  /** symbolSuccess and at most maxUncertainSuccess uncertain entries at τ = 1 (the reference's rule). */
  stableSymbolSuccess: boolean;
  /** symbolSuccess and no uncertain entry at τ_hard, the temperature the tree is used at. */
  stableAtTauHard: boolean;
  /** Exact, or train (and held-out) error within the problem's noise (noise.ts); the paper's success is unchanged. */
  exactWithinNoise: boolean;
  snapMse: number;
  snapMaxReal: number;
  snapMaxImag: number;
  genMse: number;
  genMaxReal: number;
  genMaxImag: number;
  nUncertain: number;
  nUncertainTauHard: number;
  /** Iteration at which hardening started (null if it never did). */
  hardeningIter: number | null;
  lastIter: number;
  endReason: EndReason;
  nanRestarts: number;
  /** Fresh random restarts taken by the restart option (0 under the reference protocol). */
  restarts: number;
  /** Changes the repair option applied to the snapped tree (0 under the reference protocol). */
  repairMoves: number;
  bestSoft: number;
  bestHard: number;
  /** The snapped tree in eml(a, b) notation (printTreeText: decimal constants as leaves in the general form). */
  tree: string;
  /** The restored (unsnapped) logits, for export. */
  logits: number[];
  /** The final snapped parameters (after repair and the constants' polish): the vector `tree` is read from. */
  snapped: number[];
  curve: CurvePoint[];
}

/** Events streamed while training. */
export type TrainEvent =
  | { kind: 'progress'; index: number; seed: number; strategy: InitStrategy; iter: number; phase: 'search' | 'hardening'; soft: number; hard: number; tau: number; nanRestarts: number }
  | { kind: 'done'; result: RunResult };

export interface TrainHooks {
  /** Polled once per round of iterations; when true the runs stop and are reported as cancelled. */
  shouldStop?: () => boolean;
  onEvent?: (e: TrainEvent) => void;
  /** Emit a progress event per run every this many iterations (default: at evaluation points). */
  progressEvery?: number;
}

/** Shared buffers of a driver: one tape, per-slot parameters, snapshots and Adam moments. */
interface Shared {
  problem: TrainProblem;
  model: TreeModel;
  o: TrainOptions;
  guards: TapeGuards;
  ws: TreeWorkspace;
  /** The search phase's points and workspace (the searchStride option); the training data and sh.ws otherwise. */
  searchData: TrainData;
  searchWs: TreeWorkspace;
  /** The held-out points' workspace (scalar kernels: it only reports). */
  genWs?: TreeWorkspace;
  /**
   * When ws runs on the SIMD kernels, a one-seed scalar workspace on the training points for the final report, so that the
   * snapped tree's MSE is that of the scalar evaluation (0 for an exact tree, as the target was computed), not
   * within an ulp of it; null with the scalar kernels (the report uses ws).
   */
  reportWs: TreeWorkspace | null;
  params: Float64Array;
  softSnap: Float64Array;
  hardSnap: Float64Array;
  grad: Float64Array;
  scratch: Float64Array;
  /** Perturbed copy of one run's logits (Gumbel option). */
  noisy: Float64Array;
  adam: AdamState;
  pen: PenaltyScratch;
  penOut: PenaltyValues;
  hooks: TrainHooks;
}

/** Noise of data sampled from a formula: none. */
const EXACT_DATA: NoiseLevel = { sigma: 0, source: 'exact' };

/** The reference's hardening schedule at fraction t ∈ [0, 1): τ, λ_ent, λ_bin and learning rate. */
export function hardeningSchedule(o: TrainOptions, t: number): { tau: number; lamEnt: number; lamBin: number; lr: number } {
  return {
    tau: o.tauSearch * (o.tauHard / o.tauSearch) ** (t ** o.hardeningTauPower),
    lamEnt: t * o.lamEntHard,
    lamBin: t * o.lamBinHard,
    lr: o.lr * Math.max(o.hardeningLrFloor, (1 - t) ** 2),
  };
}

class RunState {
  it = 0;
  hardening = false;
  hStart = -1;
  bestSoft = Infinity;
  bestHard = Infinity;
  plateau = 0;
  nanStreak = 0;
  nanRestarts = 0;
  trigger = 0;
  earlyStop = 0;
  pendingSwitch = false;
  attempt = 0;
  attemptStart = 1;
  attemptBest = Infinity;
  lastHard = NaN;
  end: EndReason | undefined;
  readonly curve: CurvePoint[] = [];
  readonly po: number;
  /** Noise stream of the Gumbel option (independent of the init stream). */
  readonly noiseRng: Rng;

  constructor(readonly sh: Shared, readonly s: number, readonly spec: RunSpec) {
    this.po = s * sh.problem.layout.params;
    this.noiseRng = createRng((Math.imul(spec.seed, 0x9e3779b1) ^ 0x85ebca6b) >>> 0);
    this.initialise(0);
    resetAdam(sh.adam, s);
    sh.softSnap.set(sh.params.subarray(this.po, this.po + sh.problem.layout.params), this.po);
  }

  /** Writes the start of an attempt: the reference's PyTorch stream for the first (by default, paper form), mulberry32 otherwise. */
  private initialise(attempt: number): void {
    const { problem, o, params, model } = this.sh;
    model.initInto({
      strategy: this.spec.strategy, seed: this.spec.seed, attempt, torch: attempt === 0 && o.torchRng === 1, initScale: o.initScale,
      constScale: o.constScale, initNoise: o.initNoise, manualBase: problem.manualBase,
    }, params, this.po);
  }

  /** Starts a new attempt from a fresh random init (the restart options); the best soft state so far is kept. */
  private newAttempt(it: number): void {
    const sh = this.sh;
    this.attempt++;
    this.initialise(this.attempt);
    resetAdam(sh.adam, this.s);
    this.attemptStart = it;
    this.attemptBest = Infinity;
    this.plateau = 0;
    this.nanStreak = 0;
    if (!Number.isFinite(this.bestSoft)) this.snapshot(sh.softSnap);
  }

  private restore(from: Float64Array): void {
    const P = this.sh.problem.layout.params;
    this.sh.params.set(from.subarray(this.po, this.po + P), this.po);
  }

  private snapshot(to: Float64Array): void {
    const P = this.sh.problem.layout.params;
    to.set(this.sh.params.subarray(this.po, this.po + P), this.po);
  }

  /** Runs one iteration; returns true when the run has ended. */
  iterate(): boolean {
    const sh = this.sh, o = sh.o, P = sh.problem.layout.params, s = this.s;
    if (this.it >= o.searchIters + o.hardeningIters) { this.end = 'budget'; return true; }
    const it = ++this.it;
    if (o.maxNanRestarts > 0 && this.nanRestarts >= o.maxNanRestarts) { this.it--; this.end = 'abandoned'; return true; }
    if (!this.hardening) {
      if (it > o.searchIters || (this.plateau >= o.patience && this.bestSoft < o.patienceThreshold) || this.pendingSwitch) {
        this.hardening = true;
        this.hStart = it;
        // under Gumbel noise the soft losses are noisy: harden the better of the best soft and best hard states
        this.restore(o.gumbel > 0 && this.bestHard <= this.bestSoft ? sh.hardSnap : sh.softSnap);
        resetAdam(sh.adam, s);
      } else if (o.restartAfter > 0 && it - this.attemptStart >= o.restartAfter && this.attemptBest >= o.restartBelow
        && o.searchIters - it >= o.restartAfter) {
        this.newAttempt(it);
      }
    }
    let tau = o.tauSearch, lamEnt = 0, lamBin = 0, lr = o.lr;
    if (this.hardening) {
      const h = it - this.hStart;
      if (h >= o.hardeningIters) { this.it--; this.end = 'hardening_complete'; return true; }
      ({ tau, lamEnt, lamBin, lr } = hardeningSchedule(o, h / o.hardeningIters));
    }
    const ws = this.hardening ? sh.ws : sh.searchWs, data = this.hardening ? sh.problem.train : sh.searchData;
    // the step's logits: the parameters, or (Gumbel option, search only) a noisy copy; the gradient is taken there
    let theta = sh.params, to = this.po;
    if (o.gumbel > 0 && !this.hardening) { this.perturbInto(sh.noisy, o.gumbel); theta = sh.noisy; to = 0; }
    sh.model.forwardInto(ws, s, theta, to, tau, data, sh.guards);
    const soft = ws.dataLoss[s]!;
    const penalised = lamEnt !== 0 || lamBin !== 0; // the search phase has no entropy/binarity term
    if (penalised) penaltiesInto(sh.problem.layout, theta, to, tau, o.uncertaintyPower, lamEnt, lamBin, sh.pen, sh.penOut);
    let total = soft + o.lamInter * ws.interLoss[s]! + (penalised ? lamEnt * sh.penOut.entropy + lamBin * sh.penOut.binarity : 0);
    if (Number.isFinite(total)) {
      const g = sh.grad;
      g.fill(0);
      sh.model.backwardInto(ws, s, tau, data, sh.guards, o.lamInter, g, 0, this.hardening ? 0 : o.lamCorr);
      if (penalised) penaltiesInto(sh.problem.layout, theta, to, tau, o.uncertaintyPower, lamEnt, lamBin, sh.pen, sh.penOut, g, 0);
      const norm = clipGradInto(g, 0, P, o.gradClip);
      if (!Number.isFinite(norm)) total = NaN; // a non-finite gradient is skipped like a non-finite loss
      else {
        this.nanStreak = 0;
        adamStepInto(sh.adam, s, sh.params, this.po, g, 0, lr);
        // plateau bookkeeping on the soft (data) loss; as the reference, the snapshot is the state after the step
        if (soft < this.bestSoft) {
          const rel = (this.bestSoft - soft) / Math.max(this.bestSoft, 1e-15);
          this.bestSoft = soft;
          this.snapshot(sh.softSnap);
          this.plateau = rel > o.plateauRtol ? 0 : this.plateau + 1;
        } else this.plateau++;
        if (soft < this.attemptBest) this.attemptBest = soft;
      }
    }
    if (!Number.isFinite(total)) {
      this.nanStreak++;
      this.plateau++;
      if (o.redrawNonFinite > 0 && !this.hardening && this.attemptBest === Infinity && this.nanStreak >= o.nanRestartPatience
        && it < o.searchIters) {
        this.newAttempt(it + 1); // a start that never gave a finite loss: draw another instead of reloading it
        return false;
      }
      if (this.nanStreak >= o.nanRestartPatience) {
        this.restore(sh.softSnap);
        resetAdam(sh.adam, s);
        this.nanRestarts++;
        this.nanStreak = 0;
      }
      return false;
    }
    const every = sh.hooks.progressEvery;
    const isEval = it % o.evalEvery === 0 || (this.hardening && tau <= o.tailEvalTau && it % o.tailEvalEvery === 0);
    if (isEval) {
      sh.model.forwardInto(sh.ws, s, sh.params, this.po, o.tauHard, sh.problem.train, sh.guards);
      const hard = sh.ws.dataLoss[s]!;
      this.lastHard = hard;
      if (hard < this.bestHard) { this.bestHard = hard; this.snapshot(sh.hardSnap); }
      this.curve.push({ iter: it, soft, bestSoft: this.bestSoft, hard, tau });
      if (!this.hardening) {
        if (hard < o.hardTriggerMse) { if (++this.trigger >= o.hardTriggerCount) this.pendingSwitch = true; } else this.trigger = 0;
      } else if (hard < o.successThr) {
        if (++this.earlyStop >= o.earlyStopCount) { this.end = 'early_stop'; this.emitProgress(soft, tau); return true; }
      } else this.earlyStop = 0;
    }
    if (every ? it % every === 0 : isEval) this.emitProgress(soft, tau);
    return false;
  }

  /** Writes the logits plus σ·Gumbel(0,1) noise (leaves) and σ·Logistic(0,1) noise (gates) into out; constants are copied. */
  private perturbInto(out: Float64Array, sigma: number): void {
    const L = this.sh.problem.layout, p = this.sh.params, r = this.noiseRng;
    const nLeaf = L.leaves * L.choices, logits = this.sh.model.logits;
    for (let j = 0; j < logits; j++) {
      let u = r();
      while (u === 0) u = r();
      out[j] = p[this.po + j]! + sigma * (j < nLeaf ? -Math.log(-Math.log(u)) : Math.log(u / (1 - u)));
    }
    for (let j = logits; j < L.params; j++) out[j] = p[this.po + j]!;
  }

  private emitProgress(soft: number, tau: number): void {
    this.sh.hooks.onEvent?.({
      kind: 'progress', index: this.spec.index, seed: this.spec.seed, strategy: this.spec.strategy, iter: this.it,
      phase: this.hardening ? 'hardening' : 'search', soft, hard: this.lastHard, tau, nanRestarts: this.nanRestarts,
    });
  }

  /** Restores the best state, optionally polishes it, snaps it and reports. */
  finish(): RunResult {
    const sh = this.sh, o = sh.o, L = sh.problem.layout, P = L.params, s = this.s;
    if (Number.isFinite(this.bestHard)) this.restore(sh.hardSnap);
    else if (Number.isFinite(this.bestSoft)) this.restore(sh.softSnap);
    if (o.lbfgsSteps > 0 && this.end !== 'cancelled') this.polish();
    const theta = sh.params.subarray(this.po, this.po + P);
    const nUncertain = countUncertain(L, sh.params, this.po, o.snapThreshold, 1);
    const nUncertainTauHard = countUncertain(L, sh.params, this.po, o.snapThreshold, o.tauHard);
    const snapped = sh.scratch, model = sh.model, train0 = sh.problem.train;
    snapInto(L, sh.params, this.po, snapped, 0);
    const live = this.end !== 'cancelled';
    if (live && o.constPolish > 0) model.polishConstantsInto(snapped, 0, sh.ws, s, o.tauHard, train0, sh.guards, o.constPolish);
    const repairMoves = o.repair > 0 && live ? model.repairInto(snapped, 0, sh.ws, s, o.tauHard, train0, sh.guards, o.repair, o.successThr, o.repairPairs) : 0;
    if (live && repairMoves > 0 && o.constPolish > 0) model.polishConstantsInto(snapped, 0, sh.ws, s, o.tauHard, train0, sh.guards, o.constPolish);
    const report = (ws: TreeWorkspace, slot: number, data: TrainData): FitReport =>
      fitReportAt(ws.vRe, ws.vIm, model.forwardInto(ws, slot, snapped, 0, o.tauHard, data, sh.guards), ws.dataLoss[slot]!, data);
    const train = sh.reportWs ? report(sh.reportWs, 0, train0) : report(sh.ws, s, train0);
    const gen: FitReport = sh.genWs && sh.problem.gen ? report(sh.genWs, 0, sh.problem.gen) : { mse: NaN, maxRealErr: NaN, maxImag: NaN };
    const fit = train.mse < o.fitSuccessThr, symbol = train.mse < o.successThr;
    return {
      index: this.spec.index, seed: this.spec.seed, strategy: this.spec.strategy,
      success: fit, fitSuccess: fit, symbolSuccess: symbol,
      stableSymbolSuccess: symbol && nUncertain <= o.maxUncertainSuccess,
      stableAtTauHard: symbol && nUncertainTauHard === 0,
      exactWithinNoise: exactWithinNoise({ mse: train.mse, heldOutMse: sh.genWs ? gen.mse : undefined }, sh.problem.noise ?? EXACT_DATA,
        train0.n, sh.problem.gen?.n ?? 0, o.successThr),
      snapMse: train.mse, snapMaxReal: train.maxRealErr, snapMaxImag: train.maxImag,
      genMse: gen.mse, genMaxReal: gen.maxRealErr, genMaxImag: gen.maxImag,
      nUncertain, nUncertainTauHard,
      hardeningIter: this.hStart > 0 ? this.hStart : null, lastIter: this.it, endReason: this.end ?? 'cancelled',
      nanRestarts: this.nanRestarts, restarts: this.attempt, repairMoves, bestSoft: this.bestSoft, bestHard: this.bestHard,
      tree: printTreeText(model.snappedTree(snapped, 0, sh.problem.varNames)),
      logits: Array.from(theta), snapped: Array.from(snapped), curve: this.curve,
    };
  }

  /** L-BFGS on the full loss at τ_hard with λ_ent = λ_bin = the hardening maxima; kept only if finite. */
  private polish(): void {
    const sh = this.sh, o = sh.o, L = sh.problem.layout, P = L.params, s = this.s;
    const x = Float64Array.from(sh.params.subarray(this.po, this.po + P));
    const tmp = new Float64Array(P);
    const f = (q: Float64Array, g: Float64Array): number => {
      tmp.set(q);
      sh.model.forwardInto(sh.ws, s, tmp, 0, o.tauHard, sh.problem.train, sh.guards);
      penaltiesInto(L, tmp, 0, o.tauHard, o.uncertaintyPower, o.lamEntHard, o.lamBinHard, sh.pen, sh.penOut);
      const v = sh.ws.dataLoss[s]! + o.lamEntHard * sh.penOut.entropy + o.lamBinHard * sh.penOut.binarity + o.lamInter * sh.ws.interLoss[s]!;
      g.fill(0);
      if (!Number.isFinite(v)) return v;
      sh.model.backwardInto(sh.ws, s, o.tauHard, sh.problem.train, sh.guards, o.lamInter, g, 0, 0);
      penaltiesInto(L, tmp, 0, o.tauHard, o.uncertaintyPower, o.lamEntHard, o.lamBinHard, sh.pen, sh.penOut, g, 0);
      return v;
    };
    const v = lbfgsMinimize(f, x, { iterations: o.lbfgsSteps, lr: o.lbfgsLr });
    if (Number.isFinite(v) && x.every(Number.isFinite)) sh.params.set(x, this.po);
  }
}

/** Returns every k-th point of data (points 0, k, 2k, …); throws when fewer than 2 points would remain. */
export function stridedData(data: TrainData, k: number): TrainData {
  const n = Math.ceil(data.n / k);
  if (n < 2) throw new Error(`train: searchStride ${k} leaves ${n} of ${data.n} points; at least 2 are needed`);
  const pick = (a: Float64Array) => Float64Array.from({ length: n }, (_, i) => a[i * k]!);
  return { n, inputs: data.inputs.map(pick), target: pick(data.target) };
}

/**
 * Trains runs taken from `next()` until it returns undefined, stepping up to `slots` runs side by side
 * (a finished run's slot is refilled at once). Returns the results in completion order; runs still
 * active when hooks.shouldStop() turns true are finished early and marked 'cancelled'.
 */
export function trainRuns(problem: TrainProblem, o: TrainOptions, next: () => RunSpec | undefined, hooks: TrainHooks = {}, slots = 4): RunResult[] {
  const L = problem.layout, P = L.params, model = treeModel(L);
  if (problem.train.inputs.length !== L.vars) throw new Error(`train: the data has ${problem.train.inputs.length} inputs, the layout ${L.vars}`);
  const simd = o.simd === 1;
  const ws = model.createWorkspace(problem.train.n, slots, simd);
  const searchData = o.searchStride > 1 ? stridedData(problem.train, o.searchStride) : problem.train;
  const sh: Shared = {
    problem, model, o, hooks,
    guards: { clamp: o.emlClamp, interThreshold: o.interThreshold },
    ws, searchData, searchWs: searchData === problem.train ? ws : model.createWorkspace(searchData.n, slots, simd),
    genWs: problem.gen && problem.gen.n > 0 ? model.createWorkspace(problem.gen.n, 1, false) : undefined,
    reportWs: ws.simd ? model.createWorkspace(problem.train.n, 1, false) : null,
    params: new Float64Array(P * slots), softSnap: new Float64Array(P * slots), hardSnap: new Float64Array(P * slots),
    grad: new Float64Array(P), scratch: new Float64Array(P), noisy: new Float64Array(P), adam: createAdam(P, slots),
    pen: createPenaltyScratch(L), penOut: { entropy: 0, binarity: 0 },
  };
  const active: Array<RunState | undefined> = new Array(slots).fill(undefined);
  const results: RunResult[] = [];
  let exhausted = false, stopped = false;
  const done = (r: RunState) => {
    const res = r.finish();
    results.push(res);
    hooks.onEvent?.({ kind: 'done', result: res });
  };
  for (;;) {
    if (!exhausted && !stopped) {
      for (let k = 0; k < slots; k++) {
        if (active[k]) continue;
        const spec = next();
        if (!spec) { exhausted = true; break; }
        active[k] = new RunState(sh, k, spec);
      }
    }
    let any = false;
    for (let k = 0; k < slots; k++) {
      const r = active[k];
      if (!r) continue;
      any = true;
      if (r.iterate()) { active[k] = undefined; done(r); }
    }
    if (!any) break;
    if (!stopped && hooks.shouldStop?.()) {
      stopped = true;
      for (let k = 0; k < slots; k++) {
        const r = active[k];
        if (r) { r.end = 'cancelled'; active[k] = undefined; done(r); }
      }
    }
  }
  return results;
}

/** Returns the run plan of the reference: seeds seed0 … seed0 + seeds − 1, each with every strategy (seed-major). */
export function runPlan(seed0: number, seeds: number, strategies: readonly InitStrategy[]): RunSpec[] {
  const plan: RunSpec[] = [];
  for (let k = 0; k < seeds; k++) for (const strategy of strategies) plan.push({ index: plan.length, seed: seed0 + k, strategy });
  return plan;
}
