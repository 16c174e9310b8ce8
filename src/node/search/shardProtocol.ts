// Messages between a sharded search's coordinator and its shard threads. Only plain data crosses: level
// segments and slice tables travel as typed arrays over SharedArrayBuffers (shared, never copied), errors as
// { message }. Every reply carries the CPU and wall time the shard spent on the request.

import type { Semantics } from '../../core/semantics';
import type { Domain, GrowStop, LevelStats } from '../../core/search/enumerate';
import type { Quantizer } from '../../core/search/fingerprint';
import type { LanguageSpec } from '../../core/search/language';
import type { Segment } from '../../core/search/levelStore';
import type { SliceTable } from '../../core/search/levelSlice';
import type { MatchShape } from '../../core/search/match';

/** Slots of the shared Int32 control array. */
export const CONTROL = {
  /** Raised by the coordinator: stop every loop (cancel or close). */
  stop: 0,
  /** The next work unit (grow) or block of scan items (match) to claim (Atomics.add), reset before each request. */
  claim: 1,
  /** Raised by a shard that hit the memory budget: the other shards end the level too. Reset before each level. */
  abort: 2,
  length: 3,
} as const;

/** What every shard is started with. */
export interface ShardInit {
  readonly spec: LanguageSpec;
  readonly semantics: Semantics;
  readonly domain: Domain;
  readonly quantizer?: Quantizer;
  /** False: scalar node features (every shard must compute them alike). */
  readonly simd?: boolean;
  readonly index: number;
  readonly count: number;
  /** Int32Array(CONTROL.length) shared by every shard and the coordinator. */
  readonly control: SharedArrayBuffer;
}

export type ToShard =
  | { type: 'init'; init: ShardInit }
  /** Step 1 of a level: grow the units of `perUnit` candidates this shard claims. */
  | { type: 'grow'; id: number; K: number; maxBytes: number; expected: number; perUnit: number }
  /** Step 2: decide the fingerprints this shard owns in every shard's slice. */
  | { type: 'dedup'; id: number; tables: SliceTable[] }
  /** Step 3: close the gaps; answer the kept rows per unit. */
  | { type: 'finish'; id: number; K: number }
  | { type: 'commit'; id: number; K: number; segments: Segment[] }
  | { type: 'match'; id: number; K: number; M: number; values: Float64Array; tolerances: Float64Array; limit: number }
  | { type: 'close' };

/** Every message to a shard but 'close': what a shard answers. */
export type ShardRequest = Exclude<ToShard, { type: 'close' }>;

/** Every reply: the shard's CPU time and wall time on the request. */
export type FromShard = { cpuMs?: number; wallMs?: number } & (
  | { type: 'ready' }
  | { type: 'grown'; id: number; table: SliceTable; stats: LevelStats }
  | { type: 'stopped'; id: number; reason: GrowStop }
  | { type: 'deduped'; id: number; dropped: number; setBytes: number }
  | { type: 'finished'; id: number; units: Array<{ unit: number; segments: Segment[] }> }
  | { type: 'committed'; id: number }
  | { type: 'matched'; id: number; matches: MatchShape[]; keys: number[]; complete: boolean; indexBytes: number }
  | { type: 'error'; id: number; message: string });
