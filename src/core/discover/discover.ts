// discover(): data → formula (start here). The table of contents:
//   prepareData      check the columns, split training / held-out rows, pick spread-out probe rows;
//   noiseModel       the noise level (given, or estimated from nearest neighbours);
//   engines          exhaustive enumerations over the data — the calculator basis, the same with a fitted
//                    parameter leaf (ESR-style skeletons), and pure EML trees with meet-in-the-middle matching;
//   schedule         step the engine that has had the least time for its weight, while its predicted next
//                    step fits the time left; every base a step returns is tried with four output maps
//                    (T, a·T, T + b, a·T + b, fitted in closed form) and measured on all rows;
//   snapConstants    fitted constants of the best models to closed forms, kept only within the noise;
//   rank             the description-length score (assess.ts), the Pareto front of K against error, and
//                    for every entry its EML tree, conventional formula and LaTeX, checked to agree.
// Pure: no I/O; the clock and the stop flag are arguments.

import { type Expr, size } from '../expr';
import { parseInfix, printEml, printInfix, printLatex } from '../syntax';
import { type Assessed, type CriterionScale, type Ranked, assessModel, noiseFloor, paretoFront, rankAssessed } from './assess';
import { conventionalFormula } from './conventional';
import { type DiscoverData, DiscoverDataError, type PreparedData, prepareData } from './data';
import type { DiscoverEngine } from './engine';
import { EmlEngine } from './emlEngine';
import { CALCULATOR_BASIS, type EnumerationBasis, EnumerationEngine } from './enumerationEngine';
import { refitConstants } from './fitConstants';
import { type AffineKind, type Model, agreeOnRows, emlWithNumericLeaves, evaluateRows, exactFormula, fitAffine, numericFormula, wrapAffine } from './model';
import { type NoiseModel, type NoiseSpec, noiseModel } from './noise';
import { probeTarget } from './probeScan';
import { insignificantPart } from './reducible';
import { closedFormsNear } from './snap';

/** The engines a discovery can run. */
export const ENGINES = ['calculator', 'constant', 'eml'] as const;
export type EngineName = (typeof ENGINES)[number];

export interface DiscoverOptions {
  readonly data: DiscoverData;
  /** Noise level: estimated from the data (default) or given. */
  readonly noise?: NoiseSpec;
  /** Time limit in milliseconds of `now` (> 0). */
  readonly timeLimitMs: number;
  /** Clock in milliseconds. */
  readonly now: () => number;
  /** Polled in long loops; true stops the discovery (it returns what it has). */
  readonly shouldStop?: () => boolean;
  /** Engines to run (default all). */
  readonly engines?: readonly EngineName[];
  /** Largest EML size K of a reported formula; also bounds the EML search (default: no limit; the EML search stops at 45). */
  readonly maxK?: number;
  /** Memory budget of the enumerations in bytes (default 2 GiB, shared by the engines). */
  readonly maxBytes?: number;
  /** Operators and constant leaves of the enumerations (default CALCULATOR_BASIS). */
  readonly basis?: EnumerationBasis;
  /** Seed of the training / held-out split (default 1). */
  readonly seed?: number;
  /** Stop once an exact-within-noise formula is found and every engine has made one more step (default true). */
  readonly stopWhenExact?: boolean;
  readonly onProgress?: (p: DiscoverProgress) => void;
  /** With onProgress: re-rank and send the front at most this often (milliseconds); default never (only at the end). */
  readonly liveEveryMs?: number;
}

/** One reported formula. */
export interface DiscoveredFormula {
  /** Size of the EML tree (numeric leaves count one token each). */
  readonly K: number;
  /** The EML tree over 1, the inputs and decimal constants. */
  readonly eml: string;
  /** Conventional formula (infix: + − * / ^, exp, ln, sqrt, …, numbers and exact constants). */
  readonly formula: string;
  readonly latex: string;
  /** Training RMSE. */
  readonly rmse: number;
  readonly heldOutRmse: number;
  /** R² over all rows. */
  readonly r2: number;
  readonly maxError: number;
  /** The residuals are consistent with the noise (see noise.ts), on training and held-out rows. */
  readonly exactWithinNoise: boolean;
  /** Why (or why not) exact within noise. */
  readonly noiseVerdict: string;
  /** Fitted constants (after snapping: the ones left numeric). */
  readonly constants: number;
  readonly origin: Model['origin'];
  /** Description-length score (lower is better). */
  readonly score: number;
}

export interface DiscoverProgress {
  readonly elapsedMs: number;
  readonly engine: string;
  readonly note: string;
  /** Candidates measured so far. */
  readonly candidates: number;
  /** The best formula so far (by score), when any (only on events that carry a live front). */
  readonly best: DiscoveredFormula | null;
  /** The front so far (see DiscoverOptions.liveEveryMs), sorted by K; absent on events without a re-ranking. */
  readonly front?: DiscoveredFormula[];
}

/** Why the discovery ended. */
export type DiscoverStop =
  | { readonly kind: 'exact'; readonly afterMs: number }
  | { readonly kind: 'timeLimit'; readonly ms: number }
  | { readonly kind: 'exhausted' }
  | { readonly kind: 'cancelled' };

export interface DiscoverReport {
  readonly best: DiscoveredFormula | null;
  /** Pareto front of K against training RMSE, sorted by K (the best is always included). */
  readonly front: DiscoveredFormula[];
  readonly rows: { readonly total: number; readonly train: number; readonly heldOut: number; readonly probes: number };
  readonly noise: { readonly kind: NoiseSpec['kind']; readonly sigma: number; readonly floor: number };
  readonly engines: Array<{ readonly name: string; readonly steps: number; readonly ms: number; readonly reached: string }>;
  /** Candidates measured on all rows. */
  readonly candidates: number;
  /** Candidates whose EML tree did not reproduce their formula on the data (left out). */
  readonly rejected: number;
  /** Candidates left out because a part of them acts as a constant on the data (reducible.ts). */
  readonly reducible: number;
  readonly stop: DiscoverStop;
  readonly ms: number;
}

const WEIGHTS: Readonly<Record<EngineName, number>> = { calculator: 1, constant: 0.6, eml: 1 };
const MEMORY_SHARE: Readonly<Record<EngineName, number>> = { calculator: 0.4, constant: 0.15, eml: 0.45 };
const PARAM_GRID = [-2, -1, -0.5, 0.5, 1, 1.5, 2, 3];
const AFFINE_KINDS: readonly AffineKind[] = ['identity', 'scale', 'shift', 'full'];
/** Formulas checked and formatted at most, best scores first (the front is drawn from them). */
const MAX_ENTRIES = 60;

/** Returns the formulas that explain the data best: a Pareto front of EML size against error, and the best by score. */
export function discover(opts: DiscoverOptions): DiscoverReport {
  const now = opts.now;
  const t0 = now();
  if (!(opts.timeLimitMs > 0 && Number.isFinite(opts.timeLimitMs))) throw new DiscoverDataError(`the time limit must be a positive number of seconds, got ${opts.timeLimitMs / 1000}`);
  const maxK = opts.maxK ?? Infinity;
  if (opts.maxK !== undefined && (!Number.isInteger(maxK) || maxK < 1 || maxK > 99999)) throw new DiscoverDataError(`max K must be an integer from 1 to 99999, got ${maxK}`);
  const noiseSpec = opts.noise ?? { kind: 'auto' };
  if (noiseSpec.kind === 'given' && !(noiseSpec.sigma >= 0 && Number.isFinite(noiseSpec.sigma))) throw new DiscoverDataError(`the noise level must be a finite number ≥ 0, got ${noiseSpec.sigma}`);
  const d = prepareData(opts.data, { seed: opts.seed ?? 1 });
  const noise = noiseModel(d.train, d.targetRms, noiseSpec);
  const deadline = t0 + opts.timeLimitMs;
  let cancelled = false;
  const shouldStop = (): boolean => {
    if (opts.shouldStop?.()) { cancelled = true; return true; }
    return now() > deadline;
  };
  const maxBytes = opts.maxBytes ?? 2 * 1024 ** 3;
  const basis = opts.basis ?? CALCULATOR_BASIS;
  const wanted = opts.engines ?? ENGINES;
  const engines: Array<{ name: EngineName; engine: DiscoverEngine; ms: number; steps: number }> = [];
  for (const name of wanted) {
    const budget = maxBytes * MEMORY_SHARE[name];
    let engine: DiscoverEngine;
    if (name === 'calculator') engine = new EnumerationEngine(d, { name, basis, target: probeTarget(d, noise, 6), maxK: 12, maxBytes: budget, now });
    else if (name === 'constant') engine = new EnumerationEngine(d, { name, basis, target: probeTarget(d, noise, 4), paramGrid: PARAM_GRID, maxK: 7, maxBytes: budget, now });
    else engine = new EmlEngine(d, { target: probeTarget(d, noise, 4), maxK: Math.min(maxK, 45), maxBytes: budget, now });
    engines.push({ name, engine, ms: 0, steps: 0 });
  }

  const names = d.data.names;
  const assessed: Assessed[] = [];
  const seen = new Set<string>();
  // after the first exact-within-noise find: the smallest K of an exact model, and each engine's steps since
  let exactK = Infinity;
  const stepsAfterExact = new Map<string, number>();
  let stop: DiscoverStop | null = null;

  const consider = (m: Model): void => {
    const key = `${printInfix(m.structure)}|${m.constants.map((c) => c.value.toPrecision(10)).join(',')}`;
    if (seen.has(key)) return;
    seen.add(key);
    const a = assessModel(m, d, noise);
    if (!a) return;
    assessed.push(a);
    if (a.verdict.exact) {
      try {
        exactK = Math.min(exactK, size(emlWithNumericLeaves(a.numeric)));
      } catch {
        // not compilable: it cannot be reported either
      }
    }
  };
  const considerBase = (base: Expr, origin: Model['origin']): void => {
    const v = evaluateRows(base, names, d.train);
    if (v.undefinedCount > 0) return;
    for (const kind of AFFINE_KINDS) {
      const fit = fitAffine(v.re, v.im, d.train.target, kind);
      if (!fit) continue;
      const { structure, constants } = wrapAffine(base, kind, fit, 0);
      consider({ structure, constants, origin });
    }
  };
  const quick = opts.stopWhenExact !== false;
  let lastLive = -Infinity;
  /** After an exact find an engine continues only while it may find a shorter one (one more step when it cannot tell). */
  const mayContinue = (e: (typeof engines)[number]): boolean => {
    if (!quick || exactK === Infinity) return true;
    const k = e.engine.nextEmlK?.();
    return k !== undefined ? k < exactK : (stepsAfterExact.get(e.name) ?? 0) < 1;
  };

  for (;;) {
    if (shouldStop()) { stop = cancelled ? { kind: 'cancelled' } : { kind: 'timeLimit', ms: opts.timeLimitMs }; break; }
    const left = deadline - now();
    const open = engines.filter((e) => !e.engine.done && mayContinue(e));
    const ready = open.filter((e) => e.engine.nextCost() <= left);
    if (ready.length === 0) {
      stop = exactK < Infinity && quick && open.length === 0 ? { kind: 'exact', afterMs: now() - t0 }
        : engines.every((e) => e.engine.done) ? { kind: 'exhausted' } : { kind: 'timeLimit', ms: opts.timeLimitMs };
      break;
    }
    ready.sort((a, b) => a.ms / WEIGHTS[a.name] - b.ms / WEIGHTS[b.name]);
    const e = ready[0]!;
    const hadExact = exactK < Infinity;
    const s0 = now();
    const result = e.engine.step(shouldStop);
    e.ms += now() - s0;
    e.steps++;
    if (hadExact) stepsAfterExact.set(e.name, (stepsAfterExact.get(e.name) ?? 0) + 1);
    const origin: Model['origin'] = e.name === 'eml' ? 'eml' : e.name === 'constant' ? 'constant' : 'calculator';
    for (const b of result.bases) considerBase(b, origin);
    for (const m of result.models) consider(m);
    if (opts.onProgress) {
      // the live front: re-ranked at most every liveEveryMs (ranking compiles trees; the final one also snaps)
      let live: { best: DiscoveredFormula | null; front: DiscoveredFormula[] } | null = null;
      if (opts.liveEveryMs !== undefined && now() - lastLive >= opts.liveEveryMs && assessed.length > 0) {
        live = summarize(assessed, false);
        lastLive = now();
      }
      opts.onProgress({ elapsedMs: now() - t0, engine: e.name, note: result.note, candidates: assessed.length, best: live?.best ?? null, ...(live ? { front: live.front } : {}) });
    }
  }

  const final = summarize(assessed, true);
  opts.onProgress?.({ elapsedMs: now() - t0, engine: 'rank', note: `ranked ${final.ranked} formulas`, candidates: assessed.length, best: final.best, front: final.front });
  return {
    best: final.best, front: final.front,
    rows: { total: d.data.target.length, train: d.train.rows, heldOut: d.heldOut.rows, probes: d.probeRows.length },
    noise: { kind: noiseSpec.kind, sigma: noise.sigma, floor: final.floor },
    engines: engines.map((e) => ({ name: e.name, steps: e.steps, ms: e.ms, reached: e.engine.reached })),
    candidates: assessed.length, rejected: final.rejected, reducible: final.reducible, stop: stop ?? { kind: 'exhausted' }, ms: now() - t0,
  };

  /** Ranks what has been measured: K for the promising models, snaps (final only), the front and the best. */
  function summarize(list: readonly Assessed[], snap: boolean) {
    const floor = noiseFloor(noise, list);
    const scale: CriterionScale = { rows: d.train.rows, alphabet: 3 + names.length, variance: targetVariance(d), floor };
    let ranked = rankPromising(list, scale, floor);
    if (snap) ranked = snapConstants(ranked, d, noise, scale);
    let rejected = 0, reducible = 0;
    const entries: Array<{ r: Ranked; entry: DiscoveredFormula }> = [];
    for (const r of ranked.sort((a, b) => a.score - b.score)) {
      if (r.K > maxK) continue;
      if (entries.length >= MAX_ENTRIES) break;
      if (insignificantPart(r.numeric, names, d.train, floor)) { reducible++; continue; }
      const entry = toEntry(r, d);
      if (entry) entries.push({ r, entry }); else rejected++;
    }
    const front = paretoFront(entries.map((x) => x.r), floor).map((r) => entries.find((x) => x.r === r)!.entry);
    const best = entries[0]?.entry ?? null;
    if (best && !front.includes(best)) front.push(best);
    front.sort((a, b) => a.K - b.K || a.rmse - b.rmse);
    return { best, front, floor, rejected, reducible, ranked: ranked.length };
  }
}

function targetVariance(d: PreparedData): number {
  const y = d.data.target;
  let s = 0, ss = 0;
  for (const v of y) { s += v; ss += v * v; }
  const m = s / y.length;
  return Math.max(ss / y.length - m * m, Number.MIN_VALUE);
}

/** Ranks the models worth a K: every exact-within-noise one and the 300 smallest errors (EML trees are compiled here). */
const treeCache = new WeakMap<Assessed, { tree: Expr; K: number }>();

function rankPromising(assessed: readonly Assessed[], scale: CriterionScale, floor: number): Ranked[] {
  const byError = [...assessed].sort((a, b) => Math.max(a.rmse, floor) - Math.max(b.rmse, floor) || a.model.constants.length - b.model.constants.length);
  const chosen = new Set<Assessed>(byError.slice(0, 300));
  for (const a of assessed) if (a.verdict.exact) chosen.add(a);
  const out: Ranked[] = [];
  for (const a of chosen) {
    try {
      out.push(rankAssessed(a, scale, treeCache));
    } catch {
      // a formula the compiler cannot lower (e.g. a constant too large to compile) is not reported
    }
  }
  return out;
}

/**
 * Tries to snap each fitted constant of the 40 best-scoring models that are exact within the noise to a closed form (snap.ts): the model is
 * refitted with that constant fixed and the snap is kept when the training RMSE grows by less than the noise
 * allows (and the exact-within-noise verdict, if it held, still holds).
 */
function snapConstants(ranked: Ranked[], d: PreparedData, noise: NoiseModel, scale: CriterionScale): Ranked[] {
  const order = [...ranked].sort((a, b) => a.score - b.score);
  const out = new Set(ranked);
  // a closed form claims the constant is exact: only models that are exact within the noise get one
  const chosen = order.filter((r) => r.verdict.exact).slice(0, 40);
  for (const r of chosen) {
    let current: Ranked = r;
    for (let k = 0; k < current.model.constants.length; k++) {
      const c = current.model.constants[k]!;
      if (c.exact) continue;
      for (const form of closedFormsNear(c.value)) {
        const fixed = current.model.constants.map((_, i) => i === k || current.model.constants[i]!.exact !== undefined);
        const trial: Model = { ...current.model, constants: current.model.constants.map((x, i) => (i === k ? { value: form.value, exact: form.expr } : x)) };
        const refit = refitConstants(trial, d, fixed);
        const a = assessModel(refit, d, noise);
        if (!a) continue;
        const allowance = Math.max(scale.floor, current.rmse) * (1 + 2 / Math.sqrt(Math.max(1, d.train.rows)));
        if (a.rmse <= allowance && a.verdict.exact) {
          current = rankAssessed(a, scale);
          break;
        }
      }
    }
    if (current !== r) { out.delete(r); out.add(current); }
  }
  return [...out];
}

/** Returns the reported form of a ranked model, or null when its EML tree does not reproduce it on the data. */
function toEntry(r: Ranked, d: PreparedData): DiscoveredFormula | null {
  const names = d.data.names;
  if (!agreeOnRows(r.tree, r.numeric, names, d.train) || !agreeOnRows(r.tree, r.numeric, names, d.heldOut)) return null;
  const exact = exactFormula(r.model);
  const conventional = conventionalFormula(exact, r.tree, names, d.train);
  let formula = printInfix(conventional);
  // the printed text must read back to a formula equal to the tree on every row
  if (!textAgrees(formula, r.tree, d)) {
    formula = printInfix(numericFormula(r.model));
    if (!textAgrees(formula, r.tree, d)) return null;
  }
  return {
    K: r.K, eml: printEml(r.tree, 'call', { numbers: true }), formula, latex: printLatex(parseInfix(formula)),
    rmse: r.rmse, heldOutRmse: r.heldOutRmse, r2: r.r2, maxError: r.maxError, exactWithinNoise: r.verdict.exact, noiseVerdict: r.verdict.reason,
    constants: r.model.constants.filter((c) => !c.exact).length, origin: r.model.origin, score: r.score,
  };
}

function textAgrees(text: string, tree: Expr, d: PreparedData): boolean {
  let parsed: Expr;
  try {
    parsed = parseInfix(text);
  } catch {
    return false;
  }
  return agreeOnRows(parsed, tree, d.data.names, d.train) && agreeOnRows(parsed, tree, d.data.names, d.heldOut);
}

