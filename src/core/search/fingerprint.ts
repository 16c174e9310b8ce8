// Fingerprints for functional deduplication: a value vector (P complex probe values, re/im interleaved)
// → its quantised form → two independent 32-bit hashes (a 64-bit fingerprint; equal vectors give equal
// fingerprints, unequal ones collide with probability ~2^-64). Invariants: quantisation is explicit and
// semantics-aware (signed zeros count only under 'extended', where a zero's signs give ln 0 its phase).

import type { Semantics } from '../semantics';

/**
 * How values are quantised before hashing.
 * - relative: both parts of z are rounded to `bits` bits below the binary exponent of max(|re|, |im|),
 *   so rounding noise in a tiny imaginary part of a real value vanishes (default, 40 bits ≈ 1e-12);
 * - absolute: re and im are each rounded to a multiple of 1/scale (the reference verifier's 1e12 key,
 *   rounding halves away from zero).
 */
export type Quantizer = { readonly kind: 'relative'; readonly bits: number } | { readonly kind: 'absolute'; readonly scale: number };

/** The default quantizer: 40 bits relative (≈ 9e-13 of the larger part). */
export const RELATIVE_40: Quantizer = { kind: 'relative', bits: 40 };

/**
 * Returns the resolution of a quantizer: values that differ by less than this (relative to the larger part, or
 * absolutely) may share a fingerprint, i.e. be stored as one value. 2^-40 ≈ 9.1e-13 for RELATIVE_40.
 */
export function quantizerResolution(q: Quantizer): number {
  return q.kind === 'relative' ? 2 ** -q.bits : 1 / q.scale;
}

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);

/** Rounds half away from zero (as Rust's f64::round), so absolute keys match the reference verifier's. */
export function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function mixA(h: number, v: number): number {
  h = Math.imul(h ^ v, 0xcc9e2d51);
  h = (h << 15) | (h >>> 17);
  return Math.imul(h, 0x1b873593) + 0x6b43a9b5;
}

function mixB(h: number, v: number): number {
  h = Math.imul(h + v, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Hashes value vectors. After `hash(v, offset)`, `h1` and `h2` hold the fingerprint of the P complex
 * numbers v[offset .. offset + 2P) (re, im interleaved). Allocates nothing.
 */
export class Fingerprinter {
  h1 = 0;
  h2 = 0;
  private readonly signedZeros: boolean;
  private readonly relative: boolean;
  private readonly scale: number;
  private readonly pow2: Float64Array;

  constructor(readonly probes: number, semantics: Semantics, readonly quantizer: Quantizer = RELATIVE_40) {
    if (!Number.isInteger(probes) || probes < 1 || probes > 64) throw new Error(`fingerprint: probes must be an integer in [1, 64], got ${probes}`);
    this.signedZeros = semantics === 'extended';
    this.relative = quantizer.kind === 'relative';
    if (quantizer.kind === 'relative') {
      if (!Number.isInteger(quantizer.bits) || quantizer.bits < 8 || quantizer.bits > 50) {
        throw new Error(`fingerprint: relative bits must be an integer in [8, 50], got ${quantizer.bits}`);
      }
      this.scale = 0;
    } else {
      if (!(quantizer.scale > 0 && Number.isFinite(quantizer.scale))) throw new Error(`fingerprint: absolute scale must be positive, got ${quantizer.scale}`);
      this.scale = quantizer.scale;
    }
    // pow2[e] = 2^(bits − (e − 1023)) for each biased exponent e of a double (0 where that would overflow)
    this.pow2 = new Float64Array(2048);
    const bits = quantizer.kind === 'relative' ? quantizer.bits : 0;
    for (let e = bits + 40; e < 2048; e++) this.pow2[e] = Math.pow(2, bits - (e - 1023));
  }

  /** Sets h1, h2 to the fingerprint of v[offset .. offset + 2·probes). */
  hash(v: Float64Array, offset: number): void {
    let h1 = 0x9747b28c, h2 = 0x2545f491;
    for (let p = 0; p < this.probes; p++) {
      const re = v[offset + 2 * p]!, im = v[offset + 2 * p + 1]!;
      // tag: the binary exponent used (relative mode) or 0, plus flags for signed zeros and non-finite parts
      let kr: number, ki: number, tag: number;
      if (this.relative) {
        const ar = re < 0 ? -re : re, ai = im < 0 ? -im : im;
        const m = ar > ai ? ar : ai;
        if (m < Infinity && re === re) {
          F64[0] = m;
          tag = (U32[1]! >>> 20) & 0x7ff;
          const s = this.pow2[tag]!; // 0 below ~1e-290: such tiny vectors count as zero
          kr = Math.round(re * s);
          ki = Math.round(im * s);
        } else {
          kr = this.ownKey(re);
          ki = this.ownKey(im);
          tag = 0x800 | (nonFiniteCode(re) << 4) | (nonFiniteCode(im) << 8);
        }
      } else if (re - re === 0 && im - im === 0) {
        // the reference's i64 cast saturates: every |x|·scale beyond 2^63 shares one key
        kr = clamp(roundHalfAway(re * this.scale));
        ki = clamp(roundHalfAway(im * this.scale));
        tag = 0;
      } else {
        kr = re - re === 0 ? clamp(roundHalfAway(re * this.scale)) : 0;
        ki = im - im === 0 ? clamp(roundHalfAway(im * this.scale)) : 0;
        tag = 0x800 | (nonFiniteCode(re) << 4) | (nonFiniteCode(im) << 8);
      }
      // a rounded-away zero keeps the sign of its part under 'extended' (ln(−1 ∓ 0i) = ∓iπ there)
      if (this.signedZeros) {
        if (kr === 0 && (re < 0 || (re === 0 && 1 / re < 0))) tag |= 0x1000;
        if (ki === 0 && (im < 0 || (im === 0 && 1 / im < 0))) tag |= 0x2000;
      }
      // split the integer-valued doubles into 32-bit words (injective for integers)
      const a = kr | 0, b = Math.floor(kr * 2.3283064365386963e-10) | 0;
      const c = ki | 0, d = Math.floor(ki * 2.3283064365386963e-10) | 0;
      h1 = mixA(mixA(mixA(mixA(mixA(h1, tag), a), b), c), d);
      h2 = mixB(mixB(mixB(mixB(mixB(h2, d), c ^ tag), b), a), p);
    }
    h1 ^= h1 >>> 16;
    h1 = Math.imul(h1, 0x85ebca6b);
    h1 ^= h1 >>> 13;
    h2 ^= h2 >>> 15;
    h2 = Math.imul(h2, 0x2c1b3c6d);
    h2 ^= h2 >>> 12;
    this.h1 = h1 >>> 0;
    this.h2 = h2 >>> 0;
  }

  /** The key of a finite part quantised on its own (when the other part is not finite); 0 for ±∞ and NaN. */
  private ownKey(x: number): number {
    if (!(x - x === 0) || x === 0) return 0;
    F64[0] = x < 0 ? -x : x;
    const e = (U32[1]! >>> 20) & 0x7ff;
    return e * 4398046511104 + Math.round(x * this.pow2[e]!); // e·2^42 + q, |q| ≤ 2^41
  }
}

const I64 = 9223372036854775807;

function clamp(k: number): number {
  return k > I64 ? I64 : k < -I64 ? -I64 : k;
}

/** 0 finite, 1 +∞, 2 −∞, 3 NaN. */
function nonFiniteCode(x: number): number {
  return x === Infinity ? 1 : x === -Infinity ? 2 : x !== x ? 3 : 0;
}
