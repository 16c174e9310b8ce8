// Seeded training for discovery (trainFromStarts): starts with a wrong constant end at the exact law with its
// constant fitted, random starts too; the iteration budget and the stop callback are kept; results are the same
// on every call; bad data is refused by name.
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../../src/core/evaluate';
import { parseInfix } from '../../../src/core/syntax';
import { PAPER_GRID, gridData, trainFromStarts, treeConstants } from '../../../src/core/train';

const target = parseInfix('eml(eml(0.5, x), y)'); // exp(exp(0.5))/x − ln(y)
const data = gridData(target, ['x', 'y'], PAPER_GRID);
const base = { varNames: ['x', 'y'], inputs: data.inputs, target: data.target, seed: 1 };

describe('trainFromStarts', () => {
  it('trains a start with a wrong constant to the exact law, the constant fitted (0.8 → 0.5)', () => {
    const r = trainFromStarts({ ...base, starts: [parseInfix('eml(eml(0.8, x), y)')], runsPerStart: 2, maxIterations: 20000 });
    expect(r.stopReason).toEqual({ kind: 'done' });
    const best = r.trees[0]!;
    expect(best.exact).toBe(true);
    expect(best.exactWithinNoise).toBe(true);
    expect(best.mse).toBeLessThan(1e-20);
    expect(best.constants).toHaveLength(1);
    expect(best.constants[0]).toBeCloseTo(0.5, 12);
    expect(best.K).toBe(5);
    expect(best.depth).toBe(2);
    expect(best.origin).toEqual({ kind: 'start', index: 0 });
    expect(treeConstants(best.tree)).toEqual(best.constants);
    // the tree is the law: checked by direct evaluation
    expect(evaluate(best.tree, { x: 1.3, y: 2.2 }).re).toBeCloseTo(Math.exp(Math.exp(0.5)) / 1.3 - Math.log(2.2), 12);
    // trees are distinct and sorted by MSE
    expect(new Set(r.trees.map((t) => t.text)).size).toBe(r.trees.length);
    for (let i = 1; i < r.trees.length; i++) expect(r.trees[i]!.mse).toBeGreaterThanOrEqual(r.trees[i - 1]!.mse);
  });

  it('finds eml(x, 2.5) from random starts alone', () => {
    const d = gridData(parseInfix('exp(x) - ln(2.5)'), ['x'], PAPER_GRID);
    const r = trainFromStarts({ varNames: ['x'], inputs: d.inputs, target: d.target, seed: 3, starts: [], randomStarts: { runs: 4, depth: 1 }, maxIterations: 20000 });
    expect(r.trees[0]!.exact).toBe(true);
    expect(r.trees[0]!.text).toMatch(/^eml\(x, 2\.(49999|5)/);
    expect(r.trees[0]!.origin.kind).toBe('random');
  });

  it('is deterministic, and keeps the iteration budget and the stop callback', () => {
    const spec = { ...base, starts: [parseInfix('eml(eml(1, y), x)'), parseInfix('eml(x, y)')], runsPerStart: 2, maxIterations: 2500 };
    const a = trainFromStarts(spec), b = trainFromStarts(spec);
    expect(a.trees.map((t) => [t.text, t.mse, t.seed])).toEqual(b.trees.map((t) => [t.text, t.mse, t.seed]));
    expect(a.stopReason).toEqual({ kind: 'iterationLimit', iterations: 2500 });
    expect(a.iterations).toBe(2500);
    expect(a.trees.some((t) => !t.complete)).toBe(true); // the run the budget cut is reported, marked incomplete
    let polls = 0;
    const c = trainFromStarts({ ...spec, maxIterations: 100000 }, { shouldStop: () => ++polls > 300 });
    expect(c.stopReason).toEqual({ kind: 'cancelled' });
    expect(c.iterations).toBeLessThanOrEqual(301);
  });

  it('refuses inconsistent data, naming what is wrong', () => {
    const one = [parseInfix('eml(x, y)')];
    expect(() => trainFromStarts({ ...base, starts: one, maxIterations: 10, inputs: [data.inputs[0]!] })).toThrow(/2 input names but 1 input columns/);
    const bad = Float64Array.from(data.target);
    bad[4] = NaN;
    expect(() => trainFromStarts({ ...base, starts: one, maxIterations: 10, target: bad })).toThrow(/target row 5 is not a finite number/);
    expect(() => trainFromStarts({ ...base, starts: one, maxIterations: 0 })).toThrow(/maxIterations must be a positive integer/);
    expect(() => trainFromStarts({ ...base, starts: [parseInfix('eml(z, 1)')], maxIterations: 10 })).toThrow(/variable 'z' is not an input/);
  });
});
