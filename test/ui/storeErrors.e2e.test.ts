// The UI shows what the store could not do: a save on a full disk ends in an error notice naming the
// cause (and the Library stays as it was on disk), and a project whose folder cannot be written shows
// a read-only banner with the reason. The browser host runs in this process over services whose file
// system the test makes fail (running as root, chmod would not make a folder read-only).

import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../src/node/api';
import { readProjectFile } from '../../src/node/store';
import { startServer, type RunningServer } from '../../src/server';
import { failingFs } from '../helpers/failingFs';
import { artifacts, CHROMIUM, MISSING_CHROMIUM, root, shotOnFailure } from './harness';

describe('store errors in the browser host', () => {
  const disk = failingFs();
  let base: string;
  let services: Services;
  let server: RunningServer | undefined;
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let projectDir: string;

  function ready(): Page {
    if (!existsSync(CHROMIUM)) throw new Error(MISSING_CHROMIUM);
    if (page === undefined) throw new Error('the browser did not start (see the beforeAll error)');
    return page;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) return;
    await mkdir(artifacts, { recursive: true });
    base = await mkdtemp(join(tmpdir(), 'eml-ui-store-'));
    services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config'), fs: disk.fs });
    projectDir = (await services.workspace.create('Demo')).dir;
    server = await startServer({ rendererDir: join(root, 'out/renderer'), services });
    context = await chromium.launchPersistentContext(join(base, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 860 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(server.url);
    await page.getByTestId('current-project').getByText('Demo').waitFor();
  });

  afterEach(async ({ task }) => {
    await shotOnFailure(page, task.name, task.result?.state === 'fail');
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await services?.close();
    if (base) await rm(base, { recursive: true, force: true });
  });

  it('a save on a full disk shows the error, and the formula is not in the project', async () => {
    const p = ready();
    await p.getByTestId('nav-compile').click();
    await p.getByTestId('formula-input').fill('exp(x)');
    await p.getByTestId('formula-input').press('Enter');
    await p.getByTestId('stat-k').getByText('3').waitFor();
    disk.writeError = 'ENOSPC';
    await p.getByTestId('save-formula').click();
    await expect.poll(() => p.getByTestId('notice').textContent(), { timeout: 20_000 }).toMatch(/could not save .*project\.json: the disk is full \(ENOSPC\)/);
    expect(await p.getByTestId('notice').getAttribute('role')).toBe('alert');
    expect((await readProjectFile(projectDir)).formulas).toEqual([]);
    disk.writeError = null;
  });

  it('a project whose folder cannot be written shows a read-only banner with the reason', async () => {
    const p = ready();
    expect(await p.getByTestId('readonly-banner').count()).toBe(0);
    await services.workspace.close();
    disk.mkdirError = 'EACCES';
    await services.workspace.open(projectDir);
    await p.reload();
    const banner = p.getByTestId('readonly-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Read-only: changes to this project cannot be saved \(.*cannot be written: permission denied \(EACCES\)\)/);
    await p.screenshot({ path: join(artifacts, 'readonly-banner.png'), fullPage: true });
  });
});
