// discover on a Redis queue (a real redis-server): each engine group is one run on a queue worker, and the
// submitter ranks what the runs found.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TWELVE_LAWS, sampleLaw } from '../../../src/core/discover/benchmarkPack';
import { createRng } from '../../../src/core/rng';
import { type ClusterWorker, startClusterWorker } from '../../../src/node/cluster/clusterWorker';
import { parseQueueUrl } from '../../../src/node/cluster/queueUrl';
import { discoverThreads } from '../../../src/node/discover/discoverThreads';
import { type RedisServer, startRedis } from '../../helpers/redisServer';

let server: RedisServer;
let worker: ClusterWorker;

beforeAll(async () => {
  server = await startRedis();
  worker = await startClusterWorker(server.url, { concurrency: 2, id: 'discover-test' });
});

afterAll(async () => {
  await worker?.close();
  await server?.stop();
});

describe('discoverThreads({ queue })', () => {
  it('runs the engine groups on a queue worker and ranks their models: x·y from its data, with the cluster report', async () => {
    const data = sampleLaw(TWELVE_LAWS.find((l) => l.id === 'product')!, 200, 0, createRng(4));
    const report = await discoverThreads({ data, timeLimitMs: 120_000, now: () => performance.now(), queue: parseQueueUrl(server.url) });
    expect(report.best?.formula).toBe('x*y');
    expect(report.best?.exactWithinNoise).toBe(true);
    expect(report.engines.map((e) => e.name).sort()).toEqual(['calculator', 'constant', 'eml', 'trainer']);
    expect(report.cluster?.workers).toEqual([{ id: 'discover-test', runs: 3 }]);
  });
});
