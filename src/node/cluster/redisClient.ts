// Connections to the queue's Redis: a one-shot probe that fails fast with an error naming the URL, and
// long-lived clients that reconnect on their own (BullMQ wants commands to wait for a reconnect rather
// than fail, hence maxRetriesPerRequest null). Every client gets an error listener: a dropped connection
// is reported once per outage, never an unhandled 'error' event. The Redis and BullMQ libraries load on
// first use: they take a while to load, and most commands never need them.

import type { Redis } from 'ioredis';
import type { QueueUrl } from './queueUrl';

type Drivers = { bullmq: typeof import('bullmq'); Redis: typeof import('ioredis').Redis };
let drivers: Promise<Drivers> | undefined;

/** Returns the queue's libraries, loading them once. */
export function loadDrivers(): Promise<Drivers> {
  drivers ??= Promise.all([import('bullmq'), import('ioredis')]).then(([bullmq, ioredis]) => ({ bullmq, Redis: ioredis.Redis }));
  return drivers;
}

/** Connects to Redis at `q`, runs `f` on the connection and closes it; throws an Error naming the URL and the cause when Redis cannot be reached. */
export async function probeRedis<T>(q: QueueUrl, f: (client: Redis) => Promise<T>, timeoutMs = 5000): Promise<T> {
  const { Redis } = await loadDrivers();
  const probe = new Redis(q.url, {
    lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false,
  });
  let cause = '';
  probe.on('error', (e: Error) => { cause ||= e.message; });
  try {
    try {
      await probe.connect();
    } catch (e) {
      throw new Error(`cannot reach Redis at ${q.display} (${cause || (e as Error).message || 'no answer'}); start redis-server there or pass another --queue`);
    }
    return await f(probe);
  } finally {
    probe.disconnect();
  }
}

/** Checks that Redis at `q` answers PING; throws an Error naming the URL and the cause when it does not. */
export async function checkReachable(q: QueueUrl, timeoutMs = 5000): Promise<void> {
  await probeRedis(q, async (c) => {
    const pong = await c.ping().catch((e: Error) => e.message);
    if (pong !== 'PONG') throw new Error(`Redis at ${q.display} does not answer PING (${pong}); is it a Redis server, and does it need a password?`);
  }, timeoutMs);
}

/** Returns a client for long use; `onProblem` hears the first error of each outage (once it reconnects, the next outage is reported again). */
export async function openClient(q: QueueUrl, onProblem?: (message: string) => void): Promise<Redis> {
  const { Redis } = await loadDrivers();
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
