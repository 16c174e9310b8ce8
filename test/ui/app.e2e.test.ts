// End-to-end tests of the workbench in the browser host: the real host process (dist/server/main.mjs) over
// temporary project and configuration folders, driven in Debian's chromium with playwright-core. Creates a
// project, compiles sin(x) (tree and LaTeX), saves it to the Library, exports LaTeX, runs the verification
// job across a page reload, restarts the host and finds the project intact. Screenshots go to test-artifacts/ui/.

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { artifacts, CHROMIUM, MISSING_CHROMIUM, startHost, stopHost, VIEWPORT, type Host } from './harness';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { compileToEml } from '../../src/core/compile';
import { parseInfix } from '../../src/core/syntax';
import { BINARY_CASES, UNARY_CASES } from '../../src/core/verify/suites';
import { PRIMITIVE_FORMULAS } from '../../src/core/compile/primitives';
import type { ProjectData } from '../../src/shared/project';

const VERIFY_CASES = UNARY_CASES.length + BINARY_CASES.length + Object.keys(PRIMITIVE_FORMULAS).length;
/** sin(x) compiled here, in the test process, as the reference for what the host shows. */
const SIN = compileToEml(parseInfix('sin(x)'), { mode: 'paper' });

describe('EML Workbench in the browser host', () => {
  let base: string;
  let projectsDir: string;
  let configDir: string;
  let host: Host | undefined;
  let context: BrowserContext | undefined;
  let launchedPage: Page | undefined;
  const problems: string[] = [];

  /** The open page; fails the calling test (rather than skipping it) when chromium is not installed. */
  function ready(): Page {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING_CHROMIUM);
    if (launchedPage === undefined) throw new Error('the browser did not start (see the beforeAll error)');
    return launchedPage;
  }

  const shot = async (page: Page, name: string): Promise<void> => {
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    expect(existsSync(join(artifacts, `${name}.png`))).toBe(true);
  };

  const projectJson = async (): Promise<ProjectData> =>
    JSON.parse(await readFile(join(projectsDir, 'Demo.emlw', 'project.json'), 'utf8')) as ProjectData;

  beforeAll(async () => {
    // A missing chromium must fail each test with MISSING_CHROMIUM; failing here would only mark them skipped.
    if (!existsSync(CHROMIUM)) return;
    await mkdir(artifacts, { recursive: true });
    base = await mkdtemp(join(tmpdir(), 'eml-ui-'));
    projectsDir = join(base, 'projects');
    configDir = join(base, 'config');
    host = await startHost(projectsDir, configDir);
    context = await chromium.launchPersistentContext(join(base, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: VIEWPORT,
      acceptDownloads: true,
    });
    launchedPage = context.pages()[0] ?? (await context.newPage());
    launchedPage.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    launchedPage.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    launchedPage.on('response', (response) => {
      if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${new URL(response.url()).pathname}`);
    });
  });

  // a failed step leaves a screenshot of the page as it was, for the CI artifacts
  afterEach(async ({ task }) => {
    if (task.result?.state !== 'fail' || !launchedPage || launchedPage.isClosed()) return;
    const name = task.name.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
    await launchedPage.screenshot({ path: join(artifacts, `failed-${name}.png`), fullPage: true }).catch(() => undefined);
  });

  afterAll(async () => {
    await context?.close();
    await stopHost(host);
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('shows the shell with the host version and follows the system colour scheme', async () => {
    const page = ready();
    await page.goto(host!.url);
    await expect.poll(() => page.title()).toBe('EML Workbench');
    expect(await page.locator('h1').textContent()).toBe('EML Workbench');
    const status = page.getByTestId('host-status');
    await status.getByText(pkg.version).waitFor({ timeout: 15_000 });
    // the token was traded for an HttpOnly session cookie: it is neither in the address bar nor readable by scripts
    expect(page.url()).toBe(new URL(host!.url).origin + '/');
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const cookies = await context!.cookies(new URL(host!.url).origin);
    expect(cookies.map((c) => [c.httpOnly, c.sameSite])).toEqual([[true, 'Strict']]);
    expect(await status.textContent()).toContain(`${pkg.name} ${pkg.version} (browser host)`);
    const background = (): Promise<string> => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    await shot(page, 'home-dark');
    await page.emulateMedia({ colorScheme: null });
    expect(light).not.toBe(dark);
    // '?' lists the keyboard shortcuts; Escape closes the list
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcut-help');
    await help.waitFor();
    expect(await help.textContent()).toContain('Alt+2Compile');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'detached' });
  });

  it('creates a project, which becomes the open one and exists on disk', async () => {
    const page = ready();
    await page.getByTestId('new-project-name').fill('Demo');
    await page.getByTestId('create-project').click();
    await page.getByTestId('current-project').getByText('Demo').waitFor();
    expect(await page.getByTestId('project-path').textContent()).toBe(join(projectsDir, 'Demo.emlw'));
    expect((await projectJson()).name).toBe('Demo');
    await shot(page, 'projects');
  });

  it('compiles sin(x) and shows its K, LaTeX and EML tree with named subtrees', async () => {
    const page = ready();
    await page.keyboard.press('Alt+2');
    await page.getByTestId('formula-input').waitFor();
    expect(page.url()).toContain('#/compile');
    const input = page.getByTestId('formula-input');
    // the live preview reports a parse error at its column before anything is sent to the host
    await input.fill('sin(x');
    await page.getByTestId('live-preview').getByText('column 6').waitFor();
    await input.fill('sin(x)');
    await input.press('Enter');
    const reference = SIN;
    await page.getByTestId('stat-k').getByText(String(reference.K)).waitFor();
    expect(await page.getByTestId('stat-depth').textContent()).toBe(String(reference.depth));
    expect(await page.getByTestId('formula-latex').locator('annotation').textContent()).toBe('\\sin\\left(x\\right)');
    expect(await page.getByTestId('formula-check').textContent()).toContain('passed');
    const nodes = page.getByTestId('tree-node');
    await expect.poll(() => nodes.count()).toBeGreaterThan(20);
    const rootNode = page.locator('[data-testid="tree-node"][data-path=""]');
    await expect.poll(() => rootNode.getAttribute('data-label')).toBe('sin(x)');
    const shown = await nodes.count();
    expect(await page.getByTestId('tree-count').textContent()).toContain(`${shown} of ${reference.K} nodes shown`);
    // folding the root hides everything below it; unfolding brings the children back
    await rootNode.click();
    await expect.poll(() => nodes.count()).toBe(1);
    await rootNode.click();
    await expect.poll(() => nodes.count()).toBe(3);
    await page.getByTestId('tree-expand').click();
    await expect.poll(() => nodes.count()).toBeGreaterThan(3);
    // folded to primitives: every named subtree below the root stays folded under its name
    await page.getByTestId('tree-primitives').click();
    const named = page.locator('[data-testid="tree-node"]:not([data-label=""]):not([data-path=""])');
    await expect.poll(() => named.count()).toBeGreaterThan(0);
    expect(await named.evaluateAll((els) => els.map((e) => e.getAttribute('data-folded')))).toEqual(
      Array.from({ length: await named.count() }, () => 'true'),
    );
    await page.getByTestId('tree-reset').click();
    await expect.poll(() => nodes.count()).toBe(shown);
    await shot(page, 'compile');
  });

  it('saves the formula to the Library, tags it and finds it by search', async () => {
    const page = ready();
    await page.getByTestId('save-formula').click();
    // the notice says what happened (an error would show here instead)
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 20_000 }).toContain('Saved “sin(x)” to the library');
    await page.getByTestId('nav-library').click();
    const rows = page.getByTestId('library-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getByTestId('library-name').textContent()).toBe('sin(x)');
    await rows.first().getByTestId('tag-input').fill('trig');
    await rows.first().getByTestId('tag-input').press('Enter');
    await page.getByTestId('library-tag').getByText('trig').waitFor();
    await page.getByTestId('library-search').fill('trig');
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId('library-search').fill('cosh');
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('library-search').fill('');
    await expect.poll(() => rows.count()).toBe(1);
    const saved = (await projectJson()).formulas;
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({ name: 'sin(x)', tags: ['trig'], compile: { K: SIN.K, depth: SIN.depth }, provenance: { kind: 'compile' }, verification: { passed: true } });
  });

  it('exports the selected formula as a LaTeX file, downloaded and written into the project', async () => {
    const page = ready();
    await page.getByTestId('library-select').first().check();
    await page.getByTestId('export-format').selectOption('latex');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    const download = await downloading;
    const downloaded = await readFile((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toMatch(/^formulas-\d{8}-\d{6}Z\.tex$/);
    const path = (await page.getByTestId('export-path').textContent())!;
    expect(path).toBe(join(projectsDir, 'Demo.emlw', 'exports', download.suggestedFilename()));
    const onDisk = await readFile(path, 'utf8');
    expect(onDisk).toBe(downloaded);
    expect(onDisk).toContain('\\documentclass{article}');
    expect(onDisk).toContain('\\sin\\left(x\\right)');
    expect(onDisk).toContain(`K = ${SIN.K}, depth ${SIN.depth}`);
    expect(onDisk.trimEnd().endsWith('\\end{document}')).toBe(true);
    await shot(page, 'library');
  });

  it('runs the verification job with live progress, and the job keeps running across a page reload', async () => {
    const page = ready();
    await page.getByTestId('nav-compile').click();
    await page.getByTestId('verify-suite').selectOption('all');
    await page.getByTestId('verify-digits').fill('100');
    await page.getByTestId('run-verify').click();
    const job = page.locator('[data-testid="job-item"][data-status="running"]');
    await job.waitFor({ timeout: 30_000 });
    await expect.poll(async () => Number(await job.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
    const before = Number(await job.getAttribute('data-done'));
    await page.reload();
    // after the reload the page finds the same job running, and its progress goes on increasing
    await page.getByTestId('host-status').getByText(pkg.version).waitFor();
    await expect.poll(() => page.getByTestId('current-project').textContent(), { timeout: 30_000 }).toBe('Demo');
    // the view and the formula compiled before the reload come back
    await page.getByTestId('stat-k').getByText(String(SIN.K)).waitFor();
    const again = page.locator('[data-testid="job-item"][data-status="running"]');
    await expect.poll(async () => Number(await again.getAttribute('data-done')), { timeout: 60_000 }).toBeGreaterThan(before);
    await expect.poll(() => page.getByTestId('verify-results').getByTestId('verify-row').count(), { timeout: 60_000 }).toBeGreaterThan(before);
    // it runs to the end, and every case lands in the project
    await page.locator('[data-testid="job-item"][data-status="completed"]').waitFor({ timeout: 120_000 });
    await expect.poll(() => page.getByTestId('verify-progress').getAttribute('data-status')).toBe('completed');
    expect(await page.getByTestId('verify-progress').textContent()).toContain(`${VERIFY_CASES} / ${VERIFY_CASES} cases`);
    expect(await page.getByTestId('verify-row').count()).toBe(VERIFY_CASES);
    const run = (await projectJson()).runs[0]!;
    expect(run).toMatchObject({ kind: 'verify', status: 'completed', settings: { suite: 'all', digits: 100 }, progress: { done: VERIFY_CASES } });
    expect(run.kind === 'verify' ? run.results : []).toHaveLength(VERIFY_CASES);
    // at 100 digits too every compiled primitive equals its formula (the identities work beyond decimal.js's own functions)
    expect(run.kind === 'verify' ? run.results.filter((c) => !c.passed).map((c) => `${c.name}: ${c.failure}`) : ['not a verify run']).toEqual([]);
    expect(await page.locator('[data-testid="verify-row"].failed').count()).toBe(0);
    // every case shows the tolerance it had to meet: asin passes an error above the Compile view's 1e-8 against its own 1e-7
    const tolerance = async (name: string): Promise<string | null> =>
      page.locator(`[data-testid="verify-row"][data-kind="grid"][data-name="${name}"] [data-testid="verify-tolerance"]`).textContent();
    expect(await tolerance('ArcSin')).toBe('≤ 1e-7');
    expect(await tolerance('Sin')).toBe('≤ 1e-11');
    const asin = run.kind === 'verify' ? run.results.find((c) => c.name === 'ArcSin' && c.kind === 'grid')! : undefined;
    expect(asin?.tolerance).toEqual({ maxScaledError: 1e-7 });
    expect(asin!.passed).toBe(asin!.maxScaledError! <= 1e-7);
    const identity = run.kind === 'verify' ? run.results.find((c) => c.kind === 'identity')! : undefined;
    expect(identity?.tolerance).toEqual({ digits: 95 });
    await page.getByTestId('verify-results').scrollIntoViewIfNeeded();
    await shot(page, 'verify');
  }, 240_000);

  it('restarts the host and finds the project intact through the recent list', async () => {
    const page = ready();
    // leave the page first, so that its event stream does not log refused reconnections while the host is down
    await page.goto('about:blank');
    await stopHost(host);
    host = await startHost(projectsDir, configDir);
    await page.goto(host.url + '#/projects');
    await page.getByTestId('host-status').getByText(pkg.version).waitFor();
    expect(await page.getByTestId('current-project').textContent()).toBe('No project open');
    const recent = page.getByTestId('recent-item');
    await recent.first().getByText('Demo', { exact: true }).waitFor();
    await recent.first().getByRole('button', { name: 'Open' }).click();
    await page.getByTestId('current-project').getByText('Demo').waitFor();
    const runRow = page.getByTestId('run-row').first();
    expect(await runRow.getAttribute('data-status')).toBe('completed');
    expect(await runRow.textContent()).toContain(`${VERIFY_CASES} / ${VERIFY_CASES}`);
    await shot(page, 'restarted');
    await page.keyboard.press('Alt+5');
    await expect.poll(() => page.getByTestId('library-row').count()).toBe(1);
    expect(await page.getByTestId('library-tag').textContent()).toContain('trig');
  });

  it('logged no page errors, console errors or failed requests along the way', () => {
    ready();
    expect(problems).toEqual([]);
  });

  it('opens a session from a launch page (file) whose one-time code then leaves the address bar', async () => {
    ready();
    const launchFile = join(base, 'open.html');
    const launched = await startHost(join(base, 'launch-projects'), join(base, 'launch-config'), ['--launch-file', launchFile]);
    const page = await context!.newPage();
    try {
      expect(await readFile(launchFile, 'utf8')).not.toContain('token=');
      await page.goto(pathToFileURL(launchFile).href);
      await page.getByTestId('host-status').getByText(pkg.version).waitFor({ timeout: 15_000 });
      expect(page.url()).toBe(new URL(launched.url).origin + '/');
    } finally {
      await page.close();
      await stopHost(launched);
    }
  });

  it('shows a host error when the page is opened without the token', async () => {
    ready();
    await context!.clearCookies(); // the session cookies the earlier tests opened
    const page = await context!.newPage();
    await page.goto(new URL(host!.url).origin + '/');
    const status = page.getByTestId('host-status');
    await status.getByText('Host unavailable').waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toContain('401');
    await page.close();
  });
});
