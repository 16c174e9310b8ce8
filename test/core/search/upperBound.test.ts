import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate';
import { size } from '../../../src/core/expr';
import { composeForms } from '../../../src/core/search/compose';
import { searchProbes, verificationPoints } from '../../../src/core/search/probes';
import { recognize } from '../../../src/core/search/recognize';
import { shortestTable } from '../../../src/core/search/shortestTable';
import { constantTarget, functionTarget } from '../../../src/core/search/target';
import { parseEml, parseInfix } from '../../../src/core/syntax';
import { primitiveTable } from '../../helpers/reference';

const ref = new Map(primitiveTable().map((r) => [r.name, r]));

/** Max relative distance of a tree to a Math reference over real points (extended semantics). */
function worst(eml: string, f: (x: number) => number, xs: readonly number[]): number {
  const t = parseEml(eml);
  let w = 0;
  for (const x of xs) {
    const v = evaluate(t, { x }, { semantics: 'extended' });
    expect(v.defined, `defined at x = ${x}`).toBe(true);
    w = Math.max(w, Math.hypot(v.re - f(x), v.im) / Math.max(1, Math.abs(f(x))));
  }
  return w;
}

describe('upper bounds beyond the decided sizes: spine search', () => {
  it('finds a verified tree for 2 above the decided sizes, no smaller than the proven minimum 19', async () => {
    // sizes ≤ 11 decided (levels ≤ 7 stored), then spines with terminals among the stored levels
    const r = await recognize({ target: constantTarget('2'), semantics: 'extended', maxK: 11, upperBound: { maxK: 31 } });
    expect(r.found).toBe(false);
    expect(r.decidedUpTo).toBe(11);
    const u = r.upperBound!;
    expect(u.K).not.toBeNull();
    // the reference's exhaustive recognizer (and ours, test recognize) put the minimum at 19
    expect(u.K!).toBeGreaterThanOrEqual(ref.get('2')!.paperShortestK_extended!);
    expect(u.K!).toBeLessThanOrEqual(31);
    for (const h of u.hits) {
      expect(size(parseEml(h.eml))).toBe(u.K);
      expect(h.verification.verified).toBe(true);
      const v = evaluate(parseEml(h.eml), {}, { semantics: 'extended' });
      expect(Math.abs(v.re - 2) + Math.abs(v.im)).toBeLessThan(1e-13);
    }
    expect(r.minimality).toMatch(/bounds the minimal K from above/);
  });

  it('finds x/2 at the paper\'s size 29 from levels up to 17, a tree equal to x/2 away from the probes too', async () => {
    const r = await recognize({ target: functionTarget('x/2'), semantics: 'extended', maxK: 21, upperBound: { maxK: 31, spineMaxK: 14 } });
    expect(r.found).toBe(false);
    expect(r.decidedUpTo).toBe(21);
    const u = r.upperBound!;
    expect(u.K).toBe(ref.get('half')!.paperShortestK_extended);
    expect(u.hits.length).toBeGreaterThan(0);
    // at real points in (0.1, 2.6), unlike the probes: the verified identity holds there as well
    const xs = Array.from({ length: 25 }, (_, i) => 0.1 + 0.1 * i);
    for (const h of u.hits) expect(worst(h.eml, (x) => x / 2, xs)).toBeLessThan(1e-12);
  });

  it('reports no upper bound (and no candidate) when nothing of spine shape matches', async () => {
    const r = await recognize({ target: constantTarget('pi'), semantics: 'strict', maxK: 9, upperBound: { maxK: 21, spineMaxK: 8 } });
    expect(r.found).toBe(false);
    expect(r.upperBound!.K).toBeNull();
    expect(r.upperBound!.hits).toEqual([]);
    expect(r.minimality).not.toMatch(/bounds/);
  });
});

describe('upper bounds by composition of verified forms', () => {
  const probes = searchProbes(['x'], 2);
  const opts = { semantics: 'extended' as const, probes: probes.points, verificationPoints: verificationPoints(probes) };
  // the reference's shortest forms (eml-reference §2.6): exp K 3, ln K 7, x/2 K 29
  const forms = [
    { name: 'exp', tree: parseEml('eml(x, 1)') },
    { name: 'ln', tree: parseEml('eml(1, eml(eml(1, x), 1))') },
    { name: 'half', tree: parseEml('eml(eml(1, eml(eml(1, x), eml(eml(eml(1, eml(1, eml(1, eml(eml(1, 1), 1)))), eml(eml(eml(1, x), 1), 1)), 1))), 1)') },
  ];

  it('√x = exp(½·ln x) has K 3 + (29 + 2·6 − 1) = 43, the paper\'s size, equal to Math.sqrt', () => {
    const found = composeForms(forms, parseInfix('sqrt(x)'), opts);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.K).toBe(43);
    expect(found[0]!.K).toBe(ref.get('sqrt')!.paperShortestK_extended);
    expect(found[0]!.chain).toEqual(['exp', 'half', 'ln']);
    expect(size(found[0]!.tree)).toBe(43);
    const xs = [0.01, 0.3, 1, 2.5, 7, 40];
    const t = found[0]!.tree;
    for (const x of xs) {
      const v = evaluate(t, { x }, { semantics: 'extended' });
      expect(Math.abs(v.re - Math.sqrt(x)) + Math.abs(v.im)).toBeLessThan(1e-12 * Math.max(1, Math.sqrt(x)));
    }
  });

  it('keeps the smallest composition: exp∘ln is the identity at K 9 (the paper\'s Fig. 2 size)', () => {
    const found = composeForms(forms, parseInfix('x'), { ...opts, maxChain: 2 });
    expect(found.map((f) => f.K)).toContain(9);
    expect(Math.min(...found.map((f) => f.K))).toBe(9);
  });

  it('returns nothing for a function no chain of the forms equals', () => {
    expect(composeForms(forms, parseInfix('sin(x)'), opts)).toEqual([]);
    expect(composeForms(forms, parseInfix('sqrt(x)'), { ...opts, maxK: 41 })).toEqual([]);
  });
});

describe('the shortest-form table with upper bounds', () => {
  it('reaches x/2 by spine search and √x by composition, each above its decided sizes', async () => {
    const rows = ['exp', 'ln', 'half', 'sqrt'].map((n) => {
      const r = ref.get(n)!;
      return { ...r, formula: { exp: 'exp(x)', ln: 'ln(x)', half: 'x/2', sqrt: 'sqrt(x)' }[n]! };
    });
    const t = await shortestTable({ rows, semantics: ['extended'], maxK: { 1: 21 }, upperBoundK: { 1: 45 } });
    const cell = (n: string) => t.rows.find((r) => r.name === n)!.results.extended!;
    expect(cell('exp').K).toBe(3);
    expect(cell('ln').K).toBe(7);
    expect(cell('half').K).toBeNull();
    expect(cell('half').decidedUpTo).toBe(21);
    expect(cell('half').upper!.K).toBe(29);
    expect(cell('half').upper!.method).toMatch(/spine/);
    expect(cell('sqrt').K).toBeNull();
    expect(cell('sqrt').upper!.K).toBeLessThanOrEqual(43);
    expect(cell('sqrt').upper!.method).toMatch(/composition/);
    const xs = [0.2, 0.9, 1.7, 2.4];
    for (const f of cell('sqrt').upper!.forms) expect(worst(f.eml, Math.sqrt, xs)).toBeLessThan(1e-12);
  });
});
