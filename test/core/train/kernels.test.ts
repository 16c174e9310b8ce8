import { describe, expect, it } from 'vitest';
import { cexpTo, clogTo, cx } from '../../../src/core/complex';
import { createRng, normal } from '../../../src/core/rng';
import {
  TARGETS, type TrainData, createPenaltyScratch, createTapeWorkspace, embedTree, fitReport, forwardInto, backwardInto,
  gridData, leafBackwardInto, leafForwardInto, masterLayout, PAPER_GRID, penaltiesInto, targetTree,
} from '../../../src/core/train';
import { evaluate } from '../../../src/core/evaluate';

function dataOn(n: number, seed: number, lo: [number, number], hi: [number, number]): TrainData {
  const rng = createRng(seed);
  const xs = new Float64Array(n), ys = new Float64Array(n), t = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = lo[0] + (hi[0] - lo[0]) * rng();
    ys[i] = lo[1] + (hi[1] - lo[1]) * rng();
    t[i] = Math.sin(xs[i]!) + ys[i]!;
  }
  return { n, inputs: [xs, ys], target: t };
}

/** The master tree evaluated independently: recursion per point with the engine's scalar complex exp/log. */
function independentForward(depth: number, p: Float64Array, tau: number, x: number, y: number): { re: number; im: number } {
  const L = masterLayout(depth, 2);
  const node = (level: number, pos: number): { re: number; im: number } => {
    if (level === depth) {
      const l = [0, 1, 2].map((c) => p[pos * 3 + c]! / tau);
      const m = Math.max(...l), e = l.map((v) => Math.exp(v - m)), s = e[0]! + e[1]! + e[2]!;
      return { re: (e[0]! + e[1]! * x + e[2]! * y) / s, im: 0 };
    }
    const k = 2 ** depth - 2 ** (level + 1) + pos;
    const input = (side: number) => {
      const s = 1 / (1 + Math.exp(-p[L.gateOffset + 2 * k + side]! / tau));
      const c = node(level + 1, 2 * pos + side);
      return { re: s + (1 - s) * c.re, im: (1 - s) * c.im };
    };
    const a = input(0), b = input(1);
    const ea = cexpTo(cx(0), a.re, a.im, 'ieee'), lb = clogTo(cx(0), b.re, b.im, 'ieee');
    return { re: ea.re - lb.re, im: ea.im - lb.im };
  };
  return node(0, 0);
}

describe('master tree forward', () => {
  it('forwardInto equals an independent per-point recursion (soft gates and leaves, complex values)', () => {
    for (const [depth, lo, hi] of [[3, [1, 1], [3, 3]], [4, [-3, -2], [2, 3]]] as const) {
      const L = masterLayout(depth, 2), data = dataOn(40, depth, [...lo] as [number, number], [...hi] as [number, number]);
      const rng = createRng(11 + depth);
      const p = Float64Array.from({ length: L.params }, (_, j) => 1.5 * normal(rng) + (j >= L.gateOffset ? 0.5 : 0));
      const ws = createTapeWorkspace(L, data.n, 2);
      const root = forwardInto(ws, 1, p, 0, 1.7, data, { clamp: 1e300, interThreshold: 50 });
      let complex = 0, compared = 0;
      for (let i = 0; i < data.n; i++) {
        const v = independentForward(depth, p, 1.7, data.inputs[0]![i]!, data.inputs[1]![i]!);
        if (!(Math.abs(v.re) < 1e300 && Math.abs(v.im) < 1e300)) continue; // overflow is scrubbed: checked below
        compared++;
        expect(Math.abs(ws.vRe[root + i]! - v.re)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v.re)));
        expect(Math.abs(ws.vIm[root + i]! - v.im)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v.im)));
        if (v.im !== 0) complex++;
      }
      expect(compared).toBeGreaterThan(30);
      if (depth === 4) expect(complex).toBeGreaterThan(0); // the complex branch was exercised
    }
  });

  it.each(TARGETS.map((t) => [t.name]))('the snapped embedding of %s reproduces its tree on the grid to 1e-15', (name) => {
    const t = TARGETS.find((x) => x.name === name)!;
    const tree = targetTree(name), L = masterLayout(t.depth, 2);
    const data = gridData(tree, ['x', 'y'], PAPER_GRID);
    const ws = createTapeWorkspace(L, data.n, 1);
    const rep = fitReport(ws, 0, embedTree(L, tree, ['x', 'y'], 24), 0, 0.01, data, { clamp: 1e300, interThreshold: 50 });
    expect(rep.mse).toBeLessThan(1e-28);
    expect(rep.maxRealErr).toBeLessThan(1e-13);
    expect(rep.maxImag).toBe(0);
    // and the tree itself matches the engine's scalar evaluator at a grid point
    const v = evaluate(tree, { x: data.inputs[0]![5]!, y: data.inputs[1]![5]! });
    expect(v.re).toBeCloseTo(data.target[5]!, 12);
  });

  it('keeps 441 grid points for every target except eml_depth5 (378 real points, as the reference)', () => {
    for (const t of TARGETS) expect(gridData(targetTree(t.name), ['x', 'y'], PAPER_GRID).n).toBe(t.name === 'eml_depth5' ? 378 : 441);
  });
});

describe('master tree reverse mode', () => {
  /** Central finite differences of the full loss (data + λ_inter·I + λ_ent·H + λ_bin·B) against backwardInto. */
  function gradientCheck(depth: number, data: TrainData, tau: number, scale: number, threshold: number, seed: number): number {
    const L = masterLayout(depth, 2), rng = createRng(seed);
    const p = Float64Array.from({ length: L.params }, (_, j) => scale * normal(rng) + (j >= L.gateOffset ? 0.3 : 0));
    const guards = { clamp: 1e300, interThreshold: threshold };
    const ws = createTapeWorkspace(L, data.n, 1), pen = createPenaltyScratch(L), out = { entropy: 0, binarity: 0 };
    const [lamI, lamE, lamB] = [0.3, 0.5, 0.7];
    const loss = (q: Float64Array): number => {
      forwardInto(ws, 0, q, 0, tau, data, guards);
      penaltiesInto(L, q, 0, tau, 1, lamE, lamB, pen, out);
      return ws.dataLoss[0]! + lamI * ws.interLoss[0]! + lamE * out.entropy + lamB * out.binarity;
    };
    const g = new Float64Array(L.params);
    forwardInto(ws, 0, p, 0, tau, data, guards);
    backwardInto(ws, 0, tau, data, guards, lamI, g, 0);
    penaltiesInto(L, p, 0, tau, 1, lamE, lamB, pen, out, g, 0);
    // error of each component relative to the largest gradient component (FD noise is absolute, not relative)
    const gmax = Math.max(...Array.from(g, Math.abs));
    expect(gmax).toBeGreaterThan(0);
    let worst = 0;
    for (let j = 0; j < L.params; j++) {
      const h = 1e-6, a = p.slice(), b = p.slice();
      a[j] += h; b[j] -= h;
      const fd = (loss(a) - loss(b)) / (2 * h);
      worst = Math.max(worst, Math.abs(fd - g[j]!) / gmax);
    }
    return worst;
  }

  it('backwardInto matches central finite differences on real data', () => {
    expect(gradientCheck(3, dataOn(30, 1, [0.5, 0.5], [3, 3]), 1.3, 1.5, 3, 5)).toBeLessThan(1e-6);
  });

  it('backwardInto matches central finite differences where logs see negative and complex arguments', () => {
    expect(gradientCheck(3, dataOn(30, 2, [-5, -4], [-2, -2]), 0.9, 1.5, 3, 7)).toBeLessThan(1e-6);
    expect(gradientCheck(4, dataOn(20, 3, [-2, -2], [2, 2]), 2.5, 1, 1, 11)).toBeLessThan(1e-6);
  });

  it('the shape penalty λ·(1 − corr(Re pred, t)) has the gradient of central finite differences, and is 0 at an exact fit', () => {
    const L = masterLayout(3, 2), data = dataOn(30, 1, [0.5, 0.5], [3, 3]), rng = createRng(9), tau = 1.3, lam = 0.8;
    const guards = { clamp: 1e300, interThreshold: 1e10 };
    const p = Float64Array.from({ length: L.params }, (_, j) => 1.5 * normal(rng) + (j >= L.gateOffset ? 0.3 : 0));
    const ws = createTapeWorkspace(L, data.n, 1);
    const corr = (root: number): number => {
      const n = data.n, t = data.target;
      const pm = ws.vRe.subarray(root, root + n).reduce((a, b) => a + b, 0) / n, tm = t.reduce((a, b) => a + b, 0) / n;
      let saa = 0, sbb = 0, sab = 0;
      for (let i = 0; i < n; i++) { const a = ws.vRe[root + i]! - pm, b = t[i]! - tm; saa += a * a; sbb += b * b; sab += a * b; }
      return sab / Math.sqrt(saa * sbb);
    };
    const loss = (q: Float64Array): number => {
      const root = forwardInto(ws, 0, q, 0, tau, data, guards);
      return ws.dataLoss[0]! + lam * (1 - corr(root));
    };
    const g = new Float64Array(L.params);
    forwardInto(ws, 0, p, 0, tau, data, guards);
    backwardInto(ws, 0, tau, data, guards, 0, g, 0, lam);
    const gmax = Math.max(...Array.from(g, Math.abs));
    let worst = 0;
    for (let j = 0; j < L.params; j++) {
      const h = 1e-6, a = p.slice(), b = p.slice();
      a[j] += h; b[j] -= h;
      worst = Math.max(worst, Math.abs((loss(a) - loss(b)) / (2 * h) - g[j]!) / gmax);
    }
    expect(worst).toBeLessThan(1e-6);
    // at the exact tree the penalty adds nothing: the gradient equals the plain data-loss gradient
    const tree = targetTree('eml_depth3'), L3 = masterLayout(3, 2), grid = gridData(tree, ['x', 'y'], PAPER_GRID);
    const exact = embedTree(L3, tree, ['x', 'y'], 24), w3 = createTapeWorkspace(L3, grid.n, 1);
    const g0 = new Float64Array(L3.params), g1 = new Float64Array(L3.params);
    forwardInto(w3, 0, exact, 0, 0.01, grid, guards);
    backwardInto(w3, 0, 0.01, grid, guards, 0, g0, 0, 0);
    backwardInto(w3, 0, 0.01, grid, guards, 0, g1, 0, 5);
    for (let j = 0; j < L3.params; j++) expect(Math.abs(g1[j]! - g0[j]!)).toBeLessThan(1e-9);
  });

  it('the one-pass two-input leaf kernels give the bits of the general k-input loops', () => {
    const data = dataOn(64, 11, [-3, 0.5], [4, 9]);
    const z = Float64Array.from(data.inputs[0]!, (v) => v * 7 - 1);
    const rng = createRng(5);
    for (let trial = 0; trial < 20; trial++) {
      const p = Float64Array.of(rng(), rng() * 3 - 1, rng() * 5 - 2, 0);
      if (trial === 0) { p[1] = 0; p[2] = 1; } // one-hot and zero probabilities, as at low temperature
      const two = new Float64Array(64), three = new Float64Array(64);
      leafForwardInto(two, 0, p, 0, data.inputs, 64);
      leafForwardInto(three, 0, p, 0, [...data.inputs, z], 64); // general loop; the third probability is 0
      for (let i = 0; i < 64; i++) {
        expect(Object.is(two[i], three[i])).toBe(true);
        expect(two[i]).toBeCloseTo(p[0]! + p[1]! * data.inputs[0]![i]! + p[2]! * data.inputs[1]![i]!, 12);
      }
      const g = Float64Array.from({ length: 64 }, () => normal(rng)), gp2 = new Float64Array(3), gp3 = new Float64Array(4);
      leafBackwardInto(g, 0, data.inputs, 64, gp2, 0);
      leafBackwardInto(g, 0, [...data.inputs, z], 64, gp3, 0);
      for (let j = 0; j < 3; j++) expect(Object.is(gp2[j], gp3[j])).toBe(true);
      let dot = 0;
      for (let i = 0; i < 64; i++) dot += g[i]! * data.inputs[1]![i]!;
      expect(gp2[2]).toBeCloseTo(dot, 10);
    }
  });

  it('a bypassed input (s > 1 − 2^−52) is exactly 1 and passes no gradient to its gate or subtree', () => {
    const L = masterLayout(2, 2), data = dataOn(10, 4, [1, 1], [2, 2]);
    const p = new Float64Array(L.params);
    p[L.gateOffset + 2 * 2] = 40; // root's left input: sigmoid(40) rounds above the threshold
    const ws = createTapeWorkspace(L, data.n, 1), g = new Float64Array(L.params);
    forwardInto(ws, 0, p, 0, 1, data, { clamp: 1e300, interThreshold: 50 });
    expect(ws.gateEff[4]).toBe(1);
    backwardInto(ws, 0, 1, data, { clamp: 1e300, interThreshold: 50 }, 0, g, 0);
    expect(g[L.gateOffset + 4]).toBe(0);
    // the root's left subtree (node 0 and leaves 0, 1) receives no gradient
    for (let j = 0; j < 6; j++) expect(g[j]).toBe(0);
    expect(g[L.gateOffset]).toBe(0);
    expect(g[L.gateOffset + 1]).toBe(0);
  });

  it('scrubs non-finite node values to the clamp and makes the loss non-finite instead of NaN values', () => {
    const L = masterLayout(1, 1);
    const data: TrainData = { n: 2, inputs: [Float64Array.of(800, 1)], target: Float64Array.of(0, 0) };
    const p = new Float64Array(L.params);
    p[0] = -40; p[1] = 40; // leaf 0 = x
    p[2] = 40; p[3] = -40; // leaf 1 = 1
    p[4] = -40; p[5] = -40; // both inputs take their leaf: eml(x, 1) = exp(x), which overflows at x = 800
    const ws = createTapeWorkspace(L, 2, 1);
    const root = forwardInto(ws, 0, p, 0, 1, data, { clamp: 1e300, interThreshold: 50 });
    expect(ws.vRe[root]).toBe(1e300);
    expect(Number.isFinite(ws.vRe[root + 1]!)).toBe(true);
    expect(ws.dataLoss[0]).toBe(Infinity);
  });
});
