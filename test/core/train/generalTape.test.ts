// The general master tree's forward pass against an independent per-point recursion, and its reverse mode
// against central finite differences for every kind of parameter (mix logits, gate logits, trainable
// constants), with the intermediate, shape, entropy and binarity terms, at real and complex points.
import { describe, expect, it } from 'vitest';
import { cexpTo, clogTo, cx } from '../../../src/core/complex';
import { createRng, normal } from '../../../src/core/rng';
import {
  type GeneralLayout, type TrainData, createGeneralWorkspace, createPenaltyScratch, generalBackwardInto, generalForwardInto, generalLayout,
  penaltiesInto,
} from '../../../src/core/train';

function dataOn(n: number, vars: number, seed: number, lo: number, hi: number): TrainData {
  const rng = createRng(seed);
  const inputs = Array.from({ length: vars }, () => Float64Array.from({ length: n }, () => lo + (hi - lo) * rng()));
  const target = Float64Array.from({ length: n }, (_, i) => Math.sin(inputs[0]![i]!) + inputs[vars - 1]![i]! * 0.5);
  return { n, inputs, target };
}

/** The general tree evaluated independently: recursion per point with the engine's scalar complex exp/log. */
function independentForward(L: GeneralLayout, p: Float64Array, tau: number, x: readonly number[]): { re: number; im: number } {
  const C = L.choices;
  const mix = (i: number): number => {
    const l = Array.from({ length: C }, (_, c) => p[i * C + c]! / tau);
    const m = Math.max(...l), e = l.map((v) => Math.exp(v - m)), s = e.reduce((a, b) => a + b, 0);
    const cols = [1, ...x, p[L.constOffset + i]!];
    return e.reduce((acc, v, c) => acc + (v / s) * cols[c]!, 0);
  };
  const node = (level: number, pos: number): { re: number; im: number } => {
    const k = 2 ** L.depth - 2 ** (level + 1) + pos;
    const input = (side: number) => {
      const i = 2 * k + side;
      if (level === L.depth - 1) return { re: mix(i), im: 0 };
      const s = 1 / (1 + Math.exp(-p[L.gateOffset + i - L.firstGated]! / tau));
      const c = node(level + 1, 2 * pos + side);
      return { re: s * mix(i) + (1 - s) * c.re, im: (1 - s) * c.im };
    };
    const a = input(0), b = input(1);
    const ea = cexpTo(cx(0), a.re, a.im, 'ieee'), lb = clogTo(cx(0), b.re, b.im, 'ieee');
    return { re: ea.re - lb.re, im: ea.im - lb.im };
  };
  return node(0, 0);
}

function randomParams(L: GeneralLayout, seed: number, scale: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: L.params }, (_, j) =>
    j >= L.constOffset ? 0.5 + 1.5 * rng() * (rng() < 0.3 ? -1 : 1) : scale * normal(rng) + (j >= L.gateOffset ? 0.4 : 0));
}

const guards = { clamp: 1e300, interThreshold: 50 };

describe('general master tree forward', () => {
  it.each([[2, 1], [3, 2], [3, 3], [4, 2]])('generalForwardInto (depth %i, %i inputs) equals an independent per-point recursion', (depth, vars) => {
    const L = generalLayout(depth, vars);
    for (const [lo, hi, seed] of [[0.5, 3, 1], [-3, 2, 2]] as const) {
      const data = dataOn(30, vars, seed + depth, lo, hi), p = randomParams(L, 7 * depth + vars + seed, 1.5);
      const ws = createGeneralWorkspace(L, data.n, 2);
      // a first pass in slot 1 with other parameters, so stale planes would show
      generalForwardInto(ws, 1, randomParams(L, 99, 2), 0, 0.9, data, guards);
      const root = generalForwardInto(ws, 1, p, 0, 1.7, data, guards);
      let compared = 0, complex = 0, loss = 0;
      for (let i = 0; i < data.n; i++) {
        const v = independentForward(L, p, 1.7, data.inputs.map((c) => c[i]!));
        loss += (v.re - data.target[i]!) ** 2 + v.im ** 2;
        if (!(Math.abs(v.re) < 1e300 && Math.abs(v.im) < 1e300)) continue;
        compared++;
        expect(Math.abs(ws.vRe[root + i]! - v.re)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v.re)));
        expect(Math.abs(ws.vIm[root + i]! - v.im)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v.im)));
        if (v.im !== 0) complex++;
      }
      expect(compared).toBeGreaterThan(20);
      if (compared === data.n) expect(Math.abs(ws.dataLoss[1]! - loss / data.n)).toBeLessThan(1e-10 * (1 + loss / data.n));
      if (lo < 0) expect(complex).toBeGreaterThan(0); // the complex kernels were exercised
    }
  });
});

describe('general master tree reverse mode', () => {
  /** Worst |finite difference − analytic| relative to the largest gradient entry, per kind of parameter. */
  function gradientCheck(depth: number, vars: number, data: TrainData, tau: number, seed: number, lamCorr: number): { mix: number; gate: number; constant: number } {
    const L = generalLayout(depth, vars), p = randomParams(L, seed, 1.2);
    const g2 = { clamp: 1e300, interThreshold: 2 };
    const ws = createGeneralWorkspace(L, data.n, 1), pen = createPenaltyScratch(L), out = { entropy: 0, binarity: 0 };
    const [lamI, lamE, lamB] = [0.3, 0.5, 0.7];
    const corr = (root: number): number => {
      const n = data.n, t = data.target;
      let pm = 0, tm = 0;
      for (let i = 0; i < n; i++) { pm += ws.vRe[root + i]!; tm += t[i]!; }
      pm /= n; tm /= n;
      let saa = 0, sbb = 0, sab = 0;
      for (let i = 0; i < n; i++) { const a = ws.vRe[root + i]! - pm, b = t[i]! - tm; saa += a * a; sbb += b * b; sab += a * b; }
      return sab / Math.sqrt(saa * sbb);
    };
    const loss = (q: Float64Array): number => {
      const root = generalForwardInto(ws, 0, q, 0, tau, data, g2);
      penaltiesInto(L, q, 0, tau, 1, lamE, lamB, pen, out);
      return ws.dataLoss[0]! + lamI * ws.interLoss[0]! + lamE * out.entropy + lamB * out.binarity + (lamCorr ? lamCorr * (1 - corr(root)) : 0);
    };
    const g = new Float64Array(L.params);
    generalForwardInto(ws, 0, p, 0, tau, data, g2);
    generalBackwardInto(ws, 0, tau, data, g2, lamI, g, 0, lamCorr);
    penaltiesInto(L, p, 0, tau, 1, lamE, lamB, pen, out, g, 0);
    const gmax = Math.max(...Array.from(g, Math.abs));
    expect(gmax).toBeGreaterThan(0);
    const worst = { mix: 0, gate: 0, constant: 0 };
    for (let j = 0; j < L.params; j++) {
      // two step sizes: where the tree's values are huge the truncation error of h = 1e−6 alone shows
      const err = Math.min(...[1e-6, 1e-7].map((h) => {
        const a = p.slice(), b = p.slice();
        a[j] += h; b[j] -= h;
        return Math.abs((loss(a) - loss(b)) / (2 * h) - g[j]!) / gmax;
      }));
      const kind = j < L.gateOffset ? 'mix' : j < L.constOffset ? 'gate' : 'constant';
      worst[kind] = Math.max(worst[kind], err);
    }
    // every kind received some gradient (the check is not vacuous)
    expect(Math.max(...Array.from(g.subarray(L.constOffset), Math.abs))).toBeGreaterThan(0);
    expect(Math.max(...Array.from(g.subarray(L.gateOffset, L.constOffset), Math.abs))).toBeGreaterThan(0);
    return worst;
  }

  it.each([[2, 1], [2, 2], [3, 2], [3, 3], [2, 4]])('matches central finite differences on real data (depth %i, %i inputs)', (depth, vars) => {
    const w = gradientCheck(depth, vars, dataOn(25, vars, 3, 0.5, 3), 1.3, 5 + depth + vars, 0);
    expect(w.mix).toBeLessThan(1e-6);
    expect(w.gate).toBeLessThan(1e-6);
    expect(w.constant).toBeLessThan(1e-6);
  });

  it.each([[2, 1], [3, 2], [3, 3]])('matches central finite differences where logs see negative and complex arguments (depth %i, %i inputs)', (depth, vars) => {
    const w = gradientCheck(depth, vars, dataOn(25, vars, 4, -4, 1.5), 0.9, 11 + depth + vars, 0);
    expect(w.mix).toBeLessThan(1e-6);
    expect(w.gate).toBeLessThan(1e-6);
    expect(w.constant).toBeLessThan(1e-6);
  });

  it('matches central finite differences with the shape penalty λ·(1 − corr)', () => {
    const w = gradientCheck(3, 2, dataOn(25, 2, 6, 0.5, 3), 1.1, 23, 0.8);
    expect(Math.max(w.mix, w.gate, w.constant)).toBeLessThan(1e-6);
  });
});
