// Bottom-up enumeration by size K with functional deduplication (start here for the search engine).
// Level K is built from the stored levels: every unary operator over level K − 1, every binary operator over
// every split a + b = K − 1; a value vector is kept only if its fingerprint is new (first occurrence wins, so
// every stored node is a smallest tree of its value). One thread grows a level with `grow`. Several threads
// (shards) grow one level together with `growSlice` → `dedupSlice` → `finishSlice` (levelSlice.ts): they claim
// the level's work units (workUnits.ts) and keep every admissible candidate, then the owner of each fingerprint
// (h2 mod shards) keeps its first occurrence, and the level is the units' kept rows in unit order: the level one
// thread stores. Each shard holds the stored fingerprints it owns.
//
// Admissible values (what may be stored) under each semantics, per probe:
//   strict    both parts finite (any ±∞ or NaN intermediate makes the tree undefined);
//   ieee      no NaN part (±∞ allowed: ln 0 = −∞, exp(−∞) = 0 as IEEE-754 gives them);
//   extended  no NaN real part; a NaN imaginary part only beside an infinite real part, since
//             exp(−∞ + i·NaN) = 0 there (C99 Annex G);
// and with domain 'real' the imaginary part must be exactly 0 (the reference's real-valued tools).

import type { Semantics } from '../semantics';
import { type CompiledLanguage, computeFeaturesInto, isAdmissible } from './compiledLanguage';
import { FeatureBatch } from './featureBatch';
import { Fingerprinter, type Quantizer, RELATIVE_40 } from './fingerprint';
import { FingerprintSet } from './fingerprintSet';
import { type BufferAllocator, type Level, LevelStore, type Segment, SegmentBuilder, localAllocator } from './levelStore';
import { LevelSlice, type SliceTable, compactSlice, dedupOwned } from './levelSlice';
import type { WorkUnit } from './workUnits';

export type Domain = 'complex' | 'real';

export interface EnumeratorOptions {
  domain?: Domain;
  quantizer?: Quantizer;
  /** This enumerator's shard: it owns the stored fingerprints with h2 mod count = index (default the whole space). */
  shard?: { readonly index: number; readonly count: number };
  /** Allocator of segments and fingerprint tables (SharedArrayBuffer-backed when shards share them). */
  allocate?: BufferAllocator;
  /**
   * Compute the kept nodes' features with the WebAssembly SIMD module, in batches (default true; featureBatch.ts).
   * False, or a language with other features or a runtime without SIMD: the scalar functions.
   */
  simd?: boolean;
}

/** Statistics of one level (or of one shard's part of it). */
export interface LevelStats {
  K: number;
  /** Candidate values evaluated (unary applications + binary pairs). */
  evaluated: number;
  /** Distinct new values kept. */
  kept: number;
}

/** Why a level was not completed. */
export type GrowStop = 'cancelled' | 'memoryLimit';

/** Limits of one grow call. */
export interface GrowLimits {
  shouldStop?: () => boolean;
  /** Bytes the whole enumeration (every shard) may hold. */
  maxBytes?: number;
  /** Distinct values the whole level will probably have (pre-sizes the tables). */
  expected?: number;
}

const STOP_EVERY = 1 << 16;

/** The enumeration state of one shard: the fingerprints it owns and the store of every shard's levels. */
export class Enumerator {
  readonly store: LevelStore;
  /** The stored fingerprints this shard owns (all of them with one shard). */
  readonly set: FingerprintSet;
  readonly fingerprints: Fingerprinter;
  readonly domain: Domain;
  readonly shardIndex: number;
  readonly shardCount: number;
  private readonly allocate: BufferAllocator;
  private readonly mode: number;
  private readonly cand: Float64Array;
  private readonly inputs: Float64Array;
  private readonly inputOffsets: Int32Array;
  /** The SIMD feature batch, or null for the scalar path. */
  private readonly batch: FeatureBatch | null;
  private builder: SegmentBuilder | null = null;
  /** The slice being grown (growSlice), or null when one thread grows the whole level. */
  private slice: LevelSlice | null = null;
  /** A slice grown and not yet finished: its chunks and table. */
  private pending: { K: number; chunks: Segment[]; table: SliceTable; bytes: number } | null = null;
  private sinceCheck = 0;
  private limits: GrowLimits = {};
  private stopReason: GrowStop | null = null;

  constructor(readonly lang: CompiledLanguage, opts: EnumeratorOptions = {}) {
    this.domain = opts.domain ?? 'complex';
    this.shardIndex = opts.shard?.index ?? 0;
    this.shardCount = opts.shard?.count ?? 1;
    if (!(Number.isInteger(this.shardCount) && this.shardCount >= 1 && this.shardIndex >= 0 && this.shardIndex < this.shardCount)) {
      throw new Error(`search: bad shard ${this.shardIndex} of ${this.shardCount}`);
    }
    this.allocate = opts.allocate ?? localAllocator;
    this.store = new LevelStore(lang.stride);
    this.set = new FingerprintSet();
    this.fingerprints = new Fingerprinter(lang.probes, lang.semantics, opts.quantizer ?? RELATIVE_40);
    this.mode = modeOf(lang.semantics);
    this.cand = new Float64Array(2 * lang.probes);
    const maxInputs = Math.max(1, ...lang.binary.map((b) => b.aFeatures.length + b.bFeatures.length));
    this.inputs = new Float64Array(2 * maxInputs);
    this.inputOffsets = Int32Array.from({ length: maxInputs }, (_, k) => 2 * k);
    this.batch = opts.simd === false ? null : FeatureBatch.create(lang);
  }

  /** True when the kept nodes' features are computed by the SIMD module. */
  get simd(): boolean {
    return this.batch !== null;
  }

  /** Returns the bytes held by this shard: the stored levels, its fingerprints and any level in progress. */
  get bytes(): number {
    return this.store.bytes + this.ownBytes;
  }

  /** Returns the bytes only this shard holds (its fingerprints and its part of the level in progress). */
  get ownBytes(): number {
    return this.set.bytes + this.levelBytes;
  }

  /** Returns the bytes of this shard's part of the level in progress. */
  get levelBytes(): number {
    return (this.builder?.bytes ?? 0) + (this.slice?.bytes ?? 0) + (this.pending?.bytes ?? 0);
  }

  /**
   * Builds level K from the stored levels below K in this thread (one shard only); returns it with its statistics,
   * or the reason it stopped (shouldStop() answered true, or the bytes would exceed maxBytes).
   */
  grow(K: number, limits: GrowLimits = {}): { segments: Segment[]; stats: LevelStats } | { stopped: GrowStop } {
    if (this.shardCount !== 1) throw new Error('search: a sharded enumerator grows levels with growSlice');
    this.checkBelow(K);
    const lang = this.lang;
    const builder = new SegmentBuilder(lang.stride, this.allocate, Math.max(16, limits.expected ?? 0));
    if (limits.expected) this.set.reserve(this.set.size + limits.expected);
    const stats: LevelStats = { K, evaluated: 0, kept: 0 };
    this.begin(builder, null, limits);
    if (this.mustStop()) return this.stop();
    if (K === 1) this.growLeaves(stats);
    else {
      const below = this.store.level(K - 1);
      for (const u of lang.unary) {
        if (!this.growUnary(u.code, below, below.base, below.base + below.count, stats)) return this.stop();
      }
      for (const b of lang.binary) {
        for (let a = 1; a <= K - 2; a++) {
          const c = K - 1 - a;
          if (b.operator.commutative && a > c) continue;
          const left = this.store.level(a), right = this.store.level(c);
          const triangle = b.operator.commutative && a === c;
          if (!this.growBinary(b.code, left, right, left.base, left.base + left.count, right.base, right.base + right.count, triangle, stats)) return this.stop();
        }
      }
    }
    this.batch?.flush();
    this.builder = null;
    return { segments: builder.finish(), stats };
  }

  /**
   * Step 1 of a level grown by several shards: grows the work units `nextUnit()` hands this shard (increasing
   * indexes into `units`; one past the end or more when none is left), keeping every admissible candidate with its
   * fingerprint. Returns the table the other shards read in step 2, or why it stopped.
   */
  growSlice(K: number, units: readonly WorkUnit[], nextUnit: () => number, limits: GrowLimits = {}): { table: SliceTable; stats: LevelStats } | { stopped: GrowStop } {
    this.checkBelow(K);
    const perShard = Math.ceil((limits.expected ?? 0) / this.shardCount);
    const builder = new SegmentBuilder(this.lang.stride, this.allocate, Math.max(16, perShard));
    const slice = new LevelSlice(this.allocate);
    this.pending = null;
    const stats: LevelStats = { K, evaluated: 0, kept: 0 };
    this.begin(builder, slice, limits);
    if (this.mustStop()) return this.stop();
    let last = -1;
    for (let u = nextUnit(); u < units.length; u = nextUnit()) {
      if (!(u > last)) throw new Error(`search: work units must be claimed in increasing order (${u} after ${last})`);
      last = u;
      const w = units[u]!;
      slice.beginUnit(u);
      let ok = true;
      if (w.code < 0) this.growLeaves(stats);
      else if (w.code < this.lang.language.leaves.length + this.lang.unary.length) ok = this.growUnary(w.code, this.store.level(w.a), w.a0, w.a1, stats);
      else {
        const op = this.lang.binary[w.code - this.lang.language.leaves.length - this.lang.unary.length]!;
        const c = K - 1 - w.a;
        ok = this.growBinary(w.code, this.store.level(w.a), this.store.level(c), w.a0, w.a1, w.b0, w.b1, op.operator.commutative && w.a === c, stats);
      }
      if (!ok) return this.stop();
    }
    this.batch?.flush();
    const table = slice.table();
    this.builder = null;
    this.slice = null;
    const chunks = builder.finish();
    this.pending = { K, chunks, table, bytes: builder.bytes + slice.bytes + table.drops.byteLength };
    return { table, stats };
  }

  /**
   * Step 2, once every shard has done step 1: marks, in every shard's table, the rows whose value (a fingerprint
   * this shard owns) is stored already or kept by an earlier row, and stores the owned fingerprints of the rows that
   * stay; returns the rows it marked.
   */
  dedupSlice(tables: readonly SliceTable[]): number {
    if (tables.length !== this.shardCount) throw new Error(`search: ${tables.length} slices for ${this.shardCount} shards`);
    return dedupOwned(tables, this.set, this.shardIndex, this.shardCount);
  }

  /** Step 3: returns this shard's kept rows of level K, per unit, once every shard has done step 2. */
  finishSlice(K: number): Array<{ unit: number; segments: Segment[] }> {
    const p = this.pending;
    if (!p || p.K !== K) throw new Error(`search: level ${K} was not grown here`);
    this.pending = null;
    return compactSlice(p.chunks, p.table, this.lang.stride);
  }

  /** Stores level K from its segments (in id order). */
  commit(K: number, segments: readonly Segment[]): void {
    this.store.addLevel(K, segments);
  }

  private checkBelow(K: number): void {
    if (!Number.isInteger(K) || K < 1) throw new Error(`search: level size must be a positive integer, got ${K}`);
    for (let k = 1; k < K; k++) if (!this.store.has(k)) throw new Error(`search: level ${k} must be stored before level ${K}`);
  }

  /** Starts a grow call under `limits` (mustStop() then polls them). */
  private begin(builder: SegmentBuilder, slice: LevelSlice | null, limits: GrowLimits): void {
    this.builder = builder;
    this.slice = slice;
    this.limits = limits;
    this.stopReason = null;
    this.sinceCheck = 0;
  }

  /** True when the grow call must stop: cancelled, or over the memory budget (a method, so the loops' call target never changes). */
  private mustStop(): boolean {
    const limits = this.limits;
    if (limits.shouldStop?.()) this.stopReason = 'cancelled';
    else if (limits.maxBytes !== undefined && this.projectedBytes() > limits.maxBytes) this.stopReason = 'memoryLimit';
    return this.stopReason !== null;
  }

  /** Bytes of every shard together, counting the other shards' fingerprints and level in progress as this one's. */
  private projectedBytes(): number {
    return this.store.bytes + this.shardCount * this.ownBytes;
  }

  private stop(): { stopped: GrowStop } {
    this.batch?.discard();
    this.builder = null;
    this.slice = null;
    return { stopped: this.stopReason ?? 'cancelled' };
  }

  private admissible(v: Float64Array): boolean {
    const real = this.domain === 'real';
    for (let p = 0; p < this.lang.probes; p++) {
      if (!isAdmissible(v[2 * p]!, v[2 * p + 1]!, this.lang.semantics, real)) return false;
    }
    return true;
  }

  /** Fingerprints the candidate in `cand`; stores it when it is new (one thread) or for step 2 to decide (slices). */
  private keep(code: number, left: number, right: number, deps: number, stats: LevelStats): void {
    const fp = this.fingerprints;
    fp.hash(this.cand, 0);
    const slice = this.slice;
    if (slice === null) {
      if (!this.set.insert(fp.h1, fp.h2)) return;
    } else slice.add(fp.h1, fp.h2); // step 2 decides whether it is new
    const b = this.builder!;
    const row = b.push(code, left, right, deps);
    if (this.batch) this.batch.add(b.features, row, this.cand);
    else computeFeaturesInto(this.lang, this.cand, 0, b.features, row);
    stats.kept++;
  }

  private growLeaves(stats: LevelStats): void {
    this.lang.language.leaves.forEach((leaf, i) => {
      stats.evaluated++;
      this.cand.set(leaf.values);
      if (this.admissible(this.cand)) this.keep(i, -1, -1, leaf.deps, stats);
    });
  }

  /** Applies unary operator `code` to the nodes with ids [a0, a1) of level `below` (K − 1). */
  private growUnary(code: number, below: Level, a0: number, a1: number, stats: LevelStats): boolean {
    const lang = this.lang, P = lang.probes, stride = lang.stride, idOff = lang.identity * 2 * P;
    const prog = lang.unary[code - lang.language.leaves.length]!.program;
    const cand = this.cand;
    const offs = new Int32Array(1);
    for (let s = 0; s < below.segments.length; s++) {
      const seg = below.segments[s]!, base = below.offsets[s]!;
      const iHi = Math.min(seg.count, a1 - base);
      for (let i = Math.max(0, a0 - base); i < iHi; i++) {
        stats.evaluated++;
        if (++this.sinceCheck >= STOP_EVERY) { this.sinceCheck = 0; if (this.mustStop()) return false; }
        for (let p = 0; p < P; p++) {
          offs[0] = i * stride + idOff + 2 * p;
          prog.run(seg.features, offs);
          cand[2 * p] = prog.re; cand[2 * p + 1] = prog.im;
        }
        if (this.admissible(cand)) this.keep(code, base + i, -1, seg.deps[i]!, stats);
      }
    }
    return true;
  }

  /** Applies binary operator `code` to the pairs left ids [a0, a1) × right ids [b0, b1) (right ≥ left in a triangle). */
  private growBinary(code: number, left: Level, right: Level, a0: number, a1: number, b0: number, b1: number, triangle: boolean,
    stats: LevelStats): boolean {
    const lang = this.lang, P = lang.probes, stride = lang.stride;
    const op = lang.binary[code - lang.language.leaves.length - lang.unary.length]!;
    const cand = this.cand, mode = this.mode, real = this.domain === 'real';
    const eml = op.top === null;
    const aOff = op.aFeatures.length ? op.aFeatures[0]! * 2 * P : 0, bOff = op.bFeatures.length ? op.bFeatures[0]! * 2 * P : 0;
    for (let sa = 0; sa < left.segments.length; sa++) {
      const segA = left.segments[sa]!, fa = segA.features, baseA = left.offsets[sa]!;
      const iHi = Math.min(segA.count, a1 - baseA);
      for (let i = Math.max(0, a0 - baseA); i < iHi; i++) {
        const idA = baseA + i, rowA = i * stride, from = triangle && idA > b0 ? idA : b0;
        for (let sb = 0; sb < right.segments.length; sb++) {
          const segB = right.segments[sb]!, fb = segB.features, baseB = right.offsets[sb]!;
          const j0 = Math.max(0, from - baseB), jHi = Math.min(segB.count, b1 - baseB);
          if (j0 >= jHi) continue;
          for (let j = j0; j < jHi; j++) {
            if (++this.sinceCheck >= STOP_EVERY) { this.sinceCheck = 0; if (this.mustStop()) return false; }
            let ok = true;
            if (eml) {
              const ra = rowA + aOff, rb = j * stride + bOff;
              for (let p = 0; p < P; p++) {
                const re = fa[ra + 2 * p]! - fb[rb + 2 * p]!, im = fa[ra + 2 * p + 1]! - fb[rb + 2 * p + 1]!;
                // admissibility inlined (see the header): 0 strict, 1 ieee, 2 extended
                if (real && im !== 0) { ok = false; break; }
                if (mode === 0 ? !(re - re === 0 && im - im === 0) : re !== re || (im !== im && (mode === 1 || re - re === 0))) { ok = false; break; }
                cand[2 * p] = re; cand[2 * p + 1] = im;
              }
            } else {
              ok = this.evaluateTop(op.top!, op.aFeatures, op.bFeatures, fa, rowA, fb, j * stride);
            }
            if (ok) this.keep(code, idA, baseB + j, segA.deps[i]! | segB.deps[j]!, stats);
          }
          stats.evaluated += jHi - j0;
        }
      }
    }
    return true;
  }

  /** Evaluates a decomposed operator's top part for one pair into `cand`; returns whether it is admissible. */
  private evaluateTop(top: NonNullable<CompiledLanguage['binary'][number]['top']>, aF: readonly number[], bF: readonly number[],
    fa: Float64Array, rowA: number, fb: Float64Array, rowB: number): boolean {
    const P = this.lang.probes, inputs = this.inputs, cand = this.cand, nA = aF.length;
    for (let p = 0; p < P; p++) {
      for (let k = 0; k < nA; k++) {
        const o = rowA + aF[k]! * 2 * P + 2 * p;
        inputs[2 * k] = fa[o]!; inputs[2 * k + 1] = fa[o + 1]!;
      }
      for (let k = 0; k < bF.length; k++) {
        const o = rowB + bF[k]! * 2 * P + 2 * p;
        inputs[2 * (nA + k)] = fb[o]!; inputs[2 * (nA + k) + 1] = fb[o + 1]!;
      }
      top.run(inputs, this.inputOffsets);
      cand[2 * p] = top.re; cand[2 * p + 1] = top.im;
    }
    return this.admissible(cand);
  }
}

function modeOf(s: Semantics): number {
  return s === 'strict' ? 0 : s === 'ieee' ? 1 : 2;
}
