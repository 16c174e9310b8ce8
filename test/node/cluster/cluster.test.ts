// The run queue against a real redis-server: a queued fit equals the local fit bit for bit, workers refuse
// runs they must not execute (protocol, engine build, kind) with errors naming both sides, a failed run
// stops its job with the worker's reason, and a submitter refuses a queue with workers of another protocol.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/core/train';
import { type ClusterWorker, startClusterWorker } from '../../../src/node/cluster/clusterWorker';
import { encodePlain } from '../../../src/node/cluster/plainData';
import { PROTOCOL, QUEUE_NAME, workerKey } from '../../../src/node/cluster/protocol';
import { engineBuild } from '../../../src/node/cluster/runKind';
import { runOnQueue } from '../../../src/node/cluster/submitRuns';
import { runTrainJobOnQueue } from '../../../src/node/cluster/trainOnQueue';
import { TRAIN_RUN } from '../../../src/node/cluster/trainRun';
import { listWorkers } from '../../../src/node/cluster/workerRegistry';
import { buildFitJob, type FitSpec } from '../../../src/node/train/fitJob';
import { runTrainJob } from '../../../src/node/train/runTrainJob';
import { type RedisServer, startRedis } from '../../helpers/redisServer';
import { until } from '../../helpers/until';

let server: RedisServer;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
  queue = new Queue(QUEUE_NAME, { connection: new Redis(server.url, { maxRetriesPerRequest: null }) });
});

afterAll(async () => {
  await queue?.close();
  redis?.disconnect();
  (queue?.opts.connection as Redis | undefined)?.disconnect();
  await server?.stop();
});

const bits = (results: readonly RunResult[]): string => JSON.stringify(encodePlain(results));

/** A small fit: 8 runs (2 seeds × 4 strategies) of depth 2 with short budgets. */
const SMALL: FitSpec = { source: { kind: 'target', name: 'eml_depth2' }, seeds: 2, options: { searchIters: 300, hardeningIters: 120, patience: 300 } };

async function withWorkers<T>(n: number, f: (workers: ClusterWorker[]) => Promise<T>): Promise<T> {
  const workers: ClusterWorker[] = [];
  try {
    for (let i = 0; i < n; i++) workers.push(await startClusterWorker(server.url, { concurrency: 1, id: `test-${i}` }));
    return await f(workers);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

describe('the run queue', () => {
  it('runTrainJobOnQueue gives the local results bit for bit, each run once, credited to the workers that ran it', async () => {
    const job = buildFitJob(SMALL);
    const local = await runTrainJob(job.problem, job.options, job.plan, { workers: 1 });
    const queued = await withWorkers(2, () => runTrainJobOnQueue(server.url, job));
    expect(queued.error).toBeUndefined();
    expect(queued.stopped).toBeUndefined();
    expect(queued.results.map((r) => r.index)).toEqual(job.plan.map((p) => p.index));
    expect(bits(queued.results)).toBe(bits(local.results));
    expect(queued.results).toEqual(local.results);
    expect(queued.cluster.queue).toBe(server.url);
    expect(queued.cluster.workers.reduce((s, w) => s + w.runs, 0)).toBe(job.plan.length);
    expect(queued.cluster.workers.every((w) => /^test-[01]$/.test(w.id) && w.runs > 0)).toBe(true);
    // the submitter removed its runs from the queue
    expect(await queue.getJobCounts('wait', 'active', 'completed')).toEqual({ wait: 0, active: 0, completed: 0 });
  });

  it('a queued CSV fit sends its columns (the workers never read the file) and equals the local fit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'emlw-cluster-'));
    const rows = ['x,y,f'];
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) rows.push(`${0.5 + 0.2 * i},${0.6 + 0.3 * j},${Math.exp(0.5 + 0.2 * i) - Math.log(0.6 + 0.3 * j)}`);
    const file = join(dir, 'eml.csv');
    writeFileSync(file, rows.join('\n') + '\n');
    const job = buildFitJob({ source: { kind: 'csv', file, x: ['x', 'y'], y: 'f' }, depth: 1, seeds: 2, init: 'uniform', options: { searchIters: 200, hardeningIters: 100 } });
    const local = await runTrainJob(job.problem, job.options, job.plan, { workers: 1 });
    writeFileSync(file, 'x,y,f\n'); // a worker that read the file would now train on no rows
    const queued = await withWorkers(1, () => runTrainJobOnQueue(server.url, job));
    expect(bits(queued.results)).toBe(bits(local.results));
    expect(queued.results).toHaveLength(job.plan.length);
  });

  it('the workers announce themselves with their protocol and concurrency, and leave when closed', async () => {
    await withWorkers(2, async () => {
      const listed = await listWorkers(redis);
      expect(listed.map((w) => [w.id, w.protocol, w.concurrency, w.active])).toEqual([['test-0', PROTOCOL, 1, 0], ['test-1', PROTOCOL, 1, 0]]);
    });
    expect(await listWorkers(redis)).toEqual([]);
  });

  it.each([
    ['another protocol', { protocol: 999, version: '9.9.9' }, /run \S+ speaks queue protocol 999 \(emlw 9\.9\.9\); this worker \(emlw [\d.]+\) speaks protocol 1/],
    ['another engine build', { build: 'deadbeefdeadbeef' }, /comes from engine build deadbeefdeadbeef .*this worker runs build [0-9a-f]{16}/],
    ['an unknown kind', { kind: 'telepathy' }, /is of kind 'telepathy', which this worker .* does not have/],
    ['a malformed input', { input: { spec: {}, run: {} } }, /train run input\.spec\.source\.kind must be target, formula or columns/],
  ])('a worker refuses a run of %s with an error naming both sides', async (_name, change, re) => {
    const job = await withWorkers(1, async () => {
      const data = { protocol: PROTOCOL, build: engineBuild(TRAIN_RUN), version: '0', kind: 'train', submission: 's', index: 0, input: {}, ...change };
      const added = await queue.add('train', data, { jobId: `refuse-${Math.random().toString(36).slice(2)}` });
      return await until('the run to fail', async () => ((await queue.getJobState(added.id!)) === 'failed' ? added.id! : undefined));
    });
    expect((await queue.getJob(job))!.failedReason).toMatch(re);
  });

  it('a run that fails on a worker stops its job with the worker\'s reason', async () => {
    const bad = { spec: { source: { kind: 'formula', text: 'x +' } }, run: { index: 0, seed: 1, strategy: 'biased' } };
    const out = await withWorkers(1, () => runOnQueue(server.url, 'train', [bad]));
    expect(out.stopped).toBe('failed');
    expect(out.error).toMatch(/^run 1 \(train run 1: seed 1 biased\) failed on the queue: .*expected/);
    expect(out.results.size).toBe(0);
  });

  it('a submitter refuses a queue that has a worker of another protocol, naming it', async () => {
    const foreign = { id: 'old-box-1', host: 'old-box', pid: 1, version: '0.0.1', protocol: 0, concurrency: 4, active: 0, runs: 0, startedAt: new Date(0).toISOString() };
    await redis.set(workerKey(foreign.id), JSON.stringify(foreign), 'PX', 60_000);
    try {
      await expect(runTrainJobOnQueue(server.url, buildFitJob(SMALL))).rejects.toThrow(/worker old-box-1 on redis:\/\/127\.0\.0\.1:\d+ speaks queue protocol 0 \(emlw 0\.0\.1\); this emlw [\d.]+ speaks protocol 1/);
    } finally {
      await redis.del(workerKey(foreign.id));
    }
  });

  it('a submitter and a worker name the URL when Redis cannot be reached', async () => {
    const dead = `redis://127.0.0.1:${server.port === 1 ? 2 : 1}`;
    await expect(runTrainJobOnQueue(dead, buildFitJob(SMALL))).rejects.toThrow(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:[12] \(connect ECONNREFUSED/);
    await expect(startClusterWorker(dead)).rejects.toThrow(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:[12] /);
  });
});
