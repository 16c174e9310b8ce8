import { describe, expect, it } from 'vitest';
import { parseEml, printInfix } from '../../../src/core/syntax';
import { evaluate } from '../../../src/core/evaluate';
import { PAPER_GRID, TARGETS, agreeAt, gridInputs, lowerEml, targetTree } from '../../../src/core/train';

const inputs = gridInputs(2, PAPER_GRID);

describe('lowerEml', () => {
  it.each([
    ['eml(x, 1)', 'exp(x)'],
    ['eml(1, eml(eml(1, x), 1))', 'ln(x)'],
    ['eml(eml(1, eml(eml(1, x), 1)), eml(y, 1))', 'x - y'],
    ['eml(x, y)', 'exp(x) - ln(y)'],
    ['eml(1, 1)', 'e'],
  ])('reads the compiler table backwards: %s is %s', (tree, formula) => {
    expect(printInfix(lowerEml(parseEml(tree), ['x', 'y'], inputs).formula)).toBe(formula);
  });

  it.each(TARGETS.map((t) => [t.name]))('lowers %s to a formula equal to the tree on the grid', (name) => {
    const tree = targetTree(name), low = lowerEml(tree, ['x', 'y'], inputs);
    expect(low.simplified).toBe(true);
    expect(agreeAt(tree, low.formula, ['x', 'y'], inputs)).toBe(true);
    // and at a point off the grid where everything stays real
    const a = evaluate(tree, { x: 1.234, y: 2.345 }), b = evaluate(low.formula, { x: 1.234, y: 2.345 });
    expect(b.re).toBeCloseTo(a.re, 10);
  });

  it('gives the reference descriptions of the depth-3 to depth-5 targets', () => {
    expect(printInfix(lowerEml(targetTree('eml_depth3'), ['x', 'y'], inputs).formula)).toBe('exp(e)/(exp(y) - ln(x))');
    expect(printInfix(lowerEml(targetTree('eml_depth4'), ['x', 'y'], inputs).formula)).toBe('ln(exp(x) - ln(y))');
    expect(printInfix(lowerEml(targetTree('eml_depth5'), ['x', 'y'], inputs).formula)).toBe('ln(e - ln(exp(x) - ln(y)))');
  });

  it('agreeAt notices a formula that differs at one point', () => {
    expect(agreeAt(parseEml('eml(x, 1)'), parseEml('eml(x, x)'), ['x', 'y'], inputs)).toBe(false);
  });
});
