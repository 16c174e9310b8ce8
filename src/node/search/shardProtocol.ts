// Messages between a sharded search's coordinator and its shard threads. Only plain data crosses: level
// segments travel as typed arrays over SharedArrayBuffers (shared, never copied), errors as { message }.

import type { Semantics } from '../../core/semantics';
import type { Domain, GrowStop, LevelStats } from '../../core/search/enumerate';
import type { Quantizer } from '../../core/search/fingerprint';
import type { LanguageSpec } from '../../core/search/language';
import type { Segment } from '../../core/search/levelStore';
import type { MatchShape } from '../../core/search/match';

/** What every shard is started with. */
export interface ShardInit {
  readonly spec: LanguageSpec;
  readonly semantics: Semantics;
  readonly domain: Domain;
  readonly quantizer?: Quantizer;
  readonly index: number;
  readonly count: number;
  /** Int32 flag raised by the coordinator to stop every loop. */
  readonly stop: SharedArrayBuffer;
}

export type ToShard =
  | { type: 'init'; init: ShardInit }
  | { type: 'grow'; id: number; K: number; maxBytes: number; expected: number }
  | { type: 'commit'; id: number; K: number; segments: Segment[] }
  | { type: 'match'; id: number; K: number; M: number; values: Float64Array; tolerances: Float64Array; limit: number }
  | { type: 'close' };

export type FromShard =
  | { type: 'ready' }
  | { type: 'grown'; id: number; segments: Segment[]; stats: LevelStats; ownBytes: number }
  | { type: 'stopped'; id: number; reason: GrowStop }
  | { type: 'committed'; id: number }
  | { type: 'matched'; id: number; matches: MatchShape[]; keys: number[]; complete: boolean; indexBytes: number }
  | { type: 'error'; id: number; message: string };
