// A language prepared for the kernels. Every binary operator f(a, b) is split into features — maximal
// subformulas of a alone or of b alone, computed once per stored node — and a top part evaluated per pair.
// For EML, eml(a, b) = exp(a) − ln(b): the features are exp and ln and the per-pair work is one complex
// subtraction. Features are shared between operators; the identity feature (the node's value) exists only
// when some operator reads a value directly. Node codes: leaves 0…L−1, then unary, then binary operators.

import { type Cx, cexpTo, clogTo, cx } from '../complex';
import { type Expr, apply, substitute, variable } from '../expr';
import type { Semantics } from '../semantics';
import { printInfix } from '../syntax/printInfix';
import type { Operator, SearchLanguage } from './language';
import { ScalarProgram } from './program';

/** A function of one node value stored per node (re/im at every probe). */
export interface Feature {
  /** Its formula in the parameter a, printed (the sharing key): a, exp(a), ln(a) … */
  readonly key: string;
  readonly kind: 'identity' | 'exp' | 'ln' | 'program';
  readonly program: ScalarProgram | null;
}

/** A binary operator split into per-node features and a per-pair top part. */
export interface CompiledBinary {
  readonly operator: Operator;
  readonly code: number;
  /** Feature indices read from the left child (inputs #a0, #a1 … of the top part). */
  readonly aFeatures: readonly number[];
  /** Feature indices read from the right child (inputs #b0, #b1 …). */
  readonly bFeatures: readonly number[];
  /** The top part; null when it is exactly #a0 − #b0 (the EML kernel). */
  readonly top: ScalarProgram | null;
}

/** A unary operator evaluated on the identity feature. */
export interface CompiledUnary {
  readonly operator: Operator;
  readonly code: number;
  readonly program: ScalarProgram;
}

/** A language ready for enumeration under one semantics. */
export interface CompiledLanguage {
  readonly language: SearchLanguage;
  readonly semantics: Semantics;
  /** Number of probe points P. */
  readonly probes: number;
  readonly features: readonly Feature[];
  /** Doubles stored per node: features.length × 2P. */
  readonly stride: number;
  /** Index of the identity feature, or −1. */
  readonly identity: number;
  readonly unary: readonly CompiledUnary[];
  readonly binary: readonly CompiledBinary[];
}

function expandEml(t: Expr): Expr {
  if (t.kind !== 'op') return t;
  const args = t.args.map(expandEml);
  if (t.op === 'eml') return apply('sub', apply('exp', args[0]!), apply('ln', args[1]!));
  return args.every((a, i) => a === t.args[i]) ? t : apply(t.op, ...args);
}

function depsOf(t: Expr, memo: Map<Expr, number>): number {
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  let d = 0;
  if (t.kind === 'var') d = t.name === 'a' ? 1 : t.name === 'b' ? 2 : 0;
  else if (t.kind === 'op') for (const a of t.args) d |= depsOf(a, memo);
  memo.set(t, d);
  return d;
}

/**
 * Returns the language prepared for the kernels under the given semantics; with `values`, every node also
 * stores its value (the identity feature), so callers can scan levels for targets.
 */
export function compileLanguage(language: SearchLanguage, semantics: Semantics, opts: { values?: boolean } = {}): CompiledLanguage {
  const P = language.probes.points.length;
  const features: Feature[] = [];
  const featureIndex = new Map<string, number>();
  const feature = (exprInA: Expr): number => {
    const key = printInfix(exprInA);
    const hit = featureIndex.get(key);
    if (hit !== undefined) return hit;
    const kind: Feature['kind'] = key === 'a' ? 'identity' : key === 'exp(a)' ? 'exp' : key === 'ln(a)' ? 'ln' : 'program';
    features.push({ key, kind, program: kind === 'program' ? new ScalarProgram(exprInA, ['a'], semantics) : null });
    featureIndex.set(key, features.length - 1);
    return features.length - 1;
  };
  const L = language.leaves.length;
  if (opts.values) feature(variable('a'));
  const unary: CompiledUnary[] = language.unary.map((operator, i) => {
    feature(variable('a'));
    return { operator, code: L + i, program: new ScalarProgram(operator.formula, ['a'], semantics) };
  });
  const binary: CompiledBinary[] = language.binary.map((operator, i) => {
    const formula = expandEml(operator.formula);
    const memo = new Map<Expr, number>();
    const aFeatures: number[] = [], bFeatures: number[] = [];
    const replace = (t: Expr): Expr => {
      const d = depsOf(t, memo);
      if (d === 1) {
        const f = feature(t);
        let k = aFeatures.indexOf(f);
        if (k < 0) { aFeatures.push(f); k = aFeatures.length - 1; }
        return variable(`#a${k}`);
      }
      if (d === 2) {
        const f = feature(substitute(t, { b: variable('a') }));
        let k = bFeatures.indexOf(f);
        if (k < 0) { bFeatures.push(f); k = bFeatures.length - 1; }
        return variable(`#b${k}`);
      }
      if (d === 0 || t.kind !== 'op') return t;
      return apply(t.op, ...t.args.map(replace));
    };
    const top = replace(formula);
    const isSub = top.kind === 'op' && top.op === 'sub' && top.args[0]!.kind === 'var' && top.args[0]!.name === '#a0'
      && top.args[1]!.kind === 'var' && top.args[1]!.name === '#b0';
    const inputs = [...aFeatures.map((_, k) => `#a${k}`), ...bFeatures.map((_, k) => `#b${k}`)];
    return { operator, code: L + language.unary.length + i, aFeatures, bFeatures, top: isSub ? null : new ScalarProgram(top, inputs, semantics) };
  });
  return {
    language, semantics, probes: P, features, stride: features.length * 2 * P,
    identity: featureIndex.get('a') ?? -1, unary, binary,
  };
}

const TMP: Cx = cx(0);
const OFFSET: Int32Array = new Int32Array(1);

/** Writes the features of the value vector v[vOff … vOff + 2P) into out[outOff … outOff + stride). */
export function computeFeaturesInto(lang: CompiledLanguage, v: Float64Array, vOff: number, out: Float64Array, outOff: number): void {
  const P = lang.probes, sem = lang.semantics, features = lang.features;
  for (let f = 0; f < features.length; f++) {
    const feat = features[f]!;
    const base = outOff + f * 2 * P;
    if (feat.kind === 'exp') {
      for (let p = 0; p < P; p++) {
        const re = v[vOff + 2 * p]!, im = v[vOff + 2 * p + 1]!;
        if (im === 0 && re - re === 0) { const m = Math.exp(re); out[base + 2 * p] = m; out[base + 2 * p + 1] = m * im; continue; }
        cexpTo(TMP, re, im, sem);
        out[base + 2 * p] = TMP.re; out[base + 2 * p + 1] = TMP.im;
      }
    } else if (feat.kind === 'ln') {
      for (let p = 0; p < P; p++) {
        const re = v[vOff + 2 * p]!, im = v[vOff + 2 * p + 1]!;
        clogTo(TMP, re, im, sem);
        out[base + 2 * p] = TMP.re; out[base + 2 * p + 1] = TMP.im;
      }
    } else if (feat.kind === 'identity') {
      for (let p = 0; p < 2 * P; p++) out[base + p] = v[vOff + p]!;
    } else {
      const prog = feat.program!;
      for (let p = 0; p < P; p++) {
        OFFSET[0] = vOff + 2 * p;
        prog.run(v, OFFSET);
        out[base + 2 * p] = prog.re; out[base + 2 * p + 1] = prog.im;
      }
    }
  }
}

/** True when a value (re, im) may be stored under the semantics and domain (see enumerate.ts). */
export function isAdmissible(re: number, im: number, semantics: Semantics, realOnly: boolean): boolean {
  if (realOnly && im !== 0) return false;
  if (semantics === 'strict') return Number.isFinite(re) && Number.isFinite(im);
  if (re !== re) return false;
  if (im !== im) return semantics === 'extended' && !Number.isFinite(re);
  return true;
}
