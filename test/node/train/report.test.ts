// The formula reported for a run is the run's reported tree: checked point by point with the scalar
// evaluator on the training inputs, also for runs whose snapped tree the repair option changed (the case
// where the formula used to be lowered from the unrepaired tree).
import { describe, expect, it } from 'vitest';
import { parseMathematica, printEml } from '../../../src/core/syntax';
import {
  PAPER_GRID, type TrainProblem, embedTree, gridData, masterLayout, resolveTrainOptions, targetTree, trainRuns,
} from '../../../src/core/train';
import { runFormula } from '../../../src/node/train/report';
import { treeFormulaGap } from '../../helpers/treeFormula';

/** eml_depth3's data on the paper's grid, with a manual start that is a near miss of the target tree. */
function problem(start: string): TrainProblem {
  const target = targetTree('eml_depth3'), layout = masterLayout(3, 2);
  return { layout, varNames: ['x', 'y'], train: gridData(target, ['x', 'y'], PAPER_GRID), manualBase: embedTree(layout, parseMathematica(start), ['x', 'y'], 24) };
}

describe('runFormula', () => {
  it.each([
    ['EML[EML[1, EML[x, x]], 1]'], // one wrong leaf
    ['EML[EML[1, EML[y, x]], EML[1, 1]]'], // one wrong gate
    ['EML[EML[1, EML[x, y]], 1]'], // two wrong leaves
  ])('lowers the reported (repaired) tree of a run started at the near miss %s, so formula and tree agree at every training point', (start) => {
    const p = problem(start);
    const o = resolveTrainOptions({ searchIters: 1, hardeningIters: 1, repair: 3 });
    const [r] = trainRuns(p, o, (() => { let k = 0; return () => (k++ === 0 ? { index: 0, seed: 1, strategy: 'manual' as const } : undefined); })());
    expect(r!.repairMoves).toBeGreaterThan(0); // the case of the bug: repair changed the snapped tree
    expect(r!.tree).toBe(printEml(targetTree('eml_depth3')));
    const f = runFormula(r!, p);
    expect(f.eml).toBe(r!.tree);
    expect(f.formula).toBe('exp(e)/(exp(y) - ln(x))');
    expect(treeFormulaGap(r!.tree, f.formula, { varNames: p.varNames, inputs: p.train.inputs }), `${r!.tree} vs ${f.formula}`).toBeLessThan(1e-12);
  });
});
