// The app's run queue through the shared handler table (src/node/api.ts) against a real redis-server: the
// queue URL is kept in the host's settings and the workers on it are listed; a fit started while a queue
// is set runs on its workers, records which worker gave which runs, and equals the same fit run here.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../../../src/node/api';
import { type ClusterWorker, startClusterWorker } from '../../../src/node/cluster/clusterWorker';
import { PROTOCOL } from '../../../src/node/cluster/protocol';
import type { ClusterStatus } from '../../../src/shared/cluster';
import type { ProjectSnapshot } from '../../../src/shared/project';
import type { TrainRunRecord } from '../../../src/shared/train';
import { type RedisServer, startRedis } from '../../helpers/redisServer';

let server: RedisServer;
let base: string;
let services: Services;
let table: HandlerTable;
const call = (channel: string, arg?: unknown): Promise<any> => dispatch(table, channel, arg);

beforeAll(async () => {
  server = await startRedis();
});

afterAll(async () => {
  await server?.stop();
});

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-cluster-api-'));
  services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
  table = createHandlers({ services });
});

afterEach(async () => {
  await services.close();
  await rm(base, { recursive: true, force: true });
});

async function fit(input: object): Promise<TrainRunRecord> {
  const job = await call('eml:jobs:start', { kind: 'train', input });
  const end = await services.jobs.settled(job.id);
  expect(end?.status).toBe('completed');
  const snap: ProjectSnapshot = await call('eml:project:current');
  return snap.data.runs.find((r) => r.id === job.runId) as TrainRunRecord;
}

describe('the run queue in the app', () => {
  it('eml:cluster:set keeps the queue in the settings and eml:cluster:get lists its workers', async () => {
    expect(await call('eml:cluster:get')).toEqual({ queue: null, display: null, workers: [], error: null, protocol: PROTOCOL } satisfies ClusterStatus);
    const worker = await startClusterWorker(server.url, { concurrency: 2, id: 'lab-1' });
    try {
      const set: ClusterStatus = await call('eml:cluster:set', { queue: server.url });
      expect(set).toMatchObject({ queue: server.url, display: server.url, error: null });
      expect(set.workers.map((w) => [w.id, w.concurrency, w.active, w.protocol])).toEqual([['lab-1', 2, 0, PROTOCOL]]);
      // a new host over the same configuration folder reads the setting back
      const other = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
      expect((await dispatch(createHandlers({ services: other }), 'eml:cluster:get', undefined) as ClusterStatus).queue).toBe(server.url);
      await other.close();
    } finally {
      await worker.close();
    }
    expect((await call('eml:cluster:get') as ClusterStatus).workers).toEqual([]);
    expect(await call('eml:cluster:set', { queue: null })).toMatchObject({ queue: null, display: null });
  });

  it('eml:cluster:get reports an unreachable queue in its error, naming the URL', async () => {
    await call('eml:cluster:set', { queue: 'redis://127.0.0.1:1' });
    const s: ClusterStatus = await call('eml:cluster:get');
    expect(s.workers).toEqual([]);
    expect(s.error).toMatch(/^cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED/);
  });

  it('a fit started while a queue is set runs on its workers, says so in its notes, and equals the fit run here', async () => {
    await call('eml:project:create', { name: 'Queued' });
    const input = { source: { kind: 'target', name: 'eml_depth2' }, depth: 2, init: 'biased', seeds: 2, options: { searchIters: 300, hardeningIters: 120, patience: 300 } };
    const worker = await startClusterWorker(server.url, { concurrency: 1, id: 'lab-2' });
    let queued: TrainRunRecord;
    try {
      await call('eml:cluster:set', { queue: server.url });
      queued = await fit(input);
    } finally {
      await worker.close();
    }
    expect(queued.notes).toEqual(expect.arrayContaining([`Runs on the workers of the queue ${server.url}.`, 'Results by worker: lab-2 2 runs.']));
    await call('eml:cluster:set', { queue: null });
    const local = await fit(input);
    expect(local.notes.some((n) => n.includes('queue'))).toBe(false);
    expect(queued.seeds.map((s) => s.result)).toEqual(local.seeds.map((s) => s.result));
    expect(queued.metrics?.['per_seed']).toEqual(local.metrics?.['per_seed']);
  });
});
