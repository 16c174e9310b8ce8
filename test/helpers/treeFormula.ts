// Formula/tree agreement of a report, checked independently: both texts parsed and evaluated point by point
// with the scalar evaluator (ieee) at the data's points.
import { evaluate } from '../../src/core/evaluate';
import { parseInfix } from '../../src/core/syntax';

/** Points to compare at: the input names and one plane per input. */
export interface Points { readonly varNames: readonly string[]; readonly inputs: readonly Float64Array[] }

/** Largest relative difference between the tree text and the formula text, evaluated independently at the training points. */
export function treeFormulaGap(tree: string, formula: string, p: Points): number {
  const a = parseInfix(tree), b = parseInfix(formula);
  let worst = 0;
  for (let i = 0; i < p.inputs[0]!.length; i++) {
    const at = Object.fromEntries(p.varNames.map((v, k) => [v, p.inputs[k]![i]!]));
    const va = evaluate(a, at), vb = evaluate(b, at);
    if (!Number.isFinite(va.re) && Object.is(va.re, vb.re)) continue; // the same infinity
    worst = Math.max(worst, Math.hypot(va.re - vb.re, va.im - vb.im) / (1 + Math.hypot(va.re, va.im)));
  }
  return worst;
}

