// The `discover` job: runs src/core/discover on a dataset's columns in a worker thread with the job's stop
// flag, its engines split over search threads as the CLI does (src/node/discover/discoverThreads.ts: this
// thread ranks, so the host's own thread never does). The front is re-ranked at most once a second
// (liveEveryMs); every event that carries a front is posted, the others at most five times a second, so the
// parent sees the front grow and the notes move.

import type { DiscoverReport } from '../../../core/discover/discover';
import type { DiscoverJobProgress } from '../../../shared/discover';
import type { PreparedDiscover } from '../../discover/discoverRequest';
import { discoverThreads } from '../../discover/discoverThreads';
import { defineWorker } from '../defineWorker';

/** How often the stop flag is polled while the search threads run. */
const STOP_POLL_MS = 50;

/** Least time between two posted progress events that carry no front. */
const NOTE_EVERY_MS = 200;

defineWorker<PreparedDiscover, DiscoverReport, DiscoverJobProgress>(async (job, ctx) => {
  const now = (): number => performance.now();
  const limitMs = job.input.timeLimitS * 1000;
  let last = -Infinity;
  const abort = new AbortController();
  const poll = setInterval(() => {
    if (ctx.shouldStop()) abort.abort();
  }, STOP_POLL_MS);
  try {
    return await discoverThreads({
      data: job.data,
      noise: job.input.noise,
      timeLimitMs: limitMs,
      now,
      shouldStop: ctx.shouldStop,
      signal: abort.signal,
      threads: job.input.threads,
      ...(job.input.maxK !== null ? { maxK: job.input.maxK } : {}),
      maxBytes: job.input.memoryMiB * 1024 ** 2,
      seed: job.input.seed,
      liveEveryMs: 1000,
      onProgress: (p) => {
        if (p.front === undefined && now() - last < NOTE_EVERY_MS) return;
        last = now();
        ctx.progress({ limitMs, ...p });
      },
    });
  } finally {
    clearInterval(poll);
  }
});
