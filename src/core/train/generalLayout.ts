// The general master tree's shape: a full binary EML tree of depth D in which EVERY input of every node
// chooses among the constant 1, each variable, a trainable real constant, and (above the bottom level) its
// child node — so variables and constants may sit at any depth, not only at the bottom as in the paper's form.
// Each input i has a leaf mix m_i = softmax over [1, v1 … vk, c_i] (the constant c_i is the input's own real
// parameter) and, when it has a child, a gate s_i = sigmoid: in_i = s_i·m_i + (1 − s_i)·child (s = 1: the leaf).
// Invariant: one parameter vector per run = [mix logits (input-major, C = k + 2 each) | gate logits of the
// gated inputs | one constant per input]; nodes are numbered bottom level first, root last (as the paper's
// layout); input 2k + side belongs to node k, so the bottom level's inputs come first and have no gate.

import { type ChoiceLayout, MAX_DEPTH, type MasterLayout, masterLayout, nodeIndex } from './layout';

/** The fixed shape of a general master tree and where each parameter lives. */
export interface GeneralLayout extends ChoiceLayout {
  readonly kind: 'general';
  readonly depth: number;
  /** Number of input variables k. */
  readonly vars: number;
  /** Choices of every mix: the constant 1 (0), the variables (1 … k), the trainable constant (k + 1). */
  readonly choices: number;
  readonly nodes: number;
  /** Node inputs, each with its mix: 2·nodes (ChoiceLayout's `leaves`). */
  readonly leaves: number;
  /** Inputs with a child (those of the nodes above the bottom level); input i ≥ firstGated has gate i − firstGated. */
  readonly gates: number;
  readonly firstGated: number;
  readonly gateOffset: number;
  /** Offset of the constants, one per input. */
  readonly constOffset: number;
  readonly params: number;
  /** Value slots: the inputs (0 … leaves − 1), then the nodes; the root is the last slot. */
  readonly slots: number;
  /** Child node of each input, −1 for the bottom level's inputs. */
  readonly child: Int32Array;
  /** Level of each node counted from the top (root 0, bottom level D − 1). */
  readonly level: Int32Array;
}

/** Either form of master tree: the paper's (variables at the bottom) or the general one. */
export type TreeLayout = MasterLayout | GeneralLayout;

/** Which form of master tree to train. */
export type MasterForm = TreeLayout['kind'];
export const MASTER_FORMS: readonly MasterForm[] = ['paper', 'general'];

/** Index of the constant column in a mix (after 1 and the variables). */
export function constColumn(layout: GeneralLayout): number {
  return layout.vars + 1;
}

/** Returns the layout of a depth-D general master tree over k input variables. */
export function generalLayout(depth: number, vars = 2): GeneralLayout {
  if (!Number.isInteger(depth) || depth < 1 || depth > MAX_DEPTH) {
    throw new Error(`train: depth must be an integer from 1 to ${MAX_DEPTH}, got ${depth}`);
  }
  if (!Number.isInteger(vars) || vars < 1 || vars > 16) throw new Error(`train: 1 to 16 input variables are supported, got ${vars}`);
  const nodes = 2 ** depth - 1, inputs = 2 * nodes, choices = vars + 2, firstGated = 2 ** depth;
  const child = new Int32Array(inputs).fill(-1), level = new Int32Array(nodes);
  for (let l = 0; l < depth; l++) {
    for (let p = 0; p < 2 ** l; p++) {
      const k = nodeIndex(depth, l, p);
      level[k] = l;
      if (l < depth - 1) {
        child[2 * k] = nodeIndex(depth, l + 1, 2 * p);
        child[2 * k + 1] = nodeIndex(depth, l + 1, 2 * p + 1);
      }
    }
  }
  const gates = inputs - firstGated, gateOffset = inputs * choices, constOffset = gateOffset + gates;
  return {
    kind: 'general', depth, vars, choices, nodes, leaves: inputs, gates, firstGated, gateOffset, constOffset,
    params: constOffset + inputs, slots: inputs + nodes, child, level,
  };
}

/** Returns the layout of the given form. */
export function treeLayout(form: MasterForm, depth: number, vars = 2): TreeLayout {
  if (form !== 'paper' && form !== 'general') throw new Error(`train: the master tree form must be paper or general, got '${String(form)}'`);
  return form === 'general' ? generalLayout(depth, vars) : masterLayout(depth, vars);
}
