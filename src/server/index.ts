// Browser host: serves the built renderer and the host API over HTTP on a loopback address.
// Owns the request checks (Host names this host, no cross-origin Origin), the trade of the printed token or
// a launch code for the session cookie (session.ts), static file serving (rendererFiles.ts), /api/<channel>
// routing and /events, the host → renderer event stream (Server-Sent Events over one long GET).

import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { ApiError, createHandlers, dispatch, type HandlerTable, type Services } from '../node/api';
import { locateRendererFile, RENDERER_CSP } from '../node/rendererFiles';
import { EVENT_CHANNEL, type HostEvent } from '../shared/api';
import { BrowserSession, crossOriginRefusal } from './session';

export interface ServerOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Loopback address to bind; only 127.0.0.1 (the default), ::1 or localhost are accepted. */
  host?: string;
  /** Folder holding the built renderer (index.html and assets/). */
  rendererDir: string;
  /** Fixed token (tests); by default a fresh random one per launch. */
  token?: string;
  /** Handler table; by default the shared one from src/node/api.ts over `services`. */
  handlers?: HandlerTable;
  /** Services whose events /events streams (and which the default handlers use). */
  services?: Services;
  /** Clock for launch-code expiry (tests inject one). */
  now?: () => number;
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** Origin without token, e.g. http://127.0.0.1:5173 */
  readonly origin: string;
  /** The URL to open: origin + /?token=... (the page trades the token for a session cookie and drops it). */
  readonly url: string;
  /** A URL that opens a session once, within LAUNCH_CODE_TTL_MS: origin + /?code=... (for launch pages). */
  launchUrl(): string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

function baseHeaders(): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': RENDERER_CSP,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...baseHeaders(),
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

function sendText(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    ...baseHeaders(),
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extra,
  });
  res.end(text);
}

/** The raw path of the request target (no query), or undefined when it is not an origin-form path. */
function rawPath(req: IncomingMessage): string | undefined {
  const target = req.url ?? '';
  if (!target.startsWith('/')) return undefined;
  const q = target.search(/[?#]/);
  return q === -1 ? target : target.slice(0, q);
}

/** Host header must name the loopback address and our port (guards against DNS rebinding). */
function hostAllowed(req: IncomingMessage, port: number): boolean {
  const host = (req.headers.host ?? '').toLowerCase();
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}

/** An HTTP-level refusal (size, media type, JSON syntax) raised while reading a request. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the body up to MAX_BODY_BYTES; past that it discards the rest (so the 413 reply still arrives). */
function readBody(req: IncomingMessage): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    return Promise.reject(new HttpError(413, 'request body too large'));
  }
  return new Promise((resolveBody, rejectBody) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        rejectBody(new HttpError(413, 'request body too large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!tooLarge) resolveBody(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', rejectBody);
  });
}

/** Interval of the comment lines that keep an idle event stream open through proxies and timeouts. */
export const EVENT_KEEPALIVE_MS = 15_000;

/**
 * GET /events: a text/event-stream of HostEvents. The first event is 'hello' with the current jobs, so a
 * reloaded page resynchronises; then every job and project event follows in order until the page goes.
 */
function handleEvents(
  req: IncomingMessage,
  res: ServerResponse,
  session: BrowserSession,
  services: Services | undefined,
  streams: Set<ServerResponse>,
): void {
  const refusal = session.refusal(req);
  if (refusal) {
    sendJson(res, refusal.status, { error: refusal.error });
    return;
  }
  if (req.method !== 'GET') {
    res.setHeader('allow', 'GET');
    sendJson(res, 405, { error: `method ${req.method ?? ''} not allowed` });
    return;
  }
  res.writeHead(200, {
    ...baseHeaders(),
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  const send = (event: HostEvent): void => {
    res.write(`event: ${EVENT_CHANNEL}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  send({ type: 'hello', jobs: services?.jobs.list() ?? [] });
  const off = services?.subscribe(send);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), EVENT_KEEPALIVE_MS);
  streams.add(res);
  const stop = (): void => {
    off?.();
    clearInterval(keepAlive);
    streams.delete(res);
  };
  req.on('close', stop);
  res.on('close', stop);
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  encodedChannel: string,
  session: BrowserSession,
  handlers: HandlerTable,
): Promise<void> {
  const refusal = session.refusal(req);
  if (refusal) {
    sendJson(res, refusal.status, { error: refusal.error });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    sendJson(res, 405, { error: `method ${req.method ?? ''} not allowed` });
    return;
  }
  let channel: string;
  try {
    channel = decodeURIComponent(encodedChannel);
  } catch {
    sendJson(res, 400, { error: 'malformed channel name' });
    return;
  }
  let arg: unknown = undefined;
  if (req.method === 'POST') {
    const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const text = await readBody(req);
    if (text.trim() !== '') {
      if (type !== 'application/json') throw new HttpError(415, 'the body must be application/json');
      try {
        arg = JSON.parse(text) as unknown;
      } catch {
        throw new HttpError(400, 'the body is not valid JSON');
      }
    }
  }
  try {
    const result = await dispatch(handlers, channel, arg);
    sendJson(res, 200, result ?? null);
  } catch (error) {
    if (error instanceof ApiError) sendJson(res, error.status, { error: error.message });
    else throw error;
  }
}

/** The query string of the request target (without '?'), '' when none. */
function rawQuery(req: IncomingMessage): string {
  const target = req.url ?? '';
  const q = target.indexOf('?');
  if (q === -1) return '';
  const hash = target.indexOf('#', q);
  return target.slice(q + 1, hash === -1 ? undefined : hash);
}

/**
 * GET of a page with `?token=` or `?code=`: opens a session when the credential is good (Set-Cookie) and
 * redirects to / (the browser keeps the #view), so the credential leaves the address bar and the history.
 */
function handleSessionStart(res: ServerResponse, query: URLSearchParams, session: BrowserSession): void {
  const cookie = session.exchange(query);
  res.writeHead(303, {
    ...baseHeaders(),
    location: '/',
    'cache-control': 'no-store',
    'content-length': 0,
    ...(cookie ? { 'set-cookie': cookie } : {}),
  });
  res.end();
}

async function handleStatic(req: IncomingMessage, res: ServerResponse, urlPath: string, root: string, session: BrowserSession): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    return;
  }
  const query = new URLSearchParams(rawQuery(req));
  if (BrowserSession.carriesCredential(query)) {
    handleSessionStart(res, query, session);
    return;
  }
  const located = await locateRendererFile(root, urlPath);
  if ('status' in located) {
    sendText(res, located.status, located.status === 403 ? 'forbidden' : 'not found');
    return;
  }
  res.writeHead(200, {
    ...baseHeaders(),
    'content-type': located.type,
    'content-length': located.size,
    'cache-control': located.type.startsWith('text/html') ? 'no-store' : 'no-cache',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(located.file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/** Starts the browser host; resolves once it listens. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`server: refusing to bind non-loopback address ${host}`);
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`server: invalid port ${String(port)}`);
  const token = options.token ?? randomBytes(32).toString('base64url');
  if (token.length < 16 || !/^[A-Za-z0-9_-]+$/.test(token)) throw new Error('server: the token must be 16+ URL-safe characters');
  const root = await realpath(resolve(options.rendererDir));
  const services = options.services;
  const handlers = options.handlers ?? createHandlers(services ? { services } : {});
  const streams = new Set<ServerResponse>();
  let boundPort = port;
  // created once the port is known (the cookie names it); no request arrives before that
  let session: BrowserSession;

  const server: Server = createServer((req, res) => {
    void (async () => {
      const path = rawPath(req);
      if (path === undefined) {
        sendText(res, 400, 'bad request');
        return;
      }
      if (!hostAllowed(req, boundPort)) {
        sendText(res, 421, 'misdirected request');
        return;
      }
      const crossOrigin = crossOriginRefusal(req);
      if (crossOrigin) {
        sendJson(res, crossOrigin.status, { error: crossOrigin.error });
        return;
      }
      if (path === '/events') {
        handleEvents(req, res, session, services, streams);
        return;
      }
      if (path === '/api' || path.startsWith('/api/')) {
        await handleApi(req, res, path.slice('/api/'.length), session, handlers);
        return;
      }
      await handleStatic(req, res, path, root, session);
    })().catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      if (error instanceof HttpError) sendJson(res, error.status, { error: error.message });
      else sendJson(res, 500, { error: error instanceof Error ? `internal error: ${error.message}` : 'internal error' });
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  boundPort = (server.address() as AddressInfo).port;
  session = new BrowserSession(token, boundPort, options.now);
  const urlHost = host === '::1' ? '[::1]' : host;
  const origin = `http://${urlHost}:${boundPort}`;

  return {
    host,
    port: boundPort,
    token,
    origin,
    url: `${origin}/?token=${token}`,
    launchUrl: () => `${origin}/?code=${session.issueLaunchCode()}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        for (const stream of streams) stream.end();
        server.close((err) => (err ? rejectClose(err) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
