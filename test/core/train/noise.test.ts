// Noise-aware success: the noise estimate against the noise actually added (seeded), and the rule — the exact
// law fitted to noisy data is exact within the noise, a wrong law is not, an exact fit of noiseless data is.
import { describe, expect, it } from 'vitest';
import { createRng, normal } from '../../../src/core/rng';
import { estimateNoise, exactWithinNoise } from '../../../src/core/train';

/** n points of f on [1, 3]^d (a grid in 1-d, uniform draws otherwise) with relative noise rel·f·N(0, 1). */
function noisy(f: (v: number[]) => number, d: number, n: number, rel: number, seed: number) {
  const rng = createRng(seed);
  const inputs = Array.from({ length: d }, () => new Float64Array(n)), target = new Float64Array(n), clean = new Float64Array(n);
  let se = 0;
  for (let i = 0; i < n; i++) {
    const v = inputs.map((c) => (c[i] = d === 1 ? 1 + (2 * i) / (n - 1) : 1 + 2 * rng()));
    clean[i] = f(v);
    const e = rel * clean[i]! * normal(rng);
    target[i] = clean[i]! + e;
    se += e * e;
  }
  return { data: { n, inputs, target }, clean, sigma: Math.sqrt(se / n) };
}

const mseOf = (pred: (i: number) => number, t: Float64Array) => t.reduce((s, y, i) => s + (pred(i) - y) ** 2, 0) / t.length;

describe('estimateNoise', () => {
  it.each([
    ['exp(x) - ln(x), 1-d grid', (v: number[]) => Math.exp(v[0]!) - Math.log(v[0]!), 1, 441],
    ['x*y', (v: number[]) => v[0]! * v[1]!, 2, 400],
    ['exp(x) - ln(y)', (v: number[]) => Math.exp(v[0]!) - Math.log(v[1]!), 2, 400],
    ['x*y/z', (v: number[]) => (v[0]! * v[1]!) / v[2]!, 3, 400],
  ] as const)('estimates relative noise of 1 and 2 percent on %s to within 15 percent', (_name, f, d, n) => {
    for (const [rel, seed] of [[0.01, 1], [0.02, 2]] as const) {
      const { data, sigma } = noisy(f, d, n, rel, seed);
      const est = estimateNoise(data);
      expect(Math.abs(est / sigma - 1)).toBeLessThan(0.15);
    }
  });

  it('gives a small value on noiseless smooth data and NaN on too few points', () => {
    const { data, clean } = noisy((v) => v[0]! * v[1]!, 2, 400, 0, 3);
    expect(estimateNoise(data)).toBeLessThan(1e-6 * Math.max(...clean));
    expect(estimateNoise({ n: 5, inputs: [Float64Array.of(1, 2, 3, 4, 5)], target: Float64Array.of(1, 2, 3, 4, 5) })).toBeNaN();
  });
});

describe('exactWithinNoise', () => {
  it('calls the exact law on 2 % noisy data exact within the noise, and a wrong law not', () => {
    const law = (v: number[]) => Math.exp(v[0]!) - Math.log(v[0]!);
    const { data } = noisy(law, 1, 441, 0.02, 7), x = data.inputs[0]!;
    const noise = { sigma: estimateNoise(data), source: 'estimate' as const };
    const exact = mseOf((i) => law([x[i]!]), data.target);
    expect(exact).toBeGreaterThan(1e-6); // the paper's rule calls this a failure
    expect(exactWithinNoise({ mse: exact }, noise, data.n)).toBe(true);
    expect(exactWithinNoise({ mse: mseOf((i) => Math.exp(x[i]!), data.target) }, noise, data.n)).toBe(false);
    expect(exactWithinNoise({ mse: mseOf((i) => Math.exp(x[i]!) - 0.5 * Math.log(x[i]!), data.target) }, noise, data.n)).toBe(false);
    // a held-out set far off the noise spoils it
    expect(exactWithinNoise({ mse: exact, heldOutMse: 100 * exact }, noise, data.n, 80)).toBe(false);
  });

  it('calls an exact fit of noiseless data exact, and a near miss of it not (σ = 0 for data sampled from a formula)', () => {
    expect(exactWithinNoise({ mse: 1e-25 }, { sigma: 0, source: 'exact' }, 441)).toBe(true);
    expect(exactWithinNoise({ mse: 1e-9 }, { sigma: 0, source: 'exact' }, 441)).toBe(false);
  });
});
