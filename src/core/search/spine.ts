// Upper bounds beyond the decided sizes: top-down target propagation along a spine. Once the stored levels
// (≤ M) and the meet-in-the-middle matcher (≤ M + 4) have decided every small size without a hit, a target T
// may still be reached by trees whose every node on one root-to-node path (the spine) has a small sibling:
//   T = eml(L, X) with L small  ⇒  ln X = exp(L) − T, so X = exp(exp(L) − T)        (when Im(exp L − T) ∈ (−π, π])
//   T = eml(X, R) with R small  ⇒  exp X = T + ln R, so X = ln(T + ln R) + 2πik    (principal branch, k = 0, here)
// and the last required value X is looked up among the stored levels (an index of ln v: ln is single-valued and
// never overflows). One depth-first pass over the spines collects candidates by size, returned smallest first,
// so the first verified tree is the smallest of this shape found; it is an upper bound only — trees of other
// shapes at smaller sizes are not excluded — and every candidate is re-verified (verifyHit.ts) by the caller.
// Each step also carries two error figures: how precisely the required value is known (rounding through the
// propagation) and how far a found value may be from it with the root still within tolerance (the inverse
// steps' condition numbers); a spine where the first exceeds the second cannot decide anything and is cut.

import { type Cx, cexpTo, clogTo, cx } from '../complex';
import { type Expr, eml } from '../expr';
import type { Semantics } from '../semantics';
import type { CompiledLanguage } from './compiledLanguage';
import type { Domain } from './enumerate';
import { CandidateBuffer, FeatureIndex } from './featureIndex';
import type { LevelStore } from './levelStore';
import { emlFeatureOffsets, isEmlShaped } from './match';

export interface SpineOptions {
  /** Largest stored level the terminal lookups use (every level ≤ M must be stored). */
  M: number;
  /** Largest size of a spine sibling (default 5). */
  siblingMaxK?: number;
  /** Largest total size of the spine (its nodes and siblings), default 10: the search grows about 5× per 2. */
  spineMaxK?: number;
  /** Largest accepted relative distance of a terminal value to the propagated target (default 1e-8). */
  tolerance?: number;
  /** Accepted distance at the root, relative to max(1, |T|) (default 1e-9): through the spine's condition numbers
   * it bounds the terminal distance and prunes spines whose required values are not known precisely enough. */
  rootTolerance?: number;
  /** Candidates collected per size at most (default 200); once a size has that many, larger sizes are not searched. */
  maxCandidates?: number;
  shouldStop?: () => boolean;
}

/** One spine step: the small sibling (a stored node) on the left (`eml(sib, X)`) or on the right (`eml(X, sib)`). */
interface Step { right: boolean; sib: number }

/** A candidate: the spine from the root and the stored node at its end. */
export interface SpineCandidate { K: number; steps: ReadonlyArray<{ siblingOnLeft: boolean; sibling: number }>; terminal: number }

const T1: Cx = cx(0);
const T2: Cx = cx(0);
const EPS = 2 ** -52;
/** A propagated target known to a relative error above this is not looked up (nor propagated further). */
const MAX_ERR = 1e-9;

/** Searches spine-shaped trees over a level store (see the header). */
export class SpineSearch {
  private readonly P: number;
  private readonly stride: number;
  private readonly eOff: number;
  private readonly lOff: number;
  private readonly sem: Semantics;
  private readonly real: boolean;
  readonly M: number;
  private readonly tol: number;
  private readonly rootTolerance: number;
  private readonly maxCandidates: number;
  private readonly spineMax: number;
  /** Largest sibling size. */
  private readonly S: number;
  /** Siblings: stored ids, sizes, and exp / ln of their values (2P doubles each). */
  private readonly sibId: Int32Array;
  private readonly sibK: Int32Array;
  private readonly sibExp: Float64Array;
  private readonly sibLn: Float64Array;
  private readonly indexes = new Map<number, FeatureIndex>();
  private readonly cand = new CandidateBuffer();
  /** ln of the current terminal's required value (2P doubles). */
  private readonly lnT: Float64Array;
  private ticks = 0;
  private stopped = false;
  private readonly shouldStop: (() => boolean) | undefined;
  private bySize = new Map<number, SpineCandidate[]>();
  private fromK = 0;
  private toK = 0;
  /** Sizes with maxCandidates candidates already: larger sizes are no longer useful. */
  private fullBelow = Infinity;
  private path: Step[] = [];
  /** Relative error bound of the required value at each spine depth. */
  private err: Float64Array = new Float64Array(1);
  /** Relative error of the value found at each spine depth that keeps the root within the tolerance. */
  private allow: Float64Array = new Float64Array(1);
  /** Spine nodes visited by the last search (a measure of its work). */
  visited = 0;

  constructor(private readonly store: LevelStore, private readonly lang: CompiledLanguage, domain: Domain, opts: SpineOptions) {
    if (!isEmlShaped(lang)) throw new Error('search: spine search needs the pure EML language');
    this.P = lang.probes;
    this.stride = lang.stride;
    ({ eOff: this.eOff, lOff: this.lOff } = emlFeatureOffsets(lang));
    this.sem = lang.semantics;
    this.real = domain === 'real';
    this.lnT = new Float64Array(2 * this.P);
    this.M = opts.M;
    for (let k = 1; k <= this.M; k += 2) if (!store.has(k)) throw new Error(`search: level ${k} is not stored`);
    this.tol = opts.tolerance ?? 1e-8;
    this.rootTolerance = opts.rootTolerance ?? 1e-9;
    this.maxCandidates = opts.maxCandidates ?? 200;
    this.spineMax = opts.spineMaxK ?? 10;
    this.shouldStop = opts.shouldStop;
    const S = this.S = Math.min(this.M, opts.siblingMaxK ?? 5);
    const ids: number[] = [], ks: number[] = [];
    for (let k = 1; k <= S; k += 2) {
      const l = store.level(k);
      for (let i = 0; i < l.count; i++) { ids.push(l.base + i); ks.push(k); }
    }
    const n = ids.length, w = 2 * this.P;
    this.sibId = Int32Array.from(ids);
    this.sibK = Int32Array.from(ks);
    this.sibExp = new Float64Array(n * w);
    this.sibLn = new Float64Array(n * w);
    for (let s = 0; s < n; s++) {
      store.find(ids[s]!);
      const f = store.foundSegment!.features, o = store.foundIndex * this.stride;
      for (let j = 0; j < w; j++) { this.sibExp[s * w + j] = f[o + this.eOff + j]!; this.sibLn[s * w + j] = f[o + this.lOff + j]!; }
    }
  }

  /** Number of siblings (stored nodes of size ≤ siblingMaxK). */
  get siblings(): number {
    return this.sibId.length;
  }

  /** Bytes held by the terminal indexes. */
  get bytes(): number {
    let b = 0;
    for (const ix of this.indexes.values()) b += ix.bytes;
    return b;
  }

  /** True when the last search was stopped by `shouldStop`. */
  get wasStopped(): boolean {
    return this.stopped;
  }

  private index(K: number): FeatureIndex {
    let ix = this.indexes.get(K);
    if (!ix) {
      const width = 2 ** Math.ceil(Math.log2(Math.max(this.tol, 16 * MAX_ERR)));
      ix = new FeatureIndex(this.store.level(K), this.stride, this.lOff, width);
      this.indexes.set(K, ix);
    }
    return ix;
  }

  /**
   * Returns the spine candidates of sizes fromK … toK for the target (2P doubles at the probes), smallest size
   * first, at most maxCandidates per size. One depth-first pass over the spines (total spine size ≤ spineMaxK)
   * looks every required value up in every stored level that gives a size in range.
   */
  candidates(target: Float64Array, fromK: number, toK: number): SpineCandidate[] {
    this.bySize = new Map();
    this.fullBelow = Infinity;
    this.fromK = fromK;
    this.toK = toK;
    this.stopped = false;
    this.visited = 0;
    const maxDepth = Math.max(1, Math.min(toK, this.spineMax) >> 1);
    const frames: Float64Array[] = [Float64Array.from(target)];
    for (let d = 1; d <= maxDepth + 1; d++) frames.push(new Float64Array(2 * this.P));
    this.path = [];
    this.err = new Float64Array(maxDepth + 2);
    this.err[0] = 4 * EPS;
    this.allow = new Float64Array(maxDepth + 2);
    let a0 = Infinity;
    for (let p = 0; p < this.P; p++) {
      const m = Math.hypot(target[2 * p]!, target[2 * p + 1]!);
      a0 = Math.min(a0, this.rootTolerance * Math.max(1, m) / m);
    }
    this.allow[0] = a0;
    this.descend(frames, 0, 0);
    return [...this.bySize.keys()].sort((a, b) => a - b).flatMap((k) => this.bySize.get(k)!);
  }

  /** Returns the expression of a candidate. */
  expr(c: SpineCandidate): Expr {
    const memo = new Map<number, Expr>();
    let e = this.store.toExpr(c.terminal, this.lang, memo);
    for (let d = c.steps.length - 1; d >= 0; d--) {
      const s = c.steps[d]!, sib = this.store.toExpr(s.sibling, this.lang, memo);
      e = s.siblingOnLeft ? eml(sib, e) : eml(e, sib);
    }
    return e;
  }

  private tick(): boolean {
    if (++this.ticks >= 4096) {
      this.ticks = 0;
      if (this.shouldStop?.()) this.stopped = true;
    }
    return this.stopped;
  }

  private descend(frames: Float64Array[], depth: number, cost: number): void {
    this.visited++;
    const T = frames[depth]!, err = this.err[depth]!, allow = this.allow[depth]!, P = this.P, w = 2 * P;
    if (depth > 0) {
      const tol = Math.max(16 * err, Math.min(allow, this.tol));
      for (let k = 1; k <= this.M; k += 2) {
        const K = cost + k;
        if (K < this.fromK) continue;
        if (K > this.toK || K > this.fullBelow) break;
        this.terminal(T, tol, k, K, cost);
      }
    }
    const rem = Math.min(this.toK, this.fullBelow) - cost;
    if (rem < 4 || cost >= this.spineMax) return;
    const X = frames[depth + 1]!;
    for (let s = 0; s < this.sibId.length; s++) {
      const ks = this.sibK[s]!;
      if (ks + 2 > rem || cost + ks + 1 > this.spineMax) continue;
      if (this.tick()) return;
      // sibling on the left: X = exp(W), W = exp(L) − T; the relative error of X is the absolute error of W
      let ok = true, e = 0, al = Infinity;
      for (let p = 0; p < P; p++) {
        const er = this.sibExp[s * w + 2 * p]!, ei = this.sibExp[s * w + 2 * p + 1]!;
        const tr = T[2 * p]!, ti = T[2 * p + 1]!;
        const rr = er - tr, ri = ei - ti;
        if (!(Number.isFinite(rr) && Math.abs(ri) <= Math.PI)) { ok = false; break; }
        cexpTo(T1, rr, ri, this.sem);
        if (!this.admissible(T1.re, T1.im) || (T1.re === 0 && T1.im === 0)) { ok = false; break; }
        const ep = err * Math.hypot(tr, ti) + EPS * (Math.hypot(er, ei) + Math.hypot(rr, ri) + 1);
        if (ep > e) e = ep;
        // T = exp(L) − ln X: an absolute error a of T allows the relative error a of X
        const ap = allow * Math.hypot(tr, ti);
        if (ap < al) al = ap;
        X[2 * p] = T1.re;
        X[2 * p + 1] = T1.im;
      }
      if (ok && this.step(frames, depth, cost + ks + 1, { right: false, sib: s }, e, al)) return;
      // sibling on the right: X = ln(U), U = T + ln R; |ΔX| = |ΔU| / |U|, relative to |X|
      ok = true;
      e = 0;
      al = Infinity;
      for (let p = 0; p < P; p++) {
        const lr = this.sibLn[s * w + 2 * p]!, li = this.sibLn[s * w + 2 * p + 1]!;
        const tr = T[2 * p]!, ti = T[2 * p + 1]!;
        const ur = tr + lr, ui = ti + li;
        if (!(Number.isFinite(ur) && Number.isFinite(ui)) || (ur === 0 && ui === 0)) { ok = false; break; }
        clogTo(T2, ur, ui, this.sem);
        if (!this.admissible(T2.re, T2.im)) { ok = false; break; }
        const u = Math.hypot(ur, ui), x = Math.hypot(T2.re, T2.im);
        if (!(x > 0)) { ok = false; break; }
        const ep = ((err * Math.hypot(tr, ti) + EPS * (Math.hypot(lr, li) + u)) / u + EPS * x) / x;
        if (ep > e) e = ep;
        // T = exp(X) − ln R: an absolute error a of T allows |ΔX| = a / |exp X| = a / |U|
        const ap = allow * Math.hypot(tr, ti) / (u * x);
        if (ap < al) al = ap;
        X[2 * p] = T2.re;
        X[2 * p + 1] = T2.im;
      }
      if (ok && this.step(frames, depth, cost + ks + 1, { right: true, sib: s }, e, al)) return;
    }
  }

  /**
   * Descends one spine step whose required values (already in frames[depth + 1]) are known to the relative error
   * e and may be off by al: skipped when e is too large to decide anything. Returns true when the search stopped.
   */
  private step(frames: Float64Array[], depth: number, cost: number, st: Step, e: number, al: number): boolean {
    if (!(e <= MAX_ERR && 16 * e <= al)) return false;
    this.err[depth + 1] = e;
    this.allow[depth + 1] = al;
    this.path.push(st);
    this.descend(frames, depth + 1, cost);
    this.path.pop();
    return this.stopped;
  }

  private admissible(re: number, im: number): boolean {
    // a required value must be finite to be looked up; in the real domain it must be real up to rounding
    if (!(Number.isFinite(re) && Number.isFinite(im))) return false;
    if (this.real && Math.abs(im) > 1e-9 * Math.max(1, Math.abs(re))) return false;
    return true;
  }

  /** Looks the required value T up among the stored nodes of size k (by ln v at every probe). */
  private terminal(T: Float64Array, tol: number, k: number, K: number, cost: number): void {
    if (k % 2 === 0 || this.store.level(k).count === 0) return;
    const P = this.P, lnT = this.lnT;
    // ln of the required value at every probe, once for all the candidates
    for (let p = 0; p < P; p++) {
      clogTo(T1, T[2 * p]!, T[2 * p + 1]!, 'ieee');
      lnT[2 * p] = T1.re;
      lnT[2 * p + 1] = T1.im;
    }
    // a terminal with a child small enough to be a sibling is also found as one more spine step: keep only
    // the longest decomposition of each tree (fewer duplicate candidates)
    const room = this.spineMax - cost - 1;
    const qr = lnT[0]!;
    if (!Number.isFinite(qr)) return;
    const ix = this.index(k);
    const n = this.cand.collect(ix, qr - tol, qr + tol), ids = this.cand.ids;
    for (let c = 0; c < n; c++) {
      const id = ids[c]!;
      this.store.find(id);
      const f = this.store.foundSegment!.features, o = this.store.foundIndex * this.stride + this.lOff;
      let ok = true;
      for (let p = 0; p < P && ok; p++) {
        const dr = Math.abs(f[o + 2 * p]! - lnT[2 * p]!);
        let di = Math.abs(f[o + 2 * p + 1]! - lnT[2 * p + 1]!);
        if (di > Math.PI) di = 2 * Math.PI - di; // both sides of the cut of a negative real
        if (!(dr <= tol && di <= tol)) ok = false;
      }
      if (!ok) continue;
      const seg = this.store.foundSegment!, i = this.store.foundIndex;
      if (seg.left[i]! >= 0 && room >= 1) {
        const kl = this.store.sizeOf(seg.left[i]!), kr = this.store.sizeOf(seg.right[i]!);
        if ((kl <= this.S && kl <= room) || (kr <= this.S && kr <= room)) continue;
      }
      let list = this.bySize.get(K);
      if (!list) this.bySize.set(K, list = []);
      list.push({ K, steps: this.path.map((s) => ({ siblingOnLeft: !s.right, sibling: this.sibId[s.sib]! })), terminal: id });
      if (list.length >= this.maxCandidates) {
        this.fullBelow = Math.min(this.fullBelow, K);
        return;
      }
    }
  }
}
