// One interface over the two forms of master tree, so that the trainer (trainer.ts) is written once: the
// paper's form (layout.ts, tape.ts, embed.ts, snap.ts, with the reference's PyTorch start stream) and the general
// form (generalLayout.ts, generalTape.ts, generalEmbed.ts, generalSnap.ts). A model is rebuilt from its layout
// wherever it is needed (layouts are plain data and cross worker boundaries; models hold functions).

import type { Expr } from '../expr';
import type { Rng } from '../rng';
import { embedTree } from './embed';
import { embedGeneralTree } from './generalEmbed';
import { generalManualInitInto, generalRandomInitInto } from './generalInit';
import type { GeneralLayout, TreeLayout } from './generalLayout';
import { polishConstantsInto, generalSnappedTree, repairGeneralInto } from './generalSnap';
import { type GeneralWorkspace, createGeneralWorkspace, generalBackwardInto, generalForwardInto } from './generalTape';
import { manualInitInto, randomInitInto, runRng, torchManualInitInto, torchRandomInitInto } from './init';
import type { MasterLayout } from './layout';
import type { InitStrategy } from './options';
import { repairSnappedInto, snappedTree } from './snap';
import { type TapeGuards, type TapeWorkspace, type TrainData, type TreeWorkspace, backwardInto, createTapeWorkspace, forwardInto } from './tape';

/** How a run draws its start. */
export interface StartSpec {
  readonly strategy: InitStrategy;
  readonly seed: number;
  /** 0 for a run's first start, 1, 2, … for restarts. */
  readonly attempt: number;
  /** Use PyTorch's stream for the first start (the paper's form only). */
  readonly torch: boolean;
  readonly initScale: number;
  /** Spread of the general form's random constants around 1. */
  readonly constScale: number;
  readonly initNoise: number;
  /** Start parameters of strategy 'manual'. */
  readonly manualBase?: Float64Array;
}

/** The operations of one form of master tree, bound to its layout. */
export interface TreeModel {
  readonly layout: TreeLayout;
  /** Parameters [0, logits) are choice logits (mixes, then gates); the rest, if any, are constants. */
  readonly logits: number;
  /** A workspace for `seeds` runs on n points; simd: on the WebAssembly SIMD kernels where the form and runtime have them. */
  createWorkspace(n: number, seeds: number, simd?: boolean): TreeWorkspace;
  /** Runs the tree of seed slot s (see forwardInto / generalForwardInto); returns the prediction's offset. */
  forwardInto(ws: TreeWorkspace, s: number, params: Float64Array, po: number, tau: number, data: TrainData, guards: TapeGuards): number;
  /** ADDS the gradient of the last forward's loss into grad[go ..] (see backwardInto / generalBackwardInto). */
  backwardInto(ws: TreeWorkspace, s: number, tau: number, data: TrainData, guards: TapeGuards, lamInter: number, grad: Float64Array, go: number, lamCorr: number): void;
  /** Writes a run's start into params[po ..]. */
  initInto(start: StartSpec, params: Float64Array, po: number): void;
  /** Returns the ±k start parameters of a formula (a manual start). */
  embed(formula: Expr, varNames: readonly string[], k: number): Float64Array;
  /** Greedy single changes (and pairs, pairPasses) of a snapped vector; returns the number applied. */
  repairInto(snapped: Float64Array, so: number, ws: TreeWorkspace, s: number, tau: number, data: TrainData, guards: TapeGuards, passes: number, goal: number, pairPasses: number): number;
  /** Refits the constants a snapped vector uses (nothing for the paper's form). */
  polishConstantsInto(snapped: Float64Array, so: number, ws: TreeWorkspace, s: number, tau: number, data: TrainData, guards: TapeGuards, iterations: number): void;
  /** Returns the tree of a snapped vector. */
  snappedTree(params: Float64Array, po: number, varNames: readonly string[]): Expr;
}

function paperModel(L: MasterLayout): TreeModel {
  return {
    layout: L,
    logits: L.params,
    createWorkspace: (n, seeds, simd = false) => createTapeWorkspace(L, n, seeds, simd),
    forwardInto: (ws, s, params, po, tau, data, guards) => forwardInto(ws as TapeWorkspace, s, params, po, tau, data, guards),
    backwardInto: (ws, s, tau, data, guards, lamInter, grad, go, lamCorr) => backwardInto(ws as TapeWorkspace, s, tau, data, guards, lamInter, grad, go, lamCorr),
    initInto(start, params, po) {
      if (start.strategy === 'manual') {
        if (!start.manualBase) throw new Error('train: strategy manual needs a start formula');
        if (start.torch) torchManualInitInto(L, start.manualBase, start.initNoise, start.seed, params, po);
        else manualInitInto(start.manualBase, start.initNoise, runRng(start.seed, start.attempt), params, po);
      } else if (start.torch) torchRandomInitInto(L, start.strategy, start.seed, start.initScale, params, po);
      else randomInitInto(L, start.strategy, runRng(start.seed, start.attempt), start.initScale, params, po);
    },
    embed: (formula, varNames, k) => embedTree(L, formula, varNames, k),
    repairInto: (snapped, so, ws, s, tau, data, guards, passes, goal, pairPasses) =>
      repairSnappedInto(L, snapped, so, ws as TapeWorkspace, s, tau, data, guards, passes, goal, pairPasses),
    polishConstantsInto: () => undefined,
    snappedTree: (params, po, varNames) => snappedTree(L, params, po, varNames),
  };
}

function generalModel(L: GeneralLayout): TreeModel {
  return {
    layout: L,
    logits: L.constOffset,
    createWorkspace: (n, seeds, simd = false) => createGeneralWorkspace(L, n, seeds, simd),
    forwardInto: (ws, s, params, po, tau, data, guards) => generalForwardInto(ws as GeneralWorkspace, s, params, po, tau, data, guards),
    backwardInto: (ws, s, tau, data, guards, lamInter, grad, go, lamCorr) => generalBackwardInto(ws as GeneralWorkspace, s, tau, data, guards, lamInter, grad, go, lamCorr),
    initInto(start, params, po) {
      const rng: Rng = runRng(start.seed, start.attempt);
      if (start.strategy === 'manual') {
        if (!start.manualBase) throw new Error('train: strategy manual needs a start formula');
        generalManualInitInto(L, start.manualBase, start.initNoise, rng, params, po);
      } else generalRandomInitInto(L, start.strategy, rng, start.initScale, start.constScale, params, po);
    },
    embed: (formula, varNames, k) => embedGeneralTree(L, formula, varNames, k),
    repairInto: (snapped, so, ws, s, tau, data, guards, passes, goal, pairPasses) =>
      repairGeneralInto(L, snapped, so, ws as GeneralWorkspace, s, tau, data, guards, passes, goal, pairPasses),
    polishConstantsInto: (snapped, so, ws, s, tau, data, guards, iterations) => {
      polishConstantsInto(L, snapped, so, ws as GeneralWorkspace, s, tau, data, guards, iterations);
    },
    snappedTree: (params, po, varNames) => generalSnappedTree(L, params, po, varNames),
  };
}

/** Returns the model of a layout (the paper's form or the general one). */
export function treeModel(layout: TreeLayout): TreeModel {
  return layout.kind === 'general' ? generalModel(layout) : paperModel(layout);
}
