// The compiler verification job: runs the suites in the verify worker (one thread), one run record per
// job, a result appended per case as it finishes.

import type { VerifyJobInput, VerifyOutput, VerifyProgress } from '../../shared/jobs';
import { findRun, type JobDefinition } from './jobDefinition';

export const VERIFY_JOB: JobDefinition<VerifyJobInput, VerifyProgress, VerifyOutput> = {
  worker: 'verify',
  label: (input) =>
    `Verify compiler: ${input.suite}, ${input.mode} mode, ${input.semantics} semantics` +
    (input.suite === 'identities' || input.suite === 'all' ? `, ${input.digits} digits` : ''),
  async createRun(store, input, base) {
    await store.update((d) => {
      d.runs.push({ ...base, kind: 'verify', settings: { ...input }, results: [], summary: null });
    });
  },
  describe: (p) => ({ done: p.done, total: p.total, message: `${p.result.name}: ${p.result.passed ? 'ok' : 'FAILED'}` }),
  async recordProgress(store, runId, p) {
    await store.update((d) => {
      const run = findRun(d, runId, 'verify');
      if (!run) return;
      run.results.push(p.result);
      run.progress = { done: p.done, total: p.total };
    });
  },
  async recordEnd(store, runId, end) {
    await store.update((d) => {
      const run = findRun(d, runId, 'verify');
      if (!run) return;
      run.status = end.status;
      run.endedAt = new Date().toISOString();
      run.error = end.error ?? null;
      const passed = run.results.filter((r) => r.passed).length;
      run.summary = { passed, failed: run.results.length - passed };
    });
  },
};
