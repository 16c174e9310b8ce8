import { describe, expect, it } from 'vitest';
import { recognize } from '../../../src/core/search/recognize';
import { constantTarget, functionTarget } from '../../../src/core/search/target';
import { JobStopped, runWorker } from '../../../src/node/jobs/runWorker';
import { ParallelBackend } from '../../../src/node/search/parallelBackend';
import type { SearchJob, SearchJobResult } from '../../../src/node/search/searchJob';

describe('ParallelBackend', () => {
  it.each([
    ['const', '-2', 'extended'], ['const', '1/2', 'strict'], ['fn', 'x*y', 'extended'],
  ] as const)('sharded over 2 threads, %s %s (%s) finds what one thread finds, level for level', async (kind, text, semantics) => {
    const target = kind === 'const' ? constantTarget(text) : functionTarget(text);
    const one = await recognize({ target, semantics, maxK: 31 });
    const two = await recognize({ target, semantics, maxK: 31, backend: (c, s) => ParallelBackend.start(c, s, 2) });
    expect(two.shards).toBe(2);
    expect(two.K).toBe(one.K);
    expect(two.hits[0]!.verification.verified).toBe(true);
    // shards' levels are merged into the one-thread order and their matches into the one-thread scan order: the
    // same levels, the same matches and the same trees, not just the same K
    expect(two.levels.map((l) => [l.K, l.distinct, l.evaluated])).toEqual(one.levels.map((l) => [l.K, l.distinct, l.evaluated]));
    expect(two.matches.map((m) => [m.K, m.candidates, m.verified])).toEqual(one.matches.map((m) => [m.K, m.candidates, m.verified]));
    expect(two.hits.map((h) => h.rpn)).toEqual(one.hits.map((h) => h.rpn));
  });

  it('with 3 shards (one in this thread, two shard threads) finds what one thread finds, level for level', async () => {
    const target = functionTarget('x*y');
    const one = await recognize({ target, semantics: 'extended', maxK: 31 });
    let backend: ParallelBackend | null = null;
    const three = await recognize({ target, semantics: 'extended', maxK: 31, backend: async (c, s) => (backend = await ParallelBackend.start(c, s, 3)) });
    expect(three.shards).toBe(3);
    expect(three.levels.map((l) => [l.K, l.distinct, l.evaluated])).toEqual(one.levels.map((l) => [l.K, l.distinct, l.evaluated]));
    expect(three.hits.map((h) => h.rpn)).toEqual(one.hits.map((h) => h.rpn));
    // every request was answered by all three shards, the local one included, each with its CPU time
    const rounds = (backend as unknown as ParallelBackend).rounds;
    expect(rounds.length).toBeGreaterThan(0);
    for (const r of rounds) expect(r.cpuMs).toHaveLength(3);
  });
});

describe('ParallelBackend memory', () => {
  it('stops for memory before a level that would not fit, held bytes within the budget, like one thread', async () => {
    const target = functionTarget('hypot(x,y)'), budget = 24 * 1024 ** 2;
    const opts = { target, leaves: ['1', 'x', 'y'], semantics: 'extended' as const, maxK: 19, maxBytes: budget };
    const one = await recognize(opts);
    const two = await recognize({ ...opts, backend: (c, s) => ParallelBackend.start(c, s, 2) });
    const projected: number[] = [];
    for (const r of [one, two]) {
      expect(r.stop).toMatchObject({ kind: 'memoryLimit', level: 13 });
      if (r.stop.kind !== 'memoryLimit') throw new Error(`expected a memoryLimit stop, got ${r.stop.kind}`);
      expect(r.peakBytes).toBeLessThanOrEqual(budget);
      expect(r.stop.heldBytes! + r.stop.projectedBytes!).toBeGreaterThan(budget);
      projected.push(r.stop.projectedBytes!);
    }
    // two threads hold every admissible candidate of the level until duplicates are dropped: a larger projection
    expect(projected[1]!).toBeGreaterThan(projected[0]!);
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

  it('is cancelled by its stop flag, shards included (no termination needed)', async () => {
    const ac = new AbortController();
    const job: SearchJob = { task: 'recognize', target: { kind: 'const', text: 'pi' }, semantics: 'extended', domain: 'complex', maxK: 45, maxBytes: 1024 ** 3, threads: 2 };
    // cancel once a level is stored; a grace period longer than any test: only a cooperative stop settles the job
    const p = runWorker('search', job, { signal: ac.signal, graceMs: 3_600_000, onProgress: () => ac.abort() });
    await expect(p).rejects.toBeInstanceOf(JobStopped);
    await expect(p).rejects.toMatchObject({ reason: { kind: 'cancelled' } });
  });
});
