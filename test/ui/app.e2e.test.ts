// End-to-end test of the renderer in the browser host: real server over out/renderer, driven with Debian's chromium.
// Checks the title, heading and the version status line fetched through the token-protected API; saves a screenshot.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { startServer, type RunningServer } from '../../src/server/index';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rendererDir = join(root, 'out', 'renderer');
const screenshotFile = join(root, 'test-artifacts', 'ui', 'home.png');
const CHROMIUM = '/usr/bin/chromium';
const MISSING_CHROMIUM =
  `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium) to run the UI tests`;

/** Builds the renderer (electron-vite build) when out/renderer is missing, so the test never skips. */
function ensureRendererBuilt(): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  const require = createRequire(join(root, 'package.json'));
  const bin = join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js');
  execFileSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('electron-vite build did not produce out/renderer/index.html');
}

describe('EML Workbench in the browser host', () => {
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  let profileDir: string | undefined;
  let launchedPage: Page | undefined;

  /** The open page; fails the calling test (rather than skipping it) when chromium is not installed. */
  function ready(): Page {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING_CHROMIUM);
    if (launchedPage === undefined) throw new Error('the browser did not start (see the beforeAll error)');
    return launchedPage;
  }

  beforeAll(async () => {
    // A missing chromium must fail each test with MISSING_CHROMIUM; failing here would only mark them skipped.
    if (!existsSync(CHROMIUM)) return;
    ensureRendererBuilt();
    server = await startServer({ port: 0, host: '127.0.0.1', rendererDir });
    profileDir = await mkdtemp(join(tmpdir(), 'eml-ui-profile-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1024, height: 640 },
    });
    launchedPage = context.pages()[0] ?? (await context.newPage());
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    if (profileDir) await rm(profileDir, { recursive: true, force: true });
  });

  it('shows the title, the heading and the host version fetched through the API', async () => {
    const page = ready();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    const apiCalls: number[] = [];
    page.on('response', (response) => {
      const path = new URL(response.url()).pathname;
      if (path.startsWith('/api/')) apiCalls.push(response.status());
      else if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${path}`);
    });

    await page.goto(server!.url);
    await expect.poll(() => page.title()).toBe('EML Workbench');
    await expect.poll(() => page.locator('h1').textContent()).toBe('EML Workbench');

    const status = page.getByTestId('host-status');
    await status.getByText(pkg.version).waitFor({ timeout: 15_000 });
    const text = (await status.textContent()) ?? '';
    expect(text).toContain(pkg.name);
    expect(text).toContain(pkg.version);
    expect(text).toContain('browser host');
    expect(apiCalls).toEqual([200]);
    expect(problems).toEqual([]);

    await mkdir(dirname(screenshotFile), { recursive: true });
    await page.screenshot({ path: screenshotFile, fullPage: true });
    expect(existsSync(screenshotFile)).toBe(true);
  });

  it('follows the system colour scheme (light and dark)', async () => {
    const page = ready();
    const background = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    await page.emulateMedia({ colorScheme: null });
    expect(light).not.toBe(dark);
  });

  it('shows a host error when the page is opened without the token', async () => {
    const page = ready();
    await page.goto(server!.origin + '/');
    const status = page.getByTestId('host-status');
    await status.getByText('Host unavailable').waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toContain('401');
  });
});
