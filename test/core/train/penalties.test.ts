// The hardening penalties H (leaf entropy × uncertainty) and B (gate binarity × uncertainty): their
// gradients against central finite differences for leaves of 2 to 5 choices (1 to 4 inputs), at
// near-uniform logits (where the uncertainty weight is clamped once a leaf has 4 or more choices) and at
// random ones, for both uncertainty exponents.
import { describe, expect, it } from 'vitest';
import { createRng, normal } from '../../../src/core/rng';
import { createPenaltyScratch, masterLayout, penaltiesInto } from '../../../src/core/train';

/** Returns the worst |finite difference − analytic| over all parameters, relative to the largest gradient entry. */
function penaltyGradientError(vars: number, logits: (rng: () => number, j: number) => number, q: number, tau: number, seed: number): number {
  const L = masterLayout(2, vars), rng = createRng(seed);
  const p = Float64Array.from({ length: L.params }, (_, j) => logits(rng, j));
  const scratch = createPenaltyScratch(L), out = { entropy: 0, binarity: 0 };
  const [lamE, lamB] = [0.7, 0.4];
  const loss = (v: Float64Array): number => {
    penaltiesInto(L, v, 0, tau, q, lamE, lamB, scratch, out);
    return lamE * out.entropy + lamB * out.binarity;
  };
  const g = new Float64Array(L.params);
  penaltiesInto(L, p, 0, tau, q, lamE, lamB, scratch, out, g, 0);
  const gmax = Math.max(...Array.from(g, Math.abs));
  expect(gmax).toBeGreaterThan(0);
  let worst = 0;
  for (let j = 0; j < L.params; j++) {
    const h = 1e-6, a = p.slice(), b = p.slice();
    a[j] += h; b[j] -= h;
    worst = Math.max(worst, Math.abs((loss(a) - loss(b)) / (2 * h) - g[j]!) / gmax);
  }
  return worst;
}

describe('penaltiesInto gradient', () => {
  it.each([1, 2, 3, 4])('matches central finite differences at near-uniform leaf logits with %i input(s)', (vars) => {
    // logits within ±0.05 of each other: max p ≈ 1/choices, so (1 − max p)/(2/3) exceeds 1 from 4 choices on
    for (const q of [1, 2]) expect(penaltyGradientError(vars, (rng) => 0.05 * (2 * rng() - 1), q, 1, 3 + vars)).toBeLessThan(1e-6);
  });

  it.each([1, 2, 3, 4])('matches central finite differences at random logits with %i input(s)', (vars) => {
    for (const q of [1, 2]) {
      expect(penaltyGradientError(vars, (rng) => 1.5 * normal(rng), q, 1.3, 11 + vars)).toBeLessThan(1e-6);
      expect(penaltyGradientError(vars, (rng) => 0.8 * normal(rng), q, 0.7, 17 + vars)).toBeLessThan(1e-6);
    }
  });

  it('adds nothing for a leaf whose uncertainty weight is clamped at 1 (uniform over 5 choices)', () => {
    // at exactly uniform logits H = ln 5 · 1 per leaf and every direction keeps max p ≤ 1/3: the entropy's gradient is 0 there
    const L = masterLayout(1, 4), scratch = createPenaltyScratch(L), out = { entropy: 0, binarity: 0 };
    const p = new Float64Array(L.params);
    p[L.gateOffset] = 50; p[L.gateOffset + 1] = 50; // gates far from 1/2: no binarity gradient to speak of
    const g = new Float64Array(L.params);
    penaltiesInto(L, p, 0, 1, 1, 1, 0, scratch, out, g, 0);
    expect(out.entropy).toBeCloseTo(Math.log(5), 9);
    for (let j = 0; j < L.gateOffset; j++) expect(Math.abs(g[j]!)).toBeLessThan(1e-9);
  });
});
