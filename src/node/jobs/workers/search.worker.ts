// The `search` job: runs one task of src/core/search (recognize, shortest-form table, basis verification,
// Sheffer search) in a worker thread, with progress events, the job's stop flag and its time limit; with
// threads > 1 the recognizer's enumeration is sharded over shard threads (src/node/search/parallelBackend.ts).

// Each task's engine is imported when the task runs, so a worker loads only what its task uses.

import { workerData } from 'node:worker_threads';
import type { BackendConfig } from '../../../core/search/backend';
import type { SearchJob, SearchJobProgress, SearchJobResult } from '../../search/searchJob';
import { defineWorker } from '../defineWorker';

// a worker started ahead of its job (prestartWorker) loads the named task's code while the job is still being checked
const recognizeModules = () => Promise.all([import('../../../core/search/recognize'), import('../../../core/search/target')]);
if ((workerData as { preload?: string } | null)?.preload === 'recognize') void recognizeModules();

defineWorker<SearchJob, SearchJobResult, SearchJobProgress>(async (job, ctx) => {
  const now = () => performance.now();
  // at most ~10 progress events a second, except the ones marked important
  let last = -Infinity;
  const throttle = (important: boolean, send: () => void) => {
    if (important || now() - last > 100) { last = now(); send(); }
  };
  const sharded = async (threads: number) => {
    if (threads <= 1) return {};
    const { ParallelBackend } = await import('../../search/parallelBackend');
    return { backend: (config: BackendConfig, stop: () => boolean) => ParallelBackend.start(config, stop, threads) };
  };
  switch (job.task) {
    case 'recognize': {
      const [{ recognize }, { constantTarget, functionTarget }] = await recognizeModules();
      const target = job.target.kind === 'const' ? constantTarget(job.target.text) : functionTarget(job.target.text);
      const report = await recognize({
        target, semantics: job.semantics, domain: job.domain, maxK: job.maxK, maxBytes: job.maxBytes,
        ...(job.leaves ? { leaves: job.leaves } : {}),
        ...(job.probes !== undefined ? { probes: job.probes } : {}),
        ...(job.tolerance !== undefined ? { tolerance: job.tolerance } : {}),
        ...(job.digits !== undefined ? { digits: job.digits } : {}),
        ...(job.all ? { all: true } : {}),
        ...(job.timeLimitMs !== undefined ? { timeLimitMs: job.timeLimitMs } : {}),
        ...(job.upperBound ? { upperBound: job.upperBound } : {}),
        ...(job.simd === false ? { simd: false } : {}),
        now, shouldStop: ctx.shouldStop,
        // one grow and one match event per K at most: all are sent, so every level's progress is seen
        onProgress: (p) => throttle(true, () => ctx.progress({ task: 'recognize', progress: p })),
        ...(await sharded(job.threads)),
      });
      return { task: 'recognize', report };
    }
    case 'table': {
      const { shortestTable } = await import('../../../core/search/shortestTable');
      const report = await shortestTable({
        rows: job.rows, semantics: job.semantics, domain: job.domain, maxK: job.maxK, maxBytes: job.maxBytes, forms: job.forms,
        ...(job.groupTimeLimitMs !== undefined ? { groupTimeLimitMs: job.groupTimeLimitMs } : {}),
        ...(job.upperBoundK ? { upperBoundK: job.upperBoundK } : {}),
        now, shouldStop: ctx.shouldStop,
        onProgress: (p) => throttle(true, () => ctx.progress({ task: 'table', progress: p })),
        ...(await sharded(job.threads)),
      });
      return { task: 'table', report };
    }
    case 'verify-basis': {
      const { verifyBasis } = await import('../../../core/search/bootstrap');
      const { task: _task, ...opts } = job;
      const report = verifyBasis({ ...opts, now, shouldStop: ctx.shouldStop, onProgress: (p) => throttle(p.found !== undefined, () => ctx.progress({ task: 'verify-basis', progress: p })) });
      return { task: 'verify-basis', report };
    }
    case 'sheffer': {
      const { shefferSearch } = await import('../../../core/search/sheffer');
      const { task: _task, ...opts } = job;
      const report = shefferSearch({ ...opts, now, shouldStop: ctx.shouldStop, onProgress: (p) => throttle(false, () => ctx.progress({ task: 'sheffer', progress: p })) });
      return { task: 'sheffer', report };
    }
  }
});
