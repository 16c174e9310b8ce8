// The WebAssembly SIMD module's exp, log, atan2, sin and cos (wasm/vmath.ts) against Math.* on millions of points: within
// 2 ulp everywhere, and equal (sign of zero included) at zeros, infinities, NaN and the overflow/underflow edges.
// Also: the split constants of vmath.ts against decimal.js to 40 digits.

import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { type KernelExports, decodeBase64, instantiateKernels, simdModule, RESERVED_BYTES } from '../../../src/core/simd/module';
import { createRng } from '../../../src/core/rng';
import { ulpDistance } from '../../helpers/ulp';

const N = 1 << 20; // points per batch
const kernels = instantiateKernels(3 * 8 * N);
if (!kernels) throw new Error('this Node has no WebAssembly SIMD');
const { exports: k, memory } = kernels as { exports: KernelExports; memory: WebAssembly.Memory };
const A = RESERVED_BYTES, B = A + 8 * N, OUT = B + 8 * N;
const va = new Float64Array(memory.buffer, A, N), vb = new Float64Array(memory.buffer, B, N), vout = new Float64Array(memory.buffer, OUT, N);

/** Fills va (and vb) from the generators, runs the kernel, and returns the worst ulp distance and its point. */
function worst(n: number, fill: (i: number) => number, run: () => void, ref: (i: number) => number, fillB?: (i: number) => number) {
  for (let i = 0; i < n; i++) { va[i] = fill(i); if (fillB) vb[i] = fillB(i); }
  run();
  let max = 0, at = -1;
  for (let i = 0; i < n; i++) {
    const d = ulpDistance(vout[i]!, ref(i));
    if (d > max) { max = d; at = i; }
  }
  return { max, at: at < 0 ? '' : `${va[at]}${fillB ? `, ${vb[at]}` : ''} → ${vout[at]} (Math: ${ref(at)})` };
}

/**
 * Runs `run` on the edge points `xs` (into va) and checks each result against `ref`: special results (0, ±∞, NaN)
 * exactly, sign of zero included, the others within 1 ulp.
 */
function checkEdges(name: string, xs: readonly number[], run: (n: number) => void, ref: (x: number) => number): void {
  xs.forEach((x, i) => { va[i] = x; });
  run(xs.length);
  xs.forEach((x, i) => {
    const want = ref(x), got = vout[i]!;
    if (!Number.isFinite(want) || want === 0) expect(Object.is(got, want), `${name}(${x}) = ${got}, Math ${want}`).toBe(true);
    else expect(ulpDistance(got, want), `${name}(${x})`).toBeLessThanOrEqual(1);
  });
}

/** A random double with a uniformly random exponent in [lo, hi) and a random mantissa and sign (sign: ±1 or 0 = random). */
function randomDouble(rng: () => number, lo: number, hiExp: number, sign = 0): number {
  const m = 1 + rng(), e = lo + Math.floor(rng() * (hiExp - lo));
  const s = sign !== 0 ? sign : rng() < 0.5 ? -1 : 1;
  return s * m * 2 ** e;
}

describe('SIMD module', () => {
  it('compiles here and its base64 decodes to a valid module', () => {
    expect(simdModule()).not.toBeNull();
    expect(decodeBase64('AGFzbQ==')).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d]));
  });
});

describe('vectorised exp', () => {
  const rng = createRng(11);
  it('is within 2 ulp of Math.exp over its whole range and near 0 (2 × 2^20 points)', () => {
    const wide = worst(N, () => -745.2 + rng() * (709.8 + 745.2), () => k.expArray(A, OUT, N), (i) => Math.exp(va[i]!));
    expect(wide.max, wide.at).toBeLessThanOrEqual(2);
    const near = worst(N, () => randomDouble(rng, -60, 1), () => k.expArray(A, OUT, N), (i) => Math.exp(va[i]!));
    expect(near.max, near.at).toBeLessThanOrEqual(2);
  });
  it('gives subnormal results within 2 ulp of the subnormal grid', () => {
    const r = worst(1 << 16, () => -745.13 + rng() * 37, () => k.expArray(A, OUT, 1 << 16), (i) => Math.exp(va[i]!));
    expect(r.max, r.at).toBeLessThanOrEqual(2);
  });
  it('matches Math.exp exactly at the edges', () => {
    const edges = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1e-300, 709.782712893384, 709.7827128933841, 709.79, 710, 1e300, -1e300,
      -745.1332191019411, -745.1332191019412, -745.14, -746, -708.3964185322641, 88.72, -1e-17];
    checkEdges('exp', edges, (n) => k.expArray(A, OUT, n), Math.exp);
  });
  it('handles an odd count (the last point alone)', () => {
    for (let i = 0; i < 5; i++) va[i] = i - 2.5;
    vout.fill(7, 0, 6);
    k.expArray(A, OUT, 5);
    for (let i = 0; i < 5; i++) expect(ulpDistance(vout[i]!, Math.exp(i - 2.5))).toBeLessThanOrEqual(1);
    expect(vout[5]).toBe(7);
  });
});

describe('vectorised log', () => {
  const rng = createRng(12);
  it('is within 2 ulp of Math.log over all positive doubles, subnormals included (2^20 points)', () => {
    const r = worst(N, () => randomDouble(rng, -1074, 1024, 1), () => k.logArray(A, OUT, N), (i) => Math.log(va[i]!));
    expect(r.max, r.at).toBeLessThanOrEqual(2);
  });
  it('is within 2 ulp of Math.log near 1 and over the kernels\' usual range (2 × 2^20 points)', () => {
    const near1 = worst(N, () => 1 + randomDouble(rng, -52, -1), () => k.logArray(A, OUT, N), (i) => Math.log(va[i]!));
    expect(near1.max, near1.at).toBeLessThanOrEqual(2);
    const usual = worst(N, () => Math.exp(-50 + 100 * rng()), () => k.logArray(A, OUT, N), (i) => Math.log(va[i]!));
    expect(usual.max, usual.at).toBeLessThanOrEqual(2);
  });
  it('matches Math.log exactly at the edges', () => {
    const edges = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, Number.MAX_VALUE, -5e-324, 2, 0.5, Math.E];
    checkEdges('log', edges, (n) => k.logArray(A, OUT, n), Math.log);
  });
});

describe('vectorised atan2', () => {
  const rng = createRng(13);
  it('is within 2 ulp of Math.atan2 for random signs and magnitudes (2^20 pairs)', () => {
    const r = worst(N, () => randomDouble(rng, -1074, 1024), () => k.atan2Array(A, B, OUT, N), (i) => Math.atan2(va[i]!, vb[i]!),
      () => randomDouble(rng, -1074, 1024));
    expect(r.max, r.at).toBeLessThanOrEqual(2);
  });
  it('is within 2 ulp of Math.atan2 where the kernels use it: |b| within 1e-8 … 1e8, every ratio band (2 × 2^20 pairs)', () => {
    const r = worst(N, () => randomDouble(rng, -27, 27), () => k.atan2Array(A, B, OUT, N), (i) => Math.atan2(va[i]!, vb[i]!),
      () => randomDouble(rng, -27, 27));
    expect(r.max, r.at).toBeLessThanOrEqual(2);
    // ratios near the reduction's band edges 7/16, 11/16, 19/16, 39/16
    const bands = [7 / 16, 11 / 16, 19 / 16, 39 / 16, 1, 0.5, 1.5];
    for (let i = 0; i < N; i++) {
      const x = (rng() < 0.5 ? -1 : 1) * (0.5 + rng());
      va[i] = x * bands[i % bands.length]! * (1 + (rng() - 0.5) * 1e-3);
      vb[i] = x * (rng() < 0.5 ? -1 : 1);
    }
    k.atan2Array(A, B, OUT, N);
    let max = 0;
    for (let i = 0; i < N; i++) max = Math.max(max, ulpDistance(vout[i]!, Math.atan2(va[i]!, vb[i]!)));
    expect(max).toBeLessThanOrEqual(2);
  });
  it('matches Math.atan2 exactly at zeros, infinities and NaN', () => {
    const specials = [0, -0, 1, -1, Infinity, -Infinity, NaN, 5e-324, -5e-324, Number.MAX_VALUE, -Number.MAX_VALUE];
    const ys: number[] = [], xs: number[] = [];
    for (const y of specials) for (const x of specials) { ys.push(y); xs.push(x); }
    ys.forEach((y, i) => { va[i] = y; vb[i] = xs[i]!; });
    k.atan2Array(A, B, OUT, ys.length);
    ys.forEach((y, i) => {
      const want = Math.atan2(y, xs[i]!), got = vout[i]!;
      expect(ulpDistance(got, want), `atan2(${y}, ${xs[i]}) = ${got}, Math ${want}`).toBeLessThanOrEqual(1);
      if (want === 0 || Number.isNaN(want)) expect(Object.is(got, want), `atan2(${y}, ${xs[i]})`).toBe(true);
    });
  });
});

describe('vectorised sin and cos', () => {
  const rng = createRng(14);
  const vcos = vb; // sinCosArray writes sin to OUT and cos to B
  /** The worst ulp distance of sin and cos from Math over the first n points of va. */
  const worstSinCos = (n: number) => {
    k.sinCosArray(A, OUT, B, n);
    let max = 0, at = '';
    for (let i = 0; i < n; i++) {
      const x = va[i]!, d = Math.max(ulpDistance(vout[i]!, Math.sin(x)), ulpDistance(vcos[i]!, Math.cos(x)));
      if (d > max) { max = d; at = `${x}: sin ${vout[i]} (Math ${Math.sin(x)}), cos ${vcos[i]} (Math ${Math.cos(x)})`; }
    }
    return { max, at };
  };
  it('is within 2 ulp of Math.sin and Math.cos on [−π, π], on [−1e5, 1e5] and for random magnitudes (3 × 2^20 points)', () => {
    for (let i = 0; i < N; i++) va[i] = (2 * rng() - 1) * Math.PI;
    const near = worstSinCos(N);
    expect(near.max, near.at).toBeLessThanOrEqual(2);
    for (let i = 0; i < N; i++) va[i] = (2 * rng() - 1) * 1e5;
    const wide = worstSinCos(N);
    expect(wide.max, wide.at).toBeLessThanOrEqual(2);
    // 2^-1074 … 2^1023: tiny arguments, the reduction's range and beyond it (the scalar lanes)
    for (let i = 0; i < N; i++) va[i] = randomDouble(rng, -1074, 1024);
    const all = worstSinCos(N);
    expect(all.max, all.at).toBeLessThanOrEqual(2);
  });
  it('stays within 2 ulp next to the multiples of π/2, where the reduced argument is small', () => {
    for (let i = 0; i < N; i++) {
      const q = 1 + Math.floor(rng() * 500000);
      va[i] = (rng() < 0.5 ? -1 : 1) * (q * (Math.PI / 2) + (rng() - 0.5) * 2 ** (-8 - Math.floor(rng() * 40)));
    }
    const r = worstSinCos(N);
    expect(r.max, r.at).toBeLessThanOrEqual(2);
  });
  it('matches Math.sin and Math.cos exactly at zeros, infinities and NaN, and the odd last point', () => {
    const edges = [0, -0, Infinity, -Infinity, NaN, 5e-324, -5e-324, 1e-300, Math.PI, -Math.PI / 2, 823549, 823550, 1e300];
    edges.forEach((x, i) => { va[i] = x; });
    vout.fill(7, 0, edges.length + 1);
    k.sinCosArray(A, OUT, B, edges.length);
    edges.forEach((x, i) => {
      for (const [got, want, name] of [[vout[i]!, Math.sin(x), 'sin'], [vcos[i]!, Math.cos(x), 'cos']] as const) {
        if (!Number.isFinite(want) || want === 0) expect(Object.is(got, want), `${name}(${x}) = ${got}, Math ${want}`).toBe(true);
        else expect(ulpDistance(got, want), `${name}(${x})`).toBeLessThanOrEqual(1);
      }
    });
    expect(vout[edges.length]).toBe(7);
  });
});

describe('the split constants in wasm/vmath.ts', () => {
  Decimal.set({ precision: 50 });
  // ln 2's high part keeps 32 bits, so hi + lo holds 32 + 53 bits (relative 2^-85); the others hold 106 bits
  const cases: Array<[string, number, number, Decimal, number]> = [
    ['ln 2', 0.6931471803691238, 1.9082149292705877e-10, Decimal.ln(2), 2 ** -84],
    ['π', 3.141592653589793, 1.2246467991473532e-16, Decimal.acos(-1), 1e-32],
    ['π/2', 1.5707963267948966, 6.123233995736766e-17, Decimal.acos(-1).div(2), 1e-32],
    // the sine's reduction: a 33-bit high part, so 33 + 53 bits
    ['π/2 (33-bit high part)', 1.5707963267341256, 6.07710050650619224932e-11, Decimal.acos(-1).div(2), 2 ** -84],
    ['π/4', 0.7853981633974483, 3.061616997868383e-17, Decimal.acos(-1).div(4), 1e-32],
    ['atan(1/2)', 0.4636476090008061, 2.2698777452961687e-17, Decimal.atan(0.5), 1e-32],
    ['atan(3/2)', 0.982793723247329, 1.3903311031230998e-17, Decimal.atan(1.5), 1e-32],
  ];
  it.each(cases)('%s = hi + lo to the precision of the pair', (_name, h, l, exact, rel) => {
    const err = new Decimal(h.toPrecision(100)).plus(new Decimal(l.toPrecision(100))).minus(exact).abs();
    expect(err.toNumber()).toBeLessThan(rel * exact.toNumber());
  });
});
