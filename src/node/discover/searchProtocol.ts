// Messages of a discovery's search threads (src/node/jobs/workers/discoverSearch.worker.ts): plain data only.

import type { DiscoverOptions, DiscoverStop, EngineReport } from '../../core/discover/discover';
import type { ModelJson } from '../../core/discover/modelJson';

/** What a search thread is given: the options (without clock and callbacks) and the shared exact K. */
export interface DiscoverSearchInput {
  readonly options: Omit<DiscoverOptions, 'now' | 'shouldStop' | 'onProgress' | 'onModels' | 'sharedExactK'>;
  /** Int32 at index 0: the smallest exact K found by any thread (0x7fffffff while none). */
  readonly exactK: SharedArrayBuffer;
}

export interface DiscoverSearchProgress {
  readonly engine: string;
  readonly note: string;
  readonly candidates: number;
  /** Models measured since the last event that may rank (exact within noise, or among the smallest errors). */
  readonly models: ModelJson[];
}

export interface DiscoverSearchOutput {
  readonly engines: EngineReport[];
  readonly stop: DiscoverStop;
  /** The thread's models worth ranking, at the end. */
  readonly models: ModelJson[];
}

export const NO_EXACT = 0x7fffffff;

