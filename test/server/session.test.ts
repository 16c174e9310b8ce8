// Browser host sessions and origins: the printed token and one-time launch codes are traded for an HttpOnly,
// SameSite=Strict cookie by a redirect that drops them from the URL; the page's cookie works only with the
// page header; requests from other origins (Origin, Sec-Fetch-Site) are refused on every route.

import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { PAGE_REQUEST_HEADER } from '../../src/shared/api';
import { startServer, type RunningServer } from '../../src/server/index';
import { launchPageHtml, writeLaunchPage } from '../../src/server/launchPage';
import { LAUNCH_CODE_TTL_MS } from '../../src/server/session';
import { raw, statusOf } from './rawRequest';

/** The `name=value` part of a Set-Cookie header, or undefined when the response sets none. */
function cookieOf(headers: Record<string, string | string[] | undefined>): string | undefined {
  const set = headers['set-cookie'];
  const first = Array.isArray(set) ? set[0] : set;
  return first?.split(';')[0];
}

describe('browser host sessions', () => {
  let base: string;
  let rendererDir: string;
  let server: RunningServer;
  let clock = 1_000_000;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'eml-session-test-'));
    rendererDir = join(base, 'renderer');
    await mkdir(rendererDir, { recursive: true });
    await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>EML Workbench</title>');
    server = await startServer({ port: 0, host: '127.0.0.1', rendererDir, now: () => clock });
  });

  afterAll(async () => {
    await server?.close();
    await rm(base, { recursive: true, force: true });
  });

  const page = (cookie: string): Record<string, string> => ({ cookie, [PAGE_REQUEST_HEADER]: '1' });

  it('trades the printed token for an HttpOnly, SameSite=Strict cookie and redirects to / without it', async () => {
    const res = await raw(server, new URL(server.url).pathname + new URL(server.url).search);
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/');
    expect(res.headers['cache-control']).toBe('no-store');
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(new RegExp(`^emlw-session-${server.port}=[A-Za-z0-9_-]{40,}; Path=/; HttpOnly; SameSite=Strict$`));
    expect(setCookie).not.toContain(server.token);
    const cookie = cookieOf(res.headers)!;
    const version = await raw(server, '/api/eml:version', { headers: page(cookie) });
    expect(version.status).toBe(200);
    expect(JSON.parse(version.body)).toEqual({ name: pkg.name, version: pkg.version });
    expect(await statusOf(server, '/events', page(cookie))).toBe(200);
  });

  it('drops a wrong token from the URL without opening a session', async () => {
    const res = await raw(server, '/?token=' + 'x'.repeat(43));
    expect(res.status).toBe(303);
    expect(res.headers['location']).toBe('/');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses the API to a cookie without the page header, a forged cookie, or no credential', async () => {
    const cookie = cookieOf((await raw(server, `/?token=${server.token}`)).headers)!;
    const withoutHeader = await raw(server, '/api/eml:version', { headers: { cookie } });
    expect(withoutHeader.status).toBe(403);
    expect(JSON.parse(withoutHeader.body).error).toMatch(PAGE_REQUEST_HEADER);
    const forged = await raw(server, '/api/eml:version', { headers: page(`emlw-session-${server.port}=${'A'.repeat(43)}`) });
    expect(forged.status).toBe(401);
    // the token itself is not a session cookie
    expect((await raw(server, '/api/eml:version', { headers: page(`emlw-session-${server.port}=${server.token}`) })).status).toBe(401);
    const none = await raw(server, '/api/eml:version', { headers: { [PAGE_REQUEST_HEADER]: '1' } });
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error).toMatch(/open the URL the host printed/);
    expect((await raw(server, '/events', { headers: { cookie } })).status).toBe(403);
  });

  it('opens a session with a launch code once, and not after the code expired', async () => {
    const launch = new URL(server.launchUrl());
    expect(launch.origin).toBe(server.origin);
    expect(launch.search).not.toContain(server.token);
    const first = await raw(server, launch.pathname + launch.search);
    expect(first.status).toBe(303);
    expect(first.headers['location']).toBe('/');
    const cookie = cookieOf(first.headers)!;
    expect((await raw(server, '/api/eml:version', { headers: page(cookie) })).status).toBe(200);
    const again = await raw(server, launch.pathname + launch.search);
    expect(again.status).toBe(303);
    expect(again.headers['set-cookie']).toBeUndefined();

    const late = new URL(server.launchUrl());
    clock += LAUNCH_CODE_TTL_MS + 1;
    const expired = await raw(server, late.pathname + late.search);
    expect(expired.headers['set-cookie']).toBeUndefined();
    const fresh = new URL(server.launchUrl());
    expect(cookieOf((await raw(server, fresh.pathname + fresh.search)).headers)).toBe(cookie);
  });

  it.each([
    ['/api/eml:version', 'GET'],
    ['/api/eml:ping', 'POST'],
    ['/events', 'GET'],
    ['/', 'GET'],
    [`/?token=TOKEN`, 'GET'],
  ])('refuses %s (%s) from another origin, even with the token', async (path, method) => {
    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const target = path.replace('TOKEN', server.token);
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, `http://localhost:${server.port}`, 'null']) {
      const res = await raw(server, target, { method, headers: { ...auth, origin }, ...(method === 'POST' ? { body: '{}' } : {}) });
      expect(res.status, origin).toBe(403);
      expect(JSON.parse(res.body).error).toMatch(/cross-origin request/);
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('accepts requests whose Origin is the host itself', async () => {
    const res = await raw(server, '/api/eml:ping', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json', origin: server.origin },
      body: '{"message":"hi"}',
    });
    expect(res.status).toBe(200);
  });

  it('refuses API and event requests a browser marks as coming from another site', async () => {
    const cookie = cookieOf((await raw(server, `/?token=${server.token}`)).headers)!;
    for (const site of ['same-site', 'cross-site', 'none']) {
      for (const path of ['/api/eml:version', '/events']) {
        const res = await raw(server, path, { headers: { ...page(cookie), 'sec-fetch-site': site } });
        expect(res.status, `${path} ${site}`).toBe(403);
      }
    }
    expect((await raw(server, '/api/eml:version', { headers: { ...page(cookie), 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });
});

describe('launch page', () => {
  it('forwards to the launch URL with no referrer, escaping it as an attribute', () => {
    const html = launchPageHtml('http://127.0.0.1:5/?code=a&b="<x>');
    expect(html).toContain('<meta http-equiv="refresh" content="0;url=http://127.0.0.1:5/?code=a&amp;b=&quot;&lt;x&gt;">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).not.toContain('"<x>');
  });

  it('is written for this user only and never over an existing file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'eml-launch-'));
    try {
      const file = join(dir, 'open.html');
      await writeLaunchPage(file, 'http://127.0.0.1:5/?code=abc');
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, 'utf8')).toContain('?code=abc');
      await expect(writeLaunchPage(file, 'http://127.0.0.1:5/?code=other')).rejects.toThrow(/EEXIST/);
      expect(await readFile(file, 'utf8')).toContain('?code=abc');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
