// End-to-end tests of the Search view in the browser host (test/ui/harness.ts): recognize the constant 2
// (K 19, its LaTeX and tree, the run record on disk, kept across a reload, saved to the library), verify
// the basis {1, EML} (the published chain of 32 primitives drawn on the spiral and listed), and cancel a
// long search promptly. Screenshots: search-recognize.png, search-basis.png.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json';
import { evaluate } from '../../src/core/evaluate';
import { parseEml } from '../../src/core/syntax';
import type { SearchRunRecord } from '../../src/shared/search';
import { openWorkbench, shotOnFailure, type Workbench } from './harness';

/** The published chain for {1, EML} (reference section 3.6), in discovery order. */
const PUBLISHED = [
  'E', 'Exp', 'Log', 'Subtract', '-1', '2', 'Minus', 'Plus', 'Inv', 'Times', 'Sqr', 'Divide', 'Half', 'Avg', 'Sqrt', 'Power',
  'Log', 'Pi', 'Hypot', 'LogisticSigmoid', 'Cosh', 'Sinh', 'Tanh', 'Cos', 'Sin', 'Tan', 'ArcSinh', 'ArcCosh', 'ArcCos',
  'ArcTanh', 'ArcSin', 'ArcTan',
];

describe('Search view in the browser host', () => {
  let wb: Workbench | undefined;

  const ready = (): Workbench => {
    if (!wb) throw new Error('the workbench did not start (see the beforeAll error)');
    return wb;
  };
  const searchRuns = async (task: string): Promise<SearchRunRecord[]> =>
    (await ready().projectJson('Search.emlw')).runs.filter((r): r is SearchRunRecord => r.kind === 'search' && r.settings.task === task);

  beforeAll(async () => {
    wb = await openWorkbench('search');
  });

  afterEach(async ({ task }) => {
    await shotOnFailure(wb?.page, task.name, task.result?.state === 'fail');
  });

  afterAll(async () => {
    await wb?.close();
  });

  it('recognizes the constant 2 at K 19 with its LaTeX, tree and per-K progress, kept across a reload and saved to the library', async () => {
    const { page, host } = ready();
    await page.goto(host.url);
    await page.getByTestId('host-status').getByText(pkg.version).waitFor({ timeout: 15_000 });
    await page.getByTestId('new-project-name').fill('Search');
    await page.getByTestId('create-project').click();
    await page.getByTestId('current-project').getByText('Search').waitFor();
    await page.getByTestId('nav-search').click();
    await page.getByTestId('search-view').waitFor();
    expect(await page.getByTestId('search-tab-recognize').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('search-kind').selectOption('const');
    await page.getByTestId('search-target').fill('2');
    await page.getByTestId('search-maxk').fill('25');
    await page.getByTestId('search-run').click();
    await page.getByTestId('search-k').getByText('19', { exact: true }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('search-status').getAttribute('data-status')).toBe('completed');
    // the LaTeX is typeset (MathML) and the EML text is a tree of value 2, checked here independently
    expect(await page.getByTestId('search-latex').locator('math').count()).toBe(1);
    const eml = (await page.getByTestId('search-eml').textContent())!;
    const v = evaluate(parseEml(eml), {}, { semantics: 'extended' });
    expect(Math.abs(v.re - 2) + Math.abs(v.im)).toBeLessThan(1e-12);
    expect((await page.getByTestId('search-rpn').textContent())!.split(' ')).toHaveLength(19);
    await expect.poll(() => page.getByTestId('tree-node').count()).toBeGreaterThan(2);
    // progress per K: one bar per stored odd level (K 1 … 15), one row per size up to the hit (K 17 and 19 matched from
    // stored halves), and one closing row for the sizes up to Max K that were not needed
    expect(await page.getByTestId('level-bar').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-k'))))).toEqual([1, 3, 5, 7, 9, 11, 13, 15]);
    expect(await page.getByTestId('level-row').evaluateAll((els) => els.map((e) => [Number(e.getAttribute('data-k')), e.getAttribute('data-state')]))).toEqual([
      ...[1, 3, 5, 7, 9, 11, 13, 15].map((k) => [k, 'stored']), [17, 'matched'], [19, 'matched'],
    ]);
    expect(await page.getByTestId('level-skipped').getAttribute('data-from')).toBe('21');
    expect(await page.getByTestId('level-skipped').getAttribute('data-to')).toBe('25');
    // the run record on disk
    const [run] = await searchRuns('recognize');
    expect(run).toMatchObject({ status: 'completed', settings: { target: { kind: 'const', text: '2' }, maxK: 25 }, result: { found: true, K: 19 } });
    expect(run!.result?.task === 'recognize' && run!.result.hits[0]!.eml).toBe(eml);
    // a reload shows the same run and result again (from the project)
    await page.reload();
    await page.getByTestId('search-k').getByText('19', { exact: true }).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('search-target').inputValue()).toBe('2');
    await page.getByTestId('search-save').click();
    await expect.poll(() => page.getByTestId('notice').textContent(), { timeout: 10_000 }).toContain('Saved “2 (K 19)” to the library');
    const formulas = (await ready().projectJson('Search.emlw')).formulas;
    expect(formulas).toHaveLength(1);
    expect(formulas[0]).toMatchObject({ source: { syntax: 'eml', text: eml }, compile: { K: 19 }, provenance: { kind: 'run', runId: run!.id } });
    await ready().shot('search-recognize');
  });

  it('verifies the basis {1, EML}: the published chain of 32 primitives, drawn on the spiral and listed with the total time', async () => {
    const { page } = ready();
    await page.getByTestId('search-tab-verify-basis').click();
    expect(await page.getByTestId('basis-constants').inputValue()).toBe('1');
    expect(await page.getByTestId('basis-binary').inputValue()).toBe('EML');
    await page.getByTestId('basis-run').click();
    await page.getByTestId('basis-summary').getByText('All 32 targets found').waitFor({ timeout: 40_000 });
    const nodes = page.getByTestId('basis-graph').getByTestId('basis-node');
    expect(await nodes.count()).toBe(34);
    const found = page.locator('[data-testid="basis-node"][data-origin="found"]');
    expect(await found.evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(PUBLISHED);
    expect(await page.locator('[data-testid="basis-node"][data-origin="base"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')))).toEqual(['EML', '1']);
    // every discovery uses something already known: at least one edge into each found node
    expect(await page.getByTestId('basis-edge').count()).toBeGreaterThanOrEqual(32);
    expect(await page.getByTestId('basis-chain-row').count()).toBe(32);
    expect(await page.getByTestId('basis-chain-row').nth(2).textContent()).toContain('EML[1, Exp[EML[1, x]]]');
    expect(await page.getByTestId('basis-time').textContent()).toMatch(/^\d+(\.\d+)? s$|min/);
    const [run] = await searchRuns('verify-basis');
    expect(run!.result?.task === 'verify-basis' && run!.result.chain.map((s) => s.name)).toEqual(PUBLISHED);
    await ready().shot('search-basis');
  });

  it('runs the shortest-form table and shows each minimal K beside the paper column', async () => {
    const { page } = ready();
    await page.getByTestId('search-tab-table').click();
    await page.getByTestId('table-sem-strict').uncheck();
    await page.getByTestId('table-maxk-constant').fill('19');
    await page.getByTestId('table-maxk-unary').fill('15');
    await page.getByTestId('table-maxk-binary').fill('13');
    await page.getByTestId('table-run').click();
    await expect.poll(() => page.getByTestId('table-status').getAttribute('data-status'), { timeout: 30_000 }).toBe('completed');
    const k = async (name: string): Promise<string | null> =>
      page.locator(`[data-testid="table-row"][data-name="${name}"] [data-testid="table-k-extended"]`).textContent();
    // the paper's extended-reals column (reference section 4.3) where the limits reach, a lower bound elsewhere
    expect(await k('e')).toBe('3');
    expect(await k('2')).toBe('19');
    expect(await k('neg')).toBe('15');
    expect(await k('sub')).toBe('11');
    expect(await k('mul')).toBe('>13');
    const [run] = await searchRuns('table');
    expect(run).toMatchObject({ status: 'completed', settings: { semantics: ['extended'], maxK: { constant: 19, unary: 15, binary: 13 } } });
  });

  it('cancels a long search: the job and its saved run end as cancelled, and a new search can start', async () => {
    const { page } = ready();
    await page.getByTestId('search-tab-recognize').click();
    await page.getByTestId('search-kind').selectOption('fn');
    await page.getByTestId('search-target').fill('sin(x)*y');
    await page.getByTestId('search-maxk').fill('61');
    await page.getByTestId('search-run').click();
    const status = page.getByTestId('search-status');
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 10_000 }).toBe('running');
    await expect.poll(() => page.locator('[data-testid="level-row"]:not([data-state="ahead"])').count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    await page.getByTestId('search-cancel').click();
    await expect.poll(() => status.getAttribute('data-status'), { timeout: 60_000, interval: 50 }).toBe('cancelled');
    await expect.poll(async () => (await searchRuns('recognize')).at(-1)?.status, { timeout: 60_000 }).toBe('cancelled');
    expect(await page.getByTestId('search-run').isEnabled()).toBe(true);
  });

  it('logged no page errors, console errors or failed requests', () => {
    expect(ready().problems).toEqual([]);
  });
});
