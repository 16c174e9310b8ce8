// The workers of a queue, as they announce themselves: each worker keeps a heartbeat key (its
// ClusterWorkerInfo as JSON) that expires when it stops renewing it, so a killed worker drops out of the
// list within HEARTBEAT_TTL_MS. Listing reads every live heartbeat.

import type { Redis } from 'ioredis';
import type { ClusterWorkerInfo } from '../../shared/cluster';
import { WORKER_KEY_PATTERN, workerKey } from './protocol';

/** How often a worker renews its heartbeat, and how long one lives without renewal. */
export const HEARTBEAT_MS = 5000;
export const HEARTBEAT_TTL_MS = 3 * HEARTBEAT_MS;

/** Writes (or renews) the heartbeat of a worker. */
export async function announceWorker(redis: Redis, info: ClusterWorkerInfo): Promise<void> {
  await redis.set(workerKey(info.id), JSON.stringify(info), 'PX', HEARTBEAT_TTL_MS);
}

/** Removes the heartbeat of a worker that stops. */
export async function withdrawWorker(redis: Redis, id: string): Promise<void> {
  await redis.del(workerKey(id));
}

function isWorkerInfo(v: unknown): v is ClusterWorkerInfo {
  if (typeof v !== 'object' || v === null) return false;
  const w = v as Record<string, unknown>;
  return typeof w['id'] === 'string' && typeof w['host'] === 'string' && typeof w['version'] === 'string' && typeof w['startedAt'] === 'string'
    && ['pid', 'protocol', 'concurrency', 'active', 'runs'].every((k) => typeof w[k] === 'number');
}

/** Returns the live workers of the queue, sorted by id (heartbeats that are not worker records are skipped). */
export async function listWorkers(redis: Redis): Promise<ClusterWorkerInfo[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', WORKER_KEY_PATTERN, 'COUNT', 200);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  if (keys.length === 0) return [];
  const out: ClusterWorkerInfo[] = [];
  for (const text of await redis.mget(...keys)) {
    if (text === null) continue; // expired between SCAN and MGET
    try {
      const v = JSON.parse(text) as unknown;
      if (isWorkerInfo(v)) out.push(v);
    } catch {
      // not ours: skip
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}
