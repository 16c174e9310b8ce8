// Browser host: serves the built renderer and the host API over HTTP on a loopback address.
// Owns static file serving (MIME types, traversal guard), the per-launch bearer token, /api/<channel> routing
// and /events, the host → renderer event stream (Server-Sent Events over one long GET, token in the header).

import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';
import { ApiError, createHandlers, dispatch, type HandlerTable, type Services } from '../node/api';
import { EVENT_CHANNEL, type HostEvent } from '../shared/api';

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
}

export interface RunningServer {
  readonly host: string;
  readonly port: number;
  readonly token: string;
  /** Origin without token, e.g. http://127.0.0.1:5173 */
  readonly origin: string;
  /** The URL to open: origin + /?token=... */
  readonly url: string;
  close(): Promise<void>;
}

export const MAX_BODY_BYTES = 1024 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

/** Same policy as the page's meta tag, also sent as a header for every response. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function mimeType(file: string): string {
  return MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function baseHeaders(): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': CSP,
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

function tokensEqual(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerToken(req: IncomingMessage): string {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
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
  token: string,
  services: Services | undefined,
  streams: Set<ServerResponse>,
): void {
  if (!tokensEqual(bearerToken(req), token)) {
    sendJson(res, 401, { error: 'missing or invalid token' });
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
  token: string,
  handlers: HandlerTable,
): Promise<void> {
  if (!tokensEqual(bearerToken(req), token)) {
    sendJson(res, 401, { error: 'missing or invalid token' });
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

/** Resolves a URL path to a file inside `root`, or undefined when it is malformed or escapes root. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const relative = decoded.endsWith('/') ? decoded + 'index.html' : decoded;
  const file = resolve(root, '.' + relative);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  return file;
}

async function handleStatic(req: IncomingMessage, res: ServerResponse, urlPath: string, root: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
    return;
  }
  const candidate = resolveStaticPath(root, urlPath);
  if (candidate === undefined) {
    sendText(res, 403, 'forbidden');
    return;
  }
  let file: string;
  try {
    // Follow symlinks, then check again that the real file is still inside the renderer folder.
    file = await realpath(candidate);
    if (!file.startsWith(root + sep)) {
      sendText(res, 403, 'forbidden');
      return;
    }
    const info = await stat(file);
    if (!info.isFile()) {
      sendText(res, 404, 'not found');
      return;
    }
    const isHtml = extname(file).toLowerCase() === '.html';
    res.writeHead(200, {
      ...baseHeaders(),
      'content-type': mimeType(file),
      'content-length': info.size,
      'cache-control': isHtml ? 'no-store' : 'no-cache',
    });
  } catch {
    sendText(res, 404, 'not found');
    return;
  }
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
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
      if (path === '/events') {
        handleEvents(req, res, token, services, streams);
        return;
      }
      if (path === '/api' || path.startsWith('/api/')) {
        await handleApi(req, res, path.slice('/api/'.length), token, handlers);
        return;
      }
      await handleStatic(req, res, path, root);
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
  const urlHost = host === '::1' ? '[::1]' : host;
  const origin = `http://${urlHost}:${boundPort}`;

  return {
    host,
    port: boundPort,
    token,
    origin,
    url: `${origin}/?token=${token}`,
    close: () =>
      new Promise<void>((resolveClose, rejectClose) => {
        for (const stream of streams) stream.end();
        server.close((err) => (err ? rejectClose(err) : resolveClose()));
        server.closeAllConnections();
      }),
  };
}
