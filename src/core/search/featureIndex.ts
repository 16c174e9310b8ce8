// An index of one level's nodes by the real part of one feature at probe 0 (e.g. exp of the value), for the
// meet-in-the-middle target match: "which stored nodes have exp(v) ≈ q?" in O(1) per query.
// Keys: below `split` in magnitude, x ↦ floor(x / width) (absolute buckets); above, the top 44 bits of the
// double (relative buckets of 2^-32). split = min(2^20, 2^50·width) keeps every absolute key an exact integer
// below the relative ones (2^51 and up), so a bucket counter always advances, whatever the width. A query
// [q − δ, q + δ] visits every bucket the interval touches (or, when that is too many, returns every node), so no
// match within δ is ever missed; the caller checks each.

import type { Level } from './levelStore';

const SPLIT = 2 ** 20;
/** Largest absolute key: below REL_TAG, and an exact integer step for k++. */
const MAX_ABS_KEY = 2 ** 50;
const REL_TAG = 2 ** 51;
const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
/** A query touching more buckets than this returns every indexed node instead (still a superset). */
const MAX_BUCKETS = 1024;

function relKey(x: number): number {
  F64[0] = x < 0 ? -x : x;
  const k = REL_TAG + U32[1]! * 4096 + (U32[0]! >>> 20);
  return x < 0 ? -k : k;
}

function hashKey(k: number): number {
  F64[0] = k;
  let h = Math.imul(U32[0]! ^ 0x9e3779b9, 0x85ebca6b) ^ U32[1]!;
  h = Math.imul(h ^ (h >>> 16), 0xc2b2ae35);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Nodes of one level grouped by bucket of a feature's real part at probe 0. */
export class FeatureIndex {
  private readonly keys: Float64Array;
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly mask: number;
  /** Nodes indexed (finite feature values only). */
  readonly count: number;
  readonly bytes: number;
  /** Smallest and largest indexed value: a query outside [min, max] needs no lookup. */
  readonly min: number;
  readonly max: number;
  /** Values of magnitude below this get absolute buckets (floor(x / width) stays within ±2^50). */
  readonly split: number;

  /**
   * Indexes the nodes of `level` whose feature at `offset` (a double offset within a node's row of `stride`)
   * is finite; `width` is the absolute bucket width (a power of two); with `shard`, only buckets whose hash
   * selects shard.index are kept (queries then visit only those).
   */
  constructor(readonly level: Level, stride: number, offset: number, readonly width: number,
    readonly shard: { index: number; count: number } = { index: 0, count: 1 }) {
    if (!(width > 0 && Number.isFinite(width))) throw new Error(`search: the bucket width must be positive and finite, got ${width}`);
    this.split = Math.min(SPLIT, MAX_ABS_KEY * width);
    let cap = 16;
    while (cap < 1.5 * level.count) cap *= 2;
    this.keys = new Float64Array(cap);
    this.heads = new Int32Array(cap).fill(-1);
    this.next = new Int32Array(Math.max(1, level.count)).fill(-1);
    this.mask = cap - 1;
    let n = 0, min = Infinity, max = -Infinity;
    for (let s = 0; s < level.segments.length; s++) {
      const seg = level.segments[s]!, f = seg.features, base = level.offsets[s]! - level.base;
      for (let i = 0; i < seg.count; i++) {
        const x = f[i * stride + offset]!, y = f[i * stride + offset + 1]!;
        if (!(Number.isFinite(x) && Number.isFinite(y))) continue;
        const k = this.keyOf(x);
        const h = hashKey(k);
        if (this.shard.count > 1 && ((h >>> 16) % this.shard.count) !== this.shard.index) continue;
        let slot = h & this.mask;
        while (this.heads[slot] !== -1 && this.keys[slot] !== k) slot = (slot + 1) & this.mask;
        if (this.heads[slot] === -1) this.keys[slot] = k;
        this.next[base + i] = this.heads[slot]!;
        this.heads[slot] = base + i;
        n++;
        if (x < min) min = x;
        if (x > max) max = x;
      }
    }
    this.count = n;
    this.min = min;
    this.max = max;
    this.bytes = this.keys.byteLength + this.heads.byteLength + this.next.byteLength;
  }

  private keyOf(x: number): number {
    return x > -this.split && x < this.split ? Math.floor(x / this.width) : relKey(x);
  }

  private found = 0;
  private out: Int32Array = new Int32Array(0);

  private visit(k: number): void {
    const h = hashKey(k);
    if (this.shard.count > 1 && ((h >>> 16) % this.shard.count) !== this.shard.index) return;
    let slot = h & this.mask;
    for (;;) {
      const head = this.heads[slot]!;
      if (head === -1) return;
      if (this.keys[slot] === k) {
        for (let i = head; i !== -1; i = this.next[i]!) {
          if (this.found < this.out.length) this.out[this.found] = this.level.base + i;
          this.found++;
        }
        return;
      }
      slot = (slot + 1) & this.mask;
    }
  }

  private wide = false;

  private buckets(k0: number, k1: number): void {
    if (k1 - k0 > MAX_BUCKETS) { this.wide = true; return; }
    for (let k = k0; k <= k1; k++) this.visit(k);
  }

  /**
   * Writes into `out` the global ids of indexed nodes whose bucket meets [lo, hi] (a superset of the nodes with
   * feature re in [lo, hi]); returns how many there are (it may exceed out.length: then grow `out` and ask again).
   */
  candidates(lo: number, hi: number, out: Int32Array): number {
    if (!(lo <= hi) || hi < this.min || lo > this.max) return 0;
    this.found = 0;
    this.out = out;
    this.wide = false;
    // absolute buckets cover (−split, split)
    const split = this.split;
    if (lo < split && hi > -split) this.buckets(Math.floor(Math.max(lo, -split) / this.width), Math.floor(Math.min(hi, split) / this.width));
    // relative buckets (|x| ≥ split): relKey is monotone in |x|
    if (hi >= split) this.buckets(relKey(Math.max(lo, split)), relKey(hi));
    if (lo <= -split) this.buckets(relKey(lo), relKey(Math.min(hi, -split)));
    if (this.wide) {
      // an interval this wide (a huge tolerance) gets every indexed node
      this.found = 0;
      for (let slot = 0; slot <= this.mask; slot++) {
        for (let i = this.heads[slot]!; i !== -1; i = this.next[i]!) {
          if (this.found < out.length) out[this.found] = this.level.base + i;
          this.found++;
        }
      }
    }
    return this.found;
  }
}

/** A reusable output buffer for FeatureIndex.candidates that grows when a query finds more ids than it holds. */
export class CandidateBuffer {
  /** The ids of the last collect(), in [0, n). */
  ids = new Int32Array(64);

  /** Collects the candidates of [lo, hi] in `ix` into `ids`; returns how many there are. */
  collect(ix: FeatureIndex, lo: number, hi: number): number {
    let n = ix.candidates(lo, hi, this.ids);
    if (n > this.ids.length) {
      this.ids = new Int32Array(2 * n);
      n = ix.candidates(lo, hi, this.ids);
    }
    return n;
  }
}
