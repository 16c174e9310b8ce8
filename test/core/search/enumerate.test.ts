import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate';
import { type Expr, ONE, eml, size, variable } from '../../../src/core/expr';
import type { Semantics } from '../../../src/core/semantics';
import { compileLanguage } from '../../../src/core/search/compiledLanguage';
import { Enumerator } from '../../../src/core/search/enumerate';
import { buildLanguage, pureEmlLanguage } from '../../../src/core/search/language';
import { type ProbeSet, searchProbes } from '../../../src/core/search/probes';
import { recognize } from '../../../src/core/search/recognize';
import type { SearchTarget } from '../../../src/core/search/target';
import { printInfix } from '../../../src/core/syntax';

/** Every pure-EML tree over the leaves with exactly n leaves (no deduplication at all). */
function allTrees(leaves: readonly Expr[], maxLeaves: number): Expr[][] {
  const byLeaves: Expr[][] = [[], [...leaves]];
  for (let n = 2; n <= maxLeaves; n++) {
    const out: Expr[] = [];
    for (let a = 1; a < n; a++) for (const l of byLeaves[a]!) for (const r of byLeaves[n - a]!) out.push(eml(l, r));
    byLeaves.push(out);
  }
  return byLeaves;
}

interface Valued { tree: Expr; K: number; v: Array<{ re: number; im: number }> }

/** The admissibility rule of enumerate.ts, restated independently for the brute force. */
function admissible(re: number, im: number, sem: Semantics, strictDefined: boolean): boolean {
  if (sem === 'strict') return strictDefined;
  if (Number.isNaN(re)) return false;
  if (Number.isNaN(im)) return sem === 'extended' && !Number.isFinite(re);
  return true;
}

function valueAll(trees: Expr[][], probes: ProbeSet, sem: Semantics): Valued[] {
  const out: Valued[] = [];
  for (const level of trees) {
    for (const tree of level) {
      const v = probes.points.map((pt) => evaluate(tree, pt, { semantics: sem }));
      if (v.every((x) => admissible(x.re, x.im, sem, x.defined))) out.push({ tree, K: size(tree), v: v.map((x) => ({ re: x.re, im: x.im })) });
    }
  }
  return out;
}

function sameValue(a: Valued['v'], b: Valued['v'], sem: Semantics, tol = 1e-13): boolean {
  return a.every((x, p) => {
    const y = b[p]!;
    // relative to the larger modulus: 0 and 1e-16 differ (their logarithms do), rounding noise does not;
    // beside an infinite part, a finite part is compared on its own scale
    const m = Math.max(Math.hypot(x.re, x.im), Math.hypot(y.re, y.im));
    const part = (u: number, w: number): boolean => {
      if (!Number.isFinite(u) || !Number.isFinite(w)) return Object.is(u, w) || (Number.isNaN(u) && Number.isNaN(w));
      const scale = Number.isFinite(m) ? m : Math.max(Math.abs(u), Math.abs(w));
      return Math.abs(u - w) <= tol * scale;
    };
    const scale = Number.isFinite(m) ? m : 0;
    if (!part(x.re, y.re) || !part(x.im, y.im)) return false;
    // under 'extended' the sign of a zero imaginary part selects the side of the cut: a different value
    if (sem === 'extended' && Math.abs(x.im) <= tol * scale && Math.abs(y.im) <= tol * scale) return (x.im < 0 || Object.is(x.im, -0)) === (y.im < 0 || Object.is(y.im, -0));
    return true;
  });
}

function enumerated(probes: ProbeSet, sem: Semantics, maxK: number): Valued[] {
  const lang = compileLanguage(pureEmlLanguage(probes), sem);
  const en = new Enumerator(lang);
  for (let K = 1; K <= maxK; K++) {
    const r = en.grow(K);
    if ('stopped' in r) throw new Error('stopped');
    en.commit(K, r.segments);
  }
  const out: Valued[] = [];
  for (let id = 0; id < en.store.size; id++) {
    const tree = en.store.toExpr(id, lang);
    out.push({ tree, K: size(tree), v: probes.points.map((pt) => { const x = evaluate(tree, pt, { semantics: sem }); return { re: x.re, im: x.im }; }) });
  }
  return out;
}

const CASES: Array<[string, string[], number, number]> = [
  // name, variables, probe points, largest K
  ['constants over {1}', [], 1, 15],
  ['functions over {1, x}', ['x'], 2, 11],
];

describe('enumerate (bottom-up by K with functional deduplication)', () => {
  for (const [name, vars, P, maxK] of CASES) {
    for (const sem of ['ieee', 'extended', 'strict'] as const) {
      it(`keeps exactly one smallest tree per distinct value: ${name}, K ≤ ${maxK}, ${sem} (against brute force)`, () => {
        const probes = searchProbes(vars, P);
        const leaves = ['1', ...vars].map((l) => (l === '1' ? ONE : variable(l)));
        const brute = valueAll(allTrees(leaves, (maxK + 1) / 2), probes, sem);
        const mine = enumerated(probes, sem, maxK);
        // every stored node is a smallest tree of its value, and no two stored nodes share a value
        for (const n of mine) {
          const smallest = Math.min(...brute.filter((b) => sameValue(b.v, n.v, sem)).map((b) => b.K));
          expect(n.K, printInfix(n.tree)).toBe(smallest);
          const twins = mine.filter((m) => sameValue(m.v, n.v, sem));
          expect(twins.length, `${printInfix(n.tree)} = ${JSON.stringify(n.v)}: ${twins.map((t) => `${printInfix(t.tree)} = ${JSON.stringify(t.v)}`).join('; ')}`).toBe(1);
        }
        // every value of the brute force is stored (values closer than the fingerprint quantum, 2^-40 of the
        // larger part, count as one: floating point cannot tell them apart reliably)
        for (const b of brute) expect(mine.some((m) => sameValue(m.v, b.v, sem, 1e-11)), printInfix(b.tree)).toBe(true);
      });
    }
  }

  it('grows the same levels from a user formula exp(a) - ln(b) as from the builtin EML', () => {
    const probes = searchProbes(['x'], 2);
    const counts = (binary: string): number[] => {
      const lang = compileLanguage(buildLanguage({ probes, leaves: ['1', 'x'], unary: [], binary: [binary] }), 'extended');
      const en = new Enumerator(lang);
      const out: number[] = [];
      for (let K = 1; K <= 11; K++) {
        const r = en.grow(K);
        if ('stopped' in r) throw new Error('stopped');
        en.commit(K, r.segments);
        out.push(r.stats.kept);
      }
      return out;
    };
    expect(counts('F=exp(a) - ln(b)')).toEqual(counts('EML'));
  });

  it('stops a level when asked and when the memory budget is exceeded', () => {
    const lang = compileLanguage(pureEmlLanguage(searchProbes([], 1)), 'ieee');
    const en = new Enumerator(lang);
    for (let K = 1; K <= 22; K++) { const r = en.grow(K); if ('stopped' in r) throw new Error('stopped'); en.commit(K, r.segments); }
    expect(en.grow(23, { shouldStop: () => true })).toEqual({ stopped: 'cancelled' });
    expect(en.grow(23, { maxBytes: 1024 })).toEqual({ stopped: 'memoryLimit' });
    expect(() => en.grow(25)).toThrow(/level 23 must be stored/);
  });

  it('names an unknown operator and a leaf outside the target variables', () => {
    const probes = searchProbes(['x'], 2);
    expect(() => buildLanguage({ probes, leaves: ['1', 'x'], unary: [], binary: ['Frobnicate'] })).toThrow(/unknown binary operator 'Frobnicate'/);
    expect(() => buildLanguage({ probes, leaves: ['1', 'y'], unary: [], binary: ['EML'] })).toThrow(/leaf 'y' uses the variable y/);
    expect(() => buildLanguage({ probes, leaves: ['1'], unary: [], binary: ['F=exp(a) - c'] })).toThrow(/may use only a and b/);
    expect(() => buildLanguage({ probes, leaves: ['1', '1'], unary: [], binary: ['EML'] })).toThrow(/given twice/);
  });
});

describe('recognize: minimality against brute force', () => {
  for (const [name, vars, P, maxK] of [['constants', [], 1, 13], ['functions of x', ['x'], 2, 11]] as const) {
    for (const sem of ['ieee', 'extended', 'strict'] as const) {
      it(`finds exactly the brute-force minimal K of sample ${name} (${sem})`, async () => {
        const probes = searchProbes(vars, P);
        const leaves = ['1', ...vars].map((l) => (l === '1' ? ONE : variable(l)));
        const brute = valueAll(allTrees(leaves, (maxK + 1) / 2), probes, sem);
        // targets: values whose trees have no infinite intermediate (so the 40-digit check applies), one per K
        const samples: Valued[] = [];
        for (let K = 1; K <= maxK; K += 2) {
          const atK = brute.filter((b) => b.K === K && probes.points.every((pt) => evaluate(b.tree, pt, { semantics: 'strict' }).defined)
            && !brute.some((c) => c.K < K && sameValue(c.v, b.v, sem)));
          if (atK.length) samples.push(atK[Math.floor(atK.length / 2)]!);
        }
        expect(samples.length).toBeGreaterThan(3);
        for (const s of samples) {
          const target: SearchTarget = { kind: vars.length ? 'fn' : 'const', text: printInfix(s.tree), expr: s.tree, variables: [...vars] };
          const r = await recognize({ target, semantics: sem, maxK: s.K, probes: P });
          expect(r.K, printInfix(s.tree)).toBe(s.K);
          expect(r.hits[0]!.verification.verified).toBe(true);
        }
      });
    }
  }
});
