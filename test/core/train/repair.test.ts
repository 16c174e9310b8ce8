// The repair option: greedy single changes of a snapped tree, checked on near misses built from the exact
// targets (one gate or one leaf wrong), against the target tree itself.
import { describe, expect, it } from 'vitest';
import { parseMathematica, printEml } from '../../../src/core/syntax';
import {
  PAPER_GRID, SNAP_LOGIT, createTapeWorkspace, embedTree, fitReport, gridData, masterLayout, repairSnappedInto, snappedTree, targetTree,
} from '../../../src/core/train';

const guards = { clamp: 1e300, interThreshold: 50 };

function setup(name: string, depth: number) {
  const tree = targetTree(name), layout = masterLayout(depth, 2);
  const data = gridData(tree, ['x', 'y'], PAPER_GRID);
  const exact = embedTree(layout, tree, ['x', 'y'], SNAP_LOGIT);
  const ws = createTapeWorkspace(layout, data.n, 1);
  const mse = (v: Float64Array) => fitReport(ws, 0, v, 0, 0.01, data, guards).mse;
  return { tree, layout, data, exact, ws, mse };
}

describe('repairSnappedInto', () => {
  it('turns every one-gate near miss of eml_depth6 that it can see back into the target tree', () => {
    const { tree, layout, data, exact, ws, mse } = setup('eml_depth6', 6);
    expect(mse(exact)).toBeLessThan(1e-20);
    let broken = 0;
    for (let j = 0; j < 2 * layout.nodes; j++) {
      const v = Float64Array.from(exact);
      v[layout.gateOffset + j] = -v[layout.gateOffset + j]!;
      const before = mse(v);
      if (before < 1e-20) continue; // a flip inside a bypassed subtree changes nothing
      broken++;
      const moves = repairSnappedInto(layout, v, 0, ws, 0, 0.01, data, guards, 2, 1e-20);
      expect(moves).toBe(1);
      expect(mse(v)).toBeLessThan(1e-20);
      expect(printEml(snappedTree(layout, v, 0, ['x', 'y']))).toBe(printEml(tree));
    }
    expect(broken).toBeGreaterThan(5);
  });

  it('fixes a wrong leaf, never raises the MSE and makes no change to an exact tree', () => {
    const { layout, data, exact, ws, mse } = setup('eml_depth3', 3);
    const C = layout.choices;
    // x ↔ y on every leaf that the target uses; one wrong leaf at a time
    let tried = 0;
    for (let leaf = 0; leaf < layout.leaves; leaf++) {
      const v = Float64Array.from(exact);
      const o = leaf * C;
      const was = v.subarray(o, o + C).indexOf(SNAP_LOGIT);
      for (let c = 0; c < C; c++) v[o + c] = c === (was + 1) % C ? SNAP_LOGIT : -SNAP_LOGIT;
      const before = mse(v);
      if (before < 1e-20) continue;
      tried++;
      repairSnappedInto(layout, v, 0, ws, 0, 0.01, data, guards, 3, 1e-20);
      const after = mse(v);
      expect(after).toBeLessThanOrEqual(before);
      expect(after).toBeLessThan(1e-20);
    }
    expect(tried).toBeGreaterThan(0);
    const same = Float64Array.from(exact);
    expect(repairSnappedInto(layout, same, 0, ws, 0, 0.01, data, guards, 3, 1e-20)).toBe(0);
    expect(Array.from(same)).toEqual(Array.from(exact));
  });
});

describe('repair with pair passes', () => {
  it('opens a bypassed gate and sets the leaf below it in one pair, where no single change helps', () => {
    // a near miss found by training on a random depth-4 target: the last leaf reads 1 (a bypass) instead of x
    const target = parseMathematica('EML[EML[1, 1], EML[1, EML[EML[1, x], EML[y, x]]]]');
    const near = parseMathematica('EML[EML[1, 1], EML[1, EML[EML[1, x], EML[y, 1]]]]');
    const layout = masterLayout(4, 2), data = gridData(target, ['x', 'y'], PAPER_GRID), ws = createTapeWorkspace(layout, data.n, 1);
    const mse = (v: Float64Array) => fitReport(ws, 0, v, 0, 0.01, data, guards).mse;
    const start = embedTree(layout, near, ['x', 'y'], SNAP_LOGIT); // the leaf under the bypass is 1: opening the gate alone changes nothing
    expect(mse(start)).toBeGreaterThan(1e-4);
    const single = Float64Array.from(start);
    repairSnappedInto(layout, single, 0, ws, 0, 0.01, data, guards, 3, 1e-20);
    expect(mse(single)).toBeGreaterThan(1e-20);
    const paired = Float64Array.from(start);
    expect(repairSnappedInto(layout, paired, 0, ws, 0, 0.01, data, guards, 3, 1e-20, 1)).toBe(2);
    expect(mse(paired)).toBeLessThan(1e-20);
    expect(printEml(snappedTree(layout, paired, 0, ['x', 'y']))).toBe(printEml(target));
  });
});
