// The enumeration's node features computed in batches by the WebAssembly SIMD module (featureBatch.ts,
// wasm/features.ts) against the scalar path (computeFeaturesInto): within 6 ulp for ordinary values, and
// identical (sign of zero included) wherever a result is 0, ±∞ or NaN, under every semantics and probe count; the
// batching itself (capacity, row runs, several arrays, discard); and whole enumerations against the scalar ones.

import { describe, expect, it } from 'vitest';
import { compileLanguage, computeFeaturesInto } from '../../../src/core/search/compiledLanguage';
import { Enumerator } from '../../../src/core/search/enumerate';
import { FeatureBatch } from '../../../src/core/search/featureBatch';
import { buildLanguage, pureEmlLanguage, pureEmlSpec } from '../../../src/core/search/language';
import { searchProbes } from '../../../src/core/search/probes';
import { createRng } from '../../../src/core/rng';
import { SEMANTICS } from '../../../src/core/semantics';
import { ulpDistance } from '../../helpers/ulp';

const SPECIAL = [0, -0, Infinity, -Infinity, NaN, 5e-324, -1e-310, 1e300, -1e300, 1, -1];

/** A value at one probe: mostly ordinary complex and real numbers of every size, some near |v| = 1, some special. */
function randomValue(rng: () => number): [number, number] {
  const mag = () => (rng() < 0.5 ? -1 : 1) * (1 + rng()) * 2 ** Math.floor(-60 + 120 * rng());
  const u = rng();
  if (u < 0.25) return [mag(), mag()];
  if (u < 0.45) return [mag(), rng() < 0.5 ? 0 : -0]; // real, both signs of the zero imaginary part
  if (u < 0.6) {
    // |v| within 2^-20 of 1 (the log1p form)
    const t = 2 * Math.PI * rng(), r = 1 + (rng() - 0.5) * 2 ** -20 * rng();
    return [r * Math.cos(t), r * Math.sin(t)];
  }
  if (u < 0.7) return [(rng() - 0.5) * 4, (rng() - 0.5) * 4]; // around the branch points and the cut
  if (u < 0.75) return [rng() * 700, (rng() < 0.5 ? -1 : 1) * 1e6 * (1 + rng())]; // beyond the sine's reduction
  if (u < 0.8) return [(rng() - 0.5) * 10, Math.round(rng() * 1000) * (Math.PI / 2) * (1 + 1e-15 * (rng() - 0.5))]; // near k·π/2
  if (u < 0.85) return [(rng() - 0.5) * 1500, (rng() - 0.5) * 10]; // exp overflowing or underflowing
  const pick = () => SPECIAL[Math.floor(rng() * SPECIAL.length)]!;
  return rng() < 0.5 ? [pick(), pick()] : rng() < 0.5 ? [pick(), mag()] : [mag(), pick()];
}

/**
 * Both paths compute ln|v| from a rounded |v| or |v|², an error the logarithm magnifies by 1/|ln|v|| (measured over
 * 300 000 rows of this mix: exp within 3 ulp of the scalar path, arg within 1, ln|v| within 5 at |v| ≈ 1.5).
 */
const MAX_ULP = 6;

describe('features in SIMD batches', () => {
  for (const semantics of SEMANTICS) {
    for (const probes of [1, 2, 3, 4]) {
      for (const values of [false, true]) {
        it(`equal the scalar path: ${semantics}, ${probes} probe(s)${values ? ', with the value feature' : ''} (3000 rows)`, () => {
          const lang = compileLanguage(buildLanguage(pureSpec(probes)), semantics, { values });
          const batch = FeatureBatch.create(lang);
          expect(batch).not.toBeNull();
          const rng = createRng(100 + probes), rows = 3000, S = lang.stride, P = lang.probes;
          const want = new Float64Array(rows * S), got = new Float64Array(rows * S).fill(7);
          const v = new Float64Array(2 * P);
          for (let r = 0; r < rows; r++) {
            for (let p = 0; p < P; p++) [v[2 * p], v[2 * p + 1]] = randomValue(rng);
            computeFeaturesInto(lang, v, 0, want, r * S);
            batch!.add(got, r * S, v);
          }
          batch!.flush();
          let worst = 0, where = '';
          for (let i = 0; i < rows * S; i++) {
            const d = ulpDistance(got[i]!, want[i]!);
            if (d > worst) { worst = d; where = `row ${Math.floor(i / S)}, double ${i % S}: ${got[i]} (scalar ${want[i]})`; }
          }
          expect(worst, where).toBeLessThanOrEqual(MAX_ULP);
        });
      }
    }
  }

  it('writes each run of rows where it was asked, across arrays, gaps and the batch capacity, and drops a discarded batch', () => {
    const lang = compileLanguage(buildLanguage(pureSpec(2)), 'extended');
    const batch = FeatureBatch.create(lang)!, S = lang.stride;
    const a = new Float64Array(5000 * S), b = new Float64Array(10 * S), want = new Float64Array(S);
    const v = new Float64Array(4);
    const rng = createRng(7);
    const rowsA: Array<[number, Float64Array]> = [];
    // 2500 consecutive rows of a (over two batches), a gap, one row in b, then a again
    const put = (arr: Float64Array, row: number) => {
      for (let i = 0; i < 4; i++) v[i] = 0.1 + rng();
      batch.add(arr, row * S, v);
      if (arr === a) rowsA.push([row, v.slice()]);
    };
    for (let r = 0; r < 2500; r++) put(a, r);
    put(a, 2600);
    put(b, 3);
    put(a, 2601);
    batch.flush();
    for (const [row, val] of rowsA) {
      computeFeaturesInto(lang, val, 0, want, 0);
      for (let i = 0; i < S; i++) expect(ulpDistance(a[row * S + i]!, want[i]!)).toBeLessThanOrEqual(MAX_ULP);
    }
    expect(a.subarray(2500 * S, 2600 * S).every((x) => x === 0)).toBe(true);
    expect(b.subarray(3 * S, 4 * S).some((x) => x !== 0)).toBe(true);
    // a discarded batch writes nothing
    put(a, 4000);
    batch.discard();
    batch.flush();
    expect(a.subarray(4000 * S, 4001 * S).every((x) => x === 0)).toBe(true);
  });

  it('keeps the rows of two batches apart when they queue in turn (they share the module instance)', () => {
    const l2 = compileLanguage(buildLanguage(pureSpec(2)), 'extended'), l3 = compileLanguage(buildLanguage(pureSpec(3)), 'strict', { values: true });
    const b2 = FeatureBatch.create(l2)!, b3 = FeatureBatch.create(l3)!;
    const rows = 700, o2 = new Float64Array(rows * l2.stride), o3 = new Float64Array(rows * l3.stride);
    const w2 = new Float64Array(l2.stride), w3 = new Float64Array(l3.stride), rng = createRng(8);
    const v2s: Float64Array[] = [], v3s: Float64Array[] = [];
    for (let r = 0; r < rows; r++) {
      const v2 = Float64Array.from({ length: 4 }, () => rng() * 3 - 1), v3 = Float64Array.from({ length: 6 }, () => rng() * 3 - 1);
      v2s.push(v2); v3s.push(v3);
      b2.add(o2, r * l2.stride, v2);
      if (r % 3 === 0) for (let q = r; q < Math.min(rows, r + 3); q++) b3.add(o3, q * l3.stride, v3s[q] ?? (v3s[q] = Float64Array.from({ length: 6 }, () => rng() * 3 - 1)));
    }
    b2.flush();
    b3.flush();
    for (let r = 0; r < rows; r++) {
      computeFeaturesInto(l2, v2s[r]!, 0, w2, 0);
      computeFeaturesInto(l3, v3s[r]!, 0, w3, 0);
      for (let i = 0; i < l2.stride; i++) expect(ulpDistance(o2[r * l2.stride + i]!, w2[i]!), `row ${r}`).toBeLessThanOrEqual(MAX_ULP);
      for (let i = 0; i < l3.stride; i++) expect(ulpDistance(o3[r * l3.stride + i]!, w3[i]!), `row ${r}`).toBeLessThanOrEqual(MAX_ULP);
    }
  });

  it('is not made for a language with other features (they stay scalar)', () => {
    const probes = searchProbes(['x'], 2);
    const lang = compileLanguage(buildLanguage({ probes, leaves: ['1', 'x'], unary: [], binary: ['M=a - sqrt(b)'] }), 'extended');
    expect(lang.features.map((f) => f.kind)).toEqual(['identity', 'program']);
    expect(FeatureBatch.create(lang)).toBeNull();
    expect(new Enumerator(lang).simd).toBe(false);
  });
});

describe('enumerations with SIMD features', () => {
  it('store the same levels as the scalar path for the constants up to K 15 and for {1, x, y} up to K 11', () => {
    for (const [vars, maxK] of [[[], 15], [['x', 'y'], 11]] as const) {
      for (const semantics of SEMANTICS) {
        const lang = compileLanguage(pureEmlLanguage(searchProbes(vars, vars.length ? 2 : 1)), semantics);
        const simd = new Enumerator(lang), scalar = new Enumerator(lang, { simd: false });
        expect(simd.simd).toBe(true);
        expect(scalar.simd).toBe(false);
        for (let K = 1; K <= maxK; K++) {
          const a = simd.grow(K), b = scalar.grow(K);
          if ('stopped' in a || 'stopped' in b) throw new Error('stopped');
          simd.commit(K, a.segments);
          scalar.commit(K, b.segments);
          expect(a.stats.kept, `${semantics} ${vars.join(',')} K ${K}`).toBe(b.stats.kept);
          // the same trees, in the same order
          expect(Array.from(a.segments.flatMap((s) => Array.from(s.left))).join()).toBe(Array.from(b.segments.flatMap((s) => Array.from(s.left))).join());
        }
      }
    }
  });
});

/** The pure-EML language spec over {1, x, y} with `probes` probe points. */
function pureSpec(probes: number) {
  return pureEmlSpec(searchProbes(['x', 'y'], probes));
}
