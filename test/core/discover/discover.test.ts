import { describe, expect, it } from 'vitest';
import { TWELVE_LAWS, checkRecovery, sampleLaw } from '../../../src/core/discover/benchmarkPack';
import { tidy } from '../../../src/core/discover/conventional';
import { DiscoverDataError, prepareData } from '../../../src/core/discover/data';
import { type DiscoverReport, discover } from '../../../src/core/discover/discover';
import { agreeOnRows, emlWithNumericLeaves } from '../../../src/core/discover/model';
import { insignificantPart } from '../../../src/core/discover/reducible';
import { isPureEml, size } from '../../../src/core/expr';
import { createRng } from '../../../src/core/rng';
import { parseInfix, printInfix } from '../../../src/core/syntax';

const law = (id: string) => TWELVE_LAWS.find((l) => l.id === id)!;
const clock = () => performance.now();

function run(id: string, noise: number, engines?: Array<'calculator' | 'constant' | 'eml'>): { report: DiscoverReport; data: ReturnType<typeof sampleLaw> } {
  const data = sampleLaw(law(id), 300, noise, createRng(7));
  const report = discover({ data, timeLimitMs: 120_000, now: clock, ...(engines ? { engines } : {}) });
  return { report, data };
}

/** Every reported formula must equal its EML tree on the data, and parse back from its own text. */
function expectFormulasEqualTrees(report: DiscoverReport, data: ReturnType<typeof sampleLaw>): void {
  const rows = prepareData(data);
  const all = { rows: data.target.length, inputs: data.inputs, target: data.target };
  expect(report.front.length).toBeGreaterThan(0);
  for (const f of report.front) {
    const tree = parseInfix(f.eml);
    expect(size(tree)).toBe(f.K);
    // the tree is pure EML apart from decimal leaves for constants
    const leavesOnly = f.eml.replace(/\d+(\.\d+)?(e[+-]?\d+)?/g, '1');
    expect(isPureEml(parseInfix(leavesOnly))).toBe(true);
    expect(agreeOnRows(parseInfix(f.formula), tree, data.names, all)).toBe(true);
    expect(printInfix(parseInfix(f.formula))).toBe(f.formula);
    void rows;
  }
  const ks = report.front.map((f) => f.K);
  expect(ks).toEqual([...ks].sort((a, b) => a - b));
}

describe('discover(data)', () => {
  it('recovers x·y exactly from noiseless data, with formula, LaTeX and an EML tree that agree', () => {
    const { report, data } = run('product', 0, ['calculator', 'eml']);
    expect(report.best?.formula).toBe('x*y');
    expect(report.best?.exactWithinNoise).toBe(true);
    expect(report.best?.K).toBe(17);
    expect(report.best?.latex).toMatch(/x \\cdot y/);
    expectFormulasEqualTrees(report, data);
  });

  it('recovers x/y·... from 1 % noise and calls it exact within the noise', () => {
    const { report, data } = run('damped', 0.01, ['calculator']);
    const best = report.best!;
    expect(best.exactWithinNoise).toBe(true);
    expect(checkRecovery(best.formula, law('damped'), createRng(1)).exact).toBe(true);
    expect(best.r2).toBeGreaterThan(0.99);
    expectFormulasEqualTrees(report, data);
  });

  it('fits and snaps the constant of the normal density to 1/sqrt(2*pi)', () => {
    const { report, data } = run('normal density', 0, ['calculator']);
    const best = report.best!;
    expect(best.exactWithinNoise).toBe(true);
    expect(best.formula).toMatch(/sqrt\(2\*pi\)/);
    expect(checkRecovery(best.formula, law('normal density'), createRng(2)).exact).toBe(true);
    expectFormulasEqualTrees(report, data);
  });

  it('snaps a scale factor that is not among the 12 simplest forms near it: 3/(20·π) of II.8.7', () => {
    const data = sampleLaw({ id: 'scaled', formula: '3/5*x*y/(4*pi)', inputs: law('product').inputs }, 300, 0, createRng(7));
    const report = discover({ data, timeLimitMs: 120_000, now: clock, engines: ['calculator'] });
    expect(report.best?.formula).toMatch(/3\/\(20\*pi\)|3\*.*\/\(20\*pi\)/);
    expect(report.best?.formula).not.toMatch(/\d\.\d/);
    expect(checkRecovery(report.best!.formula, { id: 'scaled', formula: '3/5*x*y/(4*pi)', inputs: law('product').inputs }, createRng(3)).exact).toBe(true);
    expectFormulasEqualTrees(report, data);
  });

  it('finds a pure EML tree with the EML engine alone (exp(x) − ln(y) is eml(x, y), K 3)', () => {
    const { report } = run('eml', 0, ['eml']);
    expect(report.best?.eml).toBe('eml(x, y)');
    expect(report.best?.formula).toBe('exp(x) - ln(y)');
  });

  it('does not call a wrong law exact: with only the EML engine and K ≤ 7, x·y is not reachable', () => {
    const data = sampleLaw(law('product'), 300, 0.01, createRng(7));
    const report = discover({ data, timeLimitMs: 60_000, now: clock, engines: ['eml'], maxK: 7 });
    expect(report.best === null || !report.best.exactWithinNoise).toBe(true);
  });

  it('refuses bad input with a clear error', () => {
    const rng = createRng(1);
    const x = Float64Array.from({ length: 50 }, () => rng());
    const base = { names: ['x'], inputs: [x], targetName: 'y', target: Float64Array.from(x, (v) => 2 * v) };
    const go = (over: object) => () => discover({ ...base, data: { ...base, ...over }, timeLimitMs: 1000, now: clock } as never);
    expect(go({ inputs: [new Float64Array(50).fill(3)] })).toThrow(/column 'x' is constant/);
    expect(go({ target: new Float64Array(50).fill(1) })).toThrow(/column 'y' is constant.*nothing to discover/);
    expect(go({ inputs: [x.slice(0, 4)], target: x.slice(0, 4) })).toThrow(/at least 10 usable rows.*got 4/);
    expect(go({ target: Float64Array.from(x, (v, i) => (i === 3 ? NaN : v)) })).toThrow(/column 'y' has the non-finite value NaN in row 4/);
    expect(go({ target: Float64Array.from(x, (v, i) => (i === 5 ? 1.5e203 : v)) })).toThrow(/column 'y' has the value 1\.5e\+203 in row 6, beyond ±1e100.*rescale/);
    expect(() => discover({ data: base, timeLimitMs: 0, now: clock })).toThrow(/time limit must be a positive number/);
    expect(() => prepareData({ ...base, names: ['__theta'] })).toThrow(DiscoverDataError);
  });
});

describe('reported formulas are readable', () => {
  it.each([
    ['e - ln(y) - e + ln(x)', 'ln(x) - ln(y)'],
    ['exp(y) - exp(y) + x + y', 'x + y'],
    ['0.5*x^2', 'x^2/2'],
    ['sqr(x)*1', 'x^2'],
    ['x + -y', 'x - y'],
    ['1 - 1 + x', 'x'],
    ['inv(x)', '1/x'],
    ['1/2*x^2', 'x^2/2'],
    ['3/2*x', '3*x/2'],
    ['1/(4*pi)*(q/r)', 'q/r/(4*pi)'],
    ['omega*exp(-ln(c))', 'omega/c'],
    ['sqrt(exp(-theta^2))/sqrt(2*pi)', 'exp(-(theta^2/2))/sqrt(2*pi)'],
    ['exp(ln(x)) + ln(exp(y))', 'x + y'],
    ['exp(exp(e)/(e - ln(0)))/x', '1/x'],
    ['(exp(e) - exp(e) + 2)*x + pi', '2*x + pi'],
    ['(1 - 3)*x', '-(2*x)'],
  ])('tidy(%s) is %s', (input, output) => {
    expect(printInfix(tidy(parseInfix(input)))).toBe(output);
  });

  it('flags a tree that approximates 1/x through a huge intermediate, and not 1/x itself', () => {
    const rng = createRng(5);
    const x = Float64Array.from({ length: 200 }, () => 1 + 2 * rng());
    const rows = { rows: 200, inputs: [x], target: Float64Array.from(x, (v) => 1 / v) };
    // exp(exp(e − exp(e)))/x = (1 + 4e−6)/x: the constant part only perturbs
    const degenerate = parseInfix('exp(exp(e - exp(e)))/x');
    expect(insignificantPart(degenerate, ['x'], rows, 0.01)).toMatch(/constant part/);
    // ln(x)/(1 − ln(x)²/exp(exp(x))): an input-dependent part that acts as a constant
    expect(insignificantPart(parseInfix('ln(x)/(1 - ln(x)^2/exp(exp(x)))'), ['x'], rows, 0.01)).not.toBeNull();
    expect(insignificantPart(parseInfix('1/x'), ['x'], rows, 0.01)).toBeNull();
    const rational = { ...rows, target: Float64Array.from(x, (v) => (2 * v) / (v * v + 1)) };
    expect(insignificantPart(parseInfix('2*x/(x^2 + 1)'), ['x'], rational, 1e-9)).toBeNull();
    // a shift of 1/12 under noise 0.5 is a constant 0 can replace
    expect(insignificantPart(parseInfix('1/x + 1/12'), ['x'], rows, 0.5)).toMatch(/constant/);
  });

  it('the EML tree of a formula with constants keeps them as decimal leaves', () => {
    const tree = emlWithNumericLeaves(parseInfix('0.5*x + 2'));
    const text = printInfix(tree);
    expect(text).toMatch(/0\.5/);
    expect(text).toMatch(/\b2\b/);
    const x = Float64Array.from([0.5, 1, 2, 3]);
    expect(agreeOnRows(tree, parseInfix('0.5*x + 2'), ['x'], { rows: 4, inputs: [x], target: x })).toBe(true);
  });
});
