// Lowering a snapped EML tree to conventional notation: subtrees equal to a compiled primitive are
// rewritten back to that primitive (the compiler's table read backwards: ln a = eml(1, eml(eml(1, a), 1)),
// a − b = eml(ln a, exp b) …), every other node becomes exp(a) − ln(b), then a few named algebraic
// simplifications run to a fixpoint. Each stage is checked numerically against the EML tree at sample
// points under every semantics (ieee, extended, strict); a stage that changes a value there is dropped, down
// to the tree itself, so the printed formula is never wrong on the data.

import { compileToEml } from '../compile';
import { PRIMITIVE_FORMULAS } from '../compile/primitives';
import { evaluate } from '../evaluate';
import { createBatchWorkspace, evaluateBatchInto } from '../evaluateBatch';
import { type Expr, ONE, apply, constant, equals, num, size } from '../expr';
import { flatten } from '../flat';
import type { OpName } from '../ops';
import { SEMANTICS, type Semantics } from '../semantics';
import { parseInfix } from '../syntax';

interface Pattern { readonly op: OpName | 'const'; readonly value?: Expr; readonly tree: Expr; readonly arity: number }

/** Primitives whose compiled tree becomes a pattern (unary/binary ops over x, y, and small constants). */
const LIFTED: ReadonlyArray<[string, OpName | 'const']> = [
  ['exp', 'exp'], ['ln', 'ln'], ['sub', 'sub'], ['neg', 'neg'], ['inv', 'inv'], ['add', 'add'], ['mul', 'mul'], ['div', 'div'],
  ['sqr', 'sqr'], ['sqrt', 'sqrt'], ['half', 'half'], ['pow', 'pow'], ['log_base', 'log'],
  ['e', 'const'], ['0', 'const'], ['-1', 'const'], ['2', 'const'],
];

let patternCache: Pattern[] | undefined;

/** Returns the patterns, largest first (compiled once, in both compile modes). */
function patterns(): Pattern[] {
  if (patternCache) return patternCache;
  const out: Pattern[] = [];
  for (const [name, op] of LIFTED) {
    const formula = PRIMITIVE_FORMULAS[name];
    if (!formula) continue;
    const parsed = parseInfix(formula);
    for (const mode of ['paper', 'ieee-safe'] as const) {
      const tree = compileToEml(parsed, { mode, prefer: 'shortest' }).eml;
      if (out.some((p) => equals(p.tree, tree))) continue;
      const arity = op === 'const' ? 0 : name === 'exp' || name === 'ln' || name === 'neg' || name === 'inv' || name === 'sqr' || name === 'sqrt' || name === 'half' ? 1 : 2;
      out.push({ op, value: op === 'const' ? liftConstant(name) : undefined, tree, arity });
    }
  }
  out.sort((a, b) => size(b.tree) - size(a.tree));
  return (patternCache = out);
}

function liftConstant(name: string): Expr {
  switch (name) {
    case 'e': return constant('e');
    case '0': return num(0);
    case '-1': return apply('neg', ONE);
    default: return num(Number(name));
  }
}

/** Matches `t` against a pattern over the placeholders x, y; returns the bindings or undefined. */
function match(pattern: Expr, t: Expr, b: Map<string, Expr>): boolean {
  if (pattern.kind === 'var') {
    const bound = b.get(pattern.name);
    if (bound) return equals(bound, t);
    b.set(pattern.name, t);
    return true;
  }
  if (pattern.kind === 'num') return t.kind === 'num' && t.value === pattern.value;
  if (pattern.kind !== 'op' || t.kind !== 'op' || pattern.op !== t.op) return false;
  return match(pattern.args[0]!, t.args[0]!, b) && match(pattern.args[1]!, t.args[1]!, b);
}

/** Returns the tree with primitive-shaped subtrees lifted (largest pattern first, top-down). */
export function liftPrimitives(t: Expr, usePatterns = true): Expr {
  if (t.kind !== 'op' || t.op !== 'eml') return t;
  if (usePatterns) {
    for (const p of patterns()) {
      const b = new Map<string, Expr>();
      if (!match(p.tree, t, b)) continue;
      if (p.op === 'const') return p.value!;
      const a = liftPrimitives(b.get('x')!, usePatterns);
      return p.arity === 1 ? apply(p.op, a) : apply(p.op, a, liftPrimitives(b.get('y')!, usePatterns));
    }
  }
  return apply('sub', apply('exp', liftPrimitives(t.args[0]!, usePatterns)), apply('ln', liftPrimitives(t.args[1]!, usePatterns)));
}

const isNum = (t: Expr, v: number): boolean => t.kind === 'num' && t.value === v;
/** The value of a numeric literal: a number or −number, else undefined. */
const literal = (t: Expr): number | undefined =>
  t.kind === 'num' ? t.value : t.kind === 'op' && t.op === 'neg' && t.args[0]!.kind === 'num' ? -t.args[0]!.value : undefined;

/**
 * Folds an operation on numeric literals into one literal when that is exact or adds nothing exact: when some
 * argument is not an integer (a fitted constant: ln(0.5) → −0.6931…), or the result is an integer (1 − 1 → 0).
 * exp(2) stays exp(2). Named constants (e, pi) are never folded.
 */
function foldNumbers(n: Extract<Expr, { kind: 'op' }>): Expr | undefined {
  if (n.op === 'neg' && n.args[0]!.kind === 'num') return undefined; // already the literal −c
  const values = n.args.map(literal);
  if (values.some((v) => v === undefined)) return undefined;
  const v = evaluate(n);
  if (!(v.im === 0 && Number.isFinite(v.re))) return undefined;
  if (!(values.some((a) => !Number.isInteger(a)) || Number.isInteger(v.re))) return undefined;
  return v.re < 0 ? apply('neg', num(-v.re)) : num(Object.is(v.re, -0) ? 0 : v.re);
}
const isOp = (t: Expr, op: OpName): t is Extract<Expr, { kind: 'op' }> => t.kind === 'op' && t.op === op;
const E = constant('e');

/** One named simplification: returns the rewritten node or undefined. */
interface Simplification { readonly name: string; readonly apply: (n: Extract<Expr, { kind: 'op' }>) => Expr | undefined }

/** The simplifications, tried in order at every node (each one an identity where the logarithms stay on their principal branch). */
export const SIMPLIFICATIONS: readonly Simplification[] = [
  { name: 'exp-one', apply: (n) => (n.op === 'exp' && isNum(n.args[0]!, 1) ? E : undefined) },
  { name: 'ln-one', apply: (n) => (n.op === 'ln' && isNum(n.args[0]!, 1) ? num(0) : undefined) },
  { name: 'ln-e', apply: (n) => (n.op === 'ln' && equals(n.args[0]!, E) ? ONE : undefined) },
  { name: 'ln-exp', apply: (n) => (n.op === 'ln' && isOp(n.args[0]!, 'exp') ? n.args[0].args[0]! : undefined) },
  { name: 'exp-ln', apply: (n) => (n.op === 'exp' && isOp(n.args[0]!, 'ln') ? n.args[0].args[0]! : undefined) },
  { name: 'minus-zero', apply: (n) => (n.op === 'sub' && isNum(n.args[1]!, 0) ? n.args[0]! : undefined) },
  { name: 'zero-minus', apply: (n) => (n.op === 'sub' && isNum(n.args[0]!, 0) ? apply('neg', n.args[1]!) : undefined) },
  { name: 'plus-zero', apply: (n) => (n.op === 'add' && isNum(n.args[1]!, 0) ? n.args[0]! : n.op === 'add' && isNum(n.args[0]!, 0) ? n.args[1]! : undefined) },
  { name: 'fold-numbers', apply: foldNumbers },
  { name: 'plus-neg', apply: (n) => (n.op === 'add' && isOp(n.args[1]!, 'neg') ? apply('sub', n.args[0]!, n.args[1].args[0]!) : undefined) },
  { name: 'neg-neg', apply: (n) => (n.op === 'neg' && isOp(n.args[0]!, 'neg') ? n.args[0].args[0]! : undefined) },
  { name: 'minus-neg', apply: (n) => (n.op === 'sub' && isOp(n.args[1]!, 'neg') ? apply('add', n.args[0]!, n.args[1].args[0]!) : undefined) },
  { name: 'minus-difference', apply: (n) => (n.op === 'sub' && isOp(n.args[1]!, 'sub') ? apply('add', apply('sub', n.args[0]!, n.args[1].args[0]!), n.args[1].args[1]!) : undefined) },
  {
    name: 'exp-of-difference-with-ln',
    apply: (n) => {
      if (n.op !== 'exp' || !isOp(n.args[0]!, 'sub')) return undefined;
      const [a, b] = n.args[0].args as [Expr, Expr];
      if (isOp(b, 'ln') && isOp(a, 'ln')) return apply('div', a.args[0]!, b.args[0]!);
      if (isOp(b, 'ln')) return apply('div', apply('exp', a), b.args[0]!);
      if (isOp(a, 'ln')) return apply('div', a.args[0]!, apply('exp', b));
      return undefined;
    },
  },
  { name: 'divide-by-quotient', apply: (n) => (n.op === 'div' && isOp(n.args[1]!, 'div') ? apply('div', apply('mul', n.args[0]!, n.args[1].args[1]!), n.args[1].args[0]!) : undefined) },
  {
    name: 'exp-of-sum-with-ln',
    apply: (n) => {
      if (n.op !== 'exp' || !isOp(n.args[0]!, 'add')) return undefined;
      const [a, b] = n.args[0].args as [Expr, Expr];
      if (isOp(b, 'ln')) return apply('mul', b.args[0]!, apply('exp', a));
      if (isOp(a, 'ln')) return apply('mul', a.args[0]!, apply('exp', b));
      return undefined;
    },
  },
];

/** Returns t after applying the simplifications bottom-up until nothing changes (bounded passes). */
export function simplify(t: Expr, rules: readonly Simplification[] = SIMPLIFICATIONS): Expr {
  const pass = (n: Expr): Expr => {
    if (n.kind !== 'op') return n;
    const args = n.args.map(pass);
    let cur: Expr = args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args);
    for (let guard = 0; guard < 32 && cur.kind === 'op'; guard++) {
      const op = cur;
      const r = rules.map((s) => s.apply(op)).find((x) => x !== undefined);
      if (!r) break;
      cur = pass(r);
    }
    return cur;
  };
  let cur = t;
  for (let k = 0; k < 8; k++) {
    const next = pass(cur);
    if (equals(next, cur)) break;
    cur = next;
  }
  return cur;
}

/** Values of a tree at the sample points under one semantics. */
interface Values { readonly re: Float64Array; readonly im: Float64Array }

function valuesAt(t: Expr, varNames: readonly string[], inputs: readonly Float64Array[], semantics: Semantics): Values {
  const n = inputs[0]?.length ?? 0;
  const f = flatten(t, varNames);
  const re = new Float64Array(n), im = new Float64Array(n), zeros = new Float64Array(n);
  evaluateBatchInto(f, { re: inputs, im: inputs.map(() => zeros) }, n, re, im, createBatchWorkspace(f.count, Math.max(1, n)), semantics);
  return { re, im };
}

/**
 * True when two values are the same: both components finite and within 1e−9 relative (|a − b| ≤ 1e−9·(1 + |a|)),
 * or, where some component is not finite, each component equal or NaN in both.
 */
function sameValue(ar: number, ai: number, br: number, bi: number): boolean {
  if (Number.isFinite(ar) && Number.isFinite(ai) && Number.isFinite(br) && Number.isFinite(bi)) {
    return Math.hypot(ar - br, ai - bi) <= 1e-9 * (1 + Math.hypot(ar, ai));
  }
  const same = (u: number, v: number) => u === v || (u !== u && v !== v);
  return same(ar, br) && same(ai, bi);
}

function agreeValues(a: Values, b: Values): boolean {
  for (let i = 0; i < a.re.length; i++) if (!sameValue(a.re[i]!, a.im[i]!, b.re[i]!, b.im[i]!)) return false;
  return true;
}

/** True when a and b give the same value (sameValue) at every sample point under each of the semantics (default: all three). */
export function agreeAt(
  a: Expr, b: Expr, varNames: readonly string[], inputs: readonly Float64Array[], semantics: readonly Semantics[] = SEMANTICS,
): boolean {
  if ((inputs[0]?.length ?? 0) === 0) return true;
  return semantics.every((s) => agreeValues(valuesAt(a, varNames, inputs, s), valuesAt(b, varNames, inputs, s)));
}

/** A lowered formula and which stages were kept (neither: the formula is the EML tree itself). */
export interface Lowered { formula: Expr; lifted: boolean; simplified: boolean }

/**
 * Returns the conventional form of an EML tree (leaves 1, variables and numeric constants): the first of
 * primitives lifted and simplified, lifted, literal exp(a) − ln(b) simplified, literal, that gives the tree's
 * value at every sample point under every semantics (inputs: one plane per variable); the tree itself when
 * none does. So the formula is never wrong on the data.
 */
export function lowerEml(tree: Expr, varNames: readonly string[], inputs: readonly Float64Array[]): Lowered {
  const reference = SEMANTICS.map((s) => valuesAt(tree, varNames, inputs, s));
  const agrees = (f: Expr) => (inputs[0]?.length ?? 0) === 0 || SEMANTICS.every((s, k) => agreeValues(reference[k]!, valuesAt(f, varNames, inputs, s)));
  const lifted = liftPrimitives(tree, true), literal = liftPrimitives(tree, false);
  const stages: Lowered[] = [
    { formula: simplify(lifted), lifted: true, simplified: true },
    { formula: lifted, lifted: true, simplified: false },
    { formula: simplify(literal), lifted: false, simplified: true },
    { formula: literal, lifted: false, simplified: false },
  ];
  return stages.find((s) => agrees(s.formula)) ?? { formula: tree, lifted: false, simplified: false };
}
