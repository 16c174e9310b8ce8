// Job cancellation latency (what the test suite no longer times): from abort() to the job's rejection, for the
// job runner's self-test worker (the baseline: one thread polling its stop flag) and for a search job sharded
// over two threads, cancelled once its first level is stored. Goals from the product brief: under 2 s.

import { runWorker } from '../src/node/jobs/runWorker';
import type { SearchJob } from '../src/node/search/searchJob';

const now = () => performance.now();

/** Milliseconds from abort (at the first progress event) to the rejection of worker `name`. */
async function cancelLatency(name: string, input: unknown): Promise<number> {
  const ac = new AbortController();
  let abortedAt = 0;
  const p = runWorker(name, input, { signal: ac.signal, graceMs: 60_000, onProgress: () => { if (!abortedAt) { abortedAt = now(); ac.abort(); } } });
  await p.then(() => { throw new Error(`${name}: finished before it was cancelled`); }, () => undefined);
  return now() - abortedAt;
}

/** Returns the printed report. */
export async function report(): Promise<string> {
  const best = async (f: () => Promise<number>): Promise<number> => Math.min(await f(), await f(), await f());
  const base = await best(() => cancelLatency('selftest', { steps: 100_000 }));
  const job: SearchJob = { task: 'recognize', target: { kind: 'const', text: 'pi' }, semantics: 'extended', domain: 'complex', maxK: 45, maxBytes: 1024 ** 3, threads: 2 };
  const search = await best(() => cancelLatency('search', job));
  return [
    `cancel a self-test worker: ${base.toFixed(0)} ms from abort to rejection (baseline)`,
    `cancel a search job on 2 shard threads: ${search.toFixed(0)} ms = ${(search / base).toFixed(1)}x the baseline (goal < 2000 ms)`,
  ].join('\n');
}
