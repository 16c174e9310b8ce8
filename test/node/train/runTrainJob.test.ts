import { describe, expect, it } from 'vitest';
import { PAPER_GRID, type TrainProblem, gridData, masterLayout, resolveTrainOptions, runPlan, targetTree } from '../../../src/core/train';
import { runTrainJob } from '../../../src/node/train/runTrainJob';

const tree = targetTree('eml_depth2');
const problem: TrainProblem = { layout: masterLayout(2, 2), varNames: ['x', 'y'], train: gridData(tree, ['x', 'y'], PAPER_GRID) };

describe('runTrainJob', () => {
  it('gives the same results on worker threads as in this thread, in plan order', async () => {
    const o = resolveTrainOptions({ searchIters: 400, hardeningIters: 200 });
    const plan = runPlan(137, 2, ['uniform', 'random_hot']);
    const seen: number[] = [];
    const threads = await runTrainJob(problem, o, plan, { workers: 2, onEvent: (e) => { if (e.kind === 'done') seen.push(e.result.index); } });
    const local = await runTrainJob(problem, o, plan, { workers: 0 });
    expect(threads.workers).toBe(2);
    expect(threads.results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(seen.sort()).toEqual([0, 1, 2, 3]);
    expect(threads.results.map((r) => r.logits)).toEqual(local.results.map((r) => r.logits));
  });

  it('stops all workers on cancellation and resolves with the runs that finished', async () => {
    const ac = new AbortController();
    const plan = runPlan(1, 6, ['uniform']);
    let progress = 0;
    const out = await runTrainJob(problem, resolveTrainOptions(), plan, {
      workers: 2, signal: ac.signal, onEvent: (e) => { if (e.kind === 'progress' && ++progress === 1) ac.abort(); },
    });
    expect(out.stopped).toBe('cancelled');
    expect(out.results.length).toBeLessThan(plan.length);
  });
});
