// End-to-end tests of what a researcher meets in the first hour (browser host, test/ui/harness.ts, at
// 1440×900): trees readable at first sight, a parse error shown once, implicit multiplication, copy and
// download in Compile, notices that do not push the page, Library formulas that open back in the tree view,
// the projects folder list kept current, Search forms that keep a constant's and a function's fields apart,
// field errors named as the form labels them, a search that says what it can reach before it runs, finished
// jobs at 100 % that can be cleared, runs that open from the run history, provenance that names its run, and
// a multi-file export delivered as one zip. Screenshots: tree-default-zoom, compile-copy, search-budget,
// search-progress, jobs-finished, projects-history, library-open.

import { readFile } from 'node:fs/promises';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { compileToEml } from '../../src/core/compile';
import { parseInfix, printEml, printLatex } from '../../src/core/syntax';
import type { SearchRunRecord } from '../../src/shared/search';
import { openWorkbench, shotOnFailure, type Workbench } from './harness';

const XY = compileToEml(parseInfix('x*y'), { mode: 'paper' });
const TWO_X = compileToEml(parseInfix('2*x'), { mode: 'paper' });

describe('the first hour in the browser host', () => {
  let wb: Workbench | undefined;
  const ready = (): Workbench => {
    if (!wb) throw new Error('the workbench did not start (see the beforeAll error)');
    return wb;
  };

  beforeAll(async () => {
    wb = await openWorkbench('hour');
    await wb.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  });

  afterEach(async ({ task }) => {
    await shotOnFailure(wb?.page, task.name, task.result?.state === 'fail');
  });

  afterAll(async () => {
    await wb?.close();
  });

  it('draws the 17-node x·y tree whole at default zoom with labels at least 12 px high, each node with a tooltip', async () => {
    const { page, host } = ready();
    await page.goto(host.url);
    await page.getByTestId('host-status').getByText(pkg.version).waitFor({ timeout: 15_000 });
    await page.getByTestId('new-project-name').fill('Hour');
    await page.getByTestId('create-project').click();
    await page.getByTestId('current-project').getByText('Hour').waitFor();
    await page.getByTestId('nav-compile').click();
    await page.getByTestId('formula-input').fill('x*y');
    await page.getByTestId('formula-input').press('Enter');
    await page.getByTestId('stat-k').getByText(String(XY.K)).waitFor();
    const nodes = page.getByTestId('tree-node');
    await expect.poll(() => nodes.count()).toBe(XY.K);
    // every label is drawn at least 12 px high, and every node lies inside the tree panel
    const svg = (await page.getByTestId('eml-tree').boundingBox())!;
    await expect
      .poll(async () => Math.min(...(await page.locator('.tree-op-text, .tree-leaf-text').evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height)))))
      .toBeGreaterThanOrEqual(12);
    const boxes = await nodes.evaluateAll((els) => els.map((e) => e.querySelector('circle, .tree-leaf-box')!.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]));
    for (const [l, t, r, b] of boxes) {
      expect(l).toBeGreaterThanOrEqual(svg.x);
      expect(t).toBeGreaterThanOrEqual(svg.y);
      expect(r).toBeLessThanOrEqual(svg.x + svg.width);
      expect(b).toBeLessThanOrEqual(svg.y + svg.height);
    }
    // the tree's zoom buttons are not named like the Fit view
    const toolbar = page.getByRole('toolbar', { name: 'Tree view' });
    expect(await toolbar.getByRole('button', { name: 'Fit', exact: true }).count()).toBe(0);
    expect(await toolbar.getByRole('button').allTextContents()).toEqual(['Unfold one level', 'Fold to primitives', 'Reset', 'Whole tree', 'Readable size']);
    // the root says in its tooltip what it equals, in full
    const rootTitle = page.locator('[data-testid="tree-node"][data-path=""] > title');
    await expect.poll(() => rootTitle.textContent()).toContain('equals mul(x, y)');
    expect(await rootTitle.textContent()).toContain(`subtree K ${XY.K}`);
    await page.getByTestId('eml-tree').scrollIntoViewIfNeeded();
    await ready().shot('tree-default-zoom');
  });

  it('spells out a label abbreviated with · in the node tooltip (sin(x): sub(·, div(·, 2)))', async () => {
    const { page } = ready();
    await page.getByTestId('formula-input').fill('sin(x)');
    await page.getByTestId('formula-input').press('Enter');
    await page.getByTestId('stat-k').getByText(String(compileToEml(parseInfix('sin(x)'), { mode: 'paper' }).K)).waitFor();
    const abbreviated = page.locator('[data-testid="tree-node"][data-label*="·"]');
    await expect.poll(() => abbreviated.count()).toBeGreaterThan(0);
    const title = (await abbreviated.first().locator('> title').textContent())!;
    const label = (await abbreviated.first().getAttribute('data-label'))!;
    expect(title.split('\n')[0]).toMatch(/^equals /);
    expect(title).not.toContain('·');
    expect(title.length).toBeGreaterThan(label.length);
    // a tree too large for the panel starts at readable size, not shrunk
    const heights = await page.locator('.tree-op-text').evaluateAll((els) => els.map((e) => [e.textContent, e.getBoundingClientRect().height] as const));
    expect(heights.filter(([, h]) => h < 12)).toEqual([]);
  });

  it('shows a parse error once, lists the known functions, and reads 2x as 2*x', async () => {
    const { page } = ready();
    const input = page.getByTestId('formula-input');
    await input.fill('foo(x)');
    await input.press('Enter');
    await page.getByTestId('live-preview').getByText("unknown function 'foo'").waitFor();
    // the host's answer arrives (the button is enabled again) and is not shown a second time
    await expect.poll(() => page.getByTestId('compile-button').isEnabled()).toBe(true);
    await expect.poll(() => page.getByText("unknown function 'foo'").count()).toBe(1);
    expect(await page.getByTestId('compile-error').count()).toBe(0);
    expect(await page.getByTestId('live-preview').textContent()).toContain('sin, sinh, sqr, sqrt');
    await input.fill('2x');
    await expect.poll(() => page.getByTestId('live-preview').locator('.parse-error').count()).toBe(0);
    await input.press('Enter');
    await page.getByTestId('stat-k').getByText(String(TWO_X.K), { exact: true }).waitFor();
  });

  it('copies the EML, RPN and LaTeX of a result and downloads it as text', async () => {
    const { page } = ready();
    await page.getByTestId('formula-input').fill('x*y');
    await page.getByTestId('formula-input').press('Enter');
    await page.getByTestId('stat-k').getByText(String(XY.K)).waitFor();
    const clipboard = (): Promise<string> => page.evaluate(() => navigator.clipboard.readText());
    await page.getByTestId('copy-eml').click();
    await expect.poll(() => page.getByTestId('copy-eml').getAttribute('data-state')).toBe('copied');
    expect(await page.getByTestId('copy-eml').textContent()).toBe('EML copied');
    expect(await clipboard()).toBe(printEml(XY.eml));
    await page.getByTestId('copy-rpn').click();
    await expect.poll(async () => (await clipboard()).split(' ').length).toBe(XY.K);
    await page.getByTestId('copy-latex').click();
    await expect.poll(clipboard).toBe(printLatex(parseInfix('x*y')));
    const downloading = page.waitForEvent('download');
    await page.getByTestId('download-compile').click();
    const download = await downloading;
    const text = await readFile((await download.path())!, 'utf8');
    expect(download.suggestedFilename()).toBe(`compiled-paper-K${XY.K}.txt`);
    expect(text).toContain(`K ${XY.K}, depth ${XY.depth}`);
    expect(text).toContain(`EML: ${printEml(XY.eml)}`);
    await page.getByTestId('compile-copy-bar').scrollIntoViewIfNeeded();
    await ready().shot('compile-copy');
  });

  it('shows the save notice over the page without pushing the view down', async () => {
    const { page } = ready();
    const title = page.locator('#compile-title');
    await page.locator('.main').evaluate((el) => el.scrollTo(0, 0));
    const before = (await title.boundingBox())!.y;
    await page.getByTestId('save-formula').click();
    await page.getByTestId('notice').getByText('Saved “x*y” to the library').waitFor({ timeout: 20_000 });
    expect((await title.boundingBox())!.y).toBe(before);
    expect(await page.getByTestId('notice').evaluate((el) => getComputedStyle(el).position)).toBe('fixed');
  });

  it('keeps the projects folder list current: the saved formula is counted without a reload', async () => {
    const { page } = ready();
    await page.getByTestId('nav-projects').click();
    const item = page.getByTestId('folder-item').filter({ hasText: 'Hour' });
    await expect.poll(() => item.textContent()).toContain('1 formula(s)');
  });

  it('opens a Library formula back in the Compile view with its tree', async () => {
    const { page } = ready();
    await page.getByTestId('nav-compile').click();
    await page.getByTestId('formula-input').fill('ln(x)');
    await page.getByTestId('formula-input').press('Enter');
    await page.getByTestId('nav-library').click();
    const row = page.getByTestId('library-row').filter({ has: page.getByTestId('library-name').getByText('x*y', { exact: true }) });
    expect(await row.getByTestId('library-badge').textContent()).toBe('verified');
    await row.getByTestId('library-open').click();
    await expect.poll(() => page.url()).toContain('#/compile');
    expect(await page.getByTestId('formula-input').inputValue()).toBe('x*y');
    await page.getByTestId('stat-k').getByText(String(XY.K)).waitFor();
    await expect.poll(() => page.getByTestId('tree-node').count()).toBe(XY.K);
  });

  it('keeps a constant’s and a function’s target and leaves apart, and names a bad field as the form does', async () => {
    const { page } = ready();
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-kind').selectOption('const');
    await page.getByTestId('search-target').fill('2');
    await page.getByTestId('search-leaves').fill('1, 1');
    await page.getByTestId('search-kind').selectOption('fn');
    expect(await page.getByTestId('search-target').inputValue()).toBe('ln(x)');
    expect(await page.getByTestId('search-leaves').inputValue()).toBe('');
    await page.getByTestId('search-target').fill('x*y');
    await page.getByTestId('search-kind').selectOption('const');
    expect(await page.getByTestId('search-target').inputValue()).toBe('2');
    expect(await page.getByTestId('search-leaves').inputValue()).toBe('1, 1');
    await page.getByTestId('search-run').click();
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.textContent()).toContain("Leaves, item 2 repeats '1'");
    expect(await notice.textContent()).not.toContain('input.');
    await notice.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByTestId('search-leaves').fill('');
    await page.getByTestId('search-kind').selectOption('fn');
    expect(await page.getByTestId('search-target').inputValue()).toBe('x*y');
  });

  it('says before running that pi (the compiler’s K 105) is out of reach of Max K 61 and 512 MiB', async () => {
    const { page } = ready();
    await page.getByTestId('search-kind').selectOption('const');
    await page.getByTestId('search-target').fill('pi');
    await page.getByTestId('search-maxk').fill('61');
    await page.getByTestId('search-memory').fill('512');
    const reach = page.getByTestId('budget-reach');
    await expect.poll(() => reach.getAttribute('data-limit')).toBe('memory');
    const decidable = Number(await reach.getAttribute('data-decidable'));
    expect(decidable).toBeGreaterThan(25);
    expect(decidable).toBeLessThan(61);
    expect(await reach.textContent()).toContain(`Max K 61 is out of reach: the search will stop at K ${decidable + 2} for lack of memory`);
    const compiler = page.getByTestId('budget-compiler');
    await expect.poll(() => compiler.getAttribute('data-compiler-k'), { timeout: 15_000 }).toBe('105');
    expect(await compiler.textContent()).toContain('out of reach');
    // the estimate lists the sizes it reaches and sums up the rest, and the stop meter compares formulas with precision
    expect(Number(await page.getByTestId('budget-row').last().getAttribute('data-k'))).toBe(decidable + 4);
    expect(await page.getByTestId('budget-rest').textContent()).toContain('61');
    expect(Number(await page.getByTestId('stop-meter').getAttribute('data-digits'))).toBe(9);
    await ready().shot('search-budget');
  });

  it('runs a search whose table reaches Max K, and shows the finished job at 100 %', async () => {
    const { page } = ready();
    await page.getByTestId('search-target').fill('2');
    await page.getByTestId('search-maxk').fill('31');
    await page.getByTestId('search-run').click();
    await page.getByTestId('search-k').getByText('19', { exact: true }).waitFor({ timeout: 60_000 });
    // the job's last counter was K 19 of 31; finished, its bar is full
    const job = page.locator('[data-testid="job-item"][data-status="completed"]').first();
    await job.waitFor();
    expect(await job.getAttribute('data-percent')).toBe('100');
    expect(await job.locator('progress').evaluate((p: HTMLProgressElement) => p.value / p.max)).toBe(1);
    expect(await job.getByTestId('job-progress').textContent()).toBe('100 %');
    expect(await page.getByTestId('level-skipped').textContent()).toContain('21–31');
    expect(await page.getByTestId('level-skipped').textContent()).toContain('not needed');
    await page.getByTestId('level-table').scrollIntoViewIfNeeded();
    await ready().shot('search-progress');
    // a shortest-form table job (its last count may arrive before its end) finishes at 100 % too
    await page.getByTestId('search-tab-table').click();
    await page.getByTestId('table-sem-strict').uncheck();
    await page.getByTestId('table-maxk-constant').fill('9');
    await page.getByTestId('table-maxk-unary').fill('7');
    await page.getByTestId('table-maxk-binary').fill('7');
    await page.getByTestId('table-run').click();
    await expect.poll(() => page.getByTestId('table-status').getAttribute('data-status'), { timeout: 60_000 }).toBe('completed');
    await page.getByTestId('search-tab-recognize').click();
    await page.getByTestId('budget-compiler').waitFor({ timeout: 15_000 });
    const jobs = page.getByTestId('job-item');
    await expect.poll(() => page.locator('[data-testid="job-item"][data-status="completed"]').count()).toBe(2);
    expect(await jobs.evaluateAll((els) => els.map((e) => e.getAttribute('data-percent')))).toEqual(['100', '100']);
    expect(await page.getByTestId('job-progress').allTextContents()).toEqual(['100 %', '100 %']);
    await page.getByTestId('job-panel').scrollIntoViewIfNeeded();
    await ready().shot('jobs-finished');
  });

  it('clears finished jobs from the panel, and they stay cleared after a reload', async () => {
    const { page } = ready();
    const items = page.getByTestId('job-item');
    expect(await items.count()).toBeGreaterThan(0);
    await page.getByTestId('jobs-clear-finished').click();
    await expect.poll(() => items.count()).toBe(0);
    await page.reload();
    await page.getByTestId('host-status').getByText(pkg.version).waitFor();
    await page.getByTestId('search-k').waitFor();
    expect(await items.count()).toBe(0);
  });

  it('opens a run from the run history in the view that shows it', async () => {
    const { page } = ready();
    await page.getByTestId('nav-projects').click();
    const rows = page.getByTestId('run-row');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(2);
    const runs = (await ready().projectJson('Hour.emlw')).runs.filter((r): r is SearchRunRecord => r.kind === 'search');
    const two = runs.find((r) => r.settings.task === 'recognize' && r.status === 'completed')!;
    // a completed recognize run stopped at its hit, K 19 of Max K 31: complete, not 19 / 31
    expect(await page.locator(`[data-testid="run-row"][data-run="${two.id}"]`).textContent()).toContain('100 % (19 of 31 needed)');
    await page.getByTestId('run-history').scrollIntoViewIfNeeded();
    await ready().shot('projects-history');
    // start another search so the one we open is not the latest
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-target').fill('e');
    await page.getByTestId('search-maxk').fill('5');
    await page.getByTestId('search-run').click();
    await page.getByTestId('search-k').getByText('3', { exact: true }).waitFor({ timeout: 30_000 });
    await page.getByTestId('nav-projects').click();
    await page.locator(`[data-testid="run-row"][data-run="${two.id}"] [data-testid="run-open"]`).click();
    await expect.poll(() => page.url()).toContain('#/search');
    await expect.poll(() => page.getByTestId('search-status').textContent()).toContain(two.label);
    expect(await page.getByTestId('search-k').textContent()).toBe('19');
  });

  it('names the run a formula came from in its provenance, and opens it from there', async () => {
    const { page } = ready();
    await page.getByTestId('search-save').click();
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 }).toContain('Saved “2 (K 19)” to the library');
    const runs = (await ready().projectJson('Hour.emlw')).runs.filter((r): r is SearchRunRecord => r.kind === 'search');
    const two = runs.find((r) => r.settings.task === 'recognize' && r.result?.task === 'recognize' && r.result.K === 19)!;
    await page.getByTestId('nav-library').click();
    const row = page.getByTestId('library-row').filter({ has: page.getByTestId('library-name').getByText('2 (K 19)') });
    const summary = (await row.getByTestId('provenance').locator('summary').textContent())!;
    expect(summary).toContain(`found by ${two.label}`);
    expect(summary).not.toContain(two.id);
    await row.getByTestId('provenance').locator('summary').click();
    // a project refresh (here: a tag added to the other formula) keeps the open provenance open
    const other = page.getByTestId('library-row').filter({ has: page.getByTestId('library-name').getByText('x*y', { exact: true }) });
    await other.getByTestId('tag-input').fill('product');
    await other.getByTestId('tag-input').press('Enter');
    await other.getByTestId('library-tag').getByText('product').waitFor();
    expect(await row.getByTestId('provenance').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    await ready().shot('library-open');
    await row.getByTestId('provenance-open-run').click();
    await expect.poll(() => page.url()).toContain('#/search');
    await expect.poll(() => page.getByTestId('search-status').textContent()).toContain(two.label);
  });

  it('exports two formulas as C, one file each, downloaded as one zip', async () => {
    const { page } = ready();
    await page.getByTestId('nav-library').click();
    await page.getByTestId('library-select-all').check();
    await page.getByTestId('export-format').selectOption('c');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('export-button').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^formulas-c-\d{8}-\d{6}\.zip$/);
    const entries = unzipSync(new Uint8Array(await readFile((await download.path())!)));
    const names = Object.keys(entries);
    const written = await page.getByTestId('export-path').allTextContents();
    expect(names).toHaveLength(written.length);
    expect(names.length).toBe(2);
    // each entry is the file the host wrote into the project
    for (const path of written) {
      const name = path.split('/').pop()!;
      expect(names).toContain(name);
      expect(strFromU8(entries[name]!)).toBe(await readFile(path, 'utf8'));
    }
  });

  it('logged no page errors, console errors or failed requests', () => {
    // the refused search above is an expected 400
    expect(ready().problems.filter((p) => !/^HTTP 400 for \/api\/eml:jobs:start$|status of 400/.test(p))).toEqual([]);
  });
});
