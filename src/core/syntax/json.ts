// The JSON form of expressions: { "num": "0.5" }, { "var": "x" }, { "const": "pi" },
// { "op": "eml", "args": [ ... ] }. exprFromJson validates every field and reports the JSON path of
// the first problem ($.args[1].op: unknown operator 'foo'); both directions are iterative and DAG-aware.

import { type ConstName, type OpName, CONSTS, OPS, opInfo } from '../ops';
import { type Expr, apply, constant, num, variable } from '../expr';
import { ParseError } from './parseError';
import { emit, type Piece } from './emit';
import { isIdentifier, isNumberLiteral, numberText } from './lexer';

/** The JSON shape of an expression node. */
export type ExprJson =
  | { readonly num: string }
  | { readonly var: string }
  | { readonly const: ConstName }
  | { readonly op: OpName; readonly args: readonly ExprJson[] };

/** Returns the JSON value of t (shared subtrees become shared JSON objects; stringify prints them per use). */
export function exprToJson(t: Expr): ExprJson {
  const done = new Map<Expr, ExprJson>();
  const stack: Expr[] = [t];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (done.has(n)) {
      stack.pop();
      continue;
    }
    if (n.kind !== 'op') {
      stack.pop();
      done.set(n, n.kind === 'num' ? { num: numberText(n) } : n.kind === 'var' ? { var: n.name } : { const: n.name });
      continue;
    }
    const pending = n.args.filter((a) => !done.has(a));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    stack.pop();
    done.set(n, { op: n.op, args: n.args.map((a) => done.get(a)!) });
  }
  return done.get(t)!;
}

/** Returns the text of JSON.stringify(exprToJson(t)), written iteratively so that any depth prints. */
export function printJson(t: Expr): string {
  return emit(t, (n) => {
    switch (n.kind) {
      case 'num': return [`{"num":${JSON.stringify(numberText(n))}}`];
      case 'var': return [`{"var":${JSON.stringify(n.name)}}`];
      case 'const': return [`{"const":${JSON.stringify(n.name)}}`];
      case 'op': {
        const pieces: Piece[] = [`{"op":${JSON.stringify(n.op)},"args":[`];
        n.args.forEach((a, k) => {
          if (k > 0) pieces.push(',');
          pieces.push(a);
        });
        pieces.push(']}');
        return pieces;
      }
    }
  });
}

const OP_NAMES: ReadonlySet<string> = new Set(OPS.map((o) => o.name));
const CONST_NAMES: ReadonlySet<string> = new Set(Object.keys(CONSTS));
const LEAF_KEYS = ['num', 'var', 'const'] as const;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

interface Frame {
  readonly value: Record<string, unknown>;
  /** Path segment from the parent ('' for the root, '.args[1]' otherwise). */
  readonly segment: string;
  readonly op: OpName;
  readonly args: readonly unknown[];
  readonly built: Expr[];
}

/** Returns the expression of a JSON value in the ExprJson shape; throws ParseError (syntax 'json') naming the path of any problem. */
export function exprFromJson(value: unknown): Expr {
  const done = new Map<object, Expr>();
  const stack: Frame[] = [];
  const onPath = new Set<object>();
  const pathOf = (segment: string) => `$${stack.map((f) => f.segment).join('')}${segment}`;

  // Validates one value: returns its Expr, or pushes a frame for an op node whose arguments are pending.
  const visit = (v: unknown, segment: string): Expr | undefined => {
    const fail = (sub: string, problem: string, found = '') => ParseError.json(pathOf(segment + sub), problem, found);
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      throw fail('', `expected an object with a num, var, const or op key, found ${describe(v)}`, describe(v));
    }
    const hit = done.get(v);
    if (hit) return hit;
    if (onPath.has(v)) throw fail('', 'the tree contains a cycle');
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    const kind = [...LEAF_KEYS, 'op'].filter((k) => k in o);
    if (kind.length !== 1) {
      throw fail('', kind.length === 0 ? 'expected an object with a num, var, const or op key, found none'
        : `expected exactly one of the keys num, var, const, op, found ${kind.join(', ')}`);
    }
    const key = kind[0]!;
    const allowed = key === 'op' ? ['op', 'args'] : [key];
    const extra = keys.find((k) => !allowed.includes(k));
    if (extra !== undefined) throw fail('', `unexpected key '${extra}'`, `'${extra}'`);
    const field = o[key];
    let out: Expr;
    switch (key) {
      case 'num': {
        const ok = typeof field === 'string' ? isNumberLiteral(field) && Number.isFinite(Number(field))
          : typeof field === 'number' && Number.isFinite(field) && field >= 0;
        if (!ok) throw fail('.num', `expected a non-negative decimal number, found ${describe(field)}`, describe(field));
        out = num(field as string | number);
        break;
      }
      case 'var':
        if (typeof field !== 'string' || !isIdentifier(field)) {
          throw fail('.var', `expected a variable name (letters, digits, _), found ${describe(field)}`, describe(field));
        }
        out = variable(field);
        break;
      case 'const':
        if (typeof field !== 'string' || !CONST_NAMES.has(field)) throw fail('.const', `unknown constant ${describe(field)}`, describe(field));
        out = constant(field as ConstName);
        break;
      default: {
        if (typeof field !== 'string' || !OP_NAMES.has(field)) throw fail('.op', `unknown operator ${describe(field)}`, describe(field));
        const op = field as OpName;
        const args = o.args;
        if (!Array.isArray(args)) throw fail('.args', `expected an array of arguments, found ${args === undefined ? 'none' : describe(args)}`);
        const arity = opInfo(op).arity;
        if (args.length !== arity) throw fail('.args', `${op} takes ${arity} argument${arity === 1 ? '' : 's'}, got ${args.length}`);
        onPath.add(v);
        stack.push({ value: o, segment, op, args, built: [] });
        return undefined;
      }
    }
    done.set(v, out);
    return out;
  };

  const root = visit(value, '');
  if (root) return root;
  for (;;) {
    const top = stack[stack.length - 1]!;
    if (top.built.length < top.args.length) {
      const k = top.built.length;
      const child = visit(top.args[k], `.args[${k}]`);
      if (child) top.built.push(child);
      continue;
    }
    stack.pop();
    onPath.delete(top.value);
    const e = apply(top.op, ...top.built);
    done.set(top.value, e);
    const parent = stack[stack.length - 1];
    if (!parent) return e;
    parent.built.push(e);
  }
}
