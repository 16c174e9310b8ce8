// The training job: runs a prepared fit (src/node/train/trainRequest.ts) over a pool of worker threads
// (runTrainJob) and records it as a TrainRunRecord. Loss curves stream into memory while the job runs
// (the host's live view, read through trainCurves()); each run's curve becomes an array file when the run
// ends, per-run state reaches project.json at most once a second, and the end writes the metrics JSON and
// saves every exactly recovered formula to the Library. A training job asks the job service for every core,
// so training jobs take turns.

import { randomUUID } from 'node:crypto';
import { version as appVersion } from '../../../package.json';
import { isPureEml, leafCount } from '../../core/expr';
import { buildMetrics, emlDepth, emlSize, parseTreeText, type RunResult, type TrainEvent } from '../../core/train';
import type { ArrayRef, FormulaRecord, ProjectData } from '../../shared/project';
import {
  CURVE_STRIDE, type CurveSeries, type TrainCurvesResponse, type TrainJobInput, type TrainRunRecord, type TrainSeedRecord,
  type TrainSeedResult,
} from '../../shared/train';
import type { ProjectStore } from '../store/projectStore';
import type { FitJob } from '../train/fitJob';
import { runFormula } from '../train/report';
import { runTrainJob, type TrainJobResult } from '../train/runTrainJob';
import { parseQueueUrl } from '../cluster/queueUrl';
import { runTrainJobOnQueue, type QueuedTrainResult } from '../cluster/trainOnQueue';
import type { JobDefinition } from './jobDefinition';
import { JobStopped } from './runWorker';

/** A checked training request with the fit job built from it. */
export interface PreparedTrain {
  readonly input: TrainJobInput;
  readonly fit: FitJob;
  /** The run queue of the host's settings: the runs go to its workers (null or absent: this machine's cores). */
  readonly queue?: string | null;
}

/** A progress event of the trainer with the job's count of finished runs. */
export type TrainProgress = TrainEvent & { readonly done: number; readonly total: number };

/** Progress event per run every this many iterations. */
export const PROGRESS_EVERY = 100;
/** Least time between two writes of per-run state to project.json. */
const PERSIST_MS = 1000;
/** Most points per curve a curves response carries (longer curves are thinned evenly). */
export const MAX_CURVE_POINTS = 600;

interface LiveSeed {
  iters: number[];
  soft: Array<number | null>;
  hard: Array<number | null>;
}

interface LiveRun {
  readonly fit: FitJob;
  readonly seeds: LiveSeed[];
  /** Per-run state, copied into the record when it is written. */
  readonly state: TrainSeedRecord[];
  readonly results: RunResult[];
  readonly started: number;
  lastPersist: number;
}

const liveRuns = new Map<string, LiveRun>();

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

function findTrainRun(data: Readonly<ProjectData>, runId: string): TrainRunRecord | undefined {
  const r = data.runs.find((x) => x.id === runId);
  return r?.kind === 'train' ? r : undefined;
}

/** Returns the source of a job in words ("eml_depth2", "formula x*y", "dataset d.csv: y from x"); `targetName` is the fit's target name. */
export function describeSource(input: TrainJobInput, targetName: string): string {
  const s = input.source;
  if (s.kind === 'target') return s.name;
  if (s.kind === 'formula') return `formula ${s.text}`;
  return `dataset ${targetName.replace(/^dataset:/, '')}: ${s.y} from ${s.x.join(', ')}`;
}

function copyState(from: TrainSeedRecord, to: TrainSeedRecord): void {
  to.status = from.status;
  to.iter = from.iter;
  to.phase = from.phase;
  to.soft = from.soft;
  to.hard = from.hard;
  to.tau = from.tau;
  to.hardeningIter = from.hardeningIter;
  to.result = from.result;
}

function seedResult(r: RunResult, fit: FitJob): TrainSeedResult {
  const tree = parseTreeText(r.tree);
  let formula = r.tree;
  let latex = '';
  try {
    const f = runFormula(r, fit.problem);
    formula = f.formula;
    latex = f.latex;
  } catch {
    // a tree the lowering cannot handle keeps its EML form
  }
  return {
    success: r.success, symbolSuccess: r.symbolSuccess, stableSymbolSuccess: r.stableSymbolSuccess,
    snapMse: fin(r.snapMse), genMse: fin(r.genMse), exactWithinNoise: r.exactWithinNoise, tree: r.tree, K: emlSize(tree), treeDepth: emlDepth(tree),
    formula, latex, endReason: r.endReason, lastIter: r.lastIter,
  };
}

/** Flattens curve points into one array of CURVE_STRIDE columns (iter, soft, hard, τ); non-finite values stay NaN. */
function curveArray(points: ReadonlyArray<{ iter: number; soft: number; hard: number; tau: number }>): Float64Array {
  const a = new Float64Array(points.length * CURVE_STRIDE);
  points.forEach((p, i) => a.set([p.iter, p.soft, p.hard, p.tau], i * CURVE_STRIDE));
  return a;
}

function liveCurveArray(s: LiveSeed): Float64Array {
  return curveArray(s.iters.map((iter, i) => ({ iter, soft: s.soft[i] ?? NaN, hard: s.hard[i] ?? NaN, tau: NaN })));
}

async function persistState(store: ProjectStore, runId: string, live: LiveRun, done?: number): Promise<void> {
  live.lastPersist = Date.now();
  await store.update((d) => {
    const run = findTrainRun(d, runId);
    if (!run) return;
    live.state.forEach((s, i) => copyState(s, run.seeds[i]!));
    if (done !== undefined) run.progress = { done, total: run.progress.total };
  });
}

/** Returns a saved-to-Library record of a run's tree (the job saves exact recoveries; the user may save any result). */
export function recoveredFormula(run: TrainRunRecord, seed: TrainSeedRecord, result: TrainSeedResult, at: string): FormulaRecord {
  const tree = parseTreeText(result.tree);
  const s = run.settings;
  const settings: Record<string, string | number | boolean> = {
    source: describeSource(s, run.target.name), depth: s.depth, init: s.init, strategy: seed.strategy, seeds: s.seeds, seed0: s.seed0,
    ...s.options,
  };
  return {
    id: randomUUID(),
    name: result.formula.length <= 120 ? result.formula : result.formula.slice(0, 119) + '…',
    // a tree with constant leaves (general form) is infix text, eml(x, 0.5); a pure one is EML text
    source: { syntax: isPureEml(tree) ? 'eml' : 'infix', text: result.tree },
    infix: result.formula,
    latex: result.latex,
    compile: { mode: 'paper', prefer: 'robust', K: result.K, depth: result.treeDepth, leaves: leafCount(tree), semantics: 'ieee' },
    provenance: { kind: 'run', runId: run.id, seed: seed.seed, settings, rulesUsed: [], appVersion },
    verification: null,
    tags: ['fit'],
    notes: `${result.symbolSuccess ? 'Recovered exactly' : 'Fitted (not exact)'} by ${run.label} (seed ${seed.seed}, ${seed.strategy}); snapped MSE ${result.snapMse ?? 'n/a'}.`,
    createdAt: at,
    updatedAt: at,
  };
}

/** The training job. Its input is prepared (checked, fit built) by the API before it starts. */
export const TRAIN_JOB: JobDefinition<PreparedTrain, TrainProgress, TrainJobResult> = {
  worker: 'train',
  // training jobs take turns (as before the service had a core cap), also those run on a queue's workers
  cores: () => Infinity,
  async run(prepared, opts) {
    let done = 0;
    const total = prepared.fit.plan.length;
    const onEvent = (e: TrainEvent) => {
      if (e.kind === 'done') done++;
      opts.onProgress?.({ ...e, done, total });
    };
    const out = prepared.queue
      ? await runTrainJobOnQueue(prepared.queue, prepared.fit, { signal: opts.signal, onEvent })
      : await runTrainJob(prepared.fit.problem, prepared.fit.options, prepared.fit.plan, { signal: opts.signal, progressEvery: PROGRESS_EVERY, onEvent });
    if (out.stopped === 'cancelled') throw new JobStopped({ kind: 'cancelled' });
    if (out.stopped) throw new Error(`training ${out.stopped === 'failed' ? `failed: ${out.error ?? 'unknown error'}` : 'stopped by its time limit'}`);
    return out;
  },
  label: (p) => {
    const s = p.input;
    const runs = p.fit.plan.length;
    // the general form is named, so that the run list tells it from the paper's at the same depth
    const form = s.master === 'general' ? ' (general form)' : '';
    return `Fit ${describeSource(s, p.fit.target.name)}: depth ${s.depth}${form}, ${s.init}, ${runs} run${runs === 1 ? '' : 's'}`;
  },
  async createRun(store, prepared, base) {
    const { fit, input } = prepared;
    const state: TrainSeedRecord[] = fit.plan.map((p) => ({
      index: p.index, seed: p.seed, strategy: p.strategy, status: 'pending', iter: 0, phase: 'search',
      soft: null, hard: null, tau: null, hardeningIter: null, result: null,
    }));
    const record: TrainRunRecord = {
      ...base, kind: 'train', progress: { done: 0, total: fit.plan.length },
      settings: structuredClone(input), target: { name: fit.target.name, description: fit.target.description },
      notes: [...fit.notes, ...(prepared.queue ? [`Runs on the workers of the queue ${parseQueueUrl(prepared.queue).display}.`] : [])], seeds: structuredClone(state), best: null, metrics: null, formulaIds: [],
    };
    liveRuns.set(base.id, {
      fit, state, results: [], started: Date.now(), lastPersist: Date.now(),
      seeds: fit.plan.map(() => ({ iters: [], soft: [], hard: [] })),
    });
    try {
      await store.update((d) => {
        d.runs.push(record);
      });
    } catch (e) {
      liveRuns.delete(base.id);
      throw e;
    }
  },
  describe: (p) => {
    if (p.kind === 'done') {
      const r = p.result;
      return { done: p.done, total: p.total, message: `run ${r.index + 1} seed ${r.seed} ${r.strategy}: ${r.symbolSuccess ? 'exact' : r.success ? 'fit' : 'fail'}` };
    }
    return { done: p.done, total: p.total, message: `run ${p.index + 1} seed ${p.seed} ${p.strategy}: ${p.phase} it ${p.iter}` };
  },
  async recordProgress(store, runId, p) {
    const live = liveRuns.get(runId);
    if (!live) return;
    if (p.kind === 'progress') {
      const s = live.state[p.index];
      const c = live.seeds[p.index];
      if (!s || !c) return;
      if (s.status === 'pending') s.status = 'running';
      s.iter = p.iter;
      s.phase = p.phase;
      s.soft = fin(p.soft);
      s.hard = fin(p.hard);
      s.tau = fin(p.tau);
      if (p.phase === 'hardening' && s.hardeningIter === null) s.hardeningIter = p.iter;
      c.iters.push(p.iter);
      c.soft.push(fin(p.soft));
      c.hard.push(fin(p.hard));
      if (Date.now() - live.lastPersist >= PERSIST_MS) await persistState(store, runId, live, p.done);
      return;
    }
    const r = p.result;
    const s = live.state[r.index];
    if (!s) return;
    if (r.endReason === 'cancelled') {
      s.status = 'cancelled';
      return;
    }
    live.results.push(r);
    s.status = 'done';
    s.iter = r.lastIter;
    s.hardeningIter = r.hardeningIter;
    s.result = seedResult(r, live.fit);
    const ref = await store.writeArray(`curve:${r.index}`, curveArray(r.curve));
    live.lastPersist = Date.now();
    await store.update((d) => {
      const run = findTrainRun(d, runId);
      if (!run) return;
      live.state.forEach((x, i) => copyState(x, run.seeds[i]!));
      run.arrays.push(ref);
      run.progress = { done: p.done, total: run.progress.total };
      let best: number | null = null;
      for (const x of run.seeds) {
        const mse = x.result?.snapMse;
        if (mse === null || mse === undefined) continue;
        const bm = best === null ? null : run.seeds[best]!.result!.snapMse!;
        if (bm === null || mse < bm) best = x.index;
      }
      run.best = best;
    });
  },
  async recordEnd(store, runId, end) {
    const live = liveRuns.get(runId);
    try {
      const run = findTrainRun(store.data, runId);
      if (!run || !live) return;
      // runs that never finished keep the curve they had so far
      const refs: ArrayRef[] = [];
      for (const s of live.state) {
        if (s.status === 'done') continue;
        s.status = s.status === 'running' ? 'cancelled' : s.status === 'pending' ? 'cancelled' : s.status;
        const c = live.seeds[s.index]!;
        if (c.iters.length > 0) refs.push(await store.writeArray(`curve:${s.index}`, liveCurveArray(c)));
      }
      const wall = (Date.now() - live.started) / 1000;
      const args: Record<string, unknown> = {
        source: describeSource(run.settings, run.target.name), depth: run.settings.depth, init: run.settings.init, seeds: run.settings.seeds,
        seed0: run.settings.seed0, ...live.fit.options,
      };
      const metrics = buildMetrics(live.fit.target, live.results, args, `EML Workbench ${run.label}`, wall, live.fit.noise);
      const at = new Date().toISOString();
      await store.update((d) => {
        const r = findTrainRun(d, runId);
        if (!r) return;
        live.state.forEach((x, i) => copyState(x, r.seeds[i]!));
        r.arrays.push(...refs);
        r.status = end.status;
        r.endedAt = at;
        r.error = end.error ?? null;
        r.progress = { done: live.results.length, total: r.progress.total };
        const cluster = (end.result as Partial<QueuedTrainResult> | undefined)?.cluster;
        if (cluster) (r as { notes: readonly string[] }).notes = [...r.notes, `Results by worker: ${cluster.workers.map((w) => `${w.id} ${w.runs} run${w.runs === 1 ? '' : 's'}`).join(', ')}.`];
        // JSON has no Infinity/NaN: the metrics are stored as JSON would read them back
        r.metrics = JSON.parse(JSON.stringify(metrics, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v))) as Record<string, unknown>;
        for (const seed of [...r.seeds].sort((a, b) => (a.result?.snapMse ?? Infinity) - (b.result?.snapMse ?? Infinity))) {
          const res = seed.result;
          if (!res?.symbolSuccess) continue;
          const existing = d.formulas.find((f) => (f.source.syntax === 'eml' || f.source.syntax === 'infix') && f.source.text === res.tree);
          let id = existing?.id;
          if (id === undefined) {
            const record = recoveredFormula(r, seed, res, at);
            d.formulas.push(record);
            id = record.id;
          }
          if (!r.formulaIds.includes(id)) r.formulaIds.push(id);
        }
      });
    } finally {
      liveRuns.delete(runId);
    }
  },
};

function thin(series: { iters: readonly number[]; soft: ReadonlyArray<number | null>; hard: ReadonlyArray<number | null> }): Pick<CurveSeries, 'iters' | 'soft' | 'hard'> {
  const n = series.iters.length;
  if (n <= MAX_CURVE_POINTS) return { iters: [...series.iters], soft: [...series.soft], hard: [...series.hard] };
  const keep: number[] = [];
  for (let k = 0; k < MAX_CURVE_POINTS; k++) keep.push(Math.round((k * (n - 1)) / (MAX_CURVE_POINTS - 1)));
  return { iters: keep.map((i) => series.iters[i]!), soft: keep.map((i) => series.soft[i]!), hard: keep.map((i) => series.hard[i]!) };
}

/** Returns the loss curves of a training run: live while its job runs here, else from its array files; undefined when the project has no such run. */
export async function trainCurves(store: ProjectStore, runId: string): Promise<TrainCurvesResponse | undefined> {
  const run = findTrainRun(store.data, runId);
  if (!run) return undefined;
  const live = liveRuns.get(runId);
  if (live) {
    return {
      runId, live: true,
      series: live.state.map((s, i) => ({
        index: s.index, seed: s.seed, strategy: s.strategy, status: s.status, phase: s.phase, iter: s.iter, hardeningIter: s.hardeningIter,
        ...thin(live.seeds[i]!),
      })),
    };
  }
  const series: CurveSeries[] = [];
  for (const s of run.seeds) {
    const ref = run.arrays.find((a) => a.name === `curve:${s.index}`);
    const iters: number[] = [];
    const soft: Array<number | null> = [];
    const hard: Array<number | null> = [];
    if (ref) {
      const a = await store.readArray(ref);
      for (let i = 0; i + CURVE_STRIDE <= a.length; i += CURVE_STRIDE) {
        iters.push(a[i]!);
        soft.push(fin(a[i + 1]!));
        hard.push(fin(a[i + 2]!));
      }
    }
    series.push({
      index: s.index, seed: s.seed, strategy: s.strategy, status: s.status, phase: s.phase, iter: s.iter, hardeningIter: s.hardeningIter,
      ...thin({ iters, soft, hard }),
    });
  }
  return { runId, live: false, series };
}
