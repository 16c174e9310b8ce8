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

import type { Assessed } from './assess';
import { type DiscoverData, DiscoverDataError, prepareData } from './data';
import type { DiscoverEngine } from './engine';
import { EmlEngine } from './emlEngine';
import { CALCULATOR_BASIS, type EnumerationBasis, EnumerationEngine } from './enumerationEngine';
import { type DiscoveredFormula, Measurements, type Summary } from './measurements';
import type { Model } from './model';
import { type NoiseSpec, noiseModel } from './noise';
import { probeTarget } from './probeScan';
import { TrainerEngine } from './trainerEngine';

export type { DiscoveredFormula } from './measurements';

/** The engines a discovery can run. */
export const ENGINES = ['calculator', 'constant', 'eml', 'trainer'] as const;
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
  /** Called after every step with the models it measured (to stream them to another thread). */
  readonly onModels?: (measured: readonly Assessed[]) => void;
  /** The smallest exact K found by any search sharing it (see searchModels). */
  readonly sharedExactK?: { read(): number; write(K: number): void };
  /** With onProgress: re-rank and send the front at most this often (milliseconds); default never (only at the end). */
  readonly liveEveryMs?: number;
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
  readonly engines: EngineReport[];
  /** Candidates measured on all rows. */
  readonly candidates: number;
  /** Candidates whose EML tree did not reproduce their formula on the data (left out). */
  readonly rejected: number;
  /** Candidates left out because a part of them acts as a constant on the data (reducible.ts). */
  readonly reducible: number;
  readonly stop: DiscoverStop;
  readonly ms: number;
}

const WEIGHTS: Readonly<Record<EngineName, number>> = { calculator: 1, constant: 0.6, eml: 1, trainer: 0.5 };
const MEMORY_SHARE: Readonly<Record<EngineName, number>> = { calculator: 0.4, constant: 0.15, eml: 0.45, trainer: 0 };
const PARAM_GRID = [-2, -1, -0.5, 0.5, 1, 1.5, 2, 3];

/** Returns the formulas that explain the data best: a Pareto front of EML size against error, and the best by score. */
export function discover(opts: DiscoverOptions): DiscoverReport {
  const t0 = opts.now();
  const search = searchModels(opts);
  const final = search.measurements.summarize(true);
  opts.onProgress?.({ elapsedMs: opts.now() - t0, engine: 'rank', note: `ranked ${final.ranked} formulas`, candidates: search.measurements.assessed.length, best: final.best, front: final.front });
  return report(search.measurements, final, search.engines, search.stop, opts.now() - t0);
}

/** What a search left: its measurements (every model assessed), the engines' reports and why it ended. */
export interface SearchOutcome {
  readonly measurements: Measurements;
  readonly engines: EngineReport[];
  readonly stop: DiscoverStop;
}

/** A search engine's part of a report. */
export interface EngineReport { readonly name: string; readonly steps: number; readonly ms: number; readonly reached: string }

/** Checks the options and returns the prepared data, its noise model and the measurements to fill. */
function begin(opts: DiscoverOptions): Measurements {
  if (!(opts.timeLimitMs > 0 && Number.isFinite(opts.timeLimitMs))) throw new DiscoverDataError(`the time limit must be a positive number of seconds, got ${opts.timeLimitMs / 1000}`);
  if (opts.maxK !== undefined && (!Number.isInteger(opts.maxK) || opts.maxK < 1 || opts.maxK > 99999)) throw new DiscoverDataError(`max K must be an integer from 1 to 99999, got ${opts.maxK}`);
  const noiseSpec = opts.noise ?? { kind: 'auto' };
  if (noiseSpec.kind === 'given' && !(noiseSpec.sigma >= 0 && Number.isFinite(noiseSpec.sigma))) throw new DiscoverDataError(`the noise level must be a finite number ≥ 0, got ${noiseSpec.sigma}`);
  const d = prepareData(opts.data, { seed: opts.seed ?? 1 });
  return new Measurements(d, noiseModel(d.train, d.targetRms, noiseSpec), opts.maxK ?? Infinity);
}

/**
 * Runs the engines' schedule (see the header) and measures what they find; returns the measurements unranked.
 * With `sharedExactK`, several searches over the same data (threads running different engines) tell each other
 * the smallest exact K found, so each stops as soon as none of its engines can do better.
 */
export function searchModels(opts: DiscoverOptions): SearchOutcome {
  const now = opts.now;
  const t0 = now();
  const measured = begin(opts);
  const d = measured.d, noise = measured.noise;
  const deadline = t0 + opts.timeLimitMs;
  let cancelled = false;
  const shouldStop = (): boolean => {
    if (opts.shouldStop?.()) { cancelled = true; return true; }
    return now() > deadline;
  };
  const maxBytes = opts.maxBytes ?? 2 * 1024 ** 3;
  const basis = opts.basis ?? CALCULATOR_BASIS;
  const wanted = opts.engines ?? ENGINES;
  const share = Math.max(1e-9, wanted.reduce((s, n) => s + MEMORY_SHARE[n], 0));
  const engines: Array<{ name: EngineName; engine: DiscoverEngine; ms: number; steps: number }> = [];
  for (const name of wanted) {
    const budget = (maxBytes * MEMORY_SHARE[name]) / share;
    let engine: DiscoverEngine;
    if (name === 'calculator') engine = new EnumerationEngine(d, { name, basis, target: probeTarget(d, noise, 6), maxK: 12, maxBytes: budget, now });
    else if (name === 'constant') engine = new EnumerationEngine(d, { name, basis, target: probeTarget(d, noise, 4), paramGrid: PARAM_GRID, maxK: 7, maxBytes: budget, now });
    else if (name === 'eml') engine = new EmlEngine(d, { target: probeTarget(d, noise, 4), maxK: Math.min(opts.maxK ?? 45, 45), maxBytes: budget, now });
    else engine = new TrainerEngine(d, { starts: () => measured.nearMisses(), now });
    engines.push({ name, engine, ms: 0, steps: 0 });
  }

  const stepsAfterExact = new Map<string, number>();
  const exactK = (): number => Math.min(measured.exactK, opts.sharedExactK?.read() ?? Infinity);
  const quick = opts.stopWhenExact !== false;
  let lastLive = -Infinity;
  /** After an exact find an engine continues only while it may find a shorter one (one more step when it cannot tell). */
  const mayContinue = (e: (typeof engines)[number]): boolean => {
    const k0 = exactK();
    if (!quick || k0 === Infinity) return true;
    const k = e.engine.nextEmlK?.();
    return k !== undefined ? k < k0 : (stepsAfterExact.get(e.name) ?? 0) < 1;
  };
  const failed = new Map<EngineName, string>();
  let stop: DiscoverStop;
  for (;;) {
    if (shouldStop()) { stop = cancelled ? { kind: 'cancelled' } : { kind: 'timeLimit', ms: opts.timeLimitMs }; break; }
    const left = deadline - now();
    const open = engines.filter((e) => !e.engine.done && !failed.has(e.name) && mayContinue(e));
    const ready = open.filter((e) => e.engine.nextCost() <= left);
    if (ready.length === 0) {
      stop = exactK() < Infinity && quick && open.length === 0 ? { kind: 'exact', afterMs: now() - t0 }
        : engines.every((e) => e.engine.done || failed.has(e.name)) ? { kind: 'exhausted' } : { kind: 'timeLimit', ms: opts.timeLimitMs };
      break;
    }
    ready.sort((a, b) => a.ms / WEIGHTS[a.name] - b.ms / WEIGHTS[b.name]);
    const e = ready[0]!;
    const hadExact = exactK() < Infinity;
    const s0 = now();
    let result: ReturnType<DiscoverEngine['step']>;
    try {
      result = e.engine.step(shouldStop);
    } catch (err) {
      // an engine that cannot go on with these data (e.g. a numeric limit) stops; the others go on
      failed.set(e.name, (err as Error).message);
      e.ms += now() - s0;
      continue;
    }
    e.ms += now() - s0;
    e.steps++;
    if (hadExact) stepsAfterExact.set(e.name, (stepsAfterExact.get(e.name) ?? 0) + 1);
    const origin: Model['origin'] = e.name;
    const found: Assessed[] = [];
    for (const b of result.bases) found.push(...measured.considerBase(b, origin));
    for (const m of result.models) { const a = measured.consider(m); if (a) found.push(a); }
    if (measured.exactK < Infinity) opts.sharedExactK?.write(measured.exactK);
    opts.onModels?.(found);
    if (opts.onProgress) {
      // the live front: re-ranked at most every liveEveryMs (ranking compiles trees; the final one also snaps)
      let live: Summary | null = null;
      if (opts.liveEveryMs !== undefined && now() - lastLive >= opts.liveEveryMs && measured.assessed.length > 0) {
        live = measured.summarize(false);
        lastLive = now();
      }
      opts.onProgress({ elapsedMs: now() - t0, engine: e.name, note: result.note, candidates: measured.assessed.length, best: live?.best ?? null, ...(live ? { front: live.front } : {}) });
    }
  }
  return { measurements: measured, engines: engines.map((e) => ({ name: e.name, steps: e.steps, ms: e.ms, reached: failed.has(e.name) ? `${e.engine.reached}, then stopped: ${failed.get(e.name)}` : e.engine.reached })), stop };
}

/**
 * Ranks models found elsewhere (other threads or machines running searchModels over the same data and options):
 * measures each again here and returns the report a single search would have given for them.
 */
export function rankModels(opts: DiscoverOptions, models: readonly Model[], engines: EngineReport[], stop: DiscoverStop, ms: number): DiscoverReport {
  const measured = begin(opts);
  for (const m of models) measured.consider(m);
  return report(measured, measured.summarize(true), engines, stop, ms);
}

function report(m: Measurements, s: Summary, engines: EngineReport[], stop: DiscoverStop, ms: number): DiscoverReport {
  const d = m.d;
  return {
    best: s.best, front: s.front,
    rows: { total: d.data.target.length, train: d.train.rows, heldOut: d.heldOut.rows, probes: d.probeRows.length },
    noise: { kind: m.noise.spec.kind, sigma: m.noise.sigma, floor: s.floor },
    engines, candidates: m.assessed.length, rejected: s.rejected, reducible: s.reducible, stop, ms,
  };
}
