// Bottom-up enumeration by size K with functional deduplication (start here for the search engine).
// Level K is built from the stored levels: every unary operator over level K − 1, every binary operator over
// every split a + b = K − 1; a value vector is kept only if its fingerprint is new (first occurrence wins, so
// every stored node is a smallest tree of its value). Work is sharded by fingerprint: shard s of n evaluates
// every pair but keeps only fingerprints whose second hash selects s, so shards never share a hash table.
//
// Admissible values (what may be stored) under each semantics, per probe:
//   strict    both parts finite (any ±∞ or NaN intermediate makes the tree undefined);
//   ieee      no NaN part (±∞ allowed: ln 0 = −∞, exp(−∞) = 0 as IEEE-754 gives them);
//   extended  no NaN real part; a NaN imaginary part only beside an infinite real part, since
//             exp(−∞ + i·NaN) = 0 there (C99 Annex G);
// and with domain 'real' the imaginary part must be exactly 0 (the reference's real-valued tools).

import type { Semantics } from '../semantics';
import { type CompiledLanguage, computeFeaturesInto, isAdmissible } from './compiledLanguage';
import { Fingerprinter, type Quantizer, RELATIVE_40 } from './fingerprint';
import { FingerprintSet } from './fingerprintSet';
import { type BufferAllocator, LevelStore, type Segment, SegmentBuilder, localAllocator } from './levelStore';

export type Domain = 'complex' | 'real';

export interface EnumeratorOptions {
  domain?: Domain;
  quantizer?: Quantizer;
  /** This enumerator's shard of the fingerprint space (default the whole space). */
  shard?: { readonly index: number; readonly count: number };
  /** Allocator of finished segments (SharedArrayBuffer-backed when shards share them). */
  allocate?: BufferAllocator;
}

/** Statistics of one shard's part of one level. */
export interface LevelStats {
  K: number;
  /** Candidate values evaluated (unary applications + binary pairs). */
  evaluated: number;
  /** Distinct new values kept. */
  kept: number;
}

/** Why a level was not completed. */
export type GrowStop = 'cancelled' | 'memoryLimit';

const STOP_EVERY = 1 << 16;

/** The enumeration state of one shard: the fingerprint set it owns and the store of all shards' levels. */
export class Enumerator {
  readonly store: LevelStore;
  readonly set = new FingerprintSet();
  readonly fingerprints: Fingerprinter;
  readonly domain: Domain;
  readonly shardIndex: number;
  readonly shardCount: number;
  private readonly allocate: BufferAllocator;
  private readonly mode: number;
  private readonly cand: Float64Array;
  private readonly inputs: Float64Array;
  private readonly inputOffsets: Int32Array;
  private builder: SegmentBuilder | null = null;
  private sinceCheck = 0;
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
    this.fingerprints = new Fingerprinter(lang.probes, lang.semantics, opts.quantizer ?? RELATIVE_40);
    this.mode = modeOf(lang.semantics);
    this.cand = new Float64Array(2 * lang.probes);
    const maxInputs = Math.max(1, ...lang.binary.map((b) => b.aFeatures.length + b.bFeatures.length));
    this.inputs = new Float64Array(2 * maxInputs);
    this.inputOffsets = Int32Array.from({ length: maxInputs }, (_, k) => 2 * k);
  }

  /** Returns the bytes held by this shard: the stored levels, its fingerprint set and any level in progress. */
  get bytes(): number {
    return this.store.bytes + this.ownBytes;
  }

  /** Returns the bytes only this shard holds (its fingerprint set and the level in progress). */
  get ownBytes(): number {
    return this.set.bytes + (this.builder?.bytes ?? 0);
  }

  /**
   * Builds this shard's segments of level K from the stored levels below K; returns it with its statistics,
   * or the reason it stopped (shouldStop() answered true, or the shard's bytes would exceed maxBytes).
   * `expected` (distinct values the whole level will probably have) pre-sizes the tables.
   */
  grow(K: number, limits: { shouldStop?: () => boolean; maxBytes?: number; expected?: number } = {}): { segments: Segment[]; stats: LevelStats } | { stopped: GrowStop } {
    if (!Number.isInteger(K) || K < 1) throw new Error(`search: level size must be a positive integer, got ${K}`);
    for (let k = 1; k < K; k++) if (!this.store.has(k)) throw new Error(`search: level ${k} must be stored before level ${K}`);
    const lang = this.lang;
    const builder = new SegmentBuilder(lang.stride, this.allocate, Math.max(16, Math.ceil((limits.expected ?? 0) / this.shardCount)));
    if (limits.expected) this.set.reserve(this.set.size + limits.expected / this.shardCount);
    this.builder = builder;
    this.stopReason = null;
    this.sinceCheck = 0;
    const stats: LevelStats = { K, evaluated: 0, kept: 0 };
    const check = (): boolean => {
      if (limits.shouldStop?.()) this.stopReason = 'cancelled';
      else if (limits.maxBytes !== undefined && this.store.bytes + this.shardCount * this.ownBytes > limits.maxBytes) this.stopReason = 'memoryLimit';
      return this.stopReason !== null;
    };
    if (check()) return this.stop();
    if (K === 1) {
      lang.language.leaves.forEach((leaf, i) => {
        stats.evaluated++;
        this.cand.set(leaf.values);
        if (this.admissible(this.cand)) this.keep(i, -1, -1, leaf.deps, stats);
      });
    } else {
      const below = this.store.level(K - 1);
      for (const u of lang.unary) {
        if (!this.growUnary(u.code, below.segments, below.offsets, stats, check)) return this.stop();
      }
      for (const b of lang.binary) {
        for (let a = 1; a <= K - 2; a++) {
          const c = K - 1 - a;
          if (b.operator.commutative && a > c) continue;
          if (!this.growBinary(b.code, a, c, stats, check)) return this.stop();
        }
      }
    }
    this.builder = null;
    return { segments: builder.finish(), stats };
  }

  /** Stores level K from every shard's segment (in shard order). */
  commit(K: number, segments: readonly Segment[]): void {
    this.store.addLevel(K, segments);
  }

  private stop(): { stopped: GrowStop } {
    this.builder = null;
    return { stopped: this.stopReason ?? 'cancelled' };
  }

  private admissible(v: Float64Array): boolean {
    const real = this.domain === 'real';
    for (let p = 0; p < this.lang.probes; p++) {
      if (!isAdmissible(v[2 * p]!, v[2 * p + 1]!, this.lang.semantics, real)) return false;
    }
    return true;
  }

  /** Fingerprints the candidate in `cand`; stores it when this shard owns it and it is new. */
  private keep(code: number, left: number, right: number, deps: number, stats: LevelStats): void {
    const fp = this.fingerprints;
    fp.hash(this.cand, 0);
    // the shard is chosen by h2, independent of h1, which places the fingerprint in the table
    if (this.shardCount > 1 && (fp.h2 % this.shardCount) !== this.shardIndex) return;
    if (!this.set.insert(fp.h1, fp.h2)) return;
    const b = this.builder!;
    const row = b.push(code, left, right, deps);
    computeFeaturesInto(this.lang, this.cand, 0, b.features, row);
    stats.kept++;
  }

  private growUnary(code: number, segments: readonly Segment[], offsets: readonly number[], stats: LevelStats, check: () => boolean): boolean {
    const lang = this.lang, P = lang.probes, stride = lang.stride, idOff = lang.identity * 2 * P;
    const prog = lang.unary[code - lang.language.leaves.length]!.program;
    const cand = this.cand;
    const offs = new Int32Array(1);
    for (let s = 0; s < segments.length; s++) {
      const seg = segments[s]!;
      for (let i = 0; i < seg.count; i++) {
        stats.evaluated++;
        if (++this.sinceCheck >= STOP_EVERY) { this.sinceCheck = 0; if (check()) return false; }
        let ok = true;
        for (let p = 0; p < P; p++) {
          offs[0] = i * stride + idOff + 2 * p;
          prog.run(seg.features, offs);
          cand[2 * p] = prog.re; cand[2 * p + 1] = prog.im;
        }
        ok = this.admissible(cand);
        if (ok) this.keep(code, offsets[s]! + i, -1, seg.deps[i]!, stats);
      }
    }
    return true;
  }

  private growBinary(code: number, a: number, c: number, stats: LevelStats, check: () => boolean): boolean {
    const lang = this.lang, P = lang.probes, stride = lang.stride;
    const op = lang.binary[code - lang.language.leaves.length - lang.unary.length]!;
    const left = this.store.level(a), right = this.store.level(c);
    const sameLevel = op.operator.commutative && a === c;
    const cand = this.cand, mode = this.mode, real = this.domain === 'real';
    const eml = op.top === null;
    const aOff = op.aFeatures.length ? op.aFeatures[0]! * 2 * P : 0, bOff = op.bFeatures.length ? op.bFeatures[0]! * 2 * P : 0;
    for (let sa = 0; sa < left.segments.length; sa++) {
      const segA = left.segments[sa]!, fa = segA.features, baseA = left.offsets[sa]!;
      for (let i = 0; i < segA.count; i++) {
        const idA = baseA + i, rowA = i * stride;
        for (let sb = 0; sb < right.segments.length; sb++) {
          const segB = right.segments[sb]!, fb = segB.features, baseB = right.offsets[sb]!;
          const j0 = sameLevel ? Math.max(0, idA - baseB) : 0;
          for (let j = j0; j < segB.count; j++) {
            if (++this.sinceCheck >= STOP_EVERY) { this.sinceCheck = 0; if (check()) return false; }
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
          stats.evaluated += segB.count - j0;
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
