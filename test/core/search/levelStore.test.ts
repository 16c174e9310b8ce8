// Sharded enumeration gives the same levels as one enumerator: mergeShardSegments puts every shard's part of a
// level into the unsharded order, so the representative of each value, and every level grown later, agree.

import { describe, expect, it } from 'vitest';
import { compileLanguage } from '../../../src/core/search/compiledLanguage';
import { Enumerator } from '../../../src/core/search/enumerate';
import { buildLanguage, pureEmlSpec } from '../../../src/core/search/language';
import { type Segment, mergeShardSegments } from '../../../src/core/search/levelStore';
import { searchProbes } from '../../../src/core/search/probes';

// A coarse fingerprint (8 bits) puts many values on rounding boundaries, where the representative a level keeps
// decides which values the next level has: the layout of a level then shows in the counts within a few levels.
const lang = compileLanguage(buildLanguage(pureEmlSpec(searchProbes(['x'], 2), ['1', 'x'])), 'extended');
const quantizer = { kind: 'relative', bits: 8 } as const;
const MAX_K = 13;

/** Grows levels 1..MAX_K over `shards` in-process shards, laying each level out with `layout`; returns shard 0. */
function grow(shards: number, layout: (grown: Segment[][]) => Segment[]): Enumerator {
  const ens = Array.from({ length: shards }, (_, index) => new Enumerator(lang, { quantizer, shard: { index, count: shards } }));
  for (let K = 1; K <= MAX_K; K++) {
    const grown = ens.map((en) => {
      const r = en.grow(K);
      if ('stopped' in r) throw new Error('stopped');
      return r.segments;
    });
    const level = layout(grown);
    for (const en of ens) en.commit(K, level);
  }
  return ens[0]!;
}

/** Every stored node as [code, left, right, deps, ...features], in id order. */
function rows(en: Enumerator): number[][] {
  const out: number[][] = [];
  for (let id = 0; id < en.store.size; id++) {
    const [seg, i] = en.store.locate(id);
    out.push([seg.code[i]!, seg.left[i]!, seg.right[i]!, seg.deps[i]!, ...seg.features.subarray(i * lang.stride, (i + 1) * lang.stride)]);
  }
  return out;
}

describe('mergeShardSegments', () => {
  const one = grow(1, (g) => g.flat());
  const counts = (en: Enumerator) => Array.from({ length: MAX_K }, (_, k) => en.store.level(k + 1).count);

  it.each([2, 3, 5])('%i shards with merged levels store every node exactly as one enumerator does', (shards) => {
    const merged = grow(shards, (g) => mergeShardSegments(g, lang.stride));
    expect(counts(merged)).toEqual(counts(one));
    expect(rows(merged)).toEqual(rows(one));
  });

  it('without the merge, the same 3 shards keep other representatives and grow other levels', () => {
    const concatenated = grow(3, (g) => g.flat());
    expect(counts(concatenated)).not.toEqual(counts(one));
  });

  it('reuses the shards\' memory: the merged level needs no more than one new chunk per shard', () => {
    const ens = [0, 1].map((index) => new Enumerator(lang, { quantizer, shard: { index, count: 2 } }));
    let fresh = 0;
    for (let K = 1; K <= MAX_K; K++) {
      const grown = ens.map((en) => { const r = en.grow(K); if ('stopped' in r) throw new Error('stopped'); return r.segments; });
      const before = new Set(grown.flat().map((s) => s.features.buffer));
      const level = mergeShardSegments(grown, lang.stride, (bytes) => { fresh++; return new ArrayBuffer(bytes); });
      expect(level.every((s) => s.count > 0)).toBe(true);
      expect(level.filter((s) => !before.has(s.features.buffer)).length).toBeLessThanOrEqual(2);
      for (const en of ens) en.commit(K, level);
    }
    expect(fresh).toBeGreaterThan(0);
  });
});
