import { describe, expect, it } from 'vitest';
import { apply, num, variable } from '../../../src/core/expr';
import { type PreparedData, prepareData } from '../../../src/core/discover/data';
import { fitConstants, refitConstants } from '../../../src/core/discover/fitConstants';
import { type Model, fitAffine, numericFormula, placeholder } from '../../../src/core/discover/model';
import { closedFormsNear } from '../../../src/core/discover/snap';
import { printInfix } from '../../../src/core/syntax';
import { createRng } from '../../../src/core/rng';

function dataset(f: (x: number) => number, n = 120, seed = 3): PreparedData {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => 0.5 + 2.5 * rng());
  return prepareData({ names: ['x'], inputs: [x], targetName: 'y', target: Float64Array.from(x, f) });
}

describe('fitAffine(t, y, kind)', () => {
  const t = Float64Array.from([0.5, 1, 2, 3.5, 5]);
  const zeros = new Float64Array(5);
  it.each([
    ['full', (v: number) => 3 * v - 2, 3, -2],
    ['scale', (v: number) => -0.25 * v, -0.25, 0],
    ['shift', (v: number) => v + 7.5, 1, 7.5],
    ['identity', (v: number) => v, 1, 0],
  ] as const)('recovers an exact %s map in closed form', (kind, f, a, b) => {
    const fit = fitAffine(t, zeros, Float64Array.from(t, f), kind)!;
    expect(fit.a).toBeCloseTo(a, 12);
    expect(fit.b).toBeCloseTo(b, 12);
    expect(fit.sse).toBeLessThan(1e-24);
  });

  it('matches the normal equations of least squares on noisy data', () => {
    const y = Float64Array.from([1.1, 1.9, 4.2, 6.8, 10.1]);
    const fit = fitAffine(t, zeros, y, 'full')!;
    // closed form from the textbook formulas, written out independently
    const n = 5, st = 12, sy = 24.1, stt = 0.25 + 1 + 4 + 12.25 + 25, sty = 0.55 + 1.9 + 8.4 + 23.8 + 50.5;
    const a = (n * sty - st * sy) / (n * stt - st * st), b = (sy - a * st) / n;
    expect(fit.a).toBeCloseTo(a, 12);
    expect(fit.b).toBeCloseTo(b, 12);
  });

  it('counts the imaginary part of a complex candidate as error and refuses a constant one', () => {
    const im = Float64Array.from([0, 0, 1, 0, 0]);
    const fit = fitAffine(t, im, Float64Array.from(t), 'identity')!;
    expect(fit.sse).toBeCloseTo(1, 12);
    expect(fitAffine(new Float64Array(5).fill(2), zeros, t, 'full')).toBeNull();
  });
});

describe('fitConstants(structure, starts, data)', () => {
  it('fits a·exp(θ·x) + b by Levenberg–Marquardt to the generating constants', () => {
    const d = dataset((x) => 2.5 * Math.exp(-0.7 * x) + 1);
    const structure = apply('exp', apply('mul', placeholder(0), variable('x')));
    const m = fitConstants(structure, [-2, -1, 0.5, 1], d, 'constant')!;
    const [theta, a, b] = m.constants.map((c) => c.value);
    expect(theta).toBeCloseTo(-0.7, 8);
    expect(a).toBeCloseTo(2.5, 8);
    expect(b).toBeCloseTo(1, 8);
  });

  it('refits the free constants when one is fixed at a closed form', () => {
    const d = dataset((x) => Math.sqrt(x) / Math.PI + 0.25);
    const m: Model = {
      structure: apply('add', apply('mul', placeholder(0), apply('sqrt', variable('x'))), placeholder(1)),
      constants: [{ value: 1 / Math.PI, exact: apply('div', num(1), { kind: 'const', name: 'pi' }) }, { value: 0.2 }],
      origin: 'calculator',
    };
    const r = refitConstants(m, d, [true, false]);
    expect(r.constants[0]!.value).toBe(1 / Math.PI);
    expect(r.constants[1]!.value).toBeCloseTo(0.25, 10);
    expect(printInfix(numericFormula(r))).toMatch(/sqrt\(x\)/);
  });
});

describe('closedFormsNear(v)', () => {
  it.each([
    [0.5, '1/2'], [1 / Math.sqrt(2 * Math.PI), '1/sqrt(2*pi)'], [2 * Math.PI, '2*pi'], [0.75, '3/4'], [-1.5, '-(3/2)'],
    [Math.SQRT2 / 2, '1/sqrt(2)'],
  ])('offers the closed form of %d first among forms with its exact value', (v, text) => {
    const forms = closedFormsNear(v);
    const exact = forms.find((f) => Math.abs(f.value - v) <= 1e-15 * Math.abs(v));
    expect(exact && printInfix(exact.expr)).toBe(text);
  });

  it('offers nothing for zero or a non-finite value, and only values within 5 %', () => {
    expect(closedFormsNear(0)).toEqual([]);
    expect(closedFormsNear(Infinity)).toEqual([]);
    for (const f of closedFormsNear(0.3183)) expect(Math.abs(f.value - 0.3183)).toBeLessThanOrEqual(0.05 * 0.3183);
  });
});
