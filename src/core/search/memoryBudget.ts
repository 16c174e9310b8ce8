// What the enumeration's memory budget counts, and what one more level will cost before it is grown.
// Counted (backend.bytes()): the stored levels' buffers, the stored fingerprints (open addressing, 8 bytes a slot,
// a power of two of slots at load ≤ 0.8) and the match indexes built so far. A level of n new values adds, for good,
//   rows          the chunks holding n × bytesPerNode(stride) (levelStore.ts builderBytes: the last chunk is
//                 partly empty; with shards, one builder per shard),
//   fingerprints  the growth of the fingerprint set(s) to hold every stored value (one set per shard, each holding
//                 its share; tables are pre-sized for the projected count),
// and while it is grown, for a moment, also
//   one thread    the old fingerprint slots while they are moved into the larger table;
//   shards        every admissible candidate as a row until the duplicates are dropped (DUPLICATE_ALLOWANCE rows
//                 per new value), their fingerprints and drop marks (levelSlice.ts sliceBytes), and the new sets
//                 beside the old ones.
// Match indexes are counted once built (featureIndex.ts), not projected here.

import { FingerprintSet } from './fingerprintSet';
import { sliceBytes } from './levelSlice';
import { builderBytes } from './levelStore';

/** Admissible candidates per new value that shards hold until step 2 drops the duplicates (measured 1.1–1.25). */
export const DUPLICATE_ALLOWANCE = 1.3;

/** Bytes a level of new values adds to what is held: for good (`retained`) and at its worst moment (`peak`). */
export interface LevelBytes {
  readonly nodes: number;
  readonly retained: number;
  readonly peak: number;
}

/**
 * Returns what growing a level of `nodes` new values costs with `stored` values already stored, on `shards`
 * shards, when its tables are pre-sized for `presized` values (the `expected` of grow; see the header).
 */
export function projectLevelBytes(nodes: number, stored: number, stride: number, shards = 1, presized = nodes): LevelBytes {
  if (shards === 1) {
    const rows = nodes > 0 ? builderBytes(nodes, stride, presized) : 0;
    const before = FingerprintSet.bytesFor(stored), after = FingerprintSet.bytesFor(stored + Math.max(nodes, presized));
    const retained = rows + after - before;
    return { nodes, retained, peak: retained + (after > before ? before : 0) };
  }
  const held = Math.ceil((nodes * DUPLICATE_ALLOWANCE) / shards), kept = Math.ceil(nodes / shards), hint = presized / shards;
  const before = shards * FingerprintSet.bytesFor(stored / shards);
  // step 2 pre-sizes each shard's set for every row it may own (duplicates included)
  const after = shards * FingerprintSet.bytesFor(stored / shards + held);
  const rows = nodes > 0 ? shards * builderBytes(kept, stride, hint) : 0;
  const retained = rows + after - before;
  // at the end of step 2: every admissible row, its fingerprint and drop mark, and the new sets beside the old
  const inProgress = shards * (builderBytes(held, stride, hint) + sliceBytes(held));
  return { nodes, retained, peak: inProgress + (after > before ? after : 0) };
}

/** Projects the distinct values of level `next` from the growth of the previous levels of its parity (0 when unknown). */
export function projectLevelNodes(distinctByK: ReadonlyMap<number, number>, next: number): number {
  const prev = distinctByK.get(next - 2), prev2 = distinctByK.get(next - 4);
  if (prev === undefined) return 0;
  return Math.ceil(prev * (prev2 ? Math.max(1, prev / prev2) : 4));
}
