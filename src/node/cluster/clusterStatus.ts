// What the app shows of its run queue: the URL of its settings and the workers announced there, or why
// they cannot be listed. Every call reads Redis afresh (the app polls it while the panel is open).

import type { ClusterSettings, ClusterStatus } from '../../shared/cluster';
import { PROTOCOL } from './protocol';
import { parseQueueUrl } from './queueUrl';
import { probeRedis } from './redisClient';
import { listWorkers } from './workerRegistry';

/** How long a status call waits for Redis. */
const STATUS_TIMEOUT_MS = 2000;

/** Returns the queue of `settings` with its live workers; a bad URL or an unreachable Redis is reported in `error`. */
export async function clusterStatus(settings: ClusterSettings): Promise<ClusterStatus> {
  if (settings.queue === null) return { queue: null, display: null, workers: [], error: null, protocol: PROTOCOL };
  let display = settings.queue;
  try {
    const q = parseQueueUrl(settings.queue);
    display = q.display;
    const workers = await probeRedis(q, listWorkers, STATUS_TIMEOUT_MS);
    return { queue: settings.queue, display, workers, error: null, protocol: PROTOCOL };
  } catch (e) {
    return { queue: settings.queue, display, workers: [], error: (e as Error).message, protocol: PROTOCOL };
  }
}
