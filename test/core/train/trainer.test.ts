import { describe, expect, it } from 'vitest';
import { printEml } from '../../../src/core/syntax';
import {
  type RunResult, type TrainOptions, type TrainProblem, PAPER_GRID, embedTree, gridData, masterLayout, resolveTrainOptions,
  runPlan, stridedData, targetTree, trainRuns,
} from '../../../src/core/train';
import { parseMathematica } from '../../../src/core/syntax';

function problem(name: string, depth: number, manual = false): TrainProblem {
  const tree = targetTree(name), layout = masterLayout(depth, 2);
  const train = gridData(tree, ['x', 'y'], PAPER_GRID);
  return { layout, varNames: ['x', 'y'], train, manualBase: manual ? embedTree(layout, tree, ['x', 'y'], 32) : undefined };
}

function train(p: TrainProblem, o: Partial<TrainOptions>, seeds: number[], strategy: 'uniform' | 'biased' | 'manual' | 'random_hot', slots = 1): RunResult[] {
  const plan = seeds.map((seed, index) => ({ index, seed, strategy }));
  let k = 0;
  return trainRuns(p, resolveTrainOptions(o), () => plan[k++], {}, slots).sort((a, b) => a.index - b.index);
}

describe('trainRuns', () => {
  it('recovers eml_depth2 = eml(1, eml(y, x)) from random starts with the reference protocol', () => {
    const res = train(problem('eml_depth2', 2), {}, [137, 138], 'uniform');
    for (const r of res) {
      expect(r.success && r.symbolSuccess).toBe(true);
      expect(r.tree).toBe('eml(1, eml(y, x))');
      expect(r.snapMse).toBeLessThan(1e-20);
      // as the reference's logs: hardening at the search limit, early stop after 10 exact evaluations
      expect(r.hardeningIter).toBe(6001);
      expect(r.endReason).toBe('early_stop');
      expect(r.lastIter).toBeGreaterThan(7300);
      expect(r.lastIter).toBeLessThan(8000);
    }
  });

  it("starts from the reference's PyTorch stream, so eml_depth3 seed 138 runs as the reference's run of that seed", () => {
    // reference log (notes §8.4): 138 uniform, hardening at 6001, early stop at 7750, exact, 8 uncertain at τ = 1
    const [r] = train(problem('eml_depth3', 3), {}, [138], 'uniform');
    expect(r!.tree).toBe(printEml(targetTree('eml_depth3')));
    expect(r!.hardeningIter).toBe(6001);
    expect(r!.endReason).toBe('early_stop');
    expect(r!.lastIter).toBe(7750);
    expect(r!.nUncertain).toBe(8);
    // the project's own stream stays available
    const o = { searchIters: 1, hardeningIters: 0 };
    const [own] = train(problem('eml_depth3', 3), { ...o, torchRng: 0 }, [138], 'uniform');
    const [ref] = train(problem('eml_depth3', 3), o, [138], 'uniform');
    expect(own!.logits).not.toEqual(ref!.logits);
  });

  it('starts hardening after three exact hard evaluations and keeps an exact manual start', () => {
    const [r] = train(problem('eml_depth3', 3, true), { searchIters: 1000, hardeningIters: 600 }, [5], 'manual');
    expect(r!.hardeningIter).toBe(601);
    expect(r!.tree).toBe(printEml(targetTree('eml_depth3')));
    expect(r!.stableSymbolSuccess).toBe(true);
  });

  it('gives a run the same result alone or stepped beside other runs', () => {
    const p = problem('eml_depth3', 3), o = { searchIters: 300, hardeningIters: 200 };
    const alone = train(p, o, [42], 'biased', 1)[0]!;
    const batched = train(p, o, [7, 42, 9], 'biased', 3)[1]!;
    expect(batched.seed).toBe(42);
    expect(batched.logits).toEqual(alone.logits);
    expect(batched.snapMse).toBe(alone.snapMse);
  });

  it('abandons a run after max-nan-restarts restarts when every step is non-finite', () => {
    const layout = masterLayout(2, 1);
    const n = 5, big = new Float64Array(n).fill(1e6);
    const p: TrainProblem = { layout, varNames: ['x'], train: { n, inputs: [big], target: new Float64Array(n) } };
    const [r] = train(p, { nanRestartPatience: 3, maxNanRestarts: 2 }, [1], 'uniform');
    expect(r!.endReason).toBe('abandoned');
    expect(r!.nanRestarts).toBe(2);
    expect(r!.lastIter).toBe(6);
    const [redrawn] = train(p, { nanRestartPatience: 3, maxNanRestarts: 2, redrawNonFinite: 1, searchIters: 30, hardeningIters: 0 }, [1], 'uniform');
    expect(redrawn!.restarts).toBeGreaterThan(0);
  });

  it('restarts a search attempt from a fresh start while its best loss stays above restart-below', () => {
    const [r] = train(problem('eml_depth3', 3), { searchIters: 450, hardeningIters: 10, restartAfter: 100, restartBelow: 1e-30 }, [3], 'uniform');
    expect(r!.restarts).toBe(3); // at iterations 101, 201 and 301; a fourth would not fit in the search budget
    const [none] = train(problem('eml_depth3', 3), { searchIters: 450, hardeningIters: 10 }, [3], 'uniform');
    expect(none!.restarts).toBe(0);
  });

  it('stops every active run when asked and reports it as cancelled', () => {
    const plan = runPlan(1, 3, ['uniform']);
    let k = 0, polls = 0;
    const res = trainRuns(problem('eml_depth2', 2), resolveTrainOptions(), () => plan[k++], { shouldStop: () => ++polls > 50 }, 2);
    expect(res.map((r) => r.endReason)).toEqual(['cancelled', 'cancelled']);
    expect(k).toBe(2); // the third run was never started
  });

  it('streams progress events at evaluation points and one done event per run', () => {
    const events: string[] = [];
    const plan = runPlan(3, 1, ['uniform']);
    let k = 0;
    trainRuns(problem('eml_depth2', 2), resolveTrainOptions({ searchIters: 400, hardeningIters: 0 }), () => plan[k++], {
      onEvent: (e) => events.push(e.kind === 'progress' ? `${e.iter}` : 'done'),
    });
    expect(events).toEqual(['200', '400', 'done']);
  });
});

describe('searchStride', () => {
  it('stridedData keeps points 0, k, 2k, … of every column and refuses to leave fewer than 2', () => {
    const d = gridData(targetTree('eml_depth2'), ['x', 'y'], PAPER_GRID);
    const s = stridedData(d, 3);
    expect(s.n).toBe(147);
    for (const i of [0, 1, 50, 146]) {
      expect(s.inputs[0]![i]).toBe(d.inputs[0]![3 * i]);
      expect(s.inputs[1]![i]).toBe(d.inputs[1]![3 * i]);
      expect(s.target[i]).toBe(d.target[3 * i]);
    }
    expect(stridedData(d, 4).n).toBe(111);
    expect(() => stridedData(d, 441)).toThrow(/searchStride 441 leaves 1 of 441 points/);
    expect(() => resolveTrainOptions({ searchStride: 0 })).toThrow(/searchStride/);
    expect(() => resolveTrainOptions({ searchStride: 1.5 })).toThrow(/searchStride/);
  });

  it('searches on every k-th point only, while evaluations and the fit report use all points', () => {
    // eml(x, y) on the grid with every odd-numbered target moved by +3: the even points are exact
    const tree = parseMathematica('EML[x, y]'), layout = masterLayout(1, 2);
    const clean = gridData(tree, ['x', 'y'], PAPER_GRID);
    const target = Float64Array.from(clean.target, (v, i) => (i % 2 === 1 ? v + 3 : v));
    const p: TrainProblem = {
      layout, varNames: ['x', 'y'], train: { ...clean, target }, manualBase: embedTree(layout, tree, ['x', 'y'], 32),
    };
    const o = { searchIters: 200, hardeningIters: 0, evalEvery: 100 };
    const [strided] = train(p, { ...o, searchStride: 2 }, [1], 'manual');
    const [all] = train(p, o, [1], 'manual');
    // odd points are 220 of 441, each off by 3: the mean squared error over all points is 9·220/441
    const full = (9 * 220) / 441;
    // the search's soft loss (τ 2.5) sees only the exact even points; without the stride it sees the offsets too
    expect(strided!.bestSoft).toBeLessThan(1e-6);
    expect(all!.bestSoft).toBeCloseTo(full, 3);
    for (const r of [strided!, all!]) {
      expect(r.curve.length).toBe(2);
      for (const c of r.curve) expect(c.hard).toBeCloseTo(full, 6);
      expect(r.tree).toBe('eml(x, y)');
      expect(r.snapMse).toBeCloseTo(full, 9);
    }
  });
});
