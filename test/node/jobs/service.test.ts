// Job service tests with the real verify worker: progress reaches every subscriber, results land in the
// project run record while the job runs, cancel stops it with partial results kept, a subscriber that
// leaves (a page reload) does not stop it, failures are recorded, and the project stays open until the end.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PRIMITIVE_FORMULAS } from '../../../src/core/compile/primitives';
import { BINARY_CASES, runSuite } from '../../../src/core/verify/suites';
import type { JobDefinition } from '../../../src/node/jobs/jobDefinition';
import { JobService, type JobServiceOptions } from '../../../src/node/jobs/service';
import { VERIFY_JOB } from '../../../src/node/jobs/verifyJobDefinition';
import { JobStopped, runWorker } from '../../../src/node/jobs/runWorker';
import { Workspace, readProjectFile, type ProjectStore } from '../../../src/node/store';
import type { JobInfo, VerifyJobInput, VerifyOutput, VerifyProgress } from '../../../src/shared/jobs';
import type { VerifyRunRecord } from '../../../src/shared/project';

let base: string;
let ws: Workspace;
let store: ProjectStore;
let jobs: JobService;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-jobs-'));
  ws = new Workspace({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
  store = await ws.create('Jobs');
  jobs = new JobService({ holder: ws });
});

afterEach(async () => {
  await jobs.shutdown();
  await ws.shutdown();
  await rm(base, { recursive: true, force: true });
});

const run = (): VerifyRunRecord => store.data.runs[0] as VerifyRunRecord;
/** Cases of the identity suite: one per primitive of the reference table. */
const IDENTITIES = Object.keys(PRIMITIVE_FORMULAS).length;

/** Polls `f` every 10 ms until it returns true (the test's own time limit bounds the wait). */
async function until(f: () => boolean): Promise<void> {
  while (!f()) await new Promise((r) => setTimeout(r, 10));
}

/**
 * The real worker runner, except that progress past the first `hold` events, and the job's end, wait for release():
 * until then the job is running with exactly `hold` results, a state the test can wait for instead of racing the
 * worker. A cancel while held ends the job as cancelled (the worker is stopped if it still runs).
 */
function heldRunner(hold: number): { run: NonNullable<JobServiceOptions['run']>; release: () => void } {
  let opened = false;
  let open = (): void => undefined;
  const gate = new Promise<void>((r) => { open = () => { opened = true; r(); }; });
  const waiting: Array<() => void> = [];
  const run = async <I, O, P>(name: string, input: I, opts: Parameters<typeof runWorker<I, O, P>>[2] = {}): Promise<O> => {
    let seen = 0;
    const onProgress = (p: P): void => {
      if (opened || ++seen <= hold) opts.onProgress?.(p);
      else waiting.push(() => opts.onProgress?.(p));
    };
    const result = await runWorker<I, O, P>(name, input, { ...opts, onProgress });
    await new Promise<void>((resolve, reject) => {
      const cancelled = () => reject(new JobStopped({ kind: 'cancelled' }));
      if (opts.signal?.aborted) cancelled();
      opts.signal?.addEventListener('abort', cancelled);
      void gate.then(resolve);
    });
    return result;
  };
  return { run, release: () => { open(); for (const f of waiting.splice(0)) f(); } };
}

describe('JobService', () => {
  it('runs the unary suites in a worker: every subscriber sees progress to the end, and the run record matches runSuite', async () => {
    const seenA: JobInfo[] = [];
    const seenB: JobInfo[] = [];
    jobs.subscribe((j) => seenA.push(j));
    jobs.subscribe((j) => seenB.push(j));
    const started = await jobs.start('verify', { suite: 'unary', mode: 'paper', semantics: 'extended', digits: 40 }, store);
    expect(started).toMatchObject({ status: 'running', kind: 'verify', projectPath: store.dir, runId: run().id });
    expect(jobs.list().map((j) => j.id)).toEqual([started.id]);
    const end = await jobs.settled(started.id);
    const reference = runSuite('unary', 'paper', 'extended');
    expect(end).toMatchObject({ status: 'completed', done: reference.length, total: reference.length, error: null });
    // the last event each subscriber got is the final state; done never decreases
    for (const seen of [seenA, seenB]) {
      expect(seen.at(-1)).toEqual(end);
      for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    }
    // the project holds one result per case, in order, as the core computes them directly
    const passed = reference.filter((c) => c.passed).length;
    expect(run()).toMatchObject({
      kind: 'verify',
      status: 'completed',
      progress: { done: reference.length, total: reference.length },
      summary: { passed, failed: reference.length - passed },
    });
    expect(run().results.map((r) => [r.name, r.K, r.passed, r.maxScaledError])).toEqual(reference.map((c) => [c.name, c.K, c.passed, c.max_scaled_err]));
    // and it is on disk
    const disk = await readProjectFile(store.dir);
    expect((disk.runs[0] as VerifyRunRecord).results).toHaveLength(reference.length);
  });

  it('writes results into the project while the job runs; cancel stops it and keeps the partial results', async () => {
    await jobs.shutdown();
    jobs = new JobService({ holder: ws, run: heldRunner(3).run });
    const job = await jobs.start('verify', { suite: 'identities', mode: 'paper', semantics: 'extended', digits: 60 }, store);
    await until(() => run().results.length >= 3);
    // results are in the project before the job has ended, and on disk (writes are chained: the third
    // result is pushed only after the second one's write finished)
    expect(jobs.get(job.id)!.status).toBe('running');
    expect(((await readProjectFile(store.dir)).runs[0] as VerifyRunRecord).results.length).toBeGreaterThanOrEqual(2);
    jobs.cancel(job.id);
    const end = await jobs.settled(job.id);
    expect(end!.status).toBe('cancelled');
    expect(run().status).toBe('cancelled');
    expect(run().endedAt).not.toBeNull();
    expect(run().results.length).toBeLessThan(IDENTITIES);
    expect(run().results.length).toBe(run().progress.done);
    const passed = run().results.filter((r) => r.passed).length;
    expect(run().summary).toEqual({ passed, failed: run().results.length - passed });
  });

  it('keeps running when a subscriber leaves (page reload); a new subscriber and list() follow it to the end', async () => {
    const held = heldRunner(2);
    await jobs.shutdown();
    jobs = new JobService({ holder: ws, run: held.run });
    const before: JobInfo[] = [];
    const off = jobs.subscribe((j) => before.push(j));
    const job = await jobs.start('verify', { suite: 'identities', mode: 'paper', semantics: 'extended', digits: 25 }, store);
    await until(() => before.some((j) => j.done >= 2));
    off();
    const leftAt = before.at(-1)!.done;
    const after: JobInfo[] = [];
    jobs.subscribe((j) => after.push(j));
    // what a reloaded page asks first: the job is listed and still running
    expect(jobs.list().find((j) => j.id === job.id)!.status).toBe('running');
    held.release();
    const end = await jobs.settled(job.id);
    expect(end).toMatchObject({ status: 'completed', done: IDENTITIES, total: IDENTITIES });
    expect(after.at(-1)).toEqual(end);
    expect(after[0]!.done).toBeGreaterThanOrEqual(leftAt);
    expect(before.at(-1)!.done).toBe(leftAt);
    expect(run().results).toHaveLength(IDENTITIES);
  });

  it('records a failed job with its message in the job and in the run', async () => {
    const failing = new JobService({
      holder: ws,
      run: () => Promise.reject(new JobStopped({ kind: 'failed', message: 'verify: out of memory' })),
    });
    const job = await failing.start('verify', { suite: 'unary', mode: 'paper', semantics: 'extended', digits: 40 }, store);
    const end = await failing.settled(job.id);
    expect(end).toMatchObject({ status: 'failed', error: 'verify: out of memory' });
    expect(run()).toMatchObject({ status: 'failed', error: 'verify: out of memory', summary: { passed: 0, failed: 0 } });
  });

  it('holds the project open while the job writes to it, then lets the workspace close it', async () => {
    const job = await jobs.start('verify', { suite: 'binary', mode: 'ieee-safe', semantics: 'ieee', digits: 40 }, store);
    await ws.close();
    expect(ws.current).toBeNull();
    expect(store.closed).toBe(false);
    await jobs.settled(job.id);
    expect(store.closed).toBe(true);
    const disk = await readProjectFile(store.dir);
    expect(disk.runs[0]).toMatchObject({ status: 'completed', settings: { suite: 'binary', mode: 'ieee-safe', semantics: 'ieee' } });
    expect((disk.runs[0] as VerifyRunRecord).results).toHaveLength(BINARY_CASES.length);
  });

  it('runs a definition that brings its own runner (a worker pool) like any other job', async () => {
    const custom: JobDefinition<VerifyJobInput, VerifyProgress, VerifyOutput> = {
      ...VERIFY_JOB,
      async run(_input, opts) {
        for (let i = 1; i <= 3; i++) {
          opts.onProgress?.({
            done: i,
            total: 3,
            result: { kind: 'grid', name: `case ${i}`, formula: 'x', K: 1, passed: i !== 2, maxScaledError: 0, valid: 1, samples: 1, agreeingDigits: null, failure: i === 2 ? 'bad' : null },
          });
        }
        return { total: 3, passed: 2, failed: 1, stopped: false };
      },
    };
    const pool = new JobService({ holder: ws, definitions: { verify: custom as unknown as JobDefinition<unknown, unknown, unknown> } });
    const job = await pool.start('verify', { suite: 'unary', mode: 'paper', semantics: 'extended', digits: 40 }, store);
    expect(await pool.settled(job.id)).toMatchObject({ status: 'completed', done: 3, total: 3 });
    expect(run().results.map((r) => r.name)).toEqual(['case 1', 'case 2', 'case 3']);
    expect(run().summary).toEqual({ passed: 2, failed: 1 });
  });

  it('refuses an unknown job kind and an unknown job id', async () => {
    await expect(jobs.start('nope', {}, store)).rejects.toThrow(/unknown job kind 'nope'/);
    expect(() => jobs.cancel('missing')).toThrow(/no job with id 'missing'/);
    expect(store.data.runs).toEqual([]);
  });
});
