// Shared harness of the end-to-end UI tests: the real browser-host process (dist/server/main.mjs, built by
// test/globalSetup.ts) over temporary project and configuration folders, and Debian's chromium driven by
// playwright-core. Each e2e file opens its own host and browser with openWorkbench() and closes them with
// close(); screenshots go to test-artifacts/ui/, taken at 1440×900 (the window size the views are laid out for).

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { ProjectData } from '../../src/shared/project';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = join(root, 'test-artifacts', 'ui');
export const CHROMIUM = '/usr/bin/chromium';
/** The window every e2e test uses: text in its screenshots must be readable at this size without zooming. */
export const VIEWPORT = { width: 1440, height: 900 } as const;
export const MISSING_CHROMIUM =
  `${CHROMIUM} is missing: install Debian's chromium (apt-get update && apt-get install -y chromium) to run the UI tests`;

export interface Host {
  readonly process: ChildProcess;
  readonly url: string;
}

/** Starts the host process (with `extraArgs`) and resolves with the URL it prints. */
export function startHost(projectsDir: string, configDir: string, extraArgs: readonly string[] = []): Promise<Host> {
  return new Promise((resolveHost, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/server/main.mjs'), '--projects-dir', projectsDir, '--config-dir', configDir, ...extraArgs], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolveHost({ process: child, url: m[1]! });
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${err}`)));
  });
}

/** Stops the host with SIGTERM and waits for it to exit. */
export async function stopHost(host: Host | undefined): Promise<void> {
  if (!host || host.process.exitCode !== null) return;
  const exited = new Promise((r) => host.process.once('exit', r));
  host.process.kill('SIGTERM');
  await exited;
}

/** One e2e file's host, browser and page, with the problems the page logged. */
export interface Workbench {
  readonly base: string;
  readonly projectsDir: string;
  readonly configDir: string;
  host: Host;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Page errors, console errors and HTTP ≥ 400 responses seen so far. */
  readonly problems: string[];
  /** Reads a project's project.json from disk. */
  projectJson(folder: string): Promise<ProjectData>;
  /** Saves a full-page screenshot as test-artifacts/ui/<name>.png. */
  shot(name: string): Promise<void>;
  /** Stops the host and starts it again over the same folders. */
  restartHost(): Promise<void>;
  close(): Promise<void>;
}

/** Starts a host over fresh temporary folders and opens chromium on a fresh profile (not yet navigated). */
export async function openWorkbench(prefix: string): Promise<Workbench> {
  if (!existsSync(CHROMIUM)) throw new Error(MISSING_CHROMIUM);
  await mkdir(artifacts, { recursive: true });
  const base = await mkdtemp(join(tmpdir(), `eml-${prefix}-`));
  const projectsDir = join(base, 'projects');
  const configDir = join(base, 'config');
  const host = await startHost(projectsDir, configDir);
  const context = await chromium.launchPersistentContext(join(base, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: VIEWPORT,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${new URL(response.url()).pathname}`);
  });
  const wb: Workbench = {
    base,
    projectsDir,
    configDir,
    host,
    context,
    page,
    problems,
    projectJson: async (folder) => JSON.parse(await readFile(join(projectsDir, folder, 'project.json'), 'utf8')) as ProjectData,
    shot: async (name) => {
      await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
      expect(existsSync(join(artifacts, `${name}.png`))).toBe(true);
    },
    restartHost: async () => {
      await stopHost(wb.host);
      wb.host = await startHost(projectsDir, configDir);
    },
    close: async () => {
      await context.close();
      await stopHost(wb.host);
      await rm(base, { recursive: true, force: true });
    },
  };
  return wb;
}

/** Screenshot of a failed test's page, for the CI artifacts. */
export async function shotOnFailure(page: Page | undefined, taskName: string, failed: boolean): Promise<void> {
  if (!failed || !page || page.isClosed()) return;
  const name = taskName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 60);
  await page.screenshot({ path: join(artifacts, `failed-${name}.png`), fullPage: true }).catch(() => undefined);
}
