// The `discover` job: runs src/core/discover on a dataset's columns in a worker thread with the job's stop
// flag. The engine re-ranks its front at most once a second (liveEveryMs); every event that carries a front
// is posted, the others at most five times a second, so the parent sees the front grow and the notes move.

import { discover, type DiscoverReport } from '../../../core/discover/discover';
import type { DiscoverJobProgress } from '../../../shared/discover';
import type { PreparedDiscover } from '../../discover/discoverRequest';
import { defineWorker } from '../defineWorker';

/** Least time between two posted progress events that carry no front. */
const NOTE_EVERY_MS = 200;

defineWorker<PreparedDiscover, DiscoverReport, DiscoverJobProgress>((job, ctx) => {
  const now = (): number => performance.now();
  const limitMs = job.input.timeLimitS * 1000;
  let last = -Infinity;
  return discover({
    data: job.data,
    noise: job.input.noise,
    timeLimitMs: limitMs,
    now,
    shouldStop: ctx.shouldStop,
    maxK: job.input.maxK,
    maxBytes: job.input.memoryMiB * 1024 ** 2,
    seed: job.input.seed,
    liveEveryMs: 1000,
    onProgress: (p) => {
      if (p.front === undefined && now() - last < NOTE_EVERY_MS) return;
      last = now();
      ctx.progress({ limitMs, ...p });
    },
  });
});
