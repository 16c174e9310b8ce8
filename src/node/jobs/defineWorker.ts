// The worker side of a job: decode the start message, run the handler with a progress callback and a
// stop flag (a SharedArrayBuffer the parent sets on cancellation), post the result or the error.

import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './protocol';

export interface JobContext<P> {
  /** Sends a progress event to the parent (keep them a few per second). */
  progress(p: P): void;
  /** True once the parent asked the job to stop; long loops poll it and return early. */
  shouldStop(): boolean;
}

/** Registers the handler of this worker file; call once at module top level. */
export function defineWorker<I, O, P>(handler: (input: I, ctx: JobContext<P>) => O | Promise<O>): void {
  const port = parentPort;
  if (!port) throw new Error('jobs: defineWorker must run inside a worker thread');
  port.once('message', async (msg: ToWorker<I>) => {
    const flag = new Int32Array(msg.stop);
    const post = (m: FromWorker<O, P>) => port.postMessage(m);
    const ctx: JobContext<P> = {
      progress: (p) => post({ type: 'progress', progress: p }),
      shouldStop: () => Atomics.load(flag, 0) !== 0,
    };
    try {
      post({ type: 'result', result: await handler(msg.input, ctx) });
    } catch (e) {
      post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  });
}
