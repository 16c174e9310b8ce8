// The random target generator: seeded and reproducible, master-form trees with x and y only at the bottom
// level, free-form trees within their size and depth, every target real and finite on the paper's grid,
// distinct, and (checked by brute force here) different from every tree of depth ≤ 2.
import { describe, expect, it } from 'vitest';
import { freeFormTargets, masterFormTargets } from '../../../src/core/benchmarks';
import { evaluate } from '../../../src/core/evaluate';
import { type Expr, ONE, depth, eml, size, variable } from '../../../src/core/expr';
import { PAPER_GRID, gridInputs } from '../../../src/core/train';

const [gx, gy] = gridInputs(2, PAPER_GRID) as [Float64Array, Float64Array];

/** Depths at which a tree's variables sit. */
function varDepths(t: Expr, d = 0): number[] {
  if (t.kind === 'var') return [d];
  return t.kind === 'op' ? t.args.flatMap((a) => varDepths(a, d + 1)) : [];
}

const uses = (t: Expr, v: string): boolean => t.kind === 'var' ? t.name === v : t.kind === 'op' && t.args.some((a) => uses(a, v));

/** Every tree over 1, x, y of depth ≤ 2 (156 of them), built here independently of the generator. */
function shallowTrees(): Expr[] {
  const leaves: Expr[] = [ONE, variable('x'), variable('y')];
  const d1 = leaves.flatMap((a) => leaves.map((b) => eml(a, b)));
  const upTo1 = [...leaves, ...d1];
  return [...upTo1, ...upTo1.flatMap((a) => upTo1.map((b) => eml(a, b)))];
}

function sameOnGrid(a: Expr, b: Expr, swap: boolean): boolean {
  for (let i = 0; i < gx.length; i += 37) {
    const va = evaluate(a, { x: gx[i]!, y: gy[i]! }), vb = evaluate(b, swap ? { x: gy[i]!, y: gx[i]! } : { x: gx[i]!, y: gy[i]! });
    if (!(Math.abs(va.re - vb.re) <= 1e-9 * (1 + Math.abs(va.re)) && Math.abs(va.im - vb.im) <= 1e-9 * (1 + Math.abs(va.re)))) return false;
  }
  return true;
}

function realOnGrid(t: Expr): boolean {
  for (let i = 0; i < gx.length; i++) {
    const v = evaluate(t, { x: gx[i]!, y: gy[i]! });
    if (!(Number.isFinite(v.re) && Math.abs(v.im) < 1e-12)) return false;
  }
  return true;
}

describe('masterFormTargets', () => {
  it.each([3, 4, 5, 6])('gives distinct depth-%i targets with x and y only at the bottom, real on the grid, reproducibly', (d) => {
    const a = masterFormTargets({ seed: 7, depth: d, count: 4 });
    expect(a.map((t) => t.text)).toEqual(masterFormTargets({ seed: 7, depth: d, count: 4 }).map((t) => t.text));
    expect(a.map((t) => t.text)).not.toEqual(masterFormTargets({ seed: 8, depth: d, count: 4 }).map((t) => t.text));
    for (const t of a) {
      expect(t.depth).toBe(d);
      expect(depth(t.tree)).toBe(d);
      expect(t.K).toBe(size(t.tree));
      expect(new Set(varDepths(t.tree))).toEqual(new Set([d]));
      expect(uses(t.tree, 'x') && uses(t.tree, 'y')).toBe(true);
      expect(realOnGrid(t.tree)).toBe(true);
    }
    for (let i = 0; i < a.length; i++) for (let j = i + 1; j < a.length; j++) expect(sameOnGrid(a[i]!.tree, a[j]!.tree, false)).toBe(false);
  });

  it('gives depth-3 targets that differ on the grid from all 156 trees of depth ≤ 2, also with x and y swapped', () => {
    const shallow = shallowTrees();
    expect(shallow).toHaveLength(156);
    for (const t of masterFormTargets({ seed: 11, depth: 3, count: 6 })) {
      for (const s of shallow) {
        expect(sameOnGrid(t.tree, s, false)).toBe(false);
        expect(sameOnGrid(t.tree, s, true)).toBe(false);
      }
    }
  });
});

describe('freeFormTargets', () => {
  it('gives targets of K ≤ 25 and depth ≤ 6 with both variables, real on the grid, reproducibly', () => {
    const a = freeFormTargets({ seed: 5, count: 8 });
    expect(a.map((t) => t.text)).toEqual(freeFormTargets({ seed: 5, count: 8 }).map((t) => t.text));
    for (const t of a) {
      expect(t.K).toBeLessThanOrEqual(25);
      expect(t.K).toBeGreaterThanOrEqual(7);
      expect(t.depth).toBeLessThanOrEqual(6);
      expect(uses(t.tree, 'x') && uses(t.tree, 'y')).toBe(true);
      expect(realOnGrid(t.tree)).toBe(true);
    }
  });

  it('refuses bad sizes and depths by name', () => {
    expect(() => freeFormTargets({ seed: 1, count: 1, maxK: 27 })).toThrow(/3 ≤ minK ≤ maxK ≤ 25, got 7\.\.27/);
    expect(() => masterFormTargets({ seed: 1, depth: 12, count: 1 })).toThrow(/depth must be an integer from 2 to 8, got 12/);
  });
});
