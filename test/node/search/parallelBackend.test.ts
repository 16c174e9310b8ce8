import { describe, expect, it } from 'vitest';
import { recognize } from '../../../src/core/search/recognize';
import { constantTarget, functionTarget } from '../../../src/core/search/target';
import { JobStopped, runWorker } from '../../../src/node/jobs/runWorker';
import { ParallelBackend } from '../../../src/node/search/parallelBackend';
import type { SearchJob, SearchJobResult } from '../../../src/node/search/searchJob';

describe('ParallelBackend', () => {
  it.each([
    ['const', '-2', 'extended'], ['const', '1/2', 'strict'], ['fn', 'x*y', 'extended'],
  ] as const)('sharded over 2 threads, %s %s (%s) finds the same minimal K as one thread', async (kind, text, semantics) => {
    const target = kind === 'const' ? constantTarget(text) : functionTarget(text);
    const one = await recognize({ target, semantics, maxK: 31 });
    const two = await recognize({ target, semantics, maxK: 31, backend: (c, s) => ParallelBackend.start(c, s, 2) });
    expect(two.shards).toBe(2);
    expect(two.K).toBe(one.K);
    expect(two.hits[0]!.verification.verified).toBe(true);
    // shards list a level's nodes in another order, so another tree of equal value may come first and a value
    // on a rounding boundary of the fingerprint may fall on the other side: the counts agree to 0.1 %
    expect(two.levels.map((l) => l.K)).toEqual(one.levels.map((l) => l.K));
    two.levels.forEach((l, i) => expect(Math.abs(l.distinct - one.levels[i]!.distinct)).toBeLessThanOrEqual(Math.ceil(one.levels[i]!.distinct / 1000)));
  });
});

describe('search job', () => {
  it('runs recognize in a worker thread with progress events', async () => {
    const seen: string[] = [];
    const job: SearchJob = { task: 'recognize', target: { kind: 'const', text: '2' }, semantics: 'extended', domain: 'complex', maxK: 19, maxBytes: 256 * 1024 ** 2, threads: 1 };
    const r = await runWorker<SearchJob, SearchJobResult, { task: string }>('search', job, { onProgress: (p) => seen.push(p.task) });
    expect(r.task).toBe('recognize');
    if (r.task === 'recognize') expect(r.report.K).toBe(19);
    expect(seen.length).toBeGreaterThan(0);
  });

  it('is cancelled within its grace period, shards included', async () => {
    const ac = new AbortController();
    const job: SearchJob = { task: 'recognize', target: { kind: 'const', text: 'pi' }, semantics: 'extended', domain: 'complex', maxK: 45, maxBytes: 1024 ** 3, threads: 2 };
    const p = runWorker('search', job, { signal: ac.signal, graceMs: 1000 });
    setTimeout(() => ac.abort(), 300);
    const t0 = Date.now();
    await expect(p).rejects.toBeInstanceOf(JobStopped);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
