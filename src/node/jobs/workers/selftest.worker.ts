// A worker used by the job runner's own tests: counts up with progress, honours the stop flag,
// can fail on request, throw when stopped (as a worker whose own threads report the stop does), or spin
// without polling (to prove termination after the grace period).
import { defineWorker } from '../defineWorker';

export interface SelftestInput { steps: number; fail?: boolean; ignoreStop?: boolean; throwOnStop?: boolean }

defineWorker<SelftestInput, { counted: number; stoppedEarly: boolean }, { step: number }>((input, ctx) => {
  if (input.fail) throw new Error('selftest: asked to fail');
  let i = 0;
  for (; i < input.steps; i++) {
    if (!input.ignoreStop && ctx.shouldStop()) {
      if (input.throwOnStop) throw new Error('selftest: stopped');
      return { counted: i, stoppedEarly: true };
    }
    const until = Date.now() + 2;
    while (Date.now() < until) { /* busy work */ }
    if (i % 10 === 0) ctx.progress({ step: i });
  }
  return { counted: i, stoppedEarly: false };
});
