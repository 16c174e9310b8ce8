import { describe, expect, it } from 'vitest';
import { ONE, depth, eml, equals, variable } from '../../../src/core/expr';
import { parseEml, parseInfix, printEml } from '../../../src/core/syntax';
import { TARGETS, embedTree, masterLayout, padToDepth, snappedTree, targetTree, countUncertain } from '../../../src/core/train';
import { evaluate } from '../../../src/core/evaluate';

describe('embedTree (manual starts)', () => {
  it.each(TARGETS.map((t) => [t.name, t.depth]))('embeds %s so that snapping gives the same tree back', (name, d) => {
    const tree = targetTree(name), L = masterLayout(d, 2);
    const p = embedTree(L, tree, ['x', 'y'], 32);
    expect(equals(snappedTree(L, p, 0, ['x', 'y']), tree)).toBe(true);
    expect(countUncertain(L, p, 0, 0.01)).toBe(0);
  });

  it('sets ±k logits exactly as the reference: bypassed inputs +k, used inputs −k, leaves one-hot', () => {
    const L = masterLayout(2, 2);
    const p = embedTree(L, parseEml('eml(1, eml(y, x))'), ['x', 'y'], 32);
    // root (node 2): left bypass, right uses node 1; node 1 uses leaves 2 (y) and 3 (x); node 0 is unused
    expect(Array.from(p.slice(L.gateOffset))).toEqual([32, 32, -32, -32, 32, -32]);
    expect(Array.from(p.slice(6, 12))).toEqual([-32, -32, 32, -32, 32, -32]);
    expect(Array.from(p.slice(0, 6))).toEqual([32, -32, -32, 32, -32, -32]);
  });

  it('compiles any formula and pads shallow variables with ln(exp(v)) to reach the bottom level', () => {
    // exp(x) - ln(y) compiles to eml(x, y) (depth 1); in a depth-5 master tree both variables are padded by 4
    const L = masterLayout(5, 2);
    const p = embedTree(L, parseInfix('exp(x) - ln(y)'), ['x', 'y'], 32);
    const t = snappedTree(L, p, 0, ['x', 'y']);
    expect(depth(t)).toBe(5);
    for (const [x, y] of [[1.5, 2], [0.3, 4]]) expect(evaluate(t, { x, y }).re).toBeCloseTo(Math.exp(x) - Math.log(y), 12);
  });

  it('padToDepth refuses a gap that is not a multiple of 4 and names the variable', () => {
    expect(() => padToDepth(eml(variable('x'), ONE), 3)).toThrow(/variable x sits at depth 1.*depth 3/);
    expect(printEml(padToDepth(eml(variable('x'), ONE), 5))).toBe('eml(eml(1, eml(eml(1, eml(x, 1)), 1)), 1)');
  });

  it('rejects a start deeper than the master tree and a variable that is not an input', () => {
    expect(() => embedTree(masterLayout(2, 2), targetTree('eml_depth3'), ['x', 'y'], 32)).toThrow(/depth/);
    expect(() => embedTree(masterLayout(1, 2), parseEml('eml(z, 1)'), ['x', 'y'], 32)).toThrow(/variable 'z' is not an input/);
  });
});
