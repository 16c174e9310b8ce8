// The visible part of an EML tree: a TreeDag unfolded into tree nodes from the root, following only the
// expanded nodes. A node is named by its path from the root (one digit per step: the argument index),
// so a shared subtree can be open in one place and folded in another. Pure: no DOM, no Solid.

import type { DagNode, TreeDag } from '../../../shared/compile';
import type { PrimitiveLabel } from './primitiveLabels';

export interface DisplayNode {
  /** '' for the root, then one digit per step (argument index). */
  readonly path: string;
  /** Index of the node in the TreeDag. */
  readonly index: number;
  /** 'eml' (or the operator) for inner nodes, the leaf's text otherwise. */
  readonly text: string;
  readonly leaf: boolean;
  /** Tree size K of the subtree (tokens, shared parts counted per occurrence). */
  readonly K: number;
  readonly label: PrimitiveLabel | undefined;
  /** The children when the node is expanded, undefined when folded (or a leaf). */
  readonly children: DisplayNode[] | undefined;
}

export interface DisplayTree {
  readonly root: DisplayNode;
  /** Number of visible nodes. */
  readonly count: number;
  /** True when expansion stopped at the node limit. */
  readonly truncated: boolean;
}

/** Most nodes ever drawn at once. */
export const MAX_VISIBLE = 2000;

function nodeText(n: DagNode): string {
  if ('op' in n) return n.op;
  if ('num' in n) return n.num;
  if ('var' in n) return n.var;
  return n.const;
}

/** Returns the tree size K of every DAG node. */
export function subtreeSizes(dag: TreeDag): Float64Array {
  const k = new Float64Array(dag.nodes.length);
  dag.nodes.forEach((n, i) => {
    k[i] = 'args' in n ? n.args.reduce((s, a) => s + k[a]!, 1) : 1;
  });
  return k;
}

/** Returns the visible tree: the root and every child of an expanded node, up to `maxNodes` nodes (breadth first). */
export function buildDisplayTree(
  dag: TreeDag,
  expanded: ReadonlySet<string>,
  labels: ReadonlyMap<number, PrimitiveLabel>,
  sizes: Float64Array = subtreeSizes(dag),
  maxNodes: number = MAX_VISIBLE,
): DisplayTree {
  interface Draft {
    path: string;
    index: number;
    children: Draft[] | undefined;
  }
  const rootDraft: Draft = { path: '', index: dag.root, children: undefined };
  let count = 1;
  let truncated = false;
  const queue: Draft[] = [rootDraft];
  for (let q = 0; q < queue.length; q++) {
    const d = queue[q]!;
    const n = dag.nodes[d.index]!;
    if (!('args' in n) || !expanded.has(d.path)) continue;
    if (count + n.args.length > maxNodes) {
      truncated = true;
      continue;
    }
    d.children = n.args.map((a, i) => ({ path: d.path + String(i), index: a, children: undefined }));
    count += n.args.length;
    queue.push(...d.children);
  }
  const finish = (d: Draft): DisplayNode => {
    const n = dag.nodes[d.index]!;
    return {
      path: d.path,
      index: d.index,
      text: nodeText(n),
      leaf: !('args' in n),
      K: sizes[d.index]!,
      label: labels.get(d.index),
      children: d.children?.map(finish),
    };
  };
  return { root: finish(rootDraft), count, truncated };
}

/** Returns the paths to expand first: breadth first from the root while the visible count stays within `budget`. */
export function initialExpansion(dag: TreeDag, budget = 40): Set<string> {
  return expandBreadthFirst(dag, budget, () => true);
}

/** Returns the paths that unfold everything except subtrees equal to a primitive (they stay folded under their name). */
export function foldToPrimitives(dag: TreeDag, labels: ReadonlyMap<number, PrimitiveLabel>, budget = MAX_VISIBLE): Set<string> {
  return expandBreadthFirst(dag, budget, (path, index) => path === '' || !labels.has(index));
}

function expandBreadthFirst(dag: TreeDag, budget: number, open: (path: string, index: number) => boolean): Set<string> {
  const expanded = new Set<string>();
  const queue: Array<{ path: string; index: number }> = [{ path: '', index: dag.root }];
  let count = 1;
  for (let q = 0; q < queue.length; q++) {
    const { path, index } = queue[q]!;
    const n = dag.nodes[index]!;
    if (!('args' in n) || !open(path, index)) continue;
    if (count + n.args.length > budget) break;
    expanded.add(path);
    count += n.args.length;
    n.args.forEach((a, i) => queue.push({ path: path + String(i), index: a }));
  }
  return expanded;
}

/** Returns `expanded` plus every visible folded inner node (one more level), within MAX_VISIBLE nodes. */
export function expandOneLevel(dag: TreeDag, expanded: ReadonlySet<string>, labels: ReadonlyMap<number, PrimitiveLabel>): Set<string> {
  const tree = buildDisplayTree(dag, expanded, labels);
  const next = new Set(expanded);
  let count = tree.count;
  const stack: DisplayNode[] = [tree.root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.children) stack.push(...n.children);
    else if (!n.leaf) {
      const arity = (dag.nodes[n.index] as { args: readonly number[] }).args.length;
      if (count + arity > MAX_VISIBLE) continue;
      next.add(n.path);
      count += arity;
    }
  }
  return next;
}
