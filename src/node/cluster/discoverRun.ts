// The discovery search run on a queue worker: input = the dataset and options of a discovery with one group of
// engines; result = the models that group found worth ranking (the same worker bundle as the local threads,
// discoverSearch). The submitter ranks the models of every group (core rankModels). Unlike a training run, a
// search run is bounded by its time limit, so how far it gets depends on the worker's speed and load: a queued
// discovery ranks the same kind of models as a local one, not necessarily the same models.

import { ENGINES } from '../../core/discover/discover';
import { runWorker } from '../jobs/runWorker';
import { type DiscoverSearchInput, type DiscoverSearchOutput, type DiscoverSearchProgress, NO_EXACT } from '../discover/searchProtocol';
import type { RunKind } from './runKind';

/** One queued search: the options as the threads get them (the shared exact K stays on each worker). */
export interface DiscoverRunInput {
  readonly options: DiscoverSearchInput['options'];
}

function fail(field: string, problem: string): never {
  throw new Error(`cluster: discover run input.${field} ${problem}`);
}

export const DISCOVER_RUN: RunKind<DiscoverRunInput, DiscoverSearchOutput, DiscoverSearchProgress> = {
  bundle: 'discoverSearch',
  check(input) {
    const o = (input as { options?: Record<string, unknown> } | null)?.options;
    if (typeof o !== 'object' || o === null) fail('options', 'must be the options of a discovery');
    const data = o['data'] as { names?: unknown; inputs?: unknown; target?: unknown } | undefined;
    if (!data || !Array.isArray(data.names) || !Array.isArray(data.inputs) || !(data.target instanceof Float64Array)) fail('options.data', 'must hold names, input columns and a target column');
    if (!(typeof o['timeLimitMs'] === 'number' && (o['timeLimitMs'] as number) > 0)) fail('options.timeLimitMs', 'must be a positive number');
    const engines = o['engines'];
    if (!Array.isArray(engines) || engines.some((e) => !(ENGINES as readonly unknown[]).includes(e))) fail('options.engines', `must list engines among ${ENGINES.join(', ')}`);
    return input as DiscoverRunInput;
  },
  describe: (i) => `discover search: ${(i.options.engines ?? ENGINES).join(', ')}`,
  async execute(input, ctx) {
    const exactK = new SharedArrayBuffer(4);
    new Int32Array(exactK)[0] = NO_EXACT;
    return await runWorker<DiscoverSearchInput, DiscoverSearchOutput, DiscoverSearchProgress>('discoverSearch', { options: input.options, exactK }, { signal: ctx.signal, onProgress: ctx.onProgress, graceMs: 5000 });
  },
};
