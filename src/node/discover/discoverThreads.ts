// discover() on several threads: the engines are split over worker threads (the enumerations in one, the pure
// EML search in another), each searches the same data for the same time, they share the smallest exact K found,
// and this thread ranks every model they stream back (core rankModels), so the report is what one search of
// all the engines would give for those models. One thread (or one engine) runs in this thread instead. With a
// queue, each engine group runs on a queue worker (cluster/discoverRun.ts) and this thread ranks the results.

import { type DiscoverOptions, type DiscoverReport, type DiscoverStop, type EngineName, type EngineReport, ENGINES, discover, rankModels } from '../../core/discover/discover';
import { Measurements } from '../../core/discover/measurements';
import { prepareData } from '../../core/discover/data';
import { modelFromJson } from '../../core/discover/modelJson';
import { noiseModel } from '../../core/discover/noise';
import type { Model } from '../../core/discover/model';
import type { ClusterReport } from '../../shared/cluster';
import type { QueueUrl } from '../cluster/queueUrl';
import { runOnQueue } from '../cluster/submitRuns';
import { JobStopped, type RunOptions, runWorker } from '../jobs/runWorker';
import { type DiscoverSearchInput, type DiscoverSearchOutput, type DiscoverSearchProgress, NO_EXACT } from './searchProtocol';

/** Returns the engine groups for `threads` threads (at most one group per engine kind that splits well). */
export function engineGroups(engines: readonly EngineName[], threads: number): EngineName[][] {
  if (threads <= 1 || engines.length <= 1) return [engines.slice()];
  const trainer = engines.includes('trainer');
  const eml = engines.filter((e) => e === 'eml');
  const rest = engines.filter((e) => e !== 'eml' && e !== 'trainer');
  let groups: EngineName[][];
  if (eml.length === 0) groups = rest.length >= 2 ? [rest.slice(0, 1), rest.slice(1)] : [rest];
  else if (rest.length === 0) groups = [eml];
  else groups = threads >= 3 && rest.length >= 2 ? [eml, rest.slice(0, 1), rest.slice(1)] : [eml, rest];
  groups = groups.filter((g) => g.length > 0);
  if (trainer) {
    // the trainer starts from the calculator's near misses: it runs in that engine's thread
    const home = groups.find((g) => g.includes('calculator')) ?? groups[groups.length - 1];
    if (home) home.push('trainer'); else groups.push(['trainer']);
  }
  return groups;
}

/** Options of a threaded discovery: the core options (the clock is this thread's) and the threads. */
export interface ThreadedDiscoverOptions extends Omit<DiscoverOptions, 'onModels' | 'sharedExactK'> {
  /** Worker threads (default 2; 1 runs in this thread). */
  readonly threads?: number;
  /** Cancels the workers. */
  readonly signal?: AbortSignal;
  /** Runs each engine group on a worker of this Redis queue instead of a local thread (see cluster/discoverRun.ts). */
  readonly queue?: QueueUrl;
  /** Notes for the user from the queue (no worker yet, a lost connection). */
  readonly onNote?: (text: string) => void;
}

function combineStops(stops: readonly DiscoverStop[], ms: number): DiscoverStop {
  if (stops.some((s) => s.kind === 'cancelled')) return { kind: 'cancelled' };
  const t = stops.find((s) => s.kind === 'timeLimit');
  if (t) return t;
  if (stops.some((s) => s.kind === 'exact')) return { kind: 'exact', afterMs: ms };
  return { kind: 'exhausted' };
}

/** Runs a discovery with its engines split over worker threads; resolves with the ranked report. */
export async function discoverThreads(opts: ThreadedDiscoverOptions): Promise<DiscoverReport & { cluster?: ClusterReport }> {
  const groups = engineGroups(opts.engines ?? ENGINES, opts.queue ? 3 : opts.threads ?? 2);
  if (groups.length === 1 && !opts.queue) return discover({ ...opts, engines: groups[0]! });
  const t0 = opts.now();
  // the workers get plain data only: no clock, callbacks or signal
  const { threads: _t, signal, onProgress, shouldStop: _s, now: _n, queue, onNote: _o, ...rest } = opts;
  void _t; void _s; void _n; void _o;
  const options: DiscoverSearchInput['options'] = rest as DiscoverSearchInput['options'];
  // the live front: this thread measures what the workers stream and re-ranks at most every liveEveryMs
  const live = onProgress ? (() => { const d = prepareData(opts.data, { seed: opts.seed ?? 1 }); return new Measurements(d, noiseModel(d.train, d.targetRms, opts.noise ?? { kind: 'auto' }), opts.maxK ?? Infinity); })() : null;
  let lastLive = -Infinity;
  const exactK = new SharedArrayBuffer(4);
  new Int32Array(exactK)[0] = NO_EXACT;
  const streamed: Model[] = [];
  const runOpts = (): RunOptions<DiscoverSearchProgress> => ({
    ...(signal ? { signal } : {}),
    graceMs: 5000,
    onProgress: (p) => {
      const models = p.models.map(modelFromJson);
      streamed.push(...models);
      if (!live || !onProgress) return;
      for (const m of models) live.consider(m);
      let summary = null;
      if (opts.liveEveryMs !== undefined && opts.now() - lastLive >= opts.liveEveryMs && live.assessed.length > 0) {
        summary = live.summarize(false);
        lastLive = opts.now();
      }
      onProgress({ elapsedMs: opts.now() - t0, engine: p.engine, note: p.note, candidates: live.assessed.length, best: summary?.best ?? null, ...(summary ? { front: summary.front } : {}) });
    },
  });
  let outputs: DiscoverSearchOutput[];
  let cluster: ClusterReport | undefined;
  if (queue) {
    const progress = runOpts().onProgress!;
    const out = await runOnQueue<DiscoverSearchOutput, DiscoverSearchProgress>(queue, 'discover', groups.map((engines) => ({ options: { ...options, engines } })), {
      ...(signal ? { signal } : {}), onProgress: (_i, p) => progress(p), ...(opts.onNote ? { onNote: opts.onNote } : {}),
    });
    if (out.stopped === 'failed') throw new Error(`discover on the queue failed: ${out.error ?? 'unknown error'}`);
    if (out.stopped === 'cancelled') throw new JobStopped({ kind: 'cancelled' });
    outputs = [...out.results.entries()].sort((a, b) => a[0] - b[0]).map((e) => e[1]);
    cluster = out.cluster;
  } else {
    outputs = await Promise.all(groups.map((engines) =>
      runWorker<DiscoverSearchInput, DiscoverSearchOutput, DiscoverSearchProgress>('discoverSearch', { options: { ...options, engines }, exactK }, runOpts())));
  }
  const models = [...streamed, ...outputs.flatMap((o) => o.models.map(modelFromJson))];
  const engines: EngineReport[] = outputs.flatMap((o) => o.engines);
  const ms = opts.now() - t0;
  const report = rankModels(opts, models, engines, combineStops(outputs.map((o) => o.stop), ms), ms);
  onProgress?.({ elapsedMs: opts.now() - t0, engine: 'rank', note: `ranked the models of ${groups.length} threads`, candidates: report.candidates, best: report.best, front: report.front });
  return { ...report, ms: opts.now() - t0, ...(cluster ? { cluster } : {}) };
}
