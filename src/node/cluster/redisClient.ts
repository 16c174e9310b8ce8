// Connections to the queue's Redis: a one-shot probe that fails fast with an error naming the URL, and
// long-lived clients that reconnect on their own (BullMQ wants commands to wait for a reconnect rather
// than fail, hence maxRetriesPerRequest null). Every client gets an error listener: a dropped connection
// is reported once per outage, never an unhandled 'error' event.

import { Redis } from 'ioredis';
import type { QueueUrl } from './queueUrl';

/** Checks that Redis at `q` answers; throws an Error naming the URL and the cause when it does not. */
export async function checkReachable(q: QueueUrl, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(q.url, {
    lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false,
  });
  let cause = '';
  probe.on('error', (e: Error) => { cause ||= e.message; });
  try {
    await probe.connect();
    const pong = await probe.ping();
    if (pong !== 'PONG') throw new Error(`it answered ${JSON.stringify(pong)} to PING`);
  } catch (e) {
    const why = cause || (e as Error).message || 'no answer';
    throw new Error(`cannot reach Redis at ${q.display} (${why}); start redis-server there or pass another --queue`);
  } finally {
    probe.disconnect();
  }
}

/** Returns a client for long use; `onProblem` hears the first error of each outage (once it reconnects, the next outage is reported again). */
export function openClient(q: QueueUrl, onProblem?: (message: string) => void): Redis {
  const client = new Redis(q.url, { maxRetriesPerRequest: null, connectTimeout: 10_000 });
  let reported = false;
  client.on('error', (e: Error) => {
    if (reported) return;
    reported = true;
    onProblem?.(`lost the connection to Redis at ${q.display} (${e.message}); retrying`);
  });
  client.on('ready', () => { reported = false; });
  return client;
}
