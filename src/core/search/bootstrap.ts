// Basis verification, the reference's VerifyBaseSet (section 3): from a base calculator (constants, unary and
// binary primitives) search, by code length K over the growing vocabulary, for an expression equal to a
// remaining target primitive; add each discovery to the vocabulary and restart at K = 1. The placeholders
// x = EulerGamma and y = Glaisher are always known; a unary target is matched through f(x), a binary one
// through op(x, y). Enumeration order, tolerances, dedup keys and target priority follow the reference
// (sections 3.2–3.5), so its published chain for {1, EML} is reproduced. Differences: levels are built once
// per vocabulary and shared by all targets (not once per target and K), the last level of a pass is only
// generated (not stored) when it is large, and a rejected witness keeps its dedup slot.

import { applyOpTo } from '../applyOp';
import { type Cx, cx } from '../complex';
import { evaluate } from '../evaluate';
import type { OpName } from '../ops';
import { CALCULATOR_TARGETS, CATALOGUE, type Primitive, primitive } from './catalogue';
import { Fingerprinter } from './fingerprint';
import { FingerprintSet } from './fingerprintSet';
import { ScalarProgram } from './program';
import { CATALAN, GAMMA, GLAISHER, KHINCHIN } from './probes';
import type { StopReason } from './stopReason';

export type BasisCategory = 'constant' | 'unary' | 'binary';

export interface BasisOptions {
  /** The base: catalogue names or NAME=formula (over a, b). */
  constants: readonly string[];
  unary: readonly string[];
  binary: readonly string[];
  /** Targets (default the reference's calculator). */
  targets?: Readonly<Record<BasisCategory, readonly string[]>>;
  /** Largest code length tried (default 10). */
  maxK?: number;
  /**
   * The reference's --explain mode: witnesses are validated at 8 probe pairs before they are accepted, and
   * targets of a category are tried in descending name order (default false: ascending, no validation).
   */
  explain?: boolean;
  /** In explain mode, accept witnesses without validation (the reference's --no-validate-witness). */
  validate?: boolean;
  /** The reference's --branch-aware-witness (section 3.5). */
  branchAware?: boolean;
  domain?: 'complex' | 'real';
  /** Relative tolerance of "near" (default 16·2^-52). */
  eps?: number;
  /** Nodes stored per vocabulary at most (memory bound; default 8e6). */
  maxNodes?: number;
  now?: () => number;
  timeLimitMs?: number;
  shouldStop?: () => boolean;
  onProgress?: (p: BasisProgress) => void;
}

export interface BasisProgress { K: number; known: number; remaining: number; found?: string; passes: number; elapsedMs: number }

/** One discovery of the chain. */
export interface ChainStep {
  index: number;
  name: string;
  kind: BasisCategory;
  /** Code length of the witness in the vocabulary known at that moment. */
  K: number;
  witness: string;
  /** Probe pairs at which the witness was validated. */
  validatedAt: number;
  ms: number;
}

export interface BasisReport {
  base: Record<BasisCategory, string[]>;
  targets: Record<BasisCategory, string[]>;
  chain: ChainStep[];
  rejected: Array<{ name: string; K: number; witness: string; reason: string }>;
  remaining: Record<BasisCategory, string[]>;
  /** Every target was found. */
  complete: boolean;
  /** Passes "testing with K" (the reference prints one line per pass). */
  passes: number;
  /** Largest witness K of the chain. */
  largestK: number;
  /** Expressions evaluated over the whole run. */
  evaluated: number;
  explain: boolean;
  validate: boolean;
  branchAware: boolean;
  ms: number;
  stop: StopReason;
}

/** A primitive with its evaluator. */
interface Prim {
  readonly p: Primitive;
  readonly category: BasisCategory;
  readonly op: OpName | undefined;
  readonly program: ScalarProgram | null;
  readonly value: { re: number; im: number } | undefined;
}

const PRIORITY: readonly BasisCategory[] = ['binary', 'constant', 'unary'];
const EPS_DEFAULT = 16 * 2 ** -52;
/** The reference's witness validation probes (x, y). */
const VALIDATION_PROBES: ReadonlyArray<readonly [number, number]> = [
  [GAMMA, GLAISHER], [-GAMMA, GLAISHER], [CATALAN, KHINCHIN], [-CATALAN, KHINCHIN],
  [GLAISHER, GAMMA], [-GLAISHER, GAMMA], [KHINCHIN, CATALAN], [-KHINCHIN, CATALAN],
];

/** Byte order, as the reference sorts its name lists. */
const byName = (a: { p: Primitive }, b: { p: Primitive }): number => (a.p.name < b.p.name ? -1 : a.p.name > b.p.name ? 1 : 0);

function makePrim(p: Primitive): Prim {
  let value = p.value;
  if (p.kind === 'constant' && !value) {
    const v = evaluate(p.formula, {}, { semantics: 'ieee' });
    if (!v.defined) throw new Error(`constant '${p.name}' is not a finite number`);
    value = { re: v.re, im: v.im };
  }
  const program = p.kind !== 'constant' && !p.op ? new ScalarProgram(p.formula, p.kind === 'unary' ? ['a'] : ['a', 'b'], 'ieee') : null;
  return { p, category: p.kind, op: p.op, program, value };
}

const R: Cx = cx(0);
const PROG_IN = new Float64Array(4);
const PROG_OFF = Int32Array.from([0, 2]);

/** Writes p(a, b) into R (b ignored for unary); returns whether it is finite. */
function apply(pr: Prim, ar: number, ai: number, br: number, bi: number): boolean {
  if (pr.op) applyOpTo(R, pr.op, ar, ai, br, bi, 'ieee');
  else {
    PROG_IN[0] = ar; PROG_IN[1] = ai; PROG_IN[2] = br; PROG_IN[3] = bi;
    pr.program!.run(PROG_IN, PROG_OFF);
    R.re = pr.program!.re; R.im = pr.program!.im;
  }
  return R.re - R.re === 0 && R.im - R.im === 0;
}

/** The nodes of the levels of one vocabulary (growable flat arrays). */
class Levels {
  count = 0;
  re = new Float64Array(1024);
  im = new Float64Array(1024);
  kr = new Float64Array(1024);
  ki = new Float64Array(1024);
  code = new Int32Array(1024);
  left = new Int32Array(1024);
  right = new Int32Array(1024);
  /** start[k] … start[k + 1]: the nodes of level k. */
  readonly start: number[] = [0, 0];

  push(re: number, im: number, kr: number, ki: number, code: number, left: number, right: number): void {
    if (this.count === this.re.length) this.grow();
    const i = this.count++;
    this.re[i] = re; this.im[i] = im; this.kr[i] = kr; this.ki[i] = ki;
    this.code[i] = code; this.left[i] = left; this.right[i] = right;
  }

  private grow(): void {
    const n = this.re.length * 2;
    const f = (a: Float64Array) => { const b = new Float64Array(n); b.set(a); return b; };
    const g = (a: Int32Array) => { const b = new Int32Array(n); b.set(a); return b; };
    this.re = f(this.re); this.im = f(this.im); this.kr = f(this.kr); this.ki = f(this.ki);
    this.code = g(this.code); this.left = g(this.left); this.right = g(this.right);
  }
}

interface Target {
  readonly prim: Prim;
  readonly re: number;
  readonly im: number;
}

/** A generated expression near a target: (code, left, right) over stored nodes, found at level k. */
interface Candidate { target: number; k: number; code: number; left: number; right: number }

/** Returns the bootstrap of the target calculator from the base (see the header), with its witness chain. */
export function verifyBasis(opts: BasisOptions): BasisReport {
  const now = opts.now ?? (() => 0);
  const t0 = now();
  const maxK = opts.maxK ?? 10;
  if (!Number.isInteger(maxK) || maxK < 1 || maxK > 20) throw new Error(`max K must be an integer from 1 to 20, got ${maxK}`);
  const eps = opts.eps ?? EPS_DEFAULT;
  const explain = opts.explain ?? false;
  const validate = explain && (opts.validate ?? true);
  const branchAware = opts.branchAware ?? false;
  const real = opts.domain === 'real';
  const maxNodes = opts.maxNodes ?? 8e6;
  const deadline = opts.timeLimitMs !== undefined ? t0 + opts.timeLimitMs : Infinity;
  let stop: StopReason | null = null;
  const stopped = (): boolean => {
    if (stop) return true;
    if (opts.shouldStop?.()) stop = { kind: 'cancelled' };
    else if (deadline !== Infinity && now() > deadline) stop = { kind: 'timeLimit', ms: opts.timeLimitMs! };
    return stop !== null;
  };

  // the base, the placeholders and the targets
  const known: Record<BasisCategory, Prim[]> = { constant: [], unary: [], binary: [] };
  const add = (pr: Prim) => {
    if (known[pr.category].some((q) => q.p.name === pr.p.name)) return;
    known[pr.category].push(pr);
    known[pr.category].sort(byName);
  };
  for (const c of opts.constants) add(makePrim(primitive('constant', c)));
  for (const u of opts.unary) add(makePrim(primitive('unary', u)));
  for (const b of opts.binary) add(makePrim(primitive('binary', b)));
  if (known.unary.length + known.binary.length === 0) throw new Error('the base needs at least one unary or binary primitive');
  const base: Record<BasisCategory, string[]> = { constant: known.constant.map((q) => q.p.name), unary: known.unary.map((q) => q.p.name), binary: known.binary.map((q) => q.p.name) };
  for (const name of ['EulerGamma', 'Glaisher']) add(makePrim(CATALOGUE.find((p) => p.name === name)!));
  const targetNames = opts.targets ?? CALCULATOR_TARGETS;
  const todo: Record<BasisCategory, Prim[]> = { constant: [], unary: [], binary: [] };
  for (const cat of PRIORITY) {
    for (const name of targetNames[cat]) {
      const pr = makePrim(primitive(cat, name));
      if (known[cat].some((q) => q.p.name === pr.p.name) || todo[cat].some((q) => q.p.name === pr.p.name)) continue;
      // a unary target whose value at x is undefined is skipped (as the reference does)
      if (cat === 'unary' && !apply(pr, GAMMA, 0, 0, 0)) continue;
      todo[cat].push(pr);
    }
    todo[cat].sort(byName);
  }
  const targets: Record<BasisCategory, string[]> = { constant: [...targetNames.constant], unary: [...targetNames.unary], binary: [...targetNames.binary] };

  const chain: ChainStep[] = [];
  const rejectedLog: BasisReport['rejected'] = [];
  const rejected = new Map<string, Set<string>>();
  let passes = 0, evaluated = 0;
  const fp = new Fingerprinter(1, 'ieee', { kind: 'absolute', scale: 1e12 });
  const keyOf = new Float64Array(2);

  const nearTo = (ar: number, ai: number, br: number, bi: number): boolean =>
    Math.hypot(ar - br, ai - bi) <= eps * (1 + Math.hypot(ar, ai) + Math.hypot(br, bi));
  const targetValue = (pr: Prim, x: number, y: number): { re: number; im: number } | null => {
    if (pr.category === 'constant') return pr.value!;
    if (!apply(pr, x, 0, y, 0)) return null;
    return { re: R.re, im: R.im };
  };

  vocabularies: while (todo.binary.length + todo.constant.length + todo.unary.length > 0) {
    const prims: Prim[] = [...known.constant, ...known.unary, ...known.binary];
    const nConst = known.constant.length, nUnary = known.unary.length;
    // within a category the reference tries targets in ascending name order, in explain mode in descending
    // order (both reproduce its published chains)
    const order: Prim[] = PRIORITY.flatMap((cat) => (explain ? [...todo[cat]].reverse() : todo[cat]));
    const tv: Target[] = order.map((pr) => {
      const v = targetValue(pr, GAMMA, GLAISHER)!;
      return { prim: pr, re: v.re, im: v.im };
    });
    // targets sorted by real part, for a binary-search test of every generated value
    const byRe = tv.map((_, i) => i).sort((a, b) => tv[a]!.re - tv[b]!.re);
    const sortedRe = Float64Array.from(byRe, (i) => tv[i]!.re);
    const levels = new Levels();
    const seen = new FingerprintSet(1 << 12);
    let candidates: Candidate[] = [];
    let storing = true;
    let testing = true;
    let projected = 0;

    const test = (re: number, im: number, k: number, code: number, left: number, right: number): void => {
      if (!testing) return;
      // binary search for the first target whose real part could be near re
      const tol = eps * (2 + 2 * Math.abs(re) + 2 * Math.abs(im)) * 4 + 1e-300;
      let lo = 0, hi = sortedRe.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (sortedRe[mid]! < re - tol) lo = mid + 1; else hi = mid; }
      for (let s = lo; s < sortedRe.length && sortedRe[s]! <= re + tol; s++) {
        const ti = byRe[s]!, t = tv[ti]!;
        if (nearTo(re, im, t.re, t.im)) candidates.push({ target: ti, k, code, left, right });
      }
    };
    const store = (re: number, im: number, code: number, left: number, right: number): void => {
      if (!storing) return;
      keyOf[0] = re; keyOf[1] = im;
      fp.hash(keyOf, 0);
      if (!seen.insert(fp.h1, fp.h2)) return;
      levels.push(re, im, Math.min(9223372036854775807, Math.max(-9223372036854775807, roundAway(re * 1e12))),
        Math.min(9223372036854775807, Math.max(-9223372036854775807, roundAway(im * 1e12))), code, left, right);
    };
    const admissible = (): boolean => R.re - R.re === 0 && R.im - R.im === 0 && (!real || Math.abs(R.im) <= eps * (1 + Math.abs(R.re)));

    // ---- helpers over this vocabulary's levels
    function witnessString(c: { code: number; left: number; right: number }): string {
      const pr = prims[c.code]!;
      if (c.left < 0) return pr.p.printed;
      const arg = (id: number) => witnessString({ code: levels.code[id]!, left: levels.left[id]!, right: levels.right[id]! });
      return c.right < 0 ? `${pr.p.printed}[${arg(c.left)}]` : `${pr.p.printed}[${arg(c.left)}, ${arg(c.right)}]`;
    }

    function evalAt(c: { code: number; left: number; right: number }, x: number, y: number, branch: { bad: string }): { re: number; im: number } | null {
      const pr = prims[c.code]!;
      if (c.left < 0) {
        if (pr.p.name === 'EulerGamma') return { re: x, im: 0 };
        if (pr.p.name === 'Glaisher') return { re: y, im: 0 };
        return pr.value!;
      }
      const node = (id: number) => evalAt({ code: levels.code[id]!, left: levels.left[id]!, right: levels.right[id]! }, x, y, branch);
      const a = node(c.left);
      if (!a) return null;
      const b = c.right < 0 ? a : node(c.right);
      if (!b) return null;
      if (branchAware && !branch.bad) {
        const name = pr.p.name, isReal = Math.abs(a.im) <= eps * (1 + Math.abs(a.re));
        if (name === 'ArcCosh' && !(isReal && a.re > -1)) branch.bad = `ArcCosh of ${fmt(a)}`;
        if ((name === 'ArcCos' || name === 'ArcSin') && !(isReal && a.re >= -1 && a.re <= 1)) branch.bad = `${name} of ${fmt(a)}`;
        if (name === 'ArcTanh' && !(isReal && a.re > -1 && a.re < 1)) branch.bad = `ArcTanh of ${fmt(a)}`;
      }
      if (!apply(pr, a.re, a.im, b.re, b.im)) return null;
      return { re: R.re, im: R.im };
    }

    function validateWitness(c: Candidate, target: Prim): { ok: boolean; tested: number; reason: string } {
      let tested = 0;
      for (const [x, y] of VALIDATION_PROBES) {
        const want = targetValue(target, x, y);
        if (!want || !(Number.isFinite(want.re) && Number.isFinite(want.im))) continue;
        const wantReal = Math.abs(want.im) <= eps * (1 + Math.abs(want.re));
        if (target.category !== 'constant' && !wantReal && (!branchAware || real)) continue;
        const branch = { bad: '' };
        const got = evalAt(c, x, y, branch);
        if (branch.bad) return { ok: false, tested, reason: `branch: ${branch.bad} at (${x}, ${y})` };
        if (!got || !(Number.isFinite(got.re) && Number.isFinite(got.im))) return { ok: false, tested, reason: `undefined at (${x}, ${y})` };
        if (!nearTo(got.re, got.im, want.re, want.im)) return { ok: false, tested, reason: `${fmt(got)} ≠ ${fmt(want)} at (${x}, ${y})` };
        tested++;
      }
      return tested > 0 ? { ok: true, tested, reason: '' } : { ok: false, tested, reason: 'no probe could be tested' };
    }

    for (let K = 1; K <= maxK; K++) {
      passes++;
      if (stopped()) break vocabularies;
      // generate level K (stored unless it is projected large: then only tested; stored later if needed)
      const prevCount = levels.start[K]! - levels.start[K - 1]!;
      const prev2 = K >= 3 ? levels.start[K - 1]! - levels.start[K - 2]! : 0;
      projected = K <= 2 ? 0 : prevCount * Math.max(4, prev2 > 0 ? prevCount / prev2 : 4);
      storing = projected < 2e6 && levels.count + projected < maxNodes;
      candidates = [];
      const generate = (): boolean => {
        let ops = 0;
        if (K === 1) {
          known.constant.forEach((pr, i) => {
            R.re = pr.value!.re; R.im = pr.value!.im;
            evaluated++;
            if (!admissible()) return;
            test(R.re, R.im, 1, i, -1, -1);
            store(R.re, R.im, i, -1, -1);
          });
          return true;
        }
        for (let u = 0; u < nUnary; u++) {
          const pr = known.unary[u]!;
          for (let i = levels.start[K - 1]!; i < levels.start[K]!; i++) {
            if ((++ops & 0xffff) === 0 && stopped()) return false;
            evaluated++;
            if (!apply(pr, levels.re[i]!, levels.im[i]!, 0, 0) || !admissible()) continue;
            const re = R.re, im = R.im;
            test(re, im, K, nConst + u, i, -1);
            store(re, im, nConst + u, i, -1);
          }
        }
        for (let b = 0; b < known.binary.length; b++) {
          const pr = known.binary[b]!, code = nConst + nUnary + b;
          for (let l = 1; l <= K - 2; l++) {
            const r = K - 1 - l;
            const skip = pr.p.commutative && l === r;
            for (let i = levels.start[l]!; i < levels.start[l + 1]!; i++) {
              const ar = levels.re[i]!, ai = levels.im[i]!, akr = levels.kr[i]!, aki = levels.ki[i]!;
              for (let j = levels.start[r]!; j < levels.start[r + 1]!; j++) {
                if ((++ops & 0xffff) === 0 && stopped()) return false;
                // commutative operations skip pairs with key(a) > key(b) when both sides have the same size
                if (skip && (akr > levels.kr[j]! || (akr === levels.kr[j]! && aki > levels.ki[j]!))) continue;
                evaluated++;
                if (!apply(pr, ar, ai, levels.re[j]!, levels.im[j]!) || !admissible()) continue;
                const re = R.re, im = R.im;
                test(re, im, K, code, i, j);
                store(re, im, code, i, j);
              }
            }
          }
        }
        return true;
      };
      if (!generate()) break vocabularies;
      // the first valid witness of the highest-priority target wins (candidates are in enumeration order)
      for (let ti = 0; ti < tv.length; ti++) {
        const t = tv[ti]!;
        const rej = rejected.get(t.prim.p.name) ?? new Set<string>();
        for (const c of candidates) {
          if (c.target !== ti) continue;
          const w = witnessString(c);
          if (rej.has(w)) continue;
          const check = validate ? validateWitness(c, t.prim) : { ok: true, tested: 0, reason: '' };
          if (!check.ok) {
            rej.add(w);
            rejected.set(t.prim.p.name, rej);
            rejectedLog.push({ name: t.prim.p.name, K: c.k, witness: w, reason: check.reason });
            continue;
          }
          // found: move the target into the vocabulary and restart at K = 1
          todo[t.prim.category] = todo[t.prim.category].filter((q) => q !== t.prim);
          add(t.prim);
          chain.push({ index: chain.length + 1, name: t.prim.p.name, kind: t.prim.category, K: c.k, witness: w, validatedAt: check.tested, ms: now() - t0 });
          opts.onProgress?.({ K, known: prims.length + 1, remaining: todo.binary.length + todo.constant.length + todo.unary.length, found: t.prim.p.name, passes, elapsedMs: now() - t0 });
          continue vocabularies;
        }
      }
      opts.onProgress?.({ K, known: prims.length, remaining: tv.length, passes, elapsedMs: now() - t0 });
      if (K === maxK) break vocabularies;
      if (!storing) {
        // level K is needed to build K + 1: store it now (a second pass over the same expressions)
        if (levels.count + projected >= maxNodes) { stop = { kind: 'memoryLimit', bytes: maxNodes * 56, atK: K + 1 }; break vocabularies; }
        storing = true;
        testing = false;
        const ok = generate();
        testing = true;
        if (!ok) break vocabularies;
      }
      levels.start[K + 1] = levels.count;
    }
    break;

  }

  const remaining: Record<BasisCategory, string[]> = { constant: todo.constant.map((q) => q.p.name), unary: todo.unary.map((q) => q.p.name), binary: todo.binary.map((q) => q.p.name) };
  const complete = remaining.constant.length + remaining.unary.length + remaining.binary.length === 0;
  return {
    base, targets, chain, rejected: rejectedLog, remaining, complete, passes,
    largestK: chain.reduce((m, s) => Math.max(m, s.K), 0), evaluated, explain, validate, branchAware, ms: now() - t0,
    stop: stop ?? (complete ? { kind: 'found', K: chain.reduce((m, s) => Math.max(m, s.K), 0) } : { kind: 'exhausted', maxK }),
  };
}

function roundAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

function fmt(z: { re: number; im: number }): string {
  return z.im === 0 ? String(z.re) : `${z.re}${z.im < 0 ? '-' : '+'}${Math.abs(z.im)}i`;
}
