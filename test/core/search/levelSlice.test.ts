// Several shards growing one level together (growSlice → dedupSlice → finishSlice, driven here in one thread)
// store every level exactly as one enumerator does, whatever the number of shards, the size of the work units
// and the order in which the shards claim them.

import { describe, expect, it } from 'vitest';
import { type CompiledLanguage, compileLanguage } from '../../../src/core/search/compiledLanguage';
import { Enumerator } from '../../../src/core/search/enumerate';
import { buildLanguage, pureEmlSpec } from '../../../src/core/search/language';
import type { Segment } from '../../../src/core/search/levelStore';
import type { SliceTable } from '../../../src/core/search/levelSlice';
import { searchProbes } from '../../../src/core/search/probes';
import { createRng } from '../../../src/core/rng';
import { levelCandidates, planUnits } from '../../../src/core/search/workUnits';

// A coarse fingerprint (8 bits) makes many values equal, so the representative a level keeps for a value decides
// which values the next level has: a wrong order shows in the counts within a few levels.
const quantizer = { kind: 'relative', bits: 8 } as const;
const probes = searchProbes(['x'], 2);
const LANGUAGES = {
  'pure EML': { lang: compileLanguage(buildLanguage(pureEmlSpec(probes, ['1', 'x'])), 'extended'), maxK: 13 },
  // unary operators, and commutative binary ones (a triangle of pairs when both sides have the same size)
  '{1, x; exp, ln; +, ×, EML}': { lang: compileLanguage(buildLanguage({ probes, leaves: ['1', 'x'], unary: ['Exp', 'Log'], binary: ['Plus', 'Times', 'EML'] }), 'ieee'), maxK: 7 },
};

/** Every stored node as [code, left, right, deps, ...features], in id order. */
function rows(en: Enumerator): number[][] {
  const lang = en.lang;
  const out: number[][] = [];
  for (let id = 0; id < en.store.size; id++) {
    const [seg, i] = en.store.locate(id);
    out.push([seg.code[i]!, seg.left[i]!, seg.right[i]!, seg.deps[i]!, ...seg.features.subarray(i * lang.stride, (i + 1) * lang.stride)]);
  }
  return out;
}

function one(lang: CompiledLanguage, maxK: number): Enumerator {
  const en = new Enumerator(lang, { quantizer });
  for (let K = 1; K <= maxK; K++) {
    const r = en.grow(K);
    if ('stopped' in r) throw new Error('stopped');
    en.commit(K, r.segments);
  }
  return en;
}

/**
 * Grows levels 1..MAX_K over `count` shards: units of `perUnit` candidates, dealt to shards by `deal` (each shard
 * claims its units in increasing order); `dedup` false skips step 2 (the shards' rows are simply concatenated).
 */
function sliced(lang: CompiledLanguage, maxK: number, count: number, perUnit: number, seed: number, dedup = true): Enumerator[] {
  const ens = Array.from({ length: count }, (_, index) => new Enumerator(lang, { quantizer, shard: { index, count } }));
  const rng = createRng(seed);
  for (let K = 1; K <= maxK; K++) {
    const units = planUnits(ens[0]!.store, lang, K, perUnit);
    const owner = units.map(() => Math.floor(rng() * count));
    const tables: SliceTable[] = [];
    let evaluated = 0;
    ens.forEach((en, s) => {
      const mine = owner.flatMap((o, u) => (o === s ? [u] : []));
      let k = 0;
      const r = en.growSlice(K, units, () => (k < mine.length ? mine[k++]! : units.length));
      if ('stopped' in r) throw new Error('stopped');
      tables.push(r.table);
      evaluated += r.stats.evaluated;
    });
    expect(evaluated).toBe(levelCandidates(ens[0]!.store, lang, K));
    if (dedup) for (const en of ens) en.dedupSlice(tables);
    const byUnit: Segment[][] = units.map(() => []);
    for (const en of ens) for (const { unit, segments } of en.finishSlice(K)) byUnit[unit] = segments;
    const level = byUnit.flat();
    for (const en of ens) en.commit(K, level);
  }
  return ens;
}

const counts = (en: Enumerator) => Array.from({ length: en.store.maxK }, (_, k) => en.store.level(k + 1).count);

describe.each(Object.entries(LANGUAGES))('a level grown by several shards, %s', (_, { lang, maxK }) => {
  const reference = one(lang, maxK);

  it.each([
    [1, 64, 1], [2, 64, 2], [2, 1000, 3], [3, 17, 4], [5, 256, 5], [2, 1, 6],
  ])('%i shards, units of %i candidates, claims dealt by seed %i: every node as one enumerator stores it', (count, perUnit, seed) => {
    const ens = sliced(lang, maxK, count, perUnit, seed);
    for (const en of ens) {
      expect(counts(en)).toEqual(counts(reference));
      expect(rows(en)).toEqual(rows(reference));
    }
  });

  it('without the owners\' step, the shards keep values twice and grow other levels', () => {
    const ens = sliced(lang, maxK, 3, 64, 7, false);
    expect(counts(ens[0]!)).not.toEqual(counts(reference));
  });
});

describe('work units', () => {
  const { lang, maxK } = LANGUAGES['pure EML'];
  const reference = one(lang, maxK);

  it('the units of a level are its candidates in enumeration order, each once', () => {
    const en = reference;
    expect(en.store.maxK).toBe(maxK);
    for (const K of [2, 7, 12]) {
      const units = planUnits(en.store, lang, K, 50);
      const pairs = units.flatMap((u) => {
        const out: string[] = [];
        for (let a = u.a0; a < u.a1; a++) for (let b = u.b0; b < u.b1; b++) out.push(`${u.code}:${a}:${b}`);
        return out;
      });
      const expected: string[] = [];
      for (let a = 1; a <= K - 2; a++) {
        const l = en.store.level(a), r = en.store.level(K - 1 - a);
        for (let i = l.base; i < l.base + l.count; i++) for (let j = r.base; j < r.base + r.count; j++) expected.push(`${lang.binary[0]!.code}:${i}:${j}`);
      }
      expect(pairs).toEqual(expected);
      expect(units.every((u) => u.candidates <= 50 || u.a1 - u.a0 === 1)).toBe(true);
    }
  });

  it('refuses units claimed out of order', () => {
    const en = new Enumerator(lang, { quantizer, shard: { index: 0, count: 2 } });
    const units = planUnits(en.store, lang, 1, 1);
    let k = 0;
    const order = [0, 0];
    expect(() => en.growSlice(1, [...units, ...units], () => order[k++] ?? 99)).toThrow(/increasing order/);
  });
});
