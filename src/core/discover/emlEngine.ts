// Pure EML trees over the data: the recognizer's machinery with the dataset's probe rows as probe points and
// the target column as the target. Each step decides one more odd size K: levels are stored up to K − 4 (each
// new level is also scanned for a·T + b at the probes), then the meet-in-the-middle matcher (search/match.ts)
// finds every tree of size K whose values at the probes are within the tolerance of the target. So for the
// target itself (no output map) sizes up to four above the stored levels are searched completely.

import type { Expr } from '../expr';
import { compileLanguage, type CompiledLanguage } from '../search/compiledLanguage';
import { Enumerator } from '../search/enumerate';
import { buildLanguage, pureEmlSpec } from '../search/language';
import { type MatchTarget, Matcher, matchExpr } from '../search/match';
import type { PreparedData } from './data';
import type { DiscoverEngine, StepResult } from './engine';
import { CandidatePool, type ProbeTarget, probeSetOf, scanLevel } from './probeScan';

export interface EmlEngineOptions {
  readonly target: ProbeTarget;
  /** Largest K to decide (odd). */
  readonly maxK: number;
  readonly maxBytes: number;
  /** Matches examined per size at most (default 3000). */
  readonly matchLimit?: number;
  readonly now?: () => number;
}

/** Searches pure EML trees over {1, inputs} by size K for the target and its affine images. */
export class EmlEngine implements DiscoverEngine {
  readonly name = 'eml';
  private readonly enumerator: Enumerator;
  private readonly lang: CompiledLanguage;
  private readonly match: MatchTarget;
  private readonly matcher: Matcher;
  private M = 0;
  private nextK = 1;
  private stopped: string | null = null;
  private readonly costs: Array<{ K: number; ms: number; nodes: number }> = [];

  constructor(d: PreparedData, private readonly opts: EmlEngineOptions) {
    const probes = probeSetOf(d, opts.target.rows);
    const spec = pureEmlSpec(probes, ['1', ...d.data.names]);
    this.lang = compileLanguage(buildLanguage(spec), 'ieee', { values: true });
    this.enumerator = new Enumerator(this.lang, { domain: 'complex' });
    this.matcher = new Matcher(this.enumerator.store, this.lang, 'complex');
    const t = opts.target;
    const values = new Float64Array(2 * t.values.length);
    t.values.forEach((v, p) => { values[2 * p] = v; });
    this.match = { values, tolerances: t.tolerances };
  }

  get done(): boolean {
    return this.stopped !== null || this.nextK > this.opts.maxK;
  }

  get reached(): string {
    const decided = this.nextK - 2;
    return `K ≤ ${Math.max(0, decided)} decided for the target, affine maps of K ≤ ${this.M}${this.stopped ? ` (${this.stopped})` : ''}`;
  }

  bytes(): number {
    return this.enumerator.bytes + this.matcher.bytes;
  }

  nextEmlK(): number {
    return this.nextK;
  }

  nextCost(): number {
    if (this.done) return Infinity;
    const n = this.costs.length;
    if (n < 3) return 0;
    const last = this.costs[n - 1]!, prev = this.costs[n - 2]!;
    return last.ms * Math.max(3, Math.min(12, last.ms / Math.max(prev.ms, 1e-3)));
  }

  step(shouldStop: () => boolean): StepResult {
    const K = this.nextK;
    const t0 = this.opts.now?.() ?? 0;
    const pool = new CandidatePool(200);
    const offset = this.lang.identity * 2 * this.lang.probes;
    while (this.M < Math.max(1, K - 4)) {
      const next = this.M + 1;
      const r = this.growSync(next, shouldStop);
      if (r !== null) {
        if (r === 'memory budget') this.stopped = r;
        return { bases: this.exprs(pool.ids), models: [], note: `eml: level ${next} stopped (${r})` };
      }
      this.M = next;
      if (next % 2 === 1) scanLevel(this.enumerator.store.level(next), this.lang.stride, offset, this.opts.target, pool);
    }
    const { matches, complete } = this.matcher.match(K, this.M, this.match, this.opts.matchLimit ?? 3000, shouldStop);
    if (!complete && shouldStop()) return { bases: this.exprs(pool.ids), models: [], note: `eml: size ${K} stopped` };
    const memo = new Map<number, Expr>();
    const found = matches.map((s) => matchExpr(this.enumerator.store, this.lang, s, memo));
    this.nextK = K + 2;
    this.costs.push({ K, ms: Math.max(1e-3, (this.opts.now?.() ?? 0) - t0), nodes: this.enumerator.store.size });
    return {
      bases: [...found, ...this.exprs(pool.ids)], models: [],
      note: `eml: size ${K} decided (${matches.length} at the probes${complete ? '' : ', limit reached'}), levels ≤ ${this.M} stored`,
    };
  }

  private exprs(ids: readonly number[]): Expr[] {
    const memo = new Map<number, Expr>();
    return ids.map((id) => this.enumerator.store.toExpr(id, this.lang, memo));
  }

  /** Grows and stores level K; returns why it stopped, or null. */
  private growSync(K: number, shouldStop: () => boolean): string | null {
    if (K % 2 === 1 && K > 7 && this.bytes() * 9 > this.opts.maxBytes) return 'memory budget';
    const r = this.enumerator.grow(K, { shouldStop, maxBytes: this.opts.maxBytes });
    if ('stopped' in r) return r.stopped === 'memoryLimit' ? 'memory budget' : 'time';
    this.enumerator.commit(K, r.segments);
    return null;
  }
}
