// The training run on a queue worker: input = the fit's description (its data inline) + one run of its
// plan (seed × strategy); result = that run's RunResult, computed by the same worker bundle and trainer
// loop as a local job (runTrainJob), so it is bit for bit the local result. The fit built from a
// description is kept for the next runs of the same fit.

import { createHash } from 'node:crypto';
import { INIT_CHOICES, type RunResult, type RunSpec, type TrainEvent } from '../../core/train';
import { JobStopped, runWorker } from '../jobs/runWorker';
import type { TrainWorkerInput } from '../jobs/workers/train.worker';
import { buildFitJob, type FitJob, type FitSpec } from '../train/fitJob';
import { encodePlain } from './plainData';
import type { RunKind } from './runKind';

/** One queued training run. */
export interface TrainRunInput {
  /** A fit description whose data travels with it (source target, formula or columns; never a file). */
  readonly spec: FitSpec;
  readonly run: RunSpec;
}

/**
 * Returns the description of `job` with its data inline, so that a worker on another machine builds the
 * same problem: a CSV source becomes the columns the job read from it (the same rows, names and split);
 * the other sources are data already.
 */
export function portableFitSpec(job: FitJob): FitSpec {
  const spec = job.spec;
  if (spec.source.kind !== 'csv') return spec;
  const d = job.data;
  if (!d) throw new Error('cluster: a CSV fit must be built (its columns read) before it is queued');
  return {
    ...spec,
    source: { kind: 'columns', name: job.target.name, x: [...d.varNames], y: d.targetName, inputs: d.inputs, target: d.target, testFraction: spec.source.testFraction },
  };
}

const FIT_CACHE_SIZE = 4;
const fits = new Map<string, FitJob>();

/** Returns the fit of a description, built once per distinct description (the last few are kept). */
function fitOf(spec: FitSpec): FitJob {
  const key = createHash('sha256').update(JSON.stringify(encodePlain(spec))).digest('hex');
  let fit = fits.get(key);
  if (!fit) {
    fit = buildFitJob(spec);
    if (fits.size >= FIT_CACHE_SIZE) fits.delete(fits.keys().next().value!);
    fits.set(key, fit);
  }
  return fit;
}

const STRATEGIES: readonly string[] = INIT_CHOICES.filter((c) => c !== 'all');

function fail(field: string, problem: string): never {
  throw new Error(`cluster: train run input.${field} ${problem}`);
}

export const TRAIN_RUN: RunKind<TrainRunInput, RunResult, TrainEvent> = {
  bundle: 'train',
  check(input) {
    if (typeof input !== 'object' || input === null) fail('', 'must be an object { spec, run }');
    const { spec, run } = input as Record<string, unknown>;
    if (typeof spec !== 'object' || spec === null) fail('spec', 'must be a fit description');
    const kind = (spec as { source?: { kind?: unknown } }).source?.kind;
    if (kind !== 'target' && kind !== 'formula' && kind !== 'columns') fail('spec.source.kind', `must be target, formula or columns, got ${JSON.stringify(kind)}`);
    if (typeof run !== 'object' || run === null) fail('run', 'must be { index, seed, strategy }');
    const r = run as Record<string, unknown>;
    if (!Number.isInteger(r['index']) || (r['index'] as number) < 0) fail('run.index', 'must be a non-negative integer');
    if (!Number.isInteger(r['seed'])) fail('run.seed', 'must be an integer');
    if (!STRATEGIES.includes(r['strategy'] as string)) fail('run.strategy', `must be one of ${STRATEGIES.join(', ')}`);
    return input as TrainRunInput;
  },
  describe: (i) => `train run ${i.run.index + 1}: seed ${i.run.seed} ${i.run.strategy}`,
  async execute(input, ctx) {
    const fit = fitOf(input.spec);
    const worker: TrainWorkerInput = { problem: fit.problem, options: fit.options, plan: [input.run], counter: new SharedArrayBuffer(4), slots: 1 };
    const results = await runWorker<TrainWorkerInput, RunResult[], TrainEvent>('train', worker, { signal: ctx.signal, onProgress: ctx.onProgress });
    const r = results[0];
    if (!r || r.endReason === 'cancelled') throw new JobStopped({ kind: 'cancelled' });
    return r;
  },
};
