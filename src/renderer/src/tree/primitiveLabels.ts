// Names the subtrees of an EML tree by the calculator primitive they equal: a subtree equals primitive p
// when it matches p's compiled EML form with p's variables as holes (each hole bound to one subtree, the same
// subtree at every occurrence). Works on TreeDags; structural equality is decided by hash-consing every
// subtree to a canonical id, so each (pattern node, tree node) pair is compared at most once.

import type { DagNode, PrimitivePattern, TreeDag } from '../../../shared/compile';

/** The primitive a subtree equals, a short text for it ("sin(x)", "ln(·)", "π"), and the nodes bound to its variables. */
export interface PrimitiveLabel {
  readonly primitive: string;
  readonly text: string;
  /**
   * The whole formula the subtree equals, nested names spelled out ("sub(x, div(⟨K 9⟩, 2))"); ⟨K n⟩ stands for
   * an unnamed subtree of size n. Shown as the node's tooltip, since `text` abbreviates long arguments as '·'.
   */
  readonly detail: string;
  /** Tree nodes bound to the primitive's variables (x, then y); empty for constants. */
  readonly args: readonly number[];
}

/** Display names of the constants and of primitives whose table names are not math names. */
const CONSTANT_TEXT: Readonly<Record<string, string>> = {
  e: 'e', '0': '0', '-1': '−1', '2': '2', '-2': '−2', '1/2': '½', '-1/2': '−½', i: 'i', pi: 'π', golden_ratio: 'φ',
};
const FUNCTION_TEXT: Readonly<Record<string, string>> = { log_base: 'log' };
/** Nested label texts longer than this are shown as '·'. */
const MAX_NESTED = 10;
/** Details longer than this are cut with '…'. */
const MAX_DETAIL = 240;

/** Interns subtree keys to small integers shared by the tree and every pattern. */
class Interner {
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let v = this.ids.get(key);
    if (v === undefined) {
      v = this.ids.size;
      this.ids.set(key, v);
    }
    return v;
  }
}

function leafKey(n: DagNode): string | undefined {
  if ('num' in n) return `n:${Number(n.num)}`;
  if ('var' in n) return `v:${n.var}`;
  if ('const' in n) return `c:${n.const}`;
  return undefined;
}

/** Canonical id of every node; with `holes`, nodes containing a variable get -1 instead (pattern side). */
function canonicalIds(dag: TreeDag, interner: Interner, holes: boolean): Int32Array {
  const ids = new Int32Array(dag.nodes.length);
  dag.nodes.forEach((n, i) => {
    const leaf = leafKey(n);
    if (leaf !== undefined) {
      ids[i] = holes && 'var' in n ? -1 : interner.id(leaf);
      return;
    }
    const args = (n as { args: readonly number[] }).args;
    if (args.some((a) => ids[a]! < 0)) {
      ids[i] = -1;
      return;
    }
    ids[i] = interner.id(`${(n as { op: string }).op}(${args.map((a) => ids[a]).join(',')})`);
  });
  return ids;
}

/** Tree size K (tokens counted per occurrence) of every node. */
function sizes(dag: TreeDag): Float64Array {
  const k = new Float64Array(dag.nodes.length);
  dag.nodes.forEach((n, i) => {
    k[i] = 'args' in n ? n.args.reduce((s, a) => s + k[a]!, 1) : 1;
  });
  return k;
}

interface PreparedPattern {
  readonly pattern: PrimitivePattern;
  readonly ids: Int32Array;
  readonly vars: readonly string[];
}

/** Returns the bindings (variable → tree node) when pattern node p matches tree node t, else undefined. */
function matchAt(pp: PreparedPattern, tree: TreeDag, treeIds: Int32Array, t0: number): Map<string, number> | undefined {
  const pNodes = pp.pattern.tree.nodes;
  const binding = new Map<string, number>();
  const matched = new Set<number>();
  const stack: Array<[number, number]> = [[pp.pattern.tree.root, t0]];
  while (stack.length > 0) {
    const [p, t] = stack.pop()!;
    const key = p * tree.nodes.length + t;
    if (matched.has(key)) continue;
    const pid = pp.ids[p]!;
    if (pid >= 0) {
      if (pid !== treeIds[t]) return undefined;
    } else {
      const pn = pNodes[p]!;
      if ('var' in pn) {
        const bound = binding.get(pn.var);
        if (bound === undefined) binding.set(pn.var, t);
        else if (treeIds[bound] !== treeIds[t]) return undefined;
      } else {
        const tn = tree.nodes[t]!;
        if (!('op' in pn) || !('op' in tn) || pn.op !== tn.op || pn.args.length !== tn.args.length) return undefined;
        for (let i = 0; i < pn.args.length; i++) stack.push([pn.args[i]!, tn.args[i]!]);
      }
    }
    matched.add(key);
  }
  return binding;
}

function leafText(n: DagNode): string | undefined {
  if ('num' in n) return n.num;
  if ('var' in n) return n.var;
  if ('const' in n) return n.const;
  return undefined;
}

/**
 * Returns the label of every operator node of `tree` that equals a primitive, by node index. Constants win
 * over functions, then larger patterns over smaller ones (sin(x) over sub(·, ·) at the same node).
 */
export function labelPrimitives(tree: TreeDag, patterns: readonly PrimitivePattern[]): Map<number, PrimitiveLabel> {
  const interner = new Interner();
  const treeIds = canonicalIds(tree, interner, false);
  const treeK = sizes(tree);
  const constants = new Map<number, PrimitivePattern>();
  const functions: PreparedPattern[] = [];
  for (const p of patterns) {
    if (p.arity === 0) {
      const id = canonicalIds(p.tree, interner, false)[p.tree.root]!;
      if (!constants.has(id)) constants.set(id, p);
    } else {
      const vars = [...new Set(p.tree.nodes.filter((n): n is { var: string } => 'var' in n).map((n) => n.var))].sort();
      functions.push({ pattern: p, ids: canonicalIds(p.tree, interner, true), vars });
    }
  }
  functions.sort((a, b) => b.pattern.K - a.pattern.K);

  const labels = new Map<number, PrimitiveLabel>();
  const argText = (t: number): string => {
    const leaf = leafText(tree.nodes[t]!);
    if (leaf !== undefined) return leaf;
    const nested = labels.get(t)?.text;
    return nested !== undefined && nested.length <= MAX_NESTED ? nested : '·';
  };
  const argDetail = (t: number): string => leafText(tree.nodes[t]!) ?? labels.get(t)?.detail ?? `⟨K ${treeK[t]}⟩`;
  const cut = (s: string): string => (s.length <= MAX_DETAIL ? s : s.slice(0, MAX_DETAIL - 1) + '…');
  // children have smaller indices, so their labels exist when a parent's text is built
  tree.nodes.forEach((n, t) => {
    if (!('op' in n)) return;
    const constant = constants.get(treeIds[t]!);
    if (constant) {
      const text = CONSTANT_TEXT[constant.name] ?? constant.name;
      labels.set(t, { primitive: constant.name, text, detail: text, args: [] });
      return;
    }
    for (const pp of functions) {
      if (treeK[t]! < pp.pattern.K) continue;
      const binding = matchAt(pp, tree, treeIds, t);
      if (!binding) continue;
      const name = FUNCTION_TEXT[pp.pattern.name] ?? pp.pattern.name;
      const args = pp.vars.map((v) => binding.get(v)!);
      labels.set(t, { primitive: pp.pattern.name, text: `${name}(${args.map(argText).join(', ')})`, detail: cut(`${name}(${args.map(argDetail).join(', ')})`), args });
      return;
    }
  });
  return labels;
}
