// A discovered model: a structure (a formula over the inputs, conventional operators and/or eml nodes) whose
// fitted constants are placeholders $0, $1 … with their values. From it come, always together:
// - the numeric formula (constants as decimal literals) that the metrics are computed on;
// - the pure EML tree with numeric leaves for the constants (the compiler's forms; K counts every token);
// - the conventional formula for people (snapped constants in exact form, EML parts lowered and tidied).
// Invariant: the printed formula and the EML tree agree on the data (checked by `agreeOnRows`).

import { compileToEml } from '../compile';
import { createBatchWorkspace, evaluateBatchInto } from '../evaluateBatch';
import { type Expr, ONE, apply, num, size, substitute, variable } from '../expr';
import { flatten } from '../flat';
import type { RowSet } from './data';

/** Where a model came from. */
export type ModelOrigin = 'calculator' | 'eml' | 'constant' | 'trainer';

/** A fitted constant: its value and, once snapped, the exact form it equals. */
export interface FittedConstant {
  readonly value: number;
  /** An exact closed form (1/2, pi, sqrt(2)) when the snap kept the fit within the noise. */
  readonly exact?: Expr;
}

/** A structure with its fitted constants (placeholders $0 … $k−1 in `structure`). */
export interface Model {
  readonly structure: Expr;
  readonly constants: readonly FittedConstant[];
  readonly origin: ModelOrigin;
}

/** The placeholder variable of constant k. */
export function placeholder(k: number): Expr {
  return variable(`$${k}`);
}

/** Returns a real number as a leaf: a non-negative literal, or neg(literal) for a negative value. */
export function numberLeaf(v: number): Expr {
  if (!Number.isFinite(v)) throw new Error(`discover: a constant must be finite, got ${v}`);
  if (v === 1) return ONE;
  return v < 0 ? apply('neg', num(-v)) : num(v);
}

/** Returns the model's formula with every constant as its decimal value. */
export function numericFormula(m: Model): Expr {
  return substitute(m.structure, Object.fromEntries(m.constants.map((c, k) => [`$${k}`, numberLeaf(c.value)])));
}

/** Returns the model's formula with snapped constants in exact form (others as decimals). */
export function exactFormula(m: Model): Expr {
  return substitute(m.structure, Object.fromEntries(m.constants.map((c, k) => [`$${k}`, c.exact ?? numberLeaf(c.value)])));
}

/**
 * Returns the pure EML tree of a formula whose numbers other than 1 become numeric leaves (the compiler's
 * forms for every operator; a negative literal stays neg(literal), compiled as negation of the leaf).
 */
export function emlWithNumericLeaves(formula: Expr): Expr {
  const literals = new Map<string, Expr>();
  const byValue = new Map<string, string>();
  const hole = (n: Expr): Expr => {
    if (n.kind === 'num' && n.value !== 1) {
      let name = byValue.get(n.text);
      if (!name) {
        name = `$lit${byValue.size}`;
        byValue.set(n.text, name);
        literals.set(name, n);
      }
      return variable(name);
    }
    if (n.kind === 'const') {
      // named constants of a formula are numbers too: e, pi become decimal leaves
      const key = `const:${n.name}`;
      let name = byValue.get(key);
      if (!name) {
        name = `$lit${byValue.size}`;
        byValue.set(key, name);
        literals.set(name, num(constValue(n.name)));
      }
      return variable(name);
    }
    if (n.kind === 'op') {
      const args = n.args.map(hole);
      return args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args);
    }
    return n;
  };
  const withHoles = hole(formula);
  const tree = compileToEml(withHoles, { mode: 'ieee-safe' }).eml;
  return substitute(tree, literals);
}

function constValue(name: string): number {
  switch (name) {
    case 'e': return Math.E;
    case 'pi': return Math.PI;
    case 'phi': return (1 + Math.sqrt(5)) / 2;
    default: throw new Error(`discover: the constant ${name} is not real`);
  }
}

/** Complex values of a formula at the rows of a set (variables bound by name). */
export interface RowValues { readonly re: Float64Array; readonly im: Float64Array; readonly undefinedCount: number }

/**
 * Returns the values of a formula over the inputs `names` at every row of `set`, under 'extended' semantics
 * (the paper's: ln 0 = −∞, exp(−∞) = 0, signed zeros choose the side of a cut), where the compiler's EML trees
 * are exact — the shortest x/y goes through ln(ln x), which is −∞ at x = 1 and still gives x/y there.
 */
export function evaluateRows(formula: Expr, names: readonly string[], set: RowSet): RowValues {
  const n = set.rows;
  const f = flatten(formula, names);
  const zeros = new Float64Array(n);
  const re = new Float64Array(n), im = new Float64Array(n);
  const undefinedCount = evaluateBatchInto(f, { re: set.inputs, im: set.inputs.map(() => zeros) }, n, re, im, createBatchWorkspace(f.count, n), 'extended');
  return { re, im, undefinedCount };
}

/** True when two formulas agree at every row (|a − b| ≤ 1e−9·(1 + |a|)); false where either is undefined. */
export function agreeOnRows(a: Expr, b: Expr, names: readonly string[], set: RowSet): boolean {
  const va = evaluateRows(a, names, set), vb = evaluateRows(b, names, set);
  for (let i = 0; i < set.rows; i++) {
    const ar = va.re[i]!, ai = va.im[i]!, br = vb.re[i]!, bi = vb.im[i]!;
    if (!(Number.isFinite(ar) && Number.isFinite(ai) && Number.isFinite(br) && Number.isFinite(bi))) return false;
    if (!(Math.hypot(ar - br, ai - bi) <= 1e-9 * (1 + Math.hypot(ar, ai)))) return false;
  }
  return true;
}

/** The least-squares map y ≈ a·t + b of a few kinds (a = 1 and/or b = 0 fixed, or both free). */
export type AffineKind = 'identity' | 'scale' | 'shift' | 'full';

/** Number of fitted constants of each affine kind. */
export const AFFINE_CONSTANTS: Readonly<Record<AffineKind, number>> = { identity: 0, scale: 1, shift: 1, full: 2 };

/** A fitted affine map and its sum of squared residuals over the rows. */
export interface AffineFit { readonly a: number; readonly b: number; readonly sse: number }

/**
 * Returns the least-squares a, b of y ≈ a·t + b (closed form; a = 1 for 'identity'/'shift', b = 0 for
 * 'identity'/'scale') and its residual sum of squares, where residuals are |a·t + b − y| with t complex
 * (its imaginary part counts in full); null when t is constant ('scale'/'full') or not finite.
 */
export function fitAffine(tRe: Float64Array, tIm: Float64Array, y: Float64Array, kind: AffineKind): AffineFit | null {
  const n = y.length;
  let st = 0, sy = 0, stt = 0, sty = 0, sii = 0;
  for (let i = 0; i < n; i++) {
    const t = tRe[i]!, v = y[i]!, u = tIm[i]!;
    if (!(Number.isFinite(t) && Number.isFinite(u))) return null;
    st += t; sy += v; stt += t * t; sty += t * v; sii += u * u;
  }
  let a = 1, b = 0;
  if (kind === 'scale') {
    const den = stt + sii;
    if (!(den > 0)) return null;
    a = sty / den;
  } else if (kind === 'shift') {
    b = (sy - st) / n;
  } else if (kind === 'full') {
    const mt = st / n, my = sy / n;
    const vt = stt / n - mt * mt + sii / n;
    if (!(vt > 1e-300) || !(vt > 1e-24 * (stt / n + sii / n))) return null;
    a = (sty / n - mt * my) / vt;
    b = my - a * mt;
  }
  if (!(Number.isFinite(a) && Number.isFinite(b))) return null;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = a * tRe[i]! + b - y[i]!, q = a * tIm[i]!;
    sse += r * r + q * q;
  }
  return { a, b, sse };
}

/** Returns the structure a·T + b for an affine kind, with the constants it introduces (placeholders from `first`). */
export function wrapAffine(t: Expr, kind: AffineKind, fit: AffineFit, first: number): { structure: Expr; constants: FittedConstant[] } {
  switch (kind) {
    case 'identity': return { structure: t, constants: [] };
    case 'scale': return { structure: apply('mul', placeholder(first), t), constants: [{ value: fit.a }] };
    case 'shift': return { structure: apply('add', t, placeholder(first)), constants: [{ value: fit.b }] };
    case 'full': return { structure: apply('add', apply('mul', placeholder(first), t), placeholder(first + 1)), constants: [{ value: fit.a }, { value: fit.b }] };
  }
}

/** Returns the EML size K of a model's tree (numeric leaves count one token each). */
export function modelK(m: Model): number {
  return size(emlWithNumericLeaves(numericFormula(m)));
}
