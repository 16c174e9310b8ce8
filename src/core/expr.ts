// Expressions: one immutable tree type for pure EML trees and conventional formulas.
// Invariants: nodes are frozen and never mutated; a node may be shared by several parents (a DAG),
// but every metric (size K, depth, leaves) counts it with tree semantics, i.e. once per occurrence.
// Metrics and hashes are memoised per node object, so shared subtrees cost O(unique nodes).

import { type ConstName, type OpName, opIndex, opInfo } from './ops';

/** A non-negative numeric literal; `text` keeps its spelling ("0.5", "2"). Negative numbers are neg(num). */
export interface NumNode { readonly kind: 'num'; readonly value: number; readonly text: string }
/** A free variable (x, y, ...). */
export interface VarNode { readonly kind: 'var'; readonly name: string }
/** A named constant (e, pi, i, phi). */
export interface ConstNode { readonly kind: 'const'; readonly name: ConstName }
/** An operator applied to its arguments; `eml` is the operator of pure EML trees. */
export interface OpNode { readonly kind: 'op'; readonly op: OpName; readonly args: readonly Expr[] }

export type Expr = NumNode | VarNode | ConstNode | OpNode;

/** Returns a numeric literal node (value ≥ 0, finite). */
export function num(value: number | string): NumNode {
  const text = typeof value === 'string' ? value : formatNumber(value);
  const v = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(v) || v < 0) throw new Error(`expr: a numeric literal must be finite and non-negative, got ${text}`);
  return Object.freeze({ kind: 'num', value: v, text });
}

/** Returns the canonical spelling of a non-negative number (shortest round-trip form). */
export function formatNumber(v: number): string {
  return Object.is(v, -0) ? '0' : String(v);
}

/** The leaf 1 of pure EML trees. */
export const ONE: NumNode = num(1);

/** Returns a variable node. */
export function variable(name: string): VarNode {
  return Object.freeze({ kind: 'var', name });
}

/** Returns a named-constant node. */
export function constant(name: ConstName): ConstNode {
  return Object.freeze({ kind: 'const', name });
}

/** Returns an operator node; throws if the number of arguments does not match the operator's arity. */
export function apply(op: OpName, ...args: Expr[]): OpNode {
  const info = opInfo(op);
  if (args.length !== info.arity) throw new Error(`expr: ${op} takes ${info.arity} argument(s), got ${args.length}`);
  return Object.freeze({ kind: 'op', op, args: Object.freeze(args.slice()) });
}

/** Returns the EML node eml(a, b) = exp(a) − ln(b). */
export function eml(a: Expr, b: Expr): OpNode {
  return apply('eml', a, b);
}

/** True for leaves (numbers, variables, constants). */
export function isLeaf(t: Expr): t is NumNode | VarNode | ConstNode {
  return t.kind !== 'op';
}

/** True when t is a pure EML tree: only eml nodes, leaves 1 or variables. */
export function isPureEml(t: Expr): boolean {
  return memo(pureMemo, t, (n) => {
    if (n.kind === 'num') return n.value === 1;
    if (n.kind === 'var') return true;
    if (n.kind === 'const') return false;
    return n.op === 'eml' && isPureEml(n.args[0]!) && isPureEml(n.args[1]!);
  });
}

const sizeMemo = new WeakMap<Expr, number>();
const depthMemo = new WeakMap<Expr, number>();
const leafMemo = new WeakMap<Expr, number>();
const hashMemo = new WeakMap<Expr, number>();
const pureMemo = new WeakMap<Expr, boolean>();

function memo<T>(table: WeakMap<Expr, T>, t: Expr, f: (t: Expr) => T): T {
  const hit = table.get(t);
  if (hit !== undefined) return hit;
  const v = f(t);
  table.set(t, v);
  return v;
}

/** Returns the size K: the number of RPN tokens (leaves + operator applications). */
export function size(t: Expr): number {
  return memo(sizeMemo, t, (n) => (n.kind === 'op' ? n.args.reduce((s, a) => s + size(a), 1) : 1));
}

/** Returns the depth: operator levels on the longest root-to-leaf path (a leaf has depth 0). */
export function depth(t: Expr): number {
  return memo(depthMemo, t, (n) => (n.kind === 'op' ? 1 + Math.max(...n.args.map(depth)) : 0));
}

/** Returns the number of leaves (counted with multiplicity). */
export function leafCount(t: Expr): number {
  return memo(leafMemo, t, (n) => (n.kind === 'op' ? n.args.reduce((s, a) => s + leafCount(a), 0) : 1));
}

/** Returns the sorted list of distinct variable names in t. */
export function variables(t: Expr): string[] {
  const seen = new Set<Expr>();
  const names = new Set<string>();
  const stack: Expr[] = [t];
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'var') names.add(n.name);
    else if (n.kind === 'op') stack.push(...n.args);
  }
  return [...names].sort();
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Returns a 32-bit structural hash: equal trees have equal hashes. */
export function hash(t: Expr): number {
  return memo(hashMemo, t, (n) => {
    switch (n.kind) {
      case 'num': {
        const f = new Float64Array([n.value]);
        const u = new Uint32Array(f.buffer);
        return mix(mix(1, u[0]!), u[1]!);
      }
      case 'var': return mix(2, hashString(n.name));
      case 'const': return mix(3, hashString(n.name));
      case 'op': return n.args.reduce((h, a) => mix(h, hash(a)), mix(4, opIndex(n.op)));
    }
  });
}

/** True when a and b are structurally equal (numbers compare by value, so 2 equals 2.0). */
export function equals(a: Expr, b: Expr): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || hash(a) !== hash(b)) return false;
  switch (a.kind) {
    case 'num': return a.value === (b as NumNode).value;
    case 'var': return a.name === (b as VarNode).name;
    case 'const': return a.name === (b as ConstNode).name;
    case 'op': {
      const o = b as OpNode;
      return a.op === o.op && a.args.length === o.args.length && a.args.every((x, i) => equals(x, o.args[i]!));
    }
  }
}

/** Returns t with every variable named in `bindings` replaced by its expression (shared, not copied). */
export function substitute(t: Expr, bindings: ReadonlyMap<string, Expr> | Record<string, Expr>): Expr {
  const map = bindings instanceof Map ? bindings : new Map(Object.entries(bindings));
  const done = new Map<Expr, Expr>();
  const go = (n: Expr): Expr => {
    const hit = done.get(n);
    if (hit) return hit;
    let out: Expr;
    if (n.kind === 'var') out = map.get(n.name) ?? n;
    else if (n.kind === 'op') {
      const args = n.args.map(go);
      out = args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args);
    } else out = n;
    done.set(n, out);
    return out;
  };
  return go(t);
}
