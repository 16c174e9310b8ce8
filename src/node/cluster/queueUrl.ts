// The address of a run queue: a Redis URL (redis://[user:password@]HOST[:PORT][/DB], rediss:// for TLS),
// checked once so that a typo is an error naming the URL, and shown without its password.

/** A checked queue address. */
export interface QueueUrl {
  /** The URL as given (passed to the Redis client). */
  readonly url: string;
  /** The URL without its password, for messages and reports. */
  readonly display: string;
}

const EXAMPLE = 'redis://HOST:PORT, e.g. redis://127.0.0.1:6379';

/** Returns the checked queue address of `text`; throws an Error naming the URL and what is wrong with it. */
export function parseQueueUrl(text: string): QueueUrl {
  const t = text.trim();
  let u: URL;
  try {
    u = new URL(t);
  } catch {
    throw new Error(`--queue '${text}' is not a URL (expected ${EXAMPLE})`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new Error(`--queue '${text}' is not a Redis URL: the scheme is '${u.protocol.replace(/:$/, '')}' (expected ${EXAMPLE})`);
  if (u.hostname === '') throw new Error(`--queue '${text}' names no host (expected ${EXAMPLE})`);
  if (u.port !== '' && !(Number(u.port) >= 1 && Number(u.port) <= 65535)) throw new Error(`--queue '${text}': port ${u.port} is not from 1 to 65535`);
  const db = u.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d{1,2}$/.test(db)) throw new Error(`--queue '${text}': the path must be a database number (e.g. /0), got '/${db}'`);
  if (u.search !== '' || u.hash !== '') throw new Error(`--queue '${text}' has a query or fragment; only redis://[user:password@]HOST[:PORT][/DB] is understood`);
  const shown = new URL(u.href);
  if (shown.password !== '') shown.password = '***';
  return { url: t, display: shown.href.replace(/\/$/, '') };
}
