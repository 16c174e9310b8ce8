// Lowering a snapped EML tree to conventional notation: subtrees equal to a compiled primitive are
// rewritten back to that primitive (the compiler's table read backwards: ln a = eml(1, eml(eml(1, a), 1)),
// a − b = eml(ln a, exp b) …), every other node becomes exp(a) − ln(b), then a few named algebraic
// simplifications run to a fixpoint. Each stage is checked numerically against the EML tree at sample
// points; a stage that changes a value there is dropped, so the printed formula is never wrong on the data.

import { compileToEml } from '../compile';
import { PRIMITIVE_FORMULAS } from '../compile/primitives';
import { createBatchWorkspace, evaluateBatchInto } from '../evaluateBatch';
import { type Expr, ONE, apply, constant, equals, num, size } from '../expr';
import { flatten } from '../flat';
import type { OpName } from '../ops';
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

/** True when a and b agree (relative 1e−9, NaN where both are NaN) at every sample point. */
export function agreeAt(a: Expr, b: Expr, varNames: readonly string[], inputs: readonly Float64Array[]): boolean {
  const n = inputs[0]?.length ?? 0;
  if (n === 0) return true;
  const zeros = new Float64Array(n);
  const values = (t: Expr) => {
    const f = flatten(t, varNames);
    const re = new Float64Array(n), im = new Float64Array(n);
    evaluateBatchInto(f, { re: inputs, im: inputs.map(() => zeros) }, n, re, im, createBatchWorkspace(f.count, n), 'ieee');
    return { re, im };
  };
  const va = values(a), vb = values(b);
  for (let i = 0; i < n; i++) {
    const dr = va.re[i]! - vb.re[i]!, di = va.im[i]! - vb.im[i]!;
    const scale = 1 + Math.hypot(va.re[i]!, va.im[i]!);
    const same = Math.hypot(dr, di) <= 1e-9 * scale
      || (Number.isNaN(va.re[i]!) && Number.isNaN(vb.re[i]!))
      || (va.re[i] === vb.re[i] && va.im[i] === vb.im[i]);
    if (!same) return false;
  }
  return true;
}

/** A lowered formula and which stages were kept. */
export interface Lowered { formula: Expr; lifted: boolean; simplified: boolean }

/**
 * Returns the conventional form of a pure EML tree: primitives lifted and simplified where that keeps
 * every value at the sample points (inputs: one plane per variable), else the literal exp(a) − ln(b) form.
 */
export function lowerEml(tree: Expr, varNames: readonly string[], inputs: readonly Float64Array[]): Lowered {
  const literal = liftPrimitives(tree, false);
  const lifted = liftPrimitives(tree, true);
  const liftOk = agreeAt(tree, lifted, varNames, inputs);
  const base = liftOk ? lifted : literal;
  const simple = simplify(base);
  if (agreeAt(tree, simple, varNames, inputs)) return { formula: simple, lifted: liftOk, simplified: true };
  return { formula: base, lifted: liftOk, simplified: false };
}
