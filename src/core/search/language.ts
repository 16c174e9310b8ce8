// The enumeration language: leaves (constants and variables, valued at the probe points), unary and binary
// operators (builtin ones from the ops table, EML, or user formulas over the parameters a, b). Each costs one
// RPN token, so K = leaves + operator applications (section 0 of the reference).
// Names are matched case-sensitively against the infix names and aliases, then the Mathematica heads.

import { evaluate } from '../evaluate';
import { type Expr, ONE, apply, eml, substitute, variable, variables } from '../expr';
import { type OpName, functionByInfixName, opInfo, opsByMathematicaHead } from '../ops';
import { parseInfix } from '../syntax/parseInfix';
import { type ProbeSet, showProbeValue } from './probes';

/** A leaf of the language with its value at every probe point. */
export interface Leaf {
  /** The spelling the user gave (1, x, pi, 2). */
  readonly name: string;
  readonly expr: Expr;
  /** 2·P numbers: (re, im) at each probe point. */
  readonly values: Float64Array;
  /** Bit i set when the leaf depends on probes.variables[i]. */
  readonly deps: number;
}

/** An operator of the language: one RPN token applied to one or two subtrees. */
export interface Operator {
  /** Its name in outputs (EML, exp, Plus, or the user's name). */
  readonly name: string;
  readonly arity: 1 | 2;
  /** Its meaning: a formula over the parameter a (unary) or a, b (binary). */
  readonly formula: Expr;
  /** f(a, b) = f(b, a): the enumerator builds only one of the two orders. */
  readonly commutative: boolean;
  /** The builtin operator it is, if any (reconstructed trees then use it; otherwise they inline the formula). */
  readonly op?: OpName;
}

/** Leaves and operators over one probe set. */
export interface SearchLanguage {
  readonly probes: ProbeSet;
  readonly leaves: readonly Leaf[];
  readonly unary: readonly Operator[];
  readonly binary: readonly Operator[];
}

const A = variable('a');
const B = variable('b');

/** The EML operator eml(a, b) = exp(a) − ln(b). */
export const EML_OPERATOR: Operator = Object.freeze({ name: 'EML', arity: 2, formula: eml(A, B), commutative: false, op: 'eml' as OpName });

/** Returns the builtin operator called `name` (infix name, alias or Mathematica head; Minus, Half, Inv, Sqr too). */
export function builtinOperator(name: string, arity?: 1 | 2): Operator {
  const trimmed = name.trim();
  if (trimmed === 'EML' || trimmed === 'eml') return EML_OPERATOR;
  const candidates: OpName[] = [];
  const infix = functionByInfixName(trimmed);
  if (infix) candidates.push(infix);
  for (const o of opsByMathematicaHead(trimmed) ?? []) if (!candidates.includes(o)) candidates.push(o);
  const byName = INFIX_OPERATOR_NAMES[trimmed];
  if (byName && !candidates.includes(byName)) candidates.push(byName);
  const fitting = candidates.filter((o) => arity === undefined || opInfo(o).arity === arity);
  if (fitting.length === 0) {
    const what = arity === undefined ? 'operator' : arity === 1 ? 'unary operator' : 'binary operator';
    throw new Error(`unknown ${what} '${trimmed}' (use a name such as exp, ln, sqrt, Plus, Times, EML, or NAME=formula in a, b)`);
  }
  const op = fitting[0]!;
  const info = opInfo(op);
  const formula = info.arity === 1 ? apply(op, A) : apply(op, A, B);
  return Object.freeze({ name: trimmed, arity: info.arity, formula, commutative: info.commutative, op });
}

/** Names of the infix-symbol operators, so that add, sub, mul … and Minus/Half/Inv/Sqr resolve too. */
const INFIX_OPERATOR_NAMES: Readonly<Record<string, OpName>> = {
  add: 'add', sub: 'sub', mul: 'mul', div: 'div', pow: 'pow', neg: 'neg',
  plus: 'add', minus: 'neg', times: 'mul', divide: 'div', power: 'pow', subtract: 'sub',
};

/**
 * Returns the operator defined by `NAME=formula` (or a bare formula, then named by itself) over the
 * parameters a (unary) or a, b (binary); a builtin name is accepted too.
 */
export function parseOperator(text: string, arity: 1 | 2): Operator {
  const src = text.trim();
  if (src === '') throw new Error(`empty ${arity === 1 ? 'unary' : 'binary'} operator`);
  const eq = src.indexOf('=');
  if (eq < 0 && /^[A-Za-z][A-Za-z0-9_]*$/.test(src)) return builtinOperator(src, arity);
  const name = eq < 0 ? src : src.slice(0, eq).trim();
  const body = eq < 0 ? src : src.slice(eq + 1).trim();
  if (name === '' || body === '') throw new Error(`operator definition '${src}' should look like NAME=formula`);
  let formula: Expr;
  try {
    formula = parseInfix(body);
  } catch (e) {
    throw new Error(`operator '${name}': ${(e as Error).message}`);
  }
  const params = arity === 1 ? ['a'] : ['a', 'b'];
  const extra = variables(formula).filter((v) => !params.includes(v));
  if (extra.length) throw new Error(`operator '${name}' uses ${extra.map((v) => `'${v}'`).join(', ')}; a ${arity === 1 ? 'unary operator may use only a' : 'binary operator may use only a and b'}`);
  return Object.freeze({ name, arity, formula, commutative: false });
}

/** Returns the leaf written as a formula (1, x, pi, 2, sqrt(2)), valued at the probe points. */
export function parseLeaf(text: string, probes: ProbeSet): Leaf {
  const name = text.trim();
  let expr: Expr;
  try {
    expr = parseInfix(name);
  } catch (e) {
    throw new Error(`leaf '${name}': ${(e as Error).message}`);
  }
  const vars = variables(expr);
  const unknown = vars.filter((v) => !probes.variables.includes(v));
  if (unknown.length) {
    throw new Error(`leaf '${name}' uses the variable ${unknown.join(', ')}, which is not among the target's variables (${probes.variables.join(', ') || 'none'})`);
  }
  const values = new Float64Array(2 * probes.points.length);
  probes.points.forEach((pt, p) => {
    const v = evaluate(expr, pt);
    if (!v.defined) throw new Error(`leaf '${name}' is not a finite number at the probe point ${Object.entries(pt).map(([k, x]) => `${k} = ${showProbeValue(x)}`).join(', ')}`);
    values[2 * p] = v.re;
    values[2 * p + 1] = v.im;
  });
  let deps = 0;
  probes.variables.forEach((v, i) => { if (vars.includes(v)) deps |= 1 << i; });
  return { name, expr: expr.kind === 'num' && expr.value === 1 ? ONE : expr, values, deps };
}

/** Returns the pure-EML language over the given leaves (default 1 and every probe variable). */
export function pureEmlLanguage(probes: ProbeSet, leafNames: readonly string[] = ['1', ...probes.variables]): SearchLanguage {
  return buildLanguage(pureEmlSpec(probes, leafNames));
}

/** Returns the expression of operator `o` applied to args (the builtin node, or the formula with a, b substituted). */
export function applyOperator(o: Operator, args: readonly Expr[]): Expr {
  if (o.op) return apply(o.op, ...args);
  return substitute(o.formula, o.arity === 1 ? { a: args[0]! } : { a: args[0]!, b: args[1]! });
}

export { A as PARAM_A, B as PARAM_B };

/** A language as plain data (it crosses thread boundaries): leaves and operator definitions as text. */
export interface LanguageSpec {
  readonly probes: ProbeSet;
  readonly leaves: readonly string[];
  /** Unary operators: builtin names or NAME=formula in a. */
  readonly unary: readonly string[];
  /** Binary operators: builtin names (EML, Plus …) or NAME=formula in a, b. */
  readonly binary: readonly string[];
}

/** Returns the language a spec describes (throws a clear error for an unknown name or a bad formula). */
export function buildLanguage(spec: LanguageSpec): SearchLanguage {
  if (spec.leaves.length === 0) throw new Error('the language needs at least one leaf');
  if (spec.unary.length + spec.binary.length === 0) throw new Error('the language needs at least one operator');
  const leaves = spec.leaves.map((n) => parseLeaf(n, spec.probes));
  const names = new Set<string>();
  for (const l of leaves) {
    if (names.has(l.name)) throw new Error(`leaf '${l.name}' is given twice`);
    names.add(l.name);
  }
  if (leaves.length > 1 << 12 || spec.unary.length + spec.binary.length > 1 << 12) throw new Error('the language is too large (at most 4096 leaves and 4096 operators)');
  const unary = spec.unary.map((u) => parseOperator(u, 1));
  const binary = spec.binary.map((b) => parseOperator(b, 2));
  const opNames = new Set<string>();
  for (const o of [...unary, ...binary]) {
    const key = `${o.arity}:${o.name}`;
    if (opNames.has(key)) throw new Error(`operator '${o.name}' is given twice`);
    opNames.add(key);
  }
  return { probes: spec.probes, leaves, unary, binary };
}

/** Returns the spec of the pure-EML language over the given leaves. */
export function pureEmlSpec(probes: ProbeSet, leafNames: readonly string[] = ['1', ...probes.variables]): LanguageSpec {
  return { probes, leaves: leafNames.slice(), unary: [], binary: ['EML'] };
}
