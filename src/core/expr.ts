// Expressions: one immutable tree type for pure EML trees and conventional formulas.
// Invariants: nodes are frozen and never mutated; a node may be shared by several parents (a DAG),
// but every metric (size K, depth, leaves) counts it with tree semantics, i.e. once per occurrence.
// Metrics and hashes are memoised per node object, so shared subtrees cost O(unique nodes); every walk here is
// iterative (foldTree.ts, explicit stacks), so trees of any depth are measured, compared and rewritten.

import { foldTree } from './foldTree';
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
  return pureMemo.get(t) ?? foldTree(t, pureMemo,
    (n) => (n.kind === 'num' ? n.value === 1 : n.kind === 'var'),
    (n, args) => n.op === 'eml' && args[0]! && args[1]!);
}

const sizeMemo = new WeakMap<Expr, number>();
const depthMemo = new WeakMap<Expr, number>();
const leafMemo = new WeakMap<Expr, number>();
const hashMemo = new WeakMap<Expr, number>();
const pureMemo = new WeakMap<Expr, boolean>();

const sum = (values: number[]): number => values.reduce((s, v) => s + v, 0);

/** Returns the size K: the number of RPN tokens (leaves + operator applications). */
export function size(t: Expr): number {
  return sizeMemo.get(t) ?? foldTree(t, sizeMemo, () => 1, (_, args) => 1 + sum(args));
}

/** Returns the depth: operator levels on the longest root-to-leaf path (a leaf has depth 0). */
export function depth(t: Expr): number {
  return depthMemo.get(t) ?? foldTree(t, depthMemo, () => 0, (_, args) => 1 + Math.max(...args));
}

/** Returns the number of leaves (counted with multiplicity). */
export function leafCount(t: Expr): number {
  return leafMemo.get(t) ?? foldTree(t, leafMemo, () => 1, (_, args) => sum(args));
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
  return hashMemo.get(t) ?? foldTree(t, hashMemo, (n) => {
    switch (n.kind) {
      case 'num': {
        const f = new Float64Array([n.value]);
        const u = new Uint32Array(f.buffer);
        return mix(mix(1, u[0]!), u[1]!);
      }
      case 'var': return mix(2, hashString(n.name));
      case 'const': return mix(3, hashString(n.name));
    }
  }, (n, args) => args.reduce((h, a) => mix(h, a), mix(4, opIndex(n.op))));
}

/** True when a and b are structurally equal (numbers compare by value, so 2 equals 2.0). */
export function equals(a: Expr, b: Expr): boolean {
  // pairs still to compare, flattened [a0, b0, a1, b1, ...]; a pair of one object twice is equal at once
  const pending: Expr[] = [a, b];
  while (pending.length > 0) {
    const y = pending.pop()!, x = pending.pop()!;
    if (x === y) continue;
    if (x.kind !== y.kind || hash(x) !== hash(y)) return false;
    switch (x.kind) {
      case 'num': if (x.value !== (y as NumNode).value) return false; break;
      case 'var': if (x.name !== (y as VarNode).name) return false; break;
      case 'const': if (x.name !== (y as ConstNode).name) return false; break;
      case 'op': {
        const o = y as OpNode;
        if (x.op !== o.op || x.args.length !== o.args.length) return false;
        for (let k = x.args.length - 1; k >= 0; k--) pending.push(x.args[k]!, o.args[k]!);
      }
    }
  }
  return true;
}

/** Returns t with every variable named in `bindings` replaced by its expression (shared, not copied). */
export function substitute(t: Expr, bindings: ReadonlyMap<string, Expr> | Record<string, Expr>): Expr {
  const map = bindings instanceof Map ? bindings : new Map(Object.entries(bindings));
  return foldTree<Expr>(t, new Map(), (n) => (n.kind === 'var' ? map.get(n.name) ?? n : n),
    (n, args) => (args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args)));
}
