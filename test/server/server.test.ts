// Browser host tests: static serving with MIME types, the traversal guard, token checks, API routing, and
// the /events stream over the shared services. Runs the real server in-process on a random loopback port.

import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { BINARY_CASES } from '../../src/core/verify/suites';
import { createServices, type Services } from '../../src/node/api';
import { startServer, type RunningServer } from '../../src/server/index';
import { raw, type RawResponse } from './rawRequest';

describe('browser host server', () => {
  let base: string;
  let rendererDir: string;
  let server: RunningServer;
  const auth = (): Record<string, string> => ({ authorization: `Bearer ${server.token}` });

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'eml-server-test-'));
    rendererDir = join(base, 'renderer');
    await mkdir(join(rendererDir, 'assets'), { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>EML Workbench</title><h1>EML Workbench</h1>');
    await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log("app");');
    await writeFile(join(rendererDir, 'assets', 'app.css'), 'body{}');
    await writeFile(join(base, 'secret.txt'), 'top secret');
    await symlink(join(base, 'secret.txt'), join(rendererDir, 'assets', 'link.txt'));
    server = await startServer({ port: 0, host: '127.0.0.1', rendererDir });
  });

  afterAll(async () => {
    await server?.close();
    await rm(base, { recursive: true, force: true });
  });

  it('listens on a random loopback port and prints a tokenised URL', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.token).toMatch(/^[A-Za-z0-9_-]{32,}$/);
  });

  it('uses a fresh token per launch', async () => {
    const other = await startServer({ port: 0, host: '127.0.0.1', rendererDir });
    try {
      expect(other.token).not.toBe(server.token);
    } finally {
      await other.close();
    }
  });

  it('refuses to bind a non-loopback address', async () => {
    await expect(startServer({ port: 0, host: '0.0.0.0', rendererDir })).rejects.toThrow(/loopback/);
  });

  it('serves index.html at / with an HTML type and a CSP header', async () => {
    const res = await raw(server, '/');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.body).toContain('<h1>EML Workbench</h1>');
  });

  it('serves assets with correct MIME types', async () => {
    const js = await raw(server, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.body).toBe('console.log("app");');
    const css = await raw(server, '/assets/app.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    const head = await raw(server, '/assets/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('answers 404 for missing files and 405 for non-GET static requests', async () => {
    expect((await raw(server, '/nope.js')).status).toBe(404);
    expect((await raw(server, '/assets')).status).toBe(404);
    expect((await raw(server, '/index.html', { method: 'DELETE' })).status).toBe(405);
  });

  it.each([
    '/../package.json',
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/..%5csecret.txt',
    '/assets%2f..%2f..%2fsecret.txt',
    '/index.html%00.js',
    '/%ff%fe',
  ])('rejects path traversal or malformed path %s', async (path) => {
    const res = await raw(server, path);
    expect([400, 403, 404]).toContain(res.status);
    expect(res.body).not.toContain('top secret');
    expect(res.body).not.toContain('"devDependencies"');
  });

  it('does not follow symlinks out of the renderer folder', async () => {
    const res = await raw(server, '/assets/link.txt');
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('top secret');
  });

  it('rejects requests whose Host header is not the loopback address', async () => {
    const res = await raw(server, '/', { headers: { host: `evil.example:${server.port}` } });
    expect(res.status).toBe(421);
  });

  it('rejects /api without a token or with a wrong one (401)', async () => {
    expect((await raw(server, '/api/eml:version')).status).toBe(401);
    expect((await raw(server, '/api/eml:version', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await raw(server, '/api/eml:version', { headers: { authorization: server.token } })).status).toBe(401);
    expect((await raw(server, `/api/eml:version?token=${server.token}`)).status).toBe(401);
    expect((await raw(server, '/api/nope')).status).toBe(401);
  });

  it('answers eml:version with the package name and version', async () => {
    const res = await raw(server, '/api/eml:version', { headers: auth() });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual({ name: pkg.name, version: pkg.version });
    const encoded = await raw(server, '/api/eml%3Aversion', { method: 'POST', headers: auth() });
    expect(JSON.parse(encoded.body)).toEqual({ name: pkg.name, version: pkg.version });
  });

  it('answers eml:ping over POST with a JSON body, and validates it (400)', async () => {
    const json = { ...auth(), 'content-type': 'application/json' };
    const ok = await raw(server, '/api/eml:ping', { method: 'POST', headers: json, body: '{"message":"hi"}' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ pong: true, message: 'hi' });
    const bad = await raw(server, '/api/eml:ping', { method: 'POST', headers: json, body: '{"message":42}' });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/message/);
    const extra = await raw(server, '/api/eml:version', { method: 'POST', headers: json, body: '{"x":1}' });
    expect(extra.status).toBe(400);
    const broken = await raw(server, '/api/eml:ping', { method: 'POST', headers: json, body: '{' });
    expect(broken.status).toBe(400);
    const wrongType = await raw(server, '/api/eml:ping', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(wrongType.status).toBe(415);
  });

  it('answers 404 for unknown channels, 405 for other methods, 413 for huge bodies', async () => {
    expect((await raw(server, '/api/eml:nope', { headers: auth() })).status).toBe(404);
    expect((await raw(server, '/api/eml:version', { method: 'PUT', headers: auth() })).status).toBe(405);
    const huge = await raw(server, '/api/eml:ping', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(huge.status).toBe(413);
    const declared = await raw(server, '/api/eml:ping', {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) },
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(declared.status).toBe(413);
  });
});

/** An open /events stream: collects parsed events, resolves waits on a predicate. */
interface EventStream {
  events: Array<Record<string, any>>;
  waitFor(pred: (e: Record<string, any>) => boolean): Promise<Record<string, any>>;
  ended: Promise<void>;
  close(): void;
}

function openEvents(server: RunningServer, token: string): Promise<{ status: number; contentType: string | undefined; stream: EventStream }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path: '/events', headers: { authorization: `Bearer ${token}` } },
      (res) => {
        const events: Array<Record<string, any>> = [];
        const waiters: Array<{ pred: (e: Record<string, any>) => boolean; done: (e: Record<string, any>) => void }> = [];
        let buffer = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) !== -1) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((l) => l.startsWith('data: '));
            if (!data) continue;
            const e = JSON.parse(data.slice(6)) as Record<string, any>;
            events.push(e);
            for (const w of waiters.splice(0)) {
              if (w.pred(e)) w.done(e);
              else waiters.push(w);
            }
          }
        });
        const ended = new Promise<void>((r) => res.on('close', () => r()));
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          stream: {
            events,
            ended,
            close: () => req.destroy(),
            waitFor: (pred) => {
              const hit = events.find(pred);
              return hit ? Promise.resolve(hit) : new Promise((done) => waiters.push({ pred, done }));
            },
          },
        });
      },
    );
    req.on('error', (e) => {
      if ((e as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(e);
    });
    req.end();
  });
}

describe('browser host event stream and services', () => {
  let base: string;
  let rendererDir: string;
  let services: Services;
  let server: RunningServer;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'eml-server-events-'));
    rendererDir = join(base, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>EML Workbench</title>');
    services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
    server = await startServer({ port: 0, host: '127.0.0.1', rendererDir, services });
  });

  afterAll(async () => {
    await server?.close();
    await services?.close();
    await rm(base, { recursive: true, force: true });
  });

  const post = (channel: string, body: unknown): Promise<RawResponse> =>
    raw(server, `/api/${channel}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('refuses /events without the token and other methods than GET', async () => {
    expect((await raw(server, '/events')).status).toBe(401);
    expect((await raw(server, '/events', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await raw(server, '/events', { method: 'POST', headers: { authorization: `Bearer ${server.token}` } })).status).toBe(405);
  });

  it('streams hello, then project and job events of calls made over HTTP, in order', async () => {
    const { status, contentType, stream } = await openEvents(server, server.token);
    expect(status).toBe(200);
    expect(contentType).toBe('text/event-stream; charset=utf-8');
    expect(await stream.waitFor((e) => e['type'] === 'hello')).toEqual({ type: 'hello', jobs: [] });

    const created = await post('eml:project:create', { name: 'Stream' });
    expect(created.status).toBe(200);
    const path = JSON.parse(created.body).path as string;
    expect((await post('eml:formula:save', { text: 'exp(x)' })).status).toBe(200);
    expect(await stream.waitFor((e) => e['type'] === 'project')).toEqual({ type: 'project', path });

    const started = await post('eml:jobs:start', { kind: 'verify', input: { suite: 'binary' } });
    expect(started.status).toBe(200);
    const id = JSON.parse(started.body).id as string;
    const end = await stream.waitFor((e) => e['type'] === 'job' && e['job'].id === id && e['job'].status !== 'running');
    expect(end['job']).toMatchObject({ status: 'completed', done: BINARY_CASES.length, total: BINARY_CASES.length, projectPath: path });
    const jobEvents = stream.events.filter((e) => e['type'] === 'job').map((e) => e['job'].done as number);
    expect(jobEvents).toEqual([...jobEvents].sort((a, b) => a - b));

    // a second stream (a reloaded page) starts with the finished job in its hello
    const second = await openEvents(server, server.token);
    const hello = await second.stream.waitFor((e) => e['type'] === 'hello');
    expect(hello['jobs'].map((j: { id: string; status: string }) => [j.id, j.status])).toEqual([[id, 'completed']]);
    second.stream.close();
    stream.close();
  });

  it('maps store refusals to 409 and job lookups to 404 over HTTP', async () => {
    const conflict = await post('eml:project:create', { name: 'Stream' });
    expect(conflict.status).toBe(200); // same name: created as "Stream 2"
    expect(JSON.parse(conflict.body).path).toMatch(/Stream 2\.emlw$/);
    const missing = await post('eml:jobs:cancel', { id: 'nope' });
    expect(missing.status).toBe(404);
    const bad = await post('eml:project:rename', { path: join(base, 'projects', 'Stream.emlw'), name: 'Stream 2' });
    expect(bad.status).toBe(409);
    expect(JSON.parse(bad.body).error).toMatch(/Stream 2\.emlw already exists/);
  });

  it('close() ends open event streams', async () => {
    const other = await startServer({ port: 0, host: '127.0.0.1', rendererDir, services });
    const { stream } = await openEvents(other, other.token);
    await stream.waitFor((e) => e['type'] === 'hello');
    await other.close();
    await stream.ended;
  });
});
