// The job service's cap on busy cores and its honesty about writes: with a cap of two cores, a third and
// fourth one-core job wait 'queued' (in the job list and in their run records) and start, in order, as
// cores free up; a job that needs every core waits for all of them and holds back the jobs behind it; a
// queued job can be cancelled. A job whose results cannot be written fails with that error and never
// reports 'completed' for a run that is not completed on disk.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnyJobDefinition, JobDefinition } from '../../../src/node/jobs/jobDefinition';
import { JobStopped } from '../../../src/node/jobs/runWorker';
import { JobService } from '../../../src/node/jobs/service';
import { VERIFY_JOB } from '../../../src/node/jobs/verifyJobDefinition';
import { ProjectStore, Workspace, readProjectFile } from '../../../src/node/store';
import type { JobInfo, VerifyJobInput, VerifyOutput, VerifyProgress } from '../../../src/shared/jobs';
import { failingFs, type FailingFs } from '../../helpers/failingFs';

let base: string;
let ws: Workspace;
let disk: FailingFs;
let store: ProjectStore;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-queue-'));
  disk = failingFs();
  ws = new Workspace({ projectsDir: join(base, 'projects'), configDir: join(base, 'config'), fs: disk.fs });
  store = await ws.create('Queue');
});

afterEach(async () => {
  await ws.shutdown();
  await rm(base, { recursive: true, force: true });
});

/** Polls `f` every 10 ms until it returns true (the test's own time limit bounds the wait). */
async function until(f: () => boolean): Promise<void> {
  while (!f()) await new Promise((r) => setTimeout(r, 10));
}

const INPUT: VerifyJobInput = { suite: 'unary', mode: 'paper', semantics: 'extended', digits: 40 };

/** A verify-like job per label whose run waits until the test lets it finish (or cancels it). */
function gatedJobs(cores: (label: string) => number): { def: AnyJobDefinition; started: string[]; finish(label: string): void } {
  const gates = new Map<string, () => void>();
  const started: string[] = [];
  const def: JobDefinition<VerifyJobInput & { label: string }, VerifyProgress, VerifyOutput> = {
    ...(VERIFY_JOB as unknown as JobDefinition<VerifyJobInput & { label: string }, VerifyProgress, VerifyOutput>),
    label: (input) => input.label,
    cores: (input) => cores(input.label),
    run: (input, opts) =>
      new Promise((resolve, reject) => {
        started.push(input.label);
        gates.set(input.label, () => resolve({ total: 0, passed: 0, failed: 0, stopped: false }));
        opts.signal?.addEventListener('abort', () => reject(new JobStopped({ kind: 'cancelled' })));
      }),
  };
  return {
    def: def as unknown as AnyJobDefinition,
    started,
    finish: (label) => gates.get(label)!(),
  };
}

const runStatus = (id: string): string | undefined => store.data.runs.find((r) => r.id === id)?.status;

describe('JobService with a cap of 2 cores', () => {
  it('queues one-core jobs past the cap, shows them queued, and starts them in order as cores free up', async () => {
    const gated = gatedJobs(() => 1);
    const jobs = new JobService({ holder: ws, cores: 2, definitions: { verify: gated.def } });
    const events: JobInfo[] = [];
    jobs.subscribe((j) => events.push(j));
    const started: JobInfo[] = [];
    for (const label of ['a', 'b', 'c', 'd']) started.push(await jobs.start('verify', { ...INPUT, label }, store));
    expect(started.map((j) => j.status)).toEqual(['running', 'running', 'queued', 'queued']);
    expect(started[2]!.message).toMatch(/queued: waiting for a free core/);
    await until(() => gated.started.length === 2);
    expect(gated.started).toEqual(['a', 'b']);
    // visible in the run records, on disk too
    expect(started.map((j) => runStatus(j.id))).toEqual(['running', 'running', 'queued', 'queued']);
    expect((await readProjectFile(store.dir)).runs.map((r) => r.status)).toEqual(['running', 'running', 'queued', 'queued']);
    // one core frees up: c starts, d still waits
    gated.finish('b');
    await until(() => gated.started.length === 3);
    expect(gated.started).toEqual(['a', 'b', 'c']);
    expect(jobs.list().map((j) => j.status)).toEqual(['running', 'completed', 'running', 'queued']);
    await until(() => runStatus(started[2]!.id) === 'running');
    gated.finish('a');
    gated.finish('c');
    await until(() => gated.started.length === 4);
    gated.finish('d');
    for (const j of started) expect((await jobs.settled(j.id))!.status).toBe('completed');
    expect(store.data.runs.map((r) => r.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
    // subscribers saw d queued, then running, then completed
    expect(events.filter((e) => e.id === started[3]!.id).map((e) => e.status)).toEqual(['queued', 'running', 'completed']);
  });

  it('runs a job that needs every core alone, and keeps later jobs behind it', async () => {
    const gated = gatedJobs((label) => (label === 'all' ? Infinity : 1));
    const jobs = new JobService({ holder: ws, cores: 2, definitions: { verify: gated.def } });
    const a = await jobs.start('verify', { ...INPUT, label: 'a' }, store);
    const all = await jobs.start('verify', { ...INPUT, label: 'all' }, store);
    const b = await jobs.start('verify', { ...INPUT, label: 'b' }, store);
    // a core is free, but b waits behind the whole-machine job (first come, first served)
    expect([a.status, all.status, b.status]).toEqual(['running', 'queued', 'queued']);
    gated.finish('a');
    await until(() => gated.started.length === 2);
    expect(gated.started).toEqual(['a', 'all']);
    expect(jobs.get(b.id)!.status).toBe('queued');
    gated.finish('all');
    await until(() => gated.started.length === 3);
    gated.finish('b');
    expect((await jobs.settled(b.id))!.status).toBe('completed');
  });

  it('cancels a queued job at once: it never starts, and its run ends cancelled', async () => {
    const gated = gatedJobs(() => 2);
    const jobs = new JobService({ holder: ws, cores: 2, definitions: { verify: gated.def } });
    const a = await jobs.start('verify', { ...INPUT, label: 'a' }, store);
    const b = await jobs.start('verify', { ...INPUT, label: 'b' }, store);
    expect(b.status).toBe('queued');
    jobs.cancel(b.id);
    expect((await jobs.settled(b.id))!.status).toBe('cancelled');
    expect(runStatus(b.id)).toBe('cancelled');
    gated.finish('a');
    expect((await jobs.settled(a.id))!.status).toBe('completed');
    expect(gated.started).toEqual(['a']);
  });
});

describe('JobService when the project cannot be written', () => {
  /** A job of four results; `whenDone` runs before it returns (the test fills the disk there). */
  function fourResults(whenDone: () => void): AnyJobDefinition {
    const def: JobDefinition<VerifyJobInput, VerifyProgress, VerifyOutput> = {
      ...VERIFY_JOB,
      async run(_input, opts) {
        for (let i = 1; i <= 4; i++) {
          opts.onProgress?.({
            done: i, total: 4,
            result: { kind: 'grid', name: `case ${i}`, formula: 'x', K: 1, passed: true, maxScaledError: 0, valid: 1, samples: 1, agreeingDigits: null, failure: null },
          });
        }
        // the progress writes are on their way; wait until all four are saved
        await new Promise<void>((r) => {
          const check = (): void => (store.data.runs[0] && (store.data.runs[0] as { results: unknown[] }).results.length === 4 ? r() : void setTimeout(check, 5));
          check();
        });
        whenDone();
        return { total: 4, passed: 4, failed: 0, stopped: false };
      },
    };
    return def as unknown as AnyJobDefinition;
  }

  it('a result that cannot be saved fails the job: it never says completed while the run is not completed on disk', async () => {
    const jobs = new JobService({ holder: ws, definitions: { verify: fourResults(() => (disk.writeError = 'ENOSPC')) } });
    const job = await jobs.start('verify', INPUT, store);
    const end = await jobs.settled(job.id);
    expect(end!.status).toBe('failed');
    expect(end!.error).toMatch(/its result could not be saved: .*the disk is full \(ENOSPC\)/);
    expect(end!.done).toBe(4);
    // memory and disk agree: the run is not completed in either
    expect(runStatus(job.id)).toBe('running');
    expect((await readProjectFile(store.dir)).runs[0]!.status).toBe('running');
    // the next host to open it sees an interrupted run, not a finished one
    disk.writeError = null;
    await ws.shutdown();
    const again = await ProjectStore.open(store.dir);
    expect(again.data.runs[0]).toMatchObject({ status: 'interrupted', progress: { done: 4, total: 4 } });
    await again.close();
  });

  it('a progress write that fails stops the job and fails it with that error', async () => {
    const jobs = new JobService({
      holder: ws,
      definitions: {
        verify: {
          ...(VERIFY_JOB as unknown as AnyJobDefinition),
          run: (_input, opts) =>
            new Promise((_resolve, reject) => {
              opts.signal?.addEventListener('abort', () => reject(new JobStopped({ kind: 'cancelled' })));
              // the disk fails for the write of this progress event only
              disk.writeError = 'EIO';
              disk.failNext = 1;
              opts.onProgress?.({ done: 1, total: 9, result: { kind: 'grid', name: 'c', formula: 'x', K: 1, passed: true, maxScaledError: 0, valid: 1, samples: 1, agreeingDigits: null, failure: null } });
            }),
        },
      },
    });
    const job = await jobs.start('verify', INPUT, store);
    const end = await jobs.settled(job.id);
    expect(end).toMatchObject({ status: 'failed' });
    expect(end!.error).toMatch(/its results could not be saved: .*input\/output error \(EIO\)/);
    expect(disk.failures).toBe(1);
    // its end was written once the disk worked again, without the result that could not be saved
    expect(store.data.runs[0]).toMatchObject({ status: 'failed', results: [] });
  });

  it('start() fails with the write error when the run record cannot be written, and nothing runs', async () => {
    const jobs = new JobService({ holder: ws, definitions: { verify: fourResults(() => undefined) } });
    disk.writeError = 'ENOSPC';
    await expect(jobs.start('verify', INPUT, store)).rejects.toThrow(/could not save .*the disk is full/);
    expect(jobs.list()).toEqual([]);
    expect(store.data.runs).toEqual([]);
  });
});
