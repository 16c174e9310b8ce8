// The app:// scheme's file answers, in plain Node (no electron): files of the renderer folder with their
// MIME type and the page's CSP; traversal (plain, encoded, backslashes, NUL), symlinks out of the folder,
// other hosts and other methods are refused.

import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, isAppUrl, serveAppRequest } from '../../src/main/appProtocol';

describe('app:// scheme', () => {
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'eml-app-protocol-')));
    root = join(base, 'renderer');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), '<!doctype html><title>EML Workbench</title>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1);');
    await writeFile(join(base, 'secret.txt'), 'top secret');
    await symlink(join(base, 'secret.txt'), join(root, 'assets', 'link.txt'));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  const get = (url: string, method = 'GET'): Promise<Response> => serveAppRequest(root, { url, method });

  it('serves the page and its assets with their MIME types and the CSP', async () => {
    const page = await get(APP_INDEX_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>EML Workbench</title>');
    const js = await get('app://renderer/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1);');
    expect((await get('app://renderer/')).status).toBe(200);
    const head = await get('app://renderer/assets/app.js', 'HEAD');
    expect([head.status, await head.text()]).toEqual([200, '']);
  });

  it.each([
    'app://renderer/../secret.txt',
    'app://renderer/%2e%2e/secret.txt',
    'app://renderer/..%2fsecret.txt',
    'app://renderer/assets/..%2f..%2fsecret.txt',
    'app://renderer/%2E%2E%2Fsecret.txt',
    'app://renderer/..%5csecret.txt',
    'app://renderer/index.html%00.js',
    'app://renderer/%ff%fe',
    'app://renderer/assets/link.txt',
  ])('refuses %s', async (url) => {
    const res = await get(url);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('top secret');
  });

  it('answers 404 for other hosts and missing files, 405 for other methods', async () => {
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get('file:///etc/passwd')).status).toBe(404);
    expect((await get('app://renderer/nope.js')).status).toBe(404);
    expect((await get('app://renderer/assets')).status).toBe(404);
    expect((await get(APP_INDEX_URL, 'POST')).status).toBe(405);
  });

  it('recognises app URLs by scheme and host', () => {
    expect(isAppUrl('app://renderer/index.html')).toBe(true);
    expect(isAppUrl('app://renderer.evil/index.html')).toBe(false);
    expect(isAppUrl('https://renderer/index.html')).toBe(false);
    expect(isAppUrl('::')).toBe(false);
  });
});
