// The memory budget counts what is really allocated: the projection of a level's bytes (memoryBudget.ts) is held
// against the ArrayBuffer bytes the process really allocates to grow it (process.memoryUsage().arrayBuffers after a
// full garbage collection), with one thread and with two in-process shards; and a search stops for memory only when
// the next level would really not fit.

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { compileLanguage } from '../../../src/core/search/compiledLanguage';
import { Enumerator } from '../../../src/core/search/enumerate';
import { buildLanguage, pureEmlSpec } from '../../../src/core/search/language';
import type { Segment } from '../../../src/core/search/levelStore';
import type { SliceTable } from '../../../src/core/search/levelSlice';
import { projectLevelBytes, projectLevelNodes } from '../../../src/core/search/memoryBudget';
import { searchProbes } from '../../../src/core/search/probes';
import { recognize } from '../../../src/core/search/recognize';
import { functionTarget } from '../../../src/core/search/target';
import { planUnits } from '../../../src/core/search/workUnits';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/**
 * ArrayBuffer bytes alive after a full collection. V8 frees the memory of dead buffers after the collection, off the
 * main thread, so the count is read until two readings a turn of the event loop apart agree.
 */
async function liveBuffers(): Promise<number> {
  let last = -1;
  for (let i = 0; i < 100; i++) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    const now = process.memoryUsage().arrayBuffers;
    if (now === last) return now;
    last = now;
  }
  throw new Error('the ArrayBuffer bytes did not settle');
}

const lang = compileLanguage(buildLanguage(pureEmlSpec(searchProbes(['x', 'y'], 2), ['1', 'x', 'y'])), 'extended');
/** The level measured: about 230 000 values, 20 MB. */
const LEVEL = 13;

const distinct = (en: Enumerator) => new Map(Array.from({ length: en.store.maxK }, (_, k) => [k + 1, en.store.level(k + 1).count]));

/**
 * Grows level K over in-process shards (units dealt in turn); returns the values kept and the ArrayBuffer bytes in use
 * (garbage included) at the end of step 2, when the level in progress holds the most. A function of its own, so that
 * nothing of the level in progress stays reachable from the caller's frame.
 */
function growSharded(ens: Enumerator[], K: number): { kept: number; inProgress: number } {
  const expected = projectLevelNodes(distinct(ens[0]!), K);
  const units = planUnits(ens[0]!.store, lang, K, 4096);
  const next = ens.map((_, s) => s);
  const tables: SliceTable[] = ens.map((en, s) => {
    const r = en.growSlice(K, units, () => { const u = next[s]!; next[s] = u + ens.length; return u; }, { expected });
    if ('stopped' in r) throw new Error('stopped');
    return r.table;
  });
  for (const en of ens) en.dedupSlice(tables);
  const inProgress = process.memoryUsage().arrayBuffers;
  const byUnit: Segment[][] = [];
  for (const en of ens) for (const { unit, segments } of en.finishSlice(K)) byUnit[unit] = segments;
  const level = byUnit.flat();
  for (const en of ens) en.commit(K, level);
  return { kept: level.reduce((n, seg) => n + seg.count, 0), inProgress };
}

describe('memory budget', () => {
  it('one thread: a level allocates what its projection says (within 10 %), and the projection of its size is within 1.5x', async () => {
    const en = new Enumerator(lang);
    for (let K = 1; K < LEVEL; K++) {
      const r = en.grow(K);
      if ('stopped' in r) throw new Error('stopped');
      en.commit(K, r.segments);
    }
    const expected = projectLevelNodes(distinct(en), LEVEL), stored = en.store.size;
    const before = await liveBuffers();
    const r = en.grow(LEVEL, { expected });
    if ('stopped' in r) throw new Error('stopped');
    en.commit(LEVEL, r.segments);
    const allocated = (await liveBuffers()) - before;
    expect(allocated).toBeGreaterThan(10 * 1024 ** 2);
    // the tables were pre-sized for the projected count, as recognize does
    const exact = projectLevelBytes(r.stats.kept, stored, lang.stride, 1, expected);
    expect(allocated / exact.retained).toBeGreaterThan(0.9);
    expect(allocated / exact.retained).toBeLessThan(1.1);
    expect(exact.peak).toBeGreaterThanOrEqual(exact.retained);
    // what recognize projects before growing the level: its size extrapolated from the levels below
    const projected = projectLevelBytes(expected, stored, lang.stride);
    expect(projected.retained / allocated).toBeGreaterThan(1 / 1.5);
    expect(projected.retained / allocated).toBeLessThan(1.5);
  });

  it('two shards: the level in progress stays under the projected peak, the level kept matches the projection (within 10 %)', async () => {
    const count = 2;
    const ens = Array.from({ length: count }, (_, index) => new Enumerator(lang, { shard: { index, count } }));
    for (let K = 1; K < LEVEL; K++) growSharded(ens, K);
    const stored = ens[0]!.store.size, expected = projectLevelNodes(distinct(ens[0]!), LEVEL);
    const before = await liveBuffers();
    const { kept, inProgress } = growSharded(ens, LEVEL);
    const allocated = (await liveBuffers()) - before;
    expect(allocated).toBeGreaterThan(10 * 1024 ** 2);
    const p = projectLevelBytes(kept, stored, lang.stride, count, expected);
    expect(allocated / p.retained).toBeGreaterThan(0.9);
    expect(allocated / p.retained).toBeLessThan(1.1);
    expect(inProgress - before).toBeGreaterThan(allocated);
    expect(inProgress - before).toBeLessThanOrEqual(p.peak);
  });

  it('a search stops for memory only when the next level would not fit: 15 % above its real peak it runs to the end', async () => {
    const target = functionTarget('hypot(x,y)'), maxK = LEVEL + 4;
    const free = await recognize({ target, leaves: ['1', 'x', 'y'], semantics: 'extended', maxK });
    expect(free.stop.kind).toBe('exhausted');
    expect(free.levels.at(-1)!.K).toBe(LEVEL);
    const roomy = await recognize({ target, leaves: ['1', 'x', 'y'], semantics: 'extended', maxK, maxBytes: Math.ceil(1.15 * free.peakBytes) });
    expect(roomy.stop).toEqual(free.stop);
    const budget = Math.floor(0.85 * free.peakBytes);
    const tight = await recognize({ target, leaves: ['1', 'x', 'y'], semantics: 'extended', maxK, maxBytes: budget });
    expect(tight.stop).toMatchObject({ kind: 'memoryLimit', level: LEVEL });
    if (tight.stop.kind !== 'memoryLimit') throw new Error('unreachable');
    expect(tight.stop.heldBytes!).toBeLessThanOrEqual(budget);
    expect(tight.stop.heldBytes! + tight.stop.projectedBytes!).toBeGreaterThan(budget);
  });
});
