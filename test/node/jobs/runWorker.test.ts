import { describe, expect, it } from 'vitest';
import { JobStopped, prestartWorker, runWorker } from '../../../src/node/jobs/runWorker';

describe('runWorker', () => {
  it('runs a worker to its result and streams progress', async () => {
    const seen: number[] = [];
    const r = await runWorker<{ steps: number }, { counted: number }, { step: number }>('selftest', { steps: 25 }, { onProgress: (p) => seen.push(p.step) });
    expect(r.counted).toBe(25);
    expect(seen).toEqual([0, 10, 20]);
  });

  it('cancels a cooperative worker: it returns early on the stop flag, with no termination needed', async () => {
    const ac = new AbortController();
    const seen: number[] = [];
    // a grace period longer than any test: only the worker's own early return can settle the job
    const p = runWorker<{ steps: number }, { counted: number }, { step: number }>('selftest', { steps: 100_000 }, {
      signal: ac.signal, graceMs: 3_600_000, onProgress: (q) => { seen.push(q.step); if (seen.length === 1) ac.abort(); },
    });
    await expect(p).rejects.toMatchObject({ reason: { kind: 'cancelled' } });
    expect(seen).toEqual([0]);
  });

  it('reports a worker that throws once asked to stop as cancelled, not failed', async () => {
    const ac = new AbortController();
    const p = runWorker<{ steps: number; throwOnStop: boolean }, { counted: number }, { step: number }>('selftest', { steps: 100_000, throwOnStop: true }, {
      signal: ac.signal, graceMs: 3_600_000, onProgress: () => ac.abort(),
    });
    await expect(p).rejects.toMatchObject({ reason: { kind: 'cancelled' } });
  });

  it('terminates a worker that ignores the stop flag after the grace period', async () => {
    const ac = new AbortController();
    const p = runWorker('selftest', { steps: 100000, ignoreStop: true }, { signal: ac.signal, graceMs: 50 });
    setTimeout(() => ac.abort(), 20);
    await expect(p).rejects.toBeInstanceOf(JobStopped);
  });

  it('reports a time limit and a failure as typed stop reasons', async () => {
    await expect(runWorker('selftest', { steps: 100000 }, { timeLimitMs: 30 })).rejects.toMatchObject({ reason: { kind: 'timeLimit', ms: 30 } });
    await expect(runWorker('selftest', { steps: 1, fail: true })).rejects.toMatchObject({ reason: { kind: 'failed', message: 'selftest: asked to fail' } });
  });

  it('names a worker that does not exist', async () => {
    await expect(runWorker('nope', {})).rejects.toThrow(/worker 'nope' is not built/);
  });

  it('runs the next job of a name on the worker prestarted for it, and reports a worker that cannot start when it runs', async () => {
    prestartWorker('selftest');
    prestartWorker('selftest'); // at most one waits per name
    const seen: number[] = [];
    const r = await runWorker<{ steps: number }, { counted: number }, { step: number }>('selftest', { steps: 25 }, { onProgress: (p) => seen.push(p.step) });
    expect(r.counted).toBe(25);
    expect(seen).toEqual([0, 10, 20]);
    // the prestarted one was taken: the next job starts its own and gives the same result
    expect((await runWorker<{ steps: number }, { counted: number }>('selftest', { steps: 25 })).counted).toBe(25);
    expect(() => prestartWorker('nope')).not.toThrow();
    await expect(runWorker('nope', {})).rejects.toThrow(/worker 'nope' is not built/);
  });

  it('runs a recognize job on a search worker that was told to preload the recognizer, as on a fresh one', async () => {
    const job = { task: 'recognize', target: { kind: 'const', text: '2' }, semantics: 'extended', domain: 'complex', maxK: 25, maxBytes: 256 * 1024 ** 2, threads: 1, digits: 40 };
    prestartWorker('search', 'recognize');
    const early = await runWorker<typeof job, { report: { found: boolean; hits: Array<{ K: number; eml: string }> } }>('search', job);
    const fresh = await runWorker<typeof job, { report: { found: boolean; hits: Array<{ K: number; eml: string }> } }>('search', job);
    expect(early.report.found).toBe(true);
    expect(early.report.hits[0]!.K).toBe(19);
    expect(early.report.hits.map((h) => h.eml)).toEqual(fresh.report.hits.map((h) => h.eml));
  });
});
