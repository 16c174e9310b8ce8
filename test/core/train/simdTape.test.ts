// The WebAssembly SIMD tape (wasm/tape.ts via tape.ts with simd = true) against the scalar tape: the same values,
// losses, real-path flags, scrub masks and gradients to rounding, over depths 1–6, both seed slots, the real fast
// path and the complex path (negative inputs), bypassed gates, overflow and an odd number of points. Then whole
// training runs: the same recoveries with either kernel.

import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { simdModule } from '../../../src/core/simd/module';
import {
  PAPER_GRID, type TrainData, gridData, masterLayout, resolveTrainOptions, targetTree, trainRuns,
} from '../../../src/core/train';
import { createGeneralWorkspace, generalBackwardInto, generalForwardInto } from '../../../src/core/train/generalTape';
import { generalLayout } from '../../../src/core/train/generalLayout';
import { backwardInto, createTapeWorkspace, forwardInto } from '../../../src/core/train/tape';

const guards = { clamp: 1e300, interThreshold: 50 };

/** Relative difference scaled by the larger magnitude (0 for two equal values, NaN or infinite included). */
function rel(a: number, b: number, scale = Math.max(Math.abs(a), Math.abs(b))): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  return Math.abs(a - b) / (scale || 1e-300);
}

/** Data of n points over 2 inputs in [lo, hi] with target sin(x)·y (any real target serves). */
function data(n: number, lo: number, hi: number, seed: number): TrainData {
  const rng = createRng(seed);
  const x = Float64Array.from({ length: n }, () => lo + (hi - lo) * rng()), y = Float64Array.from({ length: n }, () => lo + (hi - lo) * rng());
  return { n, inputs: [x, y], target: x.map((v, i) => Math.sin(v) * y[i]!) };
}

/** Random parameters: leaf logits N-ish(0, 2), gate logits around `gateMid` (large = bypass towards 1). */
function params(P: number, gateOffset: number, seed: number, gateMid: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: P }, (_, j) => (j >= gateOffset ? gateMid + 6 * (rng() - 0.5) : 4 * (rng() - 0.5)));
}

describe('SIMD tape against the scalar tape', () => {
  it('is available in this runtime', () => {
    expect(simdModule()).not.toBeNull();
    const ws = createTapeWorkspace(masterLayout(2, 2), 5, 1, true);
    expect(ws.simd).not.toBeNull();
  });

  const cases = [
    { name: 'real inputs in [1, 3]', lo: 1, hi: 3, gateMid: 1 },
    { name: 'inputs in [−3, 3] (complex path)', lo: -3, hi: 3, gateMid: 0 },
    { name: 'mostly bypassed gates', lo: 0.5, hi: 4, gateMid: 40 },
    { name: 'inputs up to 400 (overflow, scrubbed)', lo: -400, hi: 400, gateMid: -2 },
  ];
  for (const c of cases) {
    it(`gives the same forward and backward, depths 1–6: ${c.name}`, () => {
      let complexNodes = 0, realNodes = 0;
      for (let depth = 1; depth <= 6; depth++) {
        const L = masterLayout(depth, 2), d = data(441 - depth, c.lo, c.hi, depth);
        const a = createTapeWorkspace(L, d.n, 2, false), b = createTapeWorkspace(L, d.n, 2, true);
        expect(b.simd).not.toBeNull();
        // values that differ beyond rounding (a 1-ulp difference deep in a random complex tree can cross a branch cut)
        let off = 0, values = 0, maskOff = 0, flagsOff = 0, gradWorst = 0, lossWorst = 0;
        for (let trial = 0; trial < 6; trial++) {
          const p = params(L.params, L.gateOffset, 100 * depth + trial, c.gateMid);
          for (const s of [1, 0]) {
            const tau = trial % 2 ? 1 : 2.5;
            const ra = forwardInto(a, s, p, 0, tau, d, guards), rb = forwardInto(b, s, p, 0, tau, d, guards);
            expect(rb).toBe(ra);
            for (let k = s * L.nodes; k < (s + 1) * L.nodes; k++) {
              if (a.realNode[k] !== b.realNode[k]) flagsOff++;
              if (a.realNode[k]) { realNodes++; continue; }
              complexNodes++;
              for (let t = k * d.n; t < (k + 1) * d.n; t++) if (a.mask[t] !== b.mask[t]) maskOff++;
            }
            for (let q = s * L.slots * d.n; q < (s + 1) * L.slots * d.n; q++) {
              const scale = Math.max(1, Math.hypot(a.vRe[q]!, a.vIm[q]!));
              values++;
              if (!(rel(a.vRe[q]!, b.vRe[q]!, scale) < 1e-9 && rel(a.vIm[q]!, b.vIm[q]!, scale) < 1e-9)) off++;
            }
            if (Number.isFinite(a.dataLoss[s])) lossWorst = Math.max(lossWorst, rel(a.dataLoss[s]!, b.dataLoss[s]!), rel(a.interLoss[s]!, b.interLoss[s]!));
            const ga = new Float64Array(L.params).fill(0.5), gb = new Float64Array(L.params).fill(0.5);
            // the shape penalty of a nearly constant prediction (gates near 1) divides by its tiny spread, which turns
            // last-bit differences of the prediction into visible ones: it is checked on the other cases
            const lamCorr = trial % 3 === 0 && c.gateMid < 10 ? 0.5 : 0;
            backwardInto(a, s, tau, d, guards, 1e-2, ga, 0, lamCorr);
            backwardInto(b, s, tau, d, guards, 1e-2, gb, 0, lamCorr);
            let scale = 1e-12;
            for (const g of ga) if (Number.isFinite(g)) scale = Math.max(scale, Math.abs(g));
            for (let j = 0; j < L.params; j++) gradWorst = Math.max(gradWorst, rel(ga[j]!, gb[j]!, scale));
          }
        }
        const where = `depth ${depth}`;
        if (depth <= 3) expect(off, where).toBe(0);
        else expect(off / values, where).toBeLessThan(1e-3);
        if (depth <= 3) {
          expect(flagsOff + maskOff, where).toBe(0);
          expect(lossWorst, where).toBeLessThan(1e-12);
          expect(gradWorst, where).toBeLessThan(1e-7);
        }
      }
      // the case names say which path they exercise
      if (c.lo >= 0.5) expect(realNodes).toBeGreaterThan(0);
      else expect(complexNodes).toBeGreaterThan(100);
    });
  }

  it('takes new data in place of the last (inputs are copied when another data set comes)', () => {
    const L = masterLayout(3, 2), d1 = data(101, 1, 3, 1), d2 = data(101, 1, 3, 2);
    const a = createTapeWorkspace(L, 101, 1, false), b = createTapeWorkspace(L, 101, 1, true);
    const p = params(L.params, L.gateOffset, 5, 0);
    for (const d of [d1, d2, d1]) {
      forwardInto(a, 0, p, 0, 1, d, guards); forwardInto(b, 0, p, 0, 1, d, guards);
      expect(rel(a.dataLoss[0]!, b.dataLoss[0]!)).toBeLessThan(1e-12);
    }
    expect(() => forwardInto(b, 0, p, 0, 1, data(99, 1, 3, 3), guards)).toThrow(/does not fit/);
  });
});

describe('SIMD nodes of the general form against the scalar ones', () => {
  for (const c of [{ name: 'inputs in [1, 3]', lo: 1, hi: 3 }, { name: 'inputs in [−3, 3] (complex path)', lo: -3, hi: 3 }]) {
    it(`gives the same forward and backward, depths 1–5: ${c.name}`, () => {
      let complexNodes = 0;
      for (let depth = 1; depth <= 5; depth++) {
        const L = generalLayout(depth, 2), d = data(301 + depth, c.lo, c.hi, 7 * depth);
        const a = createGeneralWorkspace(L, d.n, 2, false), b = createGeneralWorkspace(L, d.n, 2, true);
        expect(b.simd).not.toBeNull();
        let off = 0, values = 0, gradWorst = 0;
        for (let trial = 0; trial < 4; trial++) {
          const rng = createRng(1000 * depth + trial);
          const p = Float64Array.from({ length: L.params }, () => 4 * (rng() - 0.5));
          for (const s of [1, 0]) {
            const ra = generalForwardInto(a, s, p, 0, 1.5, d, guards), rb = generalForwardInto(b, s, p, 0, 1.5, d, guards);
            expect(rb).toBe(ra);
            expect(Array.from(b.realSlot)).toEqual(Array.from(a.realSlot));
            for (let k = 0; k < L.nodes; k++) if (!a.realSlot[s * L.slots + L.leaves + k]) complexNodes++;
            for (let q = s * L.slots * d.n; q < (s + 1) * L.slots * d.n; q++) {
              const scale = Math.max(1, Math.hypot(a.vRe[q]!, a.vIm[q]!));
              values++;
              if (!(rel(a.vRe[q]!, b.vRe[q]!, scale) < 1e-9 && rel(a.vIm[q]!, b.vIm[q]!, scale) < 1e-9)) off++;
            }
            const ga = new Float64Array(L.params), gb = new Float64Array(L.params);
            generalBackwardInto(a, s, 1.5, d, guards, 1e-2, ga, 0, 0);
            generalBackwardInto(b, s, 1.5, d, guards, 1e-2, gb, 0, 0);
            let scale = 1e-12;
            for (const g of ga) if (Number.isFinite(g)) scale = Math.max(scale, Math.abs(g));
            for (let j = 0; j < L.params; j++) gradWorst = Math.max(gradWorst, rel(ga[j]!, gb[j]!, scale));
          }
        }
        if (depth <= 3) { expect(off, `depth ${depth}`).toBe(0); expect(gradWorst, `depth ${depth}`).toBeLessThan(1e-7); }
        else expect(off / values, `depth ${depth}`).toBeLessThan(1e-3);
      }
      if (c.lo < 0) expect(complexNodes).toBeGreaterThan(10);
    });
  }
});

describe('training with the SIMD kernels', () => {
  const run = (depth: number, target: string, simd: number, seeds: number[]) => {
    const layout = masterLayout(depth, 2), train = gridData(targetTree(target), ['x', 'y'], PAPER_GRID);
    const plan = seeds.map((seed, index) => ({ index, seed, strategy: 'uniform' as const }));
    let k = 0;
    return trainRuns({ layout, varNames: ['x', 'y'], train }, resolveTrainOptions({ simd }), () => plan[k++], {}, 2).sort((x, y) => x.index - y.index);
  };
  it('recovers eml_depth2 and eml_depth3 as the scalar kernels do (the reference protocol, same seeds)', () => {
    for (const [depth, target, seeds] of [[2, 'eml_depth2', [137, 140]], [3, 'eml_depth3', [138, 139]]] as const) {
      const v = run(depth, target, 1, [...seeds]), s = run(depth, target, 0, [...seeds]);
      // the same runs succeed, with the same trees (a failed run may end on another wrong tree)
      expect(v.map((r) => r.success)).toEqual(s.map((r) => r.success));
      expect(v.filter((r) => r.success).map((r) => r.tree)).toEqual(s.filter((r) => r.success).map((r) => r.tree));
      expect(v[0]!.success).toBe(true);
      // the final report evaluates the snapped tree with the scalar kernels: an exact tree has MSE 0, as without SIMD
      expect(v[0]!.snapMse).toBe(0);
      expect(v[0]!.snapMse).toBe(s[0]!.snapMse);
    }
  });
  it('refuses a simd option other than 0 or 1', () => {
    expect(() => resolveTrainOptions({ simd: 2 })).toThrow(/simd must be 0 or 1/);
  });
});
