// Exhaustive enumeration over the data: the recognizer's bottom-up enumeration (search/enumerate.ts) with the
// probe rows of the dataset as probe points, so functional deduplication keeps one smallest formula per
// distinct behaviour on the data. Each level is scanned at the probes for targets of the form a·T + b
// (probeScan.ts); the best survivors go back to the schedule, which fits and measures them on all rows.
//
// Two uses: the calculator basis (+ − × /, exp, ln, sqrt, …; K counts its tokens), and the same basis with a
// parameter leaf θ (ESR-style skeletons): θ is valued at a grid of numbers beside every probe row, a skeleton
// is scanned at every grid value, and the best skeletons get θ, a and b fitted by Levenberg–Marquardt.

import { type Expr, substitute } from '../expr';
import { compileLanguage, type CompiledLanguage } from '../search/compiledLanguage';
import { Enumerator } from '../search/enumerate';
import { buildLanguage } from '../search/language';
import type { Semantics } from '../semantics';
import type { PreparedData } from './data';
import type { DiscoverEngine, StepResult } from './engine';
import { fitConstants } from './fitConstants';
import { type Model, placeholder } from './model';
import { CandidatePool, type ProbeTarget, probeSetOf, scanLevel } from './probeScan';

/** The parameter leaf's variable name (reserved: input names may not start with two underscores). */
export const PARAM = '__theta';

/** The language of an enumeration engine. */
export interface EnumerationBasis {
  /** Constant leaves besides the inputs (default 1, 2). */
  readonly constants: readonly string[];
  readonly unary: readonly string[];
  readonly binary: readonly string[];
}

/** The default calculator basis. */
export const CALCULATOR_BASIS: EnumerationBasis = {
  constants: ['1', '2'],
  unary: ['exp', 'ln', 'sqrt', 'sqr', 'inv', 'neg', 'sin', 'cos'],
  binary: ['add', 'sub', 'mul', 'div'],
};

export interface EnumerationEngineOptions {
  readonly name: string;
  readonly basis: EnumerationBasis;
  readonly target: ProbeTarget;
  /** Grid of parameter values: when given, the engine enumerates skeletons with the parameter leaf θ. */
  readonly paramGrid?: readonly number[];
  /** Largest size (tokens) to enumerate. */
  readonly maxK: number;
  /** Memory budget of the enumeration in bytes. */
  readonly maxBytes: number;
  /** Survivors of a level's scan handed back (default 300; 40 skeletons for the parameter engine). */
  readonly keep?: number;
  readonly semantics?: Semantics;
  /** Milliseconds clock for step-cost predictions (default none: costs unknown). */
  readonly now?: () => number;
}

/** An enumeration over the probe rows that returns a level's best affine candidates per step. */
export class EnumerationEngine implements DiscoverEngine {
  readonly name: string;
  private readonly lang: CompiledLanguage;
  private readonly enumerator: Enumerator;
  private readonly offset: number;
  private readonly blocks: number;
  private readonly paramBit: number;
  private readonly inputBits: number;
  private K = 0;
  private stopped: string | null = null;
  private readonly times: number[] = [];
  private readonly counts: number[] = [];

  constructor(private readonly d: PreparedData, private readonly opts: EnumerationEngineOptions) {
    this.name = opts.name;
    const names = d.data.names;
    const grid = opts.paramGrid;
    const probes = probeSetOf(d, opts.target.rows, grid ? grid.map((g) => ({ [PARAM]: g })) : [{}]);
    const leaves = [...opts.basis.constants, ...names, ...(grid ? [PARAM] : [])];
    const language = buildLanguage({ probes, leaves, unary: opts.basis.unary, binary: opts.basis.binary });
    this.lang = compileLanguage(language, opts.semantics ?? 'ieee', { values: true });
    this.enumerator = new Enumerator(this.lang, { domain: 'real' });
    this.offset = this.lang.identity * 2 * this.lang.probes;
    this.blocks = grid ? grid.length : 1;
    this.paramBit = grid ? 1 << names.length : 0;
    this.inputBits = (1 << names.length) - 1;
  }

  get done(): boolean {
    return this.stopped !== null || this.K >= this.opts.maxK;
  }

  get reached(): string {
    return `${this.K} tokens${this.stopped ? ` (${this.stopped})` : ''}`;
  }

  bytes(): number {
    return this.enumerator.bytes;
  }

  nextCost(): number {
    if (this.done) return Infinity;
    const n = this.times.length;
    if (n < 2) return 0;
    const last = this.times[n - 1]!, prev = Math.max(this.times[n - 2]!, 1e-3);
    const growth = Math.max(2, Math.min(20, (this.counts[n - 1]! + 1) / (this.counts[n - 2]! + 1)));
    return Math.max(last, prev) * growth;
  }

  step(shouldStop: () => boolean): StepResult {
    const K = this.K + 1;
    const t0 = this.opts.now?.() ?? 0;
    const projected = this.enumerator.bytes * (this.counts.length >= 2 ? Math.max(2, this.counts.at(-1)! / Math.max(1, this.counts.at(-2)!)) : 2);
    if (K > 4 && projected > this.opts.maxBytes) {
      this.stopped = 'memory budget';
      return { bases: [], models: [], note: `${this.name}: memory budget reached before size ${K}` };
    }
    const r = this.enumerator.grow(K, { shouldStop, maxBytes: this.opts.maxBytes });
    if ('stopped' in r) {
      if (r.stopped === 'memoryLimit') this.stopped = 'memory budget';
      return { bases: [], models: [], note: `${this.name}: size ${K} stopped (${r.stopped === 'memoryLimit' ? 'memory budget' : 'time'})` };
    }
    this.enumerator.commit(K, r.segments);
    this.K = K;
    const level = this.enumerator.store.level(K);
    const paramEngine = this.paramBit !== 0;
    const pool = new CandidatePool(this.opts.keep ?? (paramEngine ? 40 : 300));
    const needs = this.paramBit, inputs = this.inputBits;
    scanLevel(level, this.lang.stride, this.offset, this.opts.target, pool, {
      blocks: this.blocks,
      accept: paramEngine ? (deps) => (deps & needs) !== 0 && (deps & inputs) !== 0 : (deps) => (deps & inputs) !== 0,
    });
    const exprs = pool.ids.map((id) => this.enumerator.store.toExpr(id, this.lang));
    const note = `${this.name}: size ${K}, ${level.count.toLocaleString('en-US')} distinct, ${pool.ids.length} near the target at the probes`;
    this.times.push(Math.max(1e-3, (this.opts.now?.() ?? 0) - t0));
    this.counts.push(level.count);
    if (!paramEngine) return { bases: exprs, models: [], note };
    const models: Model[] = [];
    for (const skeleton of exprs) {
      if (shouldStop()) break;
      const m = this.fitSkeleton(skeleton);
      if (m) models.push(m);
    }
    return { bases: [], models, note };
  }

  /** Fits θ, a and b of a·S(θ) + b on the training rows, starting from the best grid value. */
  private fitSkeleton(skeleton: Expr): Model | null {
    const structure = substitute(skeleton, { [PARAM]: placeholder(0) });
    const grid = this.opts.paramGrid!;
    return fitConstants(structure, grid, this.d, 'constant');
  }
}
