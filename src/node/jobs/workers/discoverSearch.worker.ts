// One thread of a discovery: runs some of the engines (searchModels) over the dataset and streams the models
// worth ranking to the parent, which ranks everything the threads found (src/node/discover/discoverThreads.ts).
// The threads share the smallest exact K found (an Int32 in a SharedArrayBuffer), so each stops when none of its
// engines can find a shorter exact formula.

import { searchModels } from '../../../core/discover/discover';
import { type Assessed, noiseFloor } from '../../../core/discover/assess';
import { promising } from '../../../core/discover/measurements';
import { modelToJson } from '../../../core/discover/modelJson';
import { type DiscoverSearchInput, type DiscoverSearchOutput, type DiscoverSearchProgress, NO_EXACT } from '../../discover/searchProtocol';
import { defineWorker } from '../defineWorker';

defineWorker<DiscoverSearchInput, DiscoverSearchOutput, DiscoverSearchProgress>((input, ctx) => {
  const shared = new Int32Array(input.exactK);
  let pending: Assessed[] = [];
  // the error a new model must beat to be streamed: the 300th smallest so far (errors only shrink it)
  const errors: number[] = [];
  const worthSending = (a: Assessed): boolean => {
    if (a.verdict.exact) return true;
    if (errors.length < 300 || a.rmse < errors[errors.length - 1]!) {
      let i = errors.length;
      while (i > 0 && errors[i - 1]! > a.rmse) i--;
      errors.splice(i, 0, a.rmse);
      if (errors.length > 300) errors.pop();
      return true;
    }
    return false;
  };
  const outcome = searchModels({
    ...input.options,
    now: () => performance.now(),
    shouldStop: () => ctx.shouldStop(),
    sharedExactK: {
      read: () => { const k = Atomics.load(shared, 0); return k === NO_EXACT ? Infinity : k; },
      write: (K) => {
        if (!Number.isFinite(K)) return;
        // atomic minimum: retry while another thread changed the value in between
        for (let cur = Atomics.load(shared, 0); K < cur;) {
          const seen = Atomics.compareExchange(shared, 0, cur, K);
          if (seen === cur) break;
          cur = seen;
        }
      },
    },
    onModels: (found) => { for (const a of found) if (worthSending(a)) pending.push(a); },
    onProgress: (p) => {
      ctx.progress({ engine: p.engine, note: p.note, candidates: p.candidates, models: pending.map((a) => modelToJson(a.model)) });
      pending = [];
    },
  });
  const m = outcome.measurements;
  const floor = noiseFloor(m.noise, m.assessed);
  return { engines: outcome.engines, stop: outcome.stop, models: promising(m.assessed, floor).map((a) => modelToJson(a.model)) };
});
