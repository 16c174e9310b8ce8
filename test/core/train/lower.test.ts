import { describe, expect, it } from 'vitest';
import { type Expr, ONE, eml, variable } from '../../../src/core/expr';
import { createRng } from '../../../src/core/rng';
import { SEMANTICS } from '../../../src/core/semantics';
import { parseEml, parseInfix, printInfix } from '../../../src/core/syntax';
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

/** A random pure EML tree of exactly `leaves` leaves over 1, x, y (seeded). */
function randomTree(rng: () => number, leaves: number): Expr {
  if (leaves === 1) { const r = rng(); return r < 0.4 ? ONE : variable(r < 0.7 ? 'x' : 'y'); }
  const left = 1 + Math.floor(rng() * (leaves - 1));
  return eml(randomTree(rng, left), randomTree(rng, leaves - left));
}

describe('lowerEml keeps the value of the tree', () => {
  const names = ['x', 'y'];
  const pts = gridInputs(2, { lo: 0.5, hi: 3, step: 0.5 });

  it('agreeAt compares both components: NaN real parts with different imaginary parts differ', () => {
    const xs = [Float64Array.of(1.5, 2, 2.5)];
    const a = parseInfix('ln(x - x) - ln(x - x) + i*x'); // NaN + i·x
    expect(agreeAt(a, parseInfix('ln(x - x) - ln(x - x) + 2*i*x'), ['x'], xs)).toBe(false);
    expect(agreeAt(a, parseInfix('ln(x - x) - ln(x - x) + x*i'), ['x'], xs)).toBe(true);
  });

  it('agreeAt checks every semantics: exp(ln(x - x)) and 0 agree under ieee (exp(−∞) = 0) but not under strict', () => {
    const xs = [Float64Array.of(1.5, 2, 2.5)];
    expect(agreeAt(parseInfix('exp(ln(x - x))'), parseInfix('0'), ['x'], xs)).toBe(false);
    expect(agreeAt(parseInfix('exp(ln(x - x))'), parseInfix('0'), ['x'], xs, ['ieee'])).toBe(true);
  });

  it('the lowered formula of 300 random trees (K up to 23) equals the tree at every point under every semantics', () => {
    const rng = createRng(2024);
    for (let k = 0; k < 300; k++) {
      const tree = randomTree(rng, 2 + Math.floor(rng() * 11));
      const low = lowerEml(tree, names, pts);
      for (const semantics of SEMANTICS) {
        for (let i = 0; i < pts[0]!.length; i++) {
          const at = { x: pts[0]![i]!, y: pts[1]![i]! };
          const a = evaluate(tree, at, { semantics }), b = evaluate(low.formula, at, { semantics });
          const same = (u: number, v: number) => Object.is(u, v) || Math.abs(u - v) <= 1e-9 * (1 + Math.hypot(a.re, a.im));
          expect(same(a.re, b.re) && same(a.im, b.im), `${printInfix(tree)} → ${printInfix(low.formula)} at ${JSON.stringify(at)} (${semantics})`).toBe(true);
        }
      }
    }
  });
});

describe('lowerEml with constant leaves', () => {
  it.each([
    ['eml(x, 0.5)', 'exp(x) + 0.6931471805599453'],
    ['eml(x, 2.5)', 'exp(x) - 0.9162907318741551'],
    ['eml(eml(1, eml(eml(1, x), 1)), -1.5)', 'x - ln(-1.5)'], // complex: not folded
    ['eml(2, 1)', 'exp(2)'], // integers to a non-integer: kept exact
    ['eml(eml(0.25, 1), 1)', '3.611146878218102'], // exp(exp(0.25))
  ])('folds operations on fitted constants: %s is %s', (tree, formula) => {
    const t = parseInfix(tree), low = lowerEml(t, ['x', 'y'], inputs);
    expect(printInfix(low.formula)).toBe(formula);
    expect(agreeAt(t, low.formula, ['x', 'y'], inputs)).toBe(true);
  });
});
