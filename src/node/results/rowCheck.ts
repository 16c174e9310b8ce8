// The numeric check of a result saved to the Library: its printed formula against the tree it describes, at
// the data points the result was found on (every point, under the 'extended' semantics the discover engine
// measures in). A saved result is "verified" when the two agree at every point within the engine's own
// agreement tolerance.

import type { RowSet } from '../../core/discover/data';
import { evaluateRows } from '../../core/discover/model';
import type { Expr } from '../../core/expr';
import type { FormulaCheck } from '../../shared/project';

/** Relative tolerance of the check (the discover engine's agreement test uses the same). */
export const ROW_CHECK_TOLERANCE = 1e-9;

/** Returns the check of `formula` against `tree` over the inputs `names` at the points of `inputs`. */
export function checkOnRows(formula: Expr, tree: Expr, names: readonly string[], inputs: readonly Float64Array[]): FormulaCheck {
  const rows = inputs[0]?.length ?? 0;
  const set: RowSet = { inputs, target: new Float64Array(rows), rows };
  const want = evaluateRows(tree, names, set);
  const got = evaluateRows(formula, names, set);
  let compared = 0;
  let worst = 0;
  for (let i = 0; i < rows; i++) {
    const wr = want.re[i]!, wi = want.im[i]!, gr = got.re[i]!, gi = got.im[i]!;
    if (!(Number.isFinite(wr) && Number.isFinite(wi) && Number.isFinite(gr) && Number.isFinite(gi))) continue;
    compared++;
    worst = Math.max(worst, Math.hypot(gr - wr, gi - wi) / Math.max(1, Math.hypot(wr, wi)));
  }
  return {
    semantics: 'extended',
    points: rows,
    compared,
    maxScaledError: compared > 0 ? worst : null,
    tolerance: ROW_CHECK_TOLERANCE,
    passed: rows > 0 && compared === rows && worst <= ROW_CHECK_TOLERANCE,
  };
}
