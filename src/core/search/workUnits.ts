// A level's candidates cut into work units for threads to claim: the candidates of level K are, in the order
// one enumerator evaluates them (enumerate.ts), every unary operator over level K − 1, then every binary
// operator over every split a + c = K − 1 (left id, then right id). A unit is a contiguous run of that order:
// left ids [a0, a1) × right ids [b0, b1), where a unit spanning several left ids takes every right id, so the
// units in index order are exactly the candidates in enumeration order, whatever their size.

import type { CompiledLanguage } from './compiledLanguage';
import type { LevelStore } from './levelStore';

/** A contiguous run of a level's candidates (see the header). */
export interface WorkUnit {
  /** Node code of the operator; −1 for level 1 (the leaves). */
  readonly code: number;
  /** Level of the left (or only) operand; 0 for the leaves. */
  readonly a: number;
  /** Global ids [a0, a1) of the left operand. */
  readonly a0: number;
  readonly a1: number;
  /** Global ids [b0, b1) of the right operand (binary operators; for a commutative a = c, only pairs with b ≥ a). */
  readonly b0: number;
  readonly b1: number;
  /** Candidates in the unit. */
  readonly candidates: number;
}

/** Returns the candidates of level K (what one enumerator evaluates). */
export function levelCandidates(store: LevelStore, lang: CompiledLanguage, K: number): number {
  return planUnits(store, lang, K, Infinity).reduce((n, u) => n + u.candidates, 0);
}

/**
 * Returns level K's candidates cut into units of about `perUnit` candidates (a unit never mixes operators or
 * splits; see the header). Levels below K must be stored.
 */
export function planUnits(store: LevelStore, lang: CompiledLanguage, K: number, perUnit: number): WorkUnit[] {
  if (!(perUnit >= 1)) throw new Error(`search: a work unit needs at least one candidate, got ${perUnit}`);
  if (K === 1) {
    const n = lang.language.leaves.length;
    return [{ code: -1, a: 0, a0: 0, a1: n, b0: 0, b1: 0, candidates: n }];
  }
  const units: WorkUnit[] = [];
  const below = store.level(K - 1);
  for (const u of lang.unary) {
    for (let a0 = below.base; a0 < below.base + below.count; a0 += perUnit) {
      const a1 = Math.min(below.base + below.count, a0 + perUnit);
      units.push({ code: u.code, a: K - 1, a0, a1, b0: 0, b1: 0, candidates: a1 - a0 });
    }
  }
  for (const b of lang.binary) {
    for (let a = 1; a <= K - 2; a++) {
      const c = K - 1 - a;
      if (b.operator.commutative && a > c) continue;
      const left = store.level(a), right = store.level(c);
      if (left.count === 0 || right.count === 0) continue;
      const triangle = b.operator.commutative && a === c;
      const bEnd = right.base + right.count;
      // pairs of left id i: right ids from (triangle ? i : right.base) to the end
      const rowCount = (i: number) => bEnd - (triangle ? i : right.base);
      let i = left.base;
      while (i < left.base + left.count) {
        const row = rowCount(i);
        if (row >= perUnit) {
          // a long row: cut it into column runs
          const start = triangle ? i : right.base;
          for (let b0 = start; b0 < bEnd; b0 += perUnit) {
            const b1 = Math.min(bEnd, b0 + perUnit);
            units.push({ code: b.code, a, a0: i, a1: i + 1, b0, b1, candidates: b1 - b0 });
          }
          i++;
          continue;
        }
        // short rows: whole rows until the unit is full
        const a0 = i;
        let n = 0;
        while (i < left.base + left.count && n + rowCount(i) <= perUnit) n += rowCount(i++);
        if (i === a0) n += rowCount(i++);
        units.push({ code: b.code, a, a0, a1: i, b0: right.base, b1: bEnd, candidates: n });
      }
    }
  }
  return units;
}
