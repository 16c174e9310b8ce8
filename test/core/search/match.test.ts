import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate';
import { size } from '../../../src/core/expr';
import type { Semantics } from '../../../src/core/semantics';
import { compileLanguage } from '../../../src/core/search/compiledLanguage';
import { Enumerator } from '../../../src/core/search/enumerate';
import { pureEmlLanguage } from '../../../src/core/search/language';
import { Matcher, matchExpr, matchTarget, mergeShardMatches } from '../../../src/core/search/match';
import { searchProbes } from '../../../src/core/search/probes';
import { createRng } from '../../../src/core/rng';

function build(vars: string[], P: number, sem: Semantics, maxK: number) {
  const probes = searchProbes(vars, P);
  const lang = compileLanguage(pureEmlLanguage(probes), sem);
  const en = new Enumerator(lang);
  for (let K = 1; K <= maxK; K++) {
    const r = en.grow(K);
    if ('stopped' in r) throw new Error('stopped');
    en.commit(K, r.segments);
  }
  return { probes, lang, en };
}

describe('Matcher (meet in the middle)', () => {
  for (const [vars, P, full] of [[[], 1, 17], [['x'], 2, 13]] as const) {
    it(`finds every sampled stored value at exactly its size from levels stored two and four sizes below (${vars.length ? 'functions' : 'constants'})`, () => {
      const sem: Semantics = 'extended';
      const { probes, lang, en } = build([...vars], P, sem, full);
      const matcher = new Matcher(en.store, lang, 'complex');
      for (const K of [full - 2, full]) {
        const level = en.store.level(K);
        // sample nodes of level K whose values are finite at the probes (targets must be finite)
        const samples: number[] = [];
        for (let id = level.base; id < level.base + level.count && samples.length < 12; id += Math.max(1, Math.floor(level.count / 40))) {
          const t = en.store.toExpr(id, lang);
          if (probes.points.every((pt) => evaluate(t, pt, { semantics: sem }).defined)) samples.push(id);
        }
        expect(samples.length).toBeGreaterThan(5);
        for (const id of samples) {
          const tree = en.store.toExpr(id, lang);
          const values = new Float64Array(2 * P);
          probes.points.forEach((pt, p) => { const v = evaluate(tree, pt, { semantics: sem }); values[2 * p] = v.re; values[2 * p + 1] = v.im; });
          const target = matchTarget(values, 1e-9);
          for (const M of [K - 2, K - 4]) {
            const { matches, complete } = matcher.match(K, M, target, 1000);
            expect(complete).toBe(true);
            expect(matches.length, `K ${K} from levels ≤ ${M}`).toBeGreaterThan(0);
            for (const m of matches) {
              const found = matchExpr(en.store, lang, m);
              expect(size(found)).toBe(K);
              probes.points.forEach((pt, p) => {
                const v = evaluate(found, pt, { semantics: sem });
                expect(Math.abs(v.re - values[2 * p]!)).toBeLessThanOrEqual(target.tolerances[p]!);
              });
            }
            // a stored node is a smallest tree of its value: nothing smaller matches
            for (let k = K - 2; k >= Math.max(1, M - 2); k -= 2) expect(matcher.match(k, Math.min(M, k), target, 1000).matches).toEqual([]);
          }
        }
      }
    });
  }

  it.each([2, 3])('%i sharded matchers merged by scan key give exactly the unsharded matches, also where the limit cuts them', (shards) => {
    const { lang, en } = build(['x'], 1, 'extended', 9);
    const one = new Matcher(en.store, lang, 'complex');
    const parts = Array.from({ length: shards }, (_, index) => new Matcher(en.store, lang, 'complex', { index, count: shards }));
    // 0 has many trees (13 of K 11, 64 of K 13); K 11 and 13 from levels ≤ 9 scan stored pairs, expand left and right
    const target = matchTarget(Float64Array.from([0, 0]), 1e-9);
    let cut = 0;
    for (const K of [9, 11, 13]) {
      const all = one.match(K, 9, target, 1e6);
      expect(all.complete).toBe(true);
      for (const limit of [1e6, 20, 5]) {
        const want = one.match(K, 9, target, limit);
        const lists = parts.map((m) => m.match(K, 9, target, limit));
        const total = lists.reduce((n, l) => n + l.matches.length, 0);
        expect(mergeShardMatches(lists, limit)).toEqual(want.matches);
        expect(lists.every((l) => l.complete) && total < limit).toBe(want.complete);
        if (!want.complete) cut++;
      }
    }
    expect(cut).toBeGreaterThan(2);
  });

  it.each([[2, 1], [3, 2]])('%i matchers claiming blocks of items (dealing seed %i) merged by scan key give exactly the unsharded matches', (shards, seed) => {
    const { lang, en } = build(['x'], 1, 'extended', 9);
    const one = new Matcher(en.store, lang, 'complex');
    const target = matchTarget(Float64Array.from([0, 0]), 1e-9);
    const rng = createRng(seed);
    let cut = 0, spread = 0;
    for (const K of [9, 11, 13]) {
      for (const limit of [1e6, 20, 5]) {
        // a shared counter, simulated: block b goes to a random shard; a shard's claim returns its next block
        const owner = Array.from({ length: 1 << 16 }, () => Math.floor(rng() * shards));
        const parts = Array.from({ length: shards }, (_, index) => {
          let last = -1;
          const claim = () => { do last++; while (last < owner.length && owner[last] !== index); return last; };
          return new Matcher(en.store, lang, 'complex', { index, count: shards, claim });
        });
        const want = one.match(K, 9, target, limit);
        const lists = parts.map((m) => m.match(K, 9, target, limit));
        const total = lists.reduce((n, l) => n + l.matches.length, 0);
        expect(mergeShardMatches(lists, limit)).toEqual(want.matches);
        expect(lists.every((l) => l.complete) && total < limit).toBe(want.complete);
        if (lists.filter((l) => l.matches.length > 0).length > 1) spread++;
        if (!want.complete) cut++;
      }
    }
    expect(cut).toBeGreaterThan(2);
    // blocks are a few thousand light items or a few heavy ones: the larger scans are shared out
    expect(spread).toBeGreaterThan(0);
  });

  it('refuses a size beyond what the stored levels decide', () => {
    const { lang, en } = build([], 1, 'ieee', 9);
    const m = new Matcher(en.store, lang, 'complex');
    expect(() => m.match(15, 9, matchTarget(Float64Array.from([2, 0]), 1e-9))).toThrow(/cannot be matched from levels up to 9/);
  });
});
