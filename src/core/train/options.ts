// Every knob of the trainer, with the reference trainer's defaults (paper §1.9) so that its protocol is
// reproduced when nothing is set. Improvements over the reference are options too, off by default.

/** Initialisation strategies (paper §1.6); 'all' expands to the first four, in this order. */
export type InitStrategy = 'biased' | 'uniform' | 'xy_biased' | 'random_hot' | 'manual';
export const RANDOM_STRATEGIES: readonly InitStrategy[] = ['biased', 'uniform', 'xy_biased', 'random_hot'];
export const INIT_CHOICES = ['biased', 'uniform', 'xy_biased', 'random_hot', 'all', 'manual'] as const;
export type InitChoice = (typeof INIT_CHOICES)[number];

/** The schedule, loss and success options of one training run. */
export interface TrainOptions {
  searchIters: number;
  hardeningIters: number;
  lr: number;
  tauSearch: number;
  tauHard: number;
  hardeningTauPower: number;
  hardeningLrFloor: number;
  patience: number;
  patienceThreshold: number;
  plateauRtol: number;
  lamEntHard: number;
  lamBinHard: number;
  lamInter: number;
  interThreshold: number;
  emlClamp: number;
  /** Exponent q of the uncertainty weights in H and B (the training loop uses 1). */
  uncertaintyPower: number;
  gradClip: number;
  evalEvery: number;
  tailEvalEvery: number;
  tailEvalTau: number;
  earlyStopCount: number;
  hardTriggerMse: number;
  hardTriggerCount: number;
  nanRestartPatience: number;
  maxNanRestarts: number;
  fitSuccessThr: number;
  successThr: number;
  snapThreshold: number;
  maxUncertainSuccess: number;
  lbfgsSteps: number;
  lbfgsLr: number;
  /**
   * 1 = run the paper form's nodes on the WebAssembly SIMD kernels (f64x2, vectorised exp/log/atan2 within 2 ulp of
   * Math.*) where the runtime has them; 0 = the scalar kernels. Results agree to rounding, not bit for bit.
   */
  simd: number;
  initScale: number;
  initK: number;
  initNoise: number;
  /**
   * Stream of the start logits: 1 = PyTorch's CPU stream after torch.manual_seed(seed), as the reference, so a
   * seed starts where the reference's run of that seed starts; 0 = the project's own mulberry32 stream.
   */
  torchRng: number;
  // ---- improvements (not in the reference; 0/false = the reference's behaviour)
  /**
   * Restarts: when the search phase's best soft loss has not reached `restartBelow` after `restartAfter`
   * iterations of this attempt, start again from a fresh random init (a new stream of the same seed) within the
   * same search budget. 0 = off.
   */
  restartAfter: number;
  restartBelow: number;
  /**
   * Gumbel noise: during search, each step is taken on logits perturbed by σ·Gumbel(0, 1) (leaves) and
   * σ·Logistic(0, 1) (gates), so soft mixtures that only fit at the mean are unstable. 0 = off.
   */
  gumbel: number;
  /** Redraw the start (a new attempt) when its first nanRestartPatience steps are all non-finite. 0 = off. */
  redrawNonFinite: number;
  /**
   * Discrete repair after snapping: up to this many greedy passes, each applying the single change of the
   * snapped tree (a leaf's choice or a gate) that lowers the training MSE most. 0 = off (the reference).
   */
  repair: number;
  /**
   * Pair passes of repair: when no single change lowers the MSE, up to this many times apply the best pair of
   * changes (every change followed by every change visible after it, e.g. a gate opened and the leaf below it
   * set). Counted within `repair`'s passes. 0 = off.
   */
  repairPairs: number;
  /**
   * Shape penalty λ·(1 − corr(Re pred, target)) during search: zero at an exact fit, and unlike the MSE it does
   * not fade when the prediction is nearly constant (corr is scale-free), so a run sitting on a constant keeps
   * being pushed towards the target's shape. 0 = off (the reference).
   */
  lamCorr: number;
  /**
   * Search on every k-th training point (k = this value; points 0, k, 2k, … in their order: on the paper's
   * row-major 21 × 21 grid k = 3 keeps 7 y-values at each of the 21 x-values, k = 2 or 4 a lattice shifted row by
   * row). Hardening, every evaluation, the snapshot choice and the success rule use all points. 1 = all points
   * (the reference).
   */
  searchStride: number;
  // ---- the general master tree (no effect on the paper's form, which has no constants)
  /** Spread σ of the random starts' constants: 1 + σ·N(0, 1). */
  constScale: number;
  /**
   * Levenberg–Marquardt iterations on the constants a snapped general tree uses (its structure fixed), after
   * snapping and again after repair; kept only when the training MSE drops. 0 = off.
   */
  constPolish: number;
}

/** The reference trainer's defaults (tree_prototype_torch_v16_final.py argparse). */
export const DEFAULT_TRAIN_OPTIONS: Readonly<TrainOptions> = Object.freeze({
  searchIters: 6000,
  hardeningIters: 2000,
  lr: 0.01,
  tauSearch: 2.5,
  tauHard: 0.01,
  hardeningTauPower: 2,
  hardeningLrFloor: 0.01,
  patience: 4200,
  patienceThreshold: 1e-2,
  plateauRtol: 1e-3,
  lamEntHard: 2e-2,
  lamBinHard: 2e-2,
  lamInter: 1e-4,
  interThreshold: 50,
  emlClamp: 1e300,
  uncertaintyPower: 1,
  gradClip: 1,
  evalEvery: 200,
  tailEvalEvery: 50,
  tailEvalTau: 0.2,
  earlyStopCount: 10,
  hardTriggerMse: 1e-20,
  hardTriggerCount: 3,
  nanRestartPatience: 50,
  maxNanRestarts: 100,
  fitSuccessThr: 1e-6,
  successThr: 1e-20,
  snapThreshold: 0.01,
  maxUncertainSuccess: 0,
  lbfgsSteps: 0,
  lbfgsLr: 0.6,
  simd: 1,
  initScale: 1,
  initK: 32,
  initNoise: 0,
  torchRng: 1,
  restartAfter: 0,
  restartBelow: 1e-2,
  gumbel: 0,
  redrawNonFinite: 0,
  repair: 0,
  repairPairs: 0,
  lamCorr: 0,
  searchStride: 1,
  constScale: 0.5,
  constPolish: 30,
});

/** Returns the defaults overridden by `o`, after checking every value; throws naming the bad option. */
export function resolveTrainOptions(o: Partial<TrainOptions> = {}): TrainOptions {
  const r: TrainOptions = { ...DEFAULT_TRAIN_OPTIONS, ...o };
  const nonNegInt: Array<keyof TrainOptions> = ['searchIters', 'hardeningIters', 'patience', 'evalEvery', 'tailEvalEvery', 'earlyStopCount',
    'hardTriggerCount', 'nanRestartPatience', 'maxNanRestarts', 'maxUncertainSuccess', 'lbfgsSteps', 'restartAfter', 'repair', 'repairPairs', 'searchStride',
    'constPolish'];
  for (const k of nonNegInt) {
    const v = r[k] as number;
    if (!Number.isInteger(v) || v < 0 || v > 1e8) throw new Error(`train: option ${k} must be an integer from 0 to 1e8, got ${v}`);
  }
  for (const k of Object.keys(r) as Array<keyof TrainOptions>) {
    const v = r[k] as number;
    if (typeof v !== 'number' || Number.isNaN(v)) throw new Error(`train: option ${k} must be a number, got ${String(v)}`);
  }
  const positive: Array<keyof TrainOptions> = ['searchStride', 'lr', 'tauSearch', 'tauHard', 'emlClamp', 'gradClip', 'evalEvery', 'tailEvalEvery', 'initK', 'lbfgsLr'];
  for (const k of positive) if (!((r[k] as number) > 0)) throw new Error(`train: option ${k} must be positive, got ${r[k]}`);
  if (r.searchIters + r.hardeningIters < 1) throw new Error('train: the iteration budget (search + hardening) must be at least 1');
  if (r.simd !== 0 && r.simd !== 1) throw new Error(`train: option simd must be 0 or 1, got ${r.simd}`);
  if (r.torchRng !== 0 && r.torchRng !== 1) throw new Error(`train: option torchRng must be 0 or 1, got ${r.torchRng}`);
  if (!(r.constScale >= 0 && Number.isFinite(r.constScale))) throw new Error(`train: option constScale must be a finite number ≥ 0, got ${r.constScale}`);
  if (r.snapThreshold <= 0 || r.snapThreshold >= 0.5) throw new Error(`train: snapThreshold must lie in (0, 0.5), got ${r.snapThreshold}`);
  return r;
}

/**
 * Defaults of a fit beyond the trainer options, the reference trainer's (--init-strategy all, --seeds 8,
 * --seed0 137), and the share of a dataset's rows held out. The one source of `emlw fit`, the hosts' fit
 * requests and the Fit view.
 */
export const FIT_DEFAULTS: Readonly<{ init: InitChoice; seeds: number; seed0: number; testFraction: number }> = Object.freeze({
  init: 'all',
  seeds: 8,
  seed0: 137,
  testFraction: 0.2,
});

/** The trainer options by what they control (every option in exactly one group; help texts list them so). */
export const TRAIN_OPTION_GROUPS: ReadonlyArray<{ readonly title: string; readonly keys: ReadonlyArray<keyof TrainOptions> }> = [
  { title: 'schedule', keys: ['searchIters', 'hardeningIters', 'lr', 'tauSearch', 'tauHard', 'hardeningTauPower', 'hardeningLrFloor', 'gradClip'] },
  { title: 'stopping', keys: ['patience', 'patienceThreshold', 'plateauRtol', 'earlyStopCount', 'hardTriggerMse', 'hardTriggerCount'] },
  { title: 'penalties', keys: ['lamEntHard', 'lamBinHard', 'lamInter', 'interThreshold', 'uncertaintyPower'] },
  { title: 'evaluation', keys: ['evalEvery', 'tailEvalEvery', 'tailEvalTau'] },
  { title: 'success', keys: ['snapThreshold', 'fitSuccessThr', 'successThr', 'maxUncertainSuccess'] },
  { title: 'numerics', keys: ['emlClamp', 'nanRestartPatience', 'maxNanRestarts', 'lbfgsSteps', 'lbfgsLr', 'simd'] },
  { title: 'start', keys: ['initScale', 'initK', 'initNoise', 'torchRng'] },
  { title: 'improvements', keys: ['restartAfter', 'restartBelow', 'gumbel', 'redrawNonFinite', 'repair', 'repairPairs', 'lamCorr', 'searchStride'] },
  { title: 'general form', keys: ['constScale', 'constPolish'] },
];

/** The name of an option everywhere a user types or reads it: its key in kebab case (hardTriggerCount → hard-trigger-count); on the command line --hard-trigger-count. */
export function optionFlag(k: keyof TrainOptions): string {
  return k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

const OPTION_BY_NAME: ReadonlyMap<string, keyof TrainOptions> = new Map(
  (Object.keys(DEFAULT_TRAIN_OPTIONS) as Array<keyof TrainOptions>).flatMap((k) => [[optionFlag(k), k], [k, k]] as const),
);

/** Returns the option named `name` (its flag name, hard-trigger-count, or its key, hardTriggerCount), or undefined. */
export function optionKey(name: string): keyof TrainOptions | undefined {
  return OPTION_BY_NAME.get(name);
}

/** Parses "name=value, name=value" (names as optionFlag writes them) into trainer options; throws naming the bad part. */
export function parseOptionText(text: string): Partial<TrainOptions> {
  const out: Partial<TrainOptions> = {};
  for (const part of text.split(/[,;\s]+/).filter(Boolean)) {
    const m = /^([A-Za-z][\w-]*)=(.*)$/.exec(part);
    if (!m) throw new Error(`“${part}” is not name=value (e.g. hard-trigger-count=5)`);
    const key = optionKey(m[1]!);
    if (!key) throw new Error(`“${m[1]}” is not a trainer option (options: ${Object.keys(DEFAULT_TRAIN_OPTIONS).map((k) => optionFlag(k as keyof TrainOptions)).join(', ')})`);
    const v = m[2]!.trim() === '' ? NaN : Number(m[2]);
    if (!Number.isFinite(v)) throw new Error(`${m[1]}: “${m[2]}” is not a number`);
    out[key] = v;
  }
  return out;
}
