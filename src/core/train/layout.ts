// The master tree's shape (paper §1.1): a full binary EML tree of depth D whose 2^D leaves each mix the
// choices {1, v1 … vk} (softmax) and whose 2^D − 1 nodes gate each input between "constant 1" and the child.
// Invariant: one parameter vector per run = [leaf logits (leaf-major, choice 0 = the constant 1) | gate
// logits (node-major, [left, right])]; nodes are numbered bottom level first, root last, as the reference.

/**
 * The parts of a tree's parameter vector that are choices: `leaves` softmax mixes of `choices` logits each
 * (leaf-major, from offset 0), then `gates` sigmoid gate logits from `gateOffset`. The penalties, the
 * uncertainty count and the hard projection read only these; anything after the gates (the general tree's
 * constants) is not a choice.
 */
export interface ChoiceLayout {
  readonly leaves: number;
  readonly choices: number;
  readonly gateOffset: number;
  readonly gates: number;
  readonly params: number;
}

/** The fixed shape of a master tree and where each parameter lives in the flat parameter vector. */
export interface MasterLayout extends ChoiceLayout {
  /** The paper's restricted form: variables only at the bottom level (general.ts holds the general form). */
  readonly kind: 'paper';
  readonly depth: number;
  /** Number of input variables k; every leaf chooses among 1 + k columns. */
  readonly vars: number;
  readonly choices: number;
  readonly leaves: number;
  readonly nodes: number;
  /** leaves + nodes: the value slots of the tape (leaves first, then nodes in flat order). */
  readonly slots: number;
  /** Length of the parameter vector: leaves·choices + 2·nodes. */
  readonly params: number;
  /** Offset of the gate logits in the parameter vector. */
  readonly gateOffset: number;
  /** Gate logits: 2·nodes (every input of every node). */
  readonly gates: number;
  /** Value slot of the left / right child of each node (leaf slots are 0..leaves−1). */
  readonly left: Int32Array;
  readonly right: Int32Array;
  /** Level of each node counted from the top (root 0, bottom level D − 1). */
  readonly level: Int32Array;
  /** First flat node index of each level ℓ (from the top), so level ℓ is [levelStart[ℓ], levelStart[ℓ] + 2^ℓ). */
  readonly levelStart: Int32Array;
}

/** Largest depth accepted (2^12 leaves); deeper trees are refused as absurd sizes. */
export const MAX_DEPTH = 12;

/** Returns the flat index of the node at level ℓ (root 0) and position p: 2^D − 2^(ℓ+1) + p. */
export function nodeIndex(depth: number, level: number, pos: number): number {
  return 2 ** depth - 2 ** (level + 1) + pos;
}

/** Returns the layout of a depth-D master tree over k input variables. */
export function masterLayout(depth: number, vars = 2): MasterLayout {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw new Error(`train: depth must be an integer from 1 to ${MAX_DEPTH}, got ${depth}`);
  }
  if (!Number.isInteger(vars) || vars < 1 || vars > 16) throw new Error(`train: 1 to 16 input variables are supported, got ${vars}`);
  const leaves = 2 ** depth, nodes = leaves - 1, choices = vars + 1;
  const left = new Int32Array(nodes), right = new Int32Array(nodes), level = new Int32Array(nodes);
  const levelStart = new Int32Array(depth);
  for (let l = 0; l < depth; l++) {
    levelStart[l] = nodeIndex(depth, l, 0);
    for (let p = 0; p < 2 ** l; p++) {
      const k = nodeIndex(depth, l, p);
      level[k] = l;
      if (l === depth - 1) { left[k] = 2 * p; right[k] = 2 * p + 1; } else {
        left[k] = leaves + nodeIndex(depth, l + 1, 2 * p);
        right[k] = leaves + nodeIndex(depth, l + 1, 2 * p + 1);
      }
    }
  }
  return {
    kind: 'paper', depth, vars, choices, leaves, nodes, slots: leaves + nodes, params: leaves * choices + 2 * nodes,
    gateOffset: leaves * choices, gates: 2 * nodes, left, right, level, levelStart,
  };
}
