// Meet-in-the-middle target matching for EML-shaped languages: a tree of size K equal to the target T is
// eml(A, B) with exp(A) − ln(B) = T, so for every split |A| + |B| = K − 1 we look the missing half up in an
// index instead of enumerating level K: exp(A) ≈ T + ln(B) (index of exp over A's level). With levels stored
// up to M this decides every K ≤ M + 2 in time linear in the stored levels, and K ≤ M + 4 by expanding the one
// unstored child into its own pair: A = eml(C, D) (iterate C, D; look B up by ln B ≈ exp(A) − T) or
// B = eml(C, D) (iterate A and one of C, D; look the other up through B = exp(exp(A) − T)).
// Every candidate is re-checked at every probe with the engine's arithmetic; a candidate is only a candidate.

import { type Cx, cexpTo, clogTo, cx } from '../complex';
import { type Expr, eml } from '../expr';
import { type CompiledLanguage, isAdmissible } from './compiledLanguage';
import type { Domain } from './enumerate';
import { CandidateBuffer, FeatureIndex } from './featureIndex';
import type { LevelStore } from './levelStore';

/** A tree found by the matcher, by the global ids of its stored parts. */
export type MatchShape =
  | { readonly kind: 'node'; readonly id: number }
  | { readonly kind: 'pair'; readonly a: number; readonly b: number }
  | { readonly kind: 'expandLeft'; readonly c: number; readonly d: number; readonly b: number }
  | { readonly kind: 'expandRight'; readonly a: number; readonly c: number; readonly d: number };

/** The target of a match: its value at every probe and the accepted distance per probe. */
export interface MatchTarget {
  /** 2·P numbers (re, im) at the probes. */
  readonly values: Float64Array;
  /** Accepted |value − target| per probe (max of the real and imaginary distances). */
  readonly tolerances: Float64Array;
}

/** Returns the target with tolerance τ·max(1, |T_p|) at each probe. */
export function matchTarget(values: Float64Array, relTolerance: number): MatchTarget {
  const P = values.length / 2;
  const tolerances = new Float64Array(P);
  for (let p = 0; p < P; p++) tolerances[p] = relTolerance * Math.max(1, Math.hypot(values[2 * p]!, values[2 * p + 1]!));
  return { values, tolerances };
}

/** True when the language is EML-shaped: no unary operators and one binary operator exp(a) − ln(b). */
export function isEmlShaped(lang: CompiledLanguage): boolean {
  return lang.unary.length === 0 && lang.binary.length === 1 && lang.binary[0]!.top === null
    && lang.features[lang.binary[0]!.aFeatures[0]!]!.kind === 'exp' && lang.features[lang.binary[0]!.bFeatures[0]!]!.kind === 'ln';
}

/** Offsets, within a stored node's feature row, of its exp and ln features (2P doubles each) in the pure EML language. */
export function emlFeatureOffsets(lang: CompiledLanguage): { eOff: number; lOff: number } {
  const w = 2 * lang.probes;
  return { eOff: lang.binary[0]!.aFeatures[0]! * w, lOff: lang.binary[0]!.bFeatures[0]! * w };
}

/** Returns the expression of a match. */
export function matchExpr(store: LevelStore, lang: CompiledLanguage, m: MatchShape, memo: Map<number, Expr> = new Map()): Expr {
  const t = (id: number) => store.toExpr(id, lang, memo);
  switch (m.kind) {
    case 'node': return t(m.id);
    case 'pair': return eml(t(m.a), t(m.b));
    case 'expandLeft': return eml(eml(t(m.c), t(m.d)), t(m.b));
    case 'expandRight': return eml(t(m.a), eml(t(m.c), t(m.d)));
  }
}

/**
 * Returns the first `limit` matches of several shards' lists (each from Matcher.match, in its scan order) in the
 * order of one unsharded scan: exactly what an unsharded Matcher returns, since each list holds its shard's first
 * `limit` matches and every match among the first `limit` overall is among those of its shard.
 */
export function mergeShardMatches(lists: ReadonlyArray<{ readonly matches: readonly MatchShape[]; readonly keys: readonly number[] }>, limit: number): MatchShape[] {
  const out: MatchShape[] = [];
  const next = lists.map(() => 0);
  while (out.length < limit) {
    let best = -1;
    for (let s = 0; s < lists.length; s++) {
      if (next[s]! < lists[s]!.keys.length && (best < 0 || lists[s]!.keys[next[s]!]! < lists[best]!.keys[next[best]!]!)) best = s;
    }
    if (best < 0) break;
    out.push(lists[best]!.matches[next[best]!++]!);
  }
  return out;
}

const EPS = 2 ** -52;
/** Scan-order keys: split (a − 1)/2 · 2^46 + phase · 2^45 + item; K ≤ 199 and items below 2^45 keep them exact. */
const SPLIT_KEY = 2 ** 46;
const PHASE_KEY = 2 ** 45;
const T1: Cx = cx(0);
/** Lookups a claimed block of scan items holds about (fewer items when each costs a scan of its own). */
const CLAIM_WORK = 4096;

/**
 * Which scan items a matcher takes: item k when k mod count = index, or, with `claim`, the blocks of items it claims
 * (claim() returns the next unclaimed block of a counter shared by every shard: blocks go to whoever is free).
 */
export interface MatchShard {
  readonly index: number;
  readonly count: number;
  readonly claim?: () => number;
}

/** Finds the trees of one size equal to a target, over the levels stored in `store` (see the header). */
export class Matcher {
  private readonly P: number;
  private readonly stride: number;
  private readonly eOff: number;
  private readonly lOff: number;
  private readonly indexes = new Map<string, FeatureIndex>();
  private readonly cand = new CandidateBuffer();
  private readonly scratch: Float64Array;
  // the feature row of the last located node (no tuple allocation in the loops)
  private rowF: Float64Array = new Float64Array(0);
  private rowO = 0;
  // stop polling and the output of the current match() call
  private ticks = 0;
  private stopped = false;
  private limit = 0;
  private shouldStop: (() => boolean) | undefined;
  private out: MatchShape[] = [];
  // the scan-order key of every match in `out`: keyBase (the split and phase being scanned) + the item that found it
  private keys: number[] = [];
  private keyBase = 0;
  private item = 0;
  // claimed blocks (MatchShard.claim): the current block, items left in it, its size, and the block last claimed
  private block = -1;
  private blockLeft = 0;
  private grain = 1;
  private claimed = -1;

  constructor(readonly store: LevelStore, readonly lang: CompiledLanguage, readonly domain: Domain,
    readonly shard: MatchShard = { index: 0, count: 1 }) {
    if (!isEmlShaped(lang)) throw new Error('search: meet-in-the-middle matching needs the pure EML language');
    this.P = lang.probes;
    this.stride = lang.stride;
    ({ eOff: this.eOff, lOff: this.lOff } = emlFeatureOffsets(lang));
    this.scratch = new Float64Array(2 * this.P);
  }

  /** Returns the bytes held by the indexes built so far. */
  get bytes(): number {
    let b = 0;
    for (const ix of this.indexes.values()) b += ix.bytes;
    return b;
  }

  /** Returns the largest K this matcher can decide with levels stored up to M. */
  static reach(M: number): number {
    return M + 4;
  }

  private index(K: number, which: 'exp' | 'ln', width: number): FeatureIndex {
    const key = `${K}:${which}:${width}`;
    let ix = this.indexes.get(key);
    if (!ix) {
      ix = new FeatureIndex(this.store.level(K), this.stride, which === 'exp' ? this.eOff : this.lOff, width);
      this.indexes.set(key, ix);
    }
    return ix;
  }

  private hasIndex(K: number, which: 'exp' | 'ln', width: number): boolean {
    return this.indexes.has(`${K}:${which}:${width}`);
  }

  private locateRow(id: number): void {
    this.store.find(id);
    this.rowF = this.store.foundSegment!.features;
    this.rowO = this.store.foundIndex * this.stride;
  }

  private near(v: Float64Array, t: MatchTarget): boolean {
    for (let p = 0; p < this.P; p++) {
      const tol = t.tolerances[p]!;
      if (!(Math.abs(v[2 * p]! - t.values[2 * p]!) <= tol && Math.abs(v[2 * p + 1]! - t.values[2 * p + 1]!) <= tol)) return false;
    }
    return true;
  }

  /** True when the current match must end (stop requested or the candidate limit reached). */
  private tick(): boolean {
    if (++this.ticks >= 4096) {
      this.ticks = 0;
      if (this.shouldStop?.()) this.stopped = true;
    }
    return this.stopped || this.out.length >= this.limit;
  }

  /** True when scan item k belongs to this shard (it then becomes the item that matches are keyed by). */
  private mine(k: number): boolean {
    const sh = this.shard;
    if (sh.count !== 1) {
      if (sh.claim) {
        // every shard walks the same items, so the blocks are the same everywhere; a shard claims the next free
        // block when it leaves the one it holds, which is never behind it (claims only grow)
        if (this.blockLeft === 0) { this.block++; this.blockLeft = this.grain; }
        this.blockLeft--;
        if (this.block > this.claimed) this.claimed = sh.claim();
        if (this.block !== this.claimed) return false;
      } else if (k % sh.count !== sh.index) return false;
    }
    this.item = k;
    return true;
  }

  /** Starts a new block of claimed items, sized for items that each cost about `work` lookups. */
  private startBlocks(work: number): void {
    this.grain = Math.max(1, Math.min(CLAIM_WORK, Math.floor(CLAIM_WORK / Math.max(1, work))));
    this.blockLeft = 0;
  }

  private emit(m: MatchShape): void {
    this.out.push(m);
    this.keys.push(this.keyBase + this.item);
  }

  /**
   * Returns this shard's matches of size K (an EML tree: K odd), using the stored levels ≤ M; at most `limit`, the
   * first in scan order. `keys` gives each match's place in the scan of all shards together (increasing; the items
   * of a scan are dealt to shards in turn, or claimed in blocks), so merging shards' matches by key and keeping the
   * first `limit` gives exactly the matches of one unsharded scan. Requires K ≤ M + 4 and every level ≤ M stored.
   * With claimed blocks, every shard's claim counter must start at 0 for this call.
   */
  match(K: number, M: number, target: MatchTarget, limit = 10_000, shouldStop?: () => boolean): { matches: MatchShape[]; keys: number[]; complete: boolean } {
    if (K > Matcher.reach(M)) throw new Error(`search: size ${K} cannot be matched from levels up to ${M}`);
    this.out = [];
    this.keys = [];
    this.keyBase = 0;
    this.limit = limit;
    this.stopped = false;
    this.ticks = 0;
    this.shouldStop = shouldStop;
    this.block = -1;
    this.blockLeft = 0;
    this.claimed = -1;
    this.startBlocks(1);
    const width = 2 ** Math.ceil(Math.log2(4 * Math.max(target.tolerances[0]!, 1e-300)));
    if (K <= M) this.matchStored(K, target);
    else if (K % 2 === 1 && K >= 3) {
      for (let a = 1; a <= K - 2; a += 2) {
        const b = K - 1 - a;
        this.keyBase = ((a - 1) / 2) * SPLIT_KEY;
        if (a <= M && b <= M) this.matchPair(a, b, target, width);
        else if (a > M) this.matchExpandLeftByModulus(a, b, M, target, width);
        else this.matchExpandRight(a, b, M, target, width);
        if (this.stopped || this.out.length >= limit) break;
      }
    }
    const out = this.out, keys = this.keys;
    this.out = [];
    this.keys = [];
    return { matches: out.slice(0, limit), keys: keys.slice(0, limit), complete: !this.stopped && out.length < limit };
  }

  /** Scans a stored level (its nodes' values are exp − ln of their children; recomputed here from the parts). */
  private matchStored(K: number, t: MatchTarget): void {
    this.startBlocks(1);
    const level = this.store.level(K), P = this.P, v = this.scratch;
    const leaves = this.lang.language.leaves;
    let counter = 0;
    for (let s = 0; s < level.segments.length; s++) {
      const seg = level.segments[s]!;
      for (let i = 0; i < seg.count; i++) {
        if (!this.mine(counter++)) continue;
        if (this.tick()) return;
        const code = seg.code[i]!;
        if (code < leaves.length) v.set(leaves[code]!.values);
        else {
          this.locateRow(seg.left[i]!);
          const fa = this.rowF, ra = this.rowO + this.eOff;
          this.locateRow(seg.right[i]!);
          const fb = this.rowF, rb = this.rowO + this.lOff;
          for (let p = 0; p < 2 * P; p++) v[p] = fa[ra + p]! - fb[rb + p]!;
        }
        if (this.near(v, t)) this.emit({ kind: 'node', id: level.offsets[s]! + i });
      }
    }
  }

  /**
   * Both children stored: index the smaller level (exp of A, or ln of B) and scan the other:
   * exp(A) ≈ T + ln(B), or ln(B) ≈ exp(A) − T.
   */
  private matchPair(a: number, b: number, t: MatchTarget, width: number): void {
    this.startBlocks(1);
    const la = this.store.level(a), lb = this.store.level(b);
    if (la.count === 0 || lb.count === 0) return;
    const indexA = this.hasIndex(a, 'exp', width) || (!this.hasIndex(b, 'ln', width) && la.count <= lb.count);
    const ix = indexA ? this.index(a, 'exp', width) : this.index(b, 'ln', width);
    if (ix.count === 0) return;
    const scan = indexA ? lb : la, scanOff = indexA ? this.lOff : this.eOff;
    const P = this.P, v = this.scratch, T = this.lang && t.values;
    const t0r = T[0]!, tol0 = t.tolerances[0]!;
    let counter = 0;
    for (let s = 0; s < scan.segments.length; s++) {
      const seg = scan.segments[s]!, f = seg.features;
      for (let j = 0; j < seg.count; j++) {
        if (!this.mine(counter++)) continue;
        if (this.tick()) return;
        const row = j * this.stride + scanOff;
        const xr = f[row]!;
        if (!(Number.isFinite(xr) && Number.isFinite(f[row + 1]!))) continue;
        // indexA: scanning ln B, look for exp A ≈ T + ln B;  else scanning exp A, look for ln B ≈ exp A − T
        const qr = indexA ? t0r + xr : xr - t0r;
        const delta = tol0 + 4 * EPS * (Math.abs(qr) + Math.abs(xr) + Math.abs(t0r));
        // most queries miss the indexed range: test it here (a call would box the doubles it is passed)
        if (qr + delta < ix.min || qr - delta > ix.max) continue;
        const n = this.cand.collect(ix, qr - delta, qr + delta), ids = this.cand.ids;
        for (let k = 0; k < n; k++) {
          const id = ids[k]!;
          this.locateRow(id);
          const g = this.rowF, rg = this.rowO + (indexA ? this.eOff : this.lOff);
          if (indexA) for (let p = 0; p < 2 * P; p++) v[p] = g[rg + p]! - f[row + p]!;
          else for (let p = 0; p < 2 * P; p++) v[p] = f[row + p]! - g[rg + p]!;
          if (this.near(v, t)) {
            const here = scan.offsets[s]! + j;
            this.emit({ kind: 'pair', a: indexA ? id : here, b: indexA ? here : id });
          }
        }
      }
    }
  }

  /**
   * Checks eml(eml(C, D), B) at every probe, with the engine's arithmetic, and emits it when it matches the target.
   * (A method of its own, called only for index hits: the scans stay small and compile once.)
   */
  private checkExpandLeft(cId: number, dId: number, bId: number, t: MatchTarget): void {
    const P = this.P, sem = this.lang.semantics, real = this.domain === 'real', v = this.scratch;
    this.locateRow(cId);
    const fc = this.rowF, rc = this.rowO + this.eOff;
    this.locateRow(dId);
    const fd = this.rowF, rd = this.rowO + this.lOff;
    this.locateRow(bId);
    const fb = this.rowF, rb = this.rowO + this.lOff;
    for (let p = 0; p < P; p++) {
      const ar = fc[rc + 2 * p]! - fd[rd + 2 * p]!, ai = fc[rc + 2 * p + 1]! - fd[rd + 2 * p + 1]!;
      if (!isAdmissible(ar, ai, sem, real)) return;
      cexpTo(T1, ar, ai, sem);
      v[2 * p] = T1.re - fb[rb + 2 * p]!;
      v[2 * p + 1] = T1.im - fb[rb + 2 * p + 1]!;
    }
    if (this.near(v, t)) this.emit({ kind: 'expandLeft', c: cId, d: dId, b: bId });
  }

  /** Checks eml(A, eml(C, D)) at every probe (see checkExpandLeft) and emits it when it matches the target. */
  private checkExpandRight(aId: number, cId: number, dId: number, t: MatchTarget): void {
    const P = this.P, sem = this.lang.semantics, real = this.domain === 'real', v = this.scratch;
    this.locateRow(aId);
    const fa = this.rowF, ra = this.rowO + this.eOff;
    this.locateRow(cId);
    const fc = this.rowF, rc = this.rowO + this.eOff;
    this.locateRow(dId);
    const fd = this.rowF, rd = this.rowO + this.lOff;
    for (let p = 0; p < P; p++) {
      const xr = fc[rc + 2 * p]! - fd[rd + 2 * p]!, xi = fc[rc + 2 * p + 1]! - fd[rd + 2 * p + 1]!;
      if (!isAdmissible(xr, xi, sem, real)) return;
      clogTo(T1, xr, xi, sem);
      v[2 * p] = fa[ra + 2 * p]! - T1.re;
      v[2 * p + 1] = fa[ra + 2 * p + 1]! - T1.im;
    }
    if (this.near(v, t)) this.emit({ kind: 'expandRight', a: aId, c: cId, d: dId });
  }

  /**
   * A = eml(C, D) is not stored, B is: exp(A) = W with W = T + ln B fixes Re A = ln |W| whatever the branch
   * (Im A is free up to 2πk), so Re exp(C) − Re ln D = ln |W|: for every B, scan the smaller of C's and D's
   * levels and look the other up by real part; each candidate is checked in full. |W| ≈ 0 would need an
   * infinite A: those B fall back to the full pair scan.
   */
  private matchExpandLeftByModulus(a: number, b: number, M: number, t: MatchTarget, width: number): void {
    this.startBlocks(1);
    const lb = this.store.level(b), T = t.values;
    const tol0 = t.tolerances[0]!;
    let counter = 0, degenerate = false;
    for (let sb = 0; sb < lb.segments.length; sb++) {
      const segB = lb.segments[sb]!, fb = segB.features;
      for (let jb = 0; jb < segB.count; jb++) {
        const rb = jb * this.stride + this.lOff;
        const lr = fb[rb]!, li = fb[rb + 1]!;
        if (!(Number.isFinite(lr) && Number.isFinite(li))) continue;
        const wAbs = Math.hypot(T[0]! + lr, T[1]! + li);
        if (!(wAbs > 64 * tol0)) { degenerate = true; continue; }
        const target = Math.log(wAbs);
        // |exp(A) − W| ≤ τ needs |ΔA| ≲ τ/|W|
        const tolA = 2 * tol0 / wAbs;
        const bId = lb.offsets[sb]! + jb;
        for (let c = 1; c <= a - 2; c += 2) {
          const d = a - 1 - c;
          if (c > M || d > M) throw new Error(`search: level ${c > M ? c : d} is not stored`);
          const lc = this.store.level(c), ld = this.store.level(d);
          if (lc.count === 0 || ld.count === 0) continue;
          const indexC = this.hasIndex(c, 'exp', width) || (!this.hasIndex(d, 'ln', width) && lc.count <= ld.count);
          const ix = indexC ? this.index(c, 'exp', width) : this.index(d, 'ln', width);
          if (ix.count === 0) continue;
          const iter = indexC ? ld : lc, iterOff = indexC ? this.lOff : this.eOff;
          for (let si = 0; si < iter.segments.length; si++) {
            const seg = iter.segments[si]!, f = seg.features;
            for (let j = 0; j < seg.count; j++) {
              if (!this.mine(counter++)) continue;
              if (this.tick()) return;
              const row = j * this.stride + iterOff;
              const xr = f[row]!;
              if (!(Number.isFinite(xr) && Number.isFinite(f[row + 1]!))) continue;
              // Re exp(C) = ln|W| + Re ln D, or Re ln D = Re exp(C) − ln|W|
              const qr = indexC ? target + xr : xr - target;
              const delta = tolA + 4 * EPS * (Math.abs(qr) + Math.abs(xr) + Math.abs(target));
              if (qr + delta < ix.min || qr - delta > ix.max) continue; // outside the index (see matchPair)
              const n = this.cand.collect(ix, qr - delta, qr + delta), ids = this.cand.ids, here = iter.offsets[si]! + j;
              for (let k = 0; k < n; k++) this.checkExpandLeft(indexC ? ids[k]! : here, indexC ? here : ids[k]!, bId, t);
            }
          }
        }
      }
    }
    // a target that ln B almost cancels needs exp(A) ≈ 0: scan every pair for those B
    // (its items come after every item of the scan above)
    this.keyBase += PHASE_KEY;
    if (degenerate) this.matchExpandLeft(a, b, M, t, width, (id) => {
      this.locateRow(id);
      const x = this.rowF[this.rowO + this.lOff]!, y = this.rowF[this.rowO + this.lOff + 1]!;
      return !(Math.hypot(T[0]! + x, T[1]! + y) > 64 * tol0);
    });
  }

  /** A = eml(C, D) is not stored: iterate C, D; look B up by ln B ≈ exp(A) − T. */
  private matchExpandLeft(a: number, b: number, M: number, t: MatchTarget, width: number, onlyB?: (id: number) => boolean): void {
    const ix = this.index(b, 'ln', width);
    if (ix.count === 0) return;
    const sem = this.lang.semantics, real = this.domain === 'real', T = t.values;
    const tol0 = t.tolerances[0]!, t0r = T[0]!;
    // exp(A) − T must reach [min, max] of the indexed ln B: skip A whose real part cannot
    let counter = 0;
    for (let c = 1; c <= a - 2; c += 2) {
      const d = a - 1 - c;
      if (c > M || d > M) throw new Error(`search: level ${c > M ? c : d} is not stored`);
      const lc = this.store.level(c), ld = this.store.level(d);
      this.startBlocks(ld.count); // each item C pairs with every D
      for (let sc = 0; sc < lc.segments.length; sc++) {
        const segC = lc.segments[sc]!, fc = segC.features;
        for (let i = 0; i < segC.count; i++) {
          if (!this.mine(counter++)) continue;
          const rc = i * this.stride + this.eOff;
          for (let sd = 0; sd < ld.segments.length; sd++) {
            const segD = ld.segments[sd]!, fd = segD.features;
            for (let j = 0; j < segD.count; j++) {
              if (this.tick()) return;
              const rd = j * this.stride + this.lOff;
              const ar = fc[rc]! - fd[rd]!, ai = fc[rc + 1]! - fd[rd + 1]!;
              if (!isAdmissible(ar, ai, sem, real)) continue;
              cexpTo(T1, ar, ai, sem);
              const wr = T1.re;
              if (!(Number.isFinite(wr) && Number.isFinite(T1.im))) continue;
              const qr = wr - t0r;
              const delta = tol0 + 4 * EPS * (Math.abs(wr) + Math.abs(qr) + Math.abs(t0r));
              if (qr + delta < ix.min || qr - delta > ix.max) continue; // outside the index (see matchPair)
              const n = this.cand.collect(ix, qr - delta, qr + delta), ids = this.cand.ids;
              for (let k = 0; k < n; k++) {
                if (onlyB && !onlyB(ids[k]!)) continue;
                this.checkExpandLeft(lc.offsets[sc]! + i, ld.offsets[sd]! + j, ids[k]!, t);
              }
            }
          }
        }
      }
    }
  }

  /**
   * B = eml(C, D) is not stored: ln B = exp(A) − T fixes B = exp(exp(A) − T) (when that difference has its
   * imaginary part in the principal range); iterate A and one of C, D, look the other up.
   */
  private matchExpandRight(a: number, b: number, M: number, t: MatchTarget, width: number): void {
    const T = t.values;
    const la = this.store.level(a);
    let counter = 0;
    for (let c = 1; c <= b - 2; c += 2) {
      const d = b - 1 - c;
      if (c > M || d > M) throw new Error(`search: level ${c > M ? c : d} is not stored`);
      const lc = this.store.level(c), ld = this.store.level(d);
      if (lc.count === 0 || ld.count === 0) continue;
      // index the smaller of C's and D's levels (exp for C, ln for D) unless one index exists already
      const indexC = this.hasIndex(c, 'exp', width) || (!this.hasIndex(d, 'ln', width) && lc.count <= ld.count);
      const ix = indexC ? this.index(c, 'exp', width) : this.index(d, 'ln', width);
      if (ix.count === 0) continue;
      const iter = indexC ? ld : lc;
      this.startBlocks(iter.count); // each item A scans a whole level
      for (let sa = 0; sa < la.segments.length; sa++) {
        const segA = la.segments[sa]!, fa = segA.features;
        for (let i = 0; i < segA.count; i++) {
          if (!this.mine(counter++)) continue;
          const ra = i * this.stride + this.eOff;
          // R = exp(A) − T must be a principal logarithm: Im R ∈ (−π, π] (with slack for rounding)
          const rr = fa[ra]! - T[0]!, ri = fa[ra + 1]! - T[1]!;
          if (!(Math.abs(ri) <= Math.PI + 1e-9) || !Number.isFinite(rr)) continue;
          cexpTo(T1, rr, ri, 'ieee');
          const br = T1.re, bi = T1.im;
          if (!(Number.isFinite(br) && Number.isFinite(bi)) || (br === 0 && bi === 0)) continue;
          // ln B' ≈ ln B + (B' − B)/B: a tolerance τ on the result allows |B' − B| ≤ τ·|B|
          const tolB = 2 * t.tolerances[0]! * Math.hypot(br, bi);
          for (let si = 0; si < iter.segments.length; si++) {
            const seg = iter.segments[si]!, f = seg.features;
            for (let j = 0; j < seg.count; j++) {
              if (this.tick()) return;
              const row = j * this.stride + (indexC ? this.lOff : this.eOff);
              const xr = f[row]!;
              if (!(Number.isFinite(xr) && Number.isFinite(f[row + 1]!))) continue;
              // scanning D: exp(C) = B + ln D;  scanning C: ln D = exp(C) − B
              const qr = indexC ? br + xr : xr - br;
              const delta = tolB + 4 * EPS * (Math.abs(br) + Math.abs(xr) + Math.abs(qr));
              if (qr + delta < ix.min || qr - delta > ix.max) continue; // outside the index (see matchPair)
              const n = this.cand.collect(ix, qr - delta, qr + delta), ids = this.cand.ids;
              const here = iter.offsets[si]! + j, aId = la.offsets[sa]! + i;
              for (let k = 0; k < n; k++) this.checkExpandRight(aId, indexC ? ids[k]! : here, indexC ? here : ids[k]!, t);
            }
          }
        }
      }
    }
  }
}
