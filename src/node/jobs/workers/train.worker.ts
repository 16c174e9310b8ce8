// The training worker: takes runs from a plan through a shared counter (so every worker stays busy until
// the plan is done), trains them with the core trainer, and streams progress and finished runs.
import { type RunResult, type RunSpec, type TrainEvent, type TrainOptions, type TrainProblem, trainRuns } from '../../../core/train';
import { defineWorker } from '../defineWorker';

export interface TrainWorkerInput {
  problem: TrainProblem;
  options: TrainOptions;
  plan: RunSpec[];
  /** Int32 at index 0: the next plan index to claim (shared by all workers of a job). */
  counter: SharedArrayBuffer;
  slots: number;
  progressEvery?: number;
}

defineWorker<TrainWorkerInput, RunResult[], TrainEvent>((input, ctx) => {
  const next = new Int32Array(input.counter);
  const claim = (): RunSpec | undefined => {
    if (ctx.shouldStop()) return undefined;
    const i = Atomics.add(next, 0, 1);
    return i < input.plan.length ? input.plan[i] : undefined;
  };
  return trainRuns(input.problem, input.options, claim, {
    shouldStop: () => ctx.shouldStop(),
    onEvent: (e) => ctx.progress(e),
    progressEvery: input.progressEvery,
  }, input.slots);
});
