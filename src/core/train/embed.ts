// Manual initialisation (paper §1.6, "manual"): a pure EML tree laid onto the master tree's gates and
// leaves as ±k logits. Invariant of the master tree: variables sit at the bottom level only, so a tree whose
// variables are shallower is padded first with the identity v = ln(exp(v)) (4 levels, exact for real v).
// Any formula is accepted: it is compiled to pure EML by the compiler, then padded and embedded.

import { compileToEml } from '../compile';
import { type Expr, ONE, depth as exprDepth, eml, isPureEml } from '../expr';
import { printInfix } from '../syntax';
import type { MasterLayout } from './layout';

/** The identity ln(exp(v)) = eml(1, eml(eml(1, eml(v, 1)), 1)): it moves v four levels down. */
export function padVariable(v: Expr): Expr {
  return eml(ONE, eml(eml(ONE, eml(v, ONE)), ONE));
}

/** Returns t with every variable moved down to exactly `target` levels by identity padding; throws when impossible. */
export function padToDepth(t: Expr, target: number): Expr {
  const go = (n: Expr, d: number): Expr => {
    if (n.kind === 'var') {
      const gap = target - d;
      if (gap < 0 || gap % 4 !== 0) {
        throw new Error(`train: variable ${n.name} sits at depth ${d}; the master tree of depth ${target} needs every variable at depth ${target}, and padding adds 4 levels at a time (ln(exp(v)))`);
      }
      let v: Expr = n;
      for (let k = 0; k < gap / 4; k++) v = padVariable(v);
      return v;
    }
    if (n.kind === 'op') {
      const a = go(n.args[0]!, d + 1), b = go(n.args[1]!, d + 1);
      return a === n.args[0] && b === n.args[1] ? n : eml(a, b);
    }
    return n;
  };
  return go(t, 0);
}

/** Returns the pure EML tree for a formula (compiled when it is not pure EML already). */
export function toPureEml(formula: Expr): Expr {
  return isPureEml(formula) ? formula : compileToEml(formula, { mode: 'paper' }).eml;
}

/**
 * Returns the ±k logits that make the master tree compute `tree` (pure EML, every variable at the bottom
 * level after padding). Leaves default to the constant 1 and gates to "bypass", as the reference does.
 */
export function embedTree(layout: MasterLayout, tree: Expr, varNames: readonly string[], k: number): Float64Array {
  const t = padToDepth(toPureEml(tree), layout.depth);
  if (t.kind !== 'op') throw new Error(`train: a manual start must be an eml node, got '${printInfix(t)}'`);
  const d = exprDepth(t);
  if (d > layout.depth) throw new Error(`train: the formula needs depth ${d}, more than the master tree's depth ${layout.depth}`);
  const C = layout.choices, p = new Float64Array(layout.params);
  for (let leaf = 0; leaf < layout.leaves; leaf++) for (let c = 0; c < C; c++) p[leaf * C + c] = c === 0 ? k : -k;
  for (let j = 0; j < 2 * layout.nodes; j++) p[layout.gateOffset + j] = k;
  const D = layout.depth;
  const setLeaf = (leaf: number, n: Expr) => {
    if (n.kind === 'num' && n.value === 1) return;
    if (n.kind !== 'var') throw new Error('train: a leaf of the master tree can only be 1 or a variable');
    const col = varNames.indexOf(n.name);
    if (col < 0) throw new Error(`train: variable '${n.name}' is not an input of the data (inputs: ${varNames.join(', ')})`);
    for (let c = 0; c < C; c++) p[leaf * C + c] = c === col + 1 ? k : -k;
  };
  const walk = (n: Expr, level: number, pos: number) => {
    if (n.kind !== 'op' || n.op !== 'eml') throw new Error('train: manual start must be a pure EML tree');
    const node = 2 ** D - 2 ** (level + 1) + pos;
    n.args.forEach((child, side) => {
      const isOne = child.kind === 'num' && child.value === 1;
      if (isOne) { p[layout.gateOffset + 2 * node + side] = k; return; }
      p[layout.gateOffset + 2 * node + side] = -k;
      if (level + 1 === D) setLeaf(2 * pos + side, child);
      else walk(child, level + 1, 2 * pos + side);
    });
  };
  walk(t, 0, 0);
  return p;
}
