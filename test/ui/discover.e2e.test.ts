// End-to-end test of Discover in the Fit view (browser host, 1440×900): a CSV of x·y over 36 rows (a NaN and an
// Infinity row dropped and reported, on import and in the run) is imported, a time limit of 0 is refused beside
// the form, the front grows while the job runs and ends with x·y exact within noise (checked against x*y
// directly), the result plots are drawn, the entry is saved to the Library and found there with its dataset,
// columns and run label; then a one-input discovery draws the data with its curve. Screenshots:
// discover-running.png, discover-done.png, discover-one-input.png, discover-library.png; then a non-numeric
// column, a constant column and too few rows are named in the view (discover-bad-input.png).

import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate';
import { parseInfix } from '../../src/core/syntax';
import type { DiscoverRunRecord } from '../../src/shared/discover';
import { openWorkbench, shotOnFailure, type Workbench } from './harness';

/** Largest |a(x, y) − b(x, y)| over the grid of the CSV (b a formula text, or x·y when absent), relative to 1 + |b|. */
function worstOnGrid(a: string, b?: string): number {
  const fa = parseInfix(a);
  const fb = b === undefined ? null : parseInfix(b);
  let worst = 0;
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) {
      const x = 1 + (2 * i) / 5, y = 1 + (1.5 * j) / 5;
      const va = evaluate(fa, { x, y }, { semantics: 'extended' });
      const vb = fb ? evaluate(fb, { x, y }, { semantics: 'extended' }) : { re: x * y, im: 0 };
      worst = Math.max(worst, Math.hypot(va.re - vb.re, va.im - vb.im) / (1 + Math.hypot(vb.re, vb.im)));
    }
  }
  return worst;
}

/** Checks that every entry of every discover run prints the formula of its EML tree (on the CSV's grid). */
function expectFormulasEqualTrees(runs: readonly DiscoverRunRecord[]): void {
  const entries = runs.flatMap((r) => r.front);
  expect(entries.length).toBeGreaterThan(0);
  for (const e of entries) expect({ formula: e.formula, eml: e.eml, diff: worstOnGrid(e.eml, e.formula) < 1e-9 }).toMatchObject({ diff: true });
}

describe('Discover in the Fit view', () => {
  let wb: Workbench;

  beforeAll(async () => {
    wb = await openWorkbench('discover');
    await wb.page.setViewportSize({ width: 1440, height: 900 });
    await wb.page.goto(wb.host.url);
  });

  afterEach(async ({ task }) => {
    await shotOnFailure(wb?.page, task.name, task.result?.state === 'fail');
  });

  afterAll(async () => {
    await wb?.close();
  });

  /** Scrolls the element with test id `testid` to the top of the view (for the screenshots). */
  const scrollToTop = async (testid: string): Promise<void> => {
    await wb.page.getByTestId(testid).evaluate((el) => el.scrollIntoView({ block: 'start' }));
  };

  it('discovers x·y from a CSV with a live front, plots it, and saves it to the Library with its provenance', async () => {
    const page = wb.page;
    await page.getByTestId('new-project-name').fill('Discover');
    await page.getByTestId('create-project').click();
    await page.getByTestId('current-project').getByText('Discover').waitFor();
    await page.getByTestId('nav-fit').click();
    await page.getByTestId('fit-view').waitFor();

    const lines = ['x,y,f'];
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        const x = 1 + (2 * i) / 5, y = 1 + (1.5 * j) / 5;
        lines.push(`${x},${y},${x * y}`);
      }
    }
    lines.splice(5, 0, '2,2,NaN'); // line 6: dropped and reported
    lines.splice(12, 0, '2,1,Infinity'); // line 13: the same
    const file = join(wb.base, 'xy.csv');
    await writeFile(file, lines.join('\n') + '\n');
    await page.getByTestId('fit-csv-file').setInputFiles(file);
    await page.getByTestId('csv-summary').getByText('Imported xy.csv: 36 of 38 rows kept, 3 columns.').waitFor();
    expect(await page.getByTestId('csv-dropped-row').allTextContents()).toEqual([
      'line 6, column f: “NaN” is not a number',
      'line 13, column f: “Infinity” is not a number',
    ]);
    expect(await page.getByTestId('fit-x-x').isChecked()).toBe(true);
    expect(await page.getByTestId('fit-x-y').isChecked()).toBe(true);

    // a time limit of 0 is refused by the host, shown beside the form, and nothing starts
    const known = wb.problems.length;
    await page.getByTestId('discover-time-limit').fill('0');
    await page.getByTestId('discover-run').click();
    await page.getByTestId('discover-error').waitFor();
    // the field is named as the form labels it, not by its request path
    expect(await page.getByTestId('discover-error').textContent()).toBe('the time limit must be more than 0 seconds, got 0 (Time limit)');
    await expect.poll(() => wb.problems.length).toBeGreaterThan(known);
    for (const p of wb.problems.splice(known)) expect(p).toMatch(/400/);
    expect(await page.getByTestId('discover-run-panel').count()).toBe(0);

    // the front shows while the job runs, and the run ends exact within noise
    await page.getByTestId('discover-time-limit').fill('60');
    await page.getByTestId('discover-run').click();
    await page.locator('[data-testid="discover-run-panel"][data-status="running"] [data-testid="discover-entry"]').first().waitFor({ timeout: 30_000 });
    // the run says which rows of its data were dropped
    expect(await page.getByTestId('discover-data').textContent()).toBe(
      "Data: xy.csv (comma-separated): 36 of 38 rows kept; dropped 2 of 38 rows of xy.csv: line 6 column f: 'NaN' is not a number; line 13 column f: 'Infinity' is not a number",
    );
    await scrollToTop('discover-run-panel');
    await wb.shot('discover-running');
    await page.locator('[data-testid="discover-run-panel"][data-status="completed"]').waitFor({ timeout: 120_000 });
    const detail = page.getByTestId('discover-detail');
    await expect.poll(() => detail.getAttribute('data-formula')).not.toBeNull();
    const formula = (await detail.getAttribute('data-formula'))!;
    expect(worstOnGrid(formula)).toBeLessThan(1e-9);
    // the printed formula is its EML tree's
    expect(worstOnGrid((await page.getByTestId('discover-eml').textContent())!, formula)).toBeLessThan(1e-12);
    expect(await page.getByTestId('discover-formula').textContent()).toBe(formula);
    expect(await page.getByTestId('discover-verdict').getAttribute('data-exact')).toBe('true');
    expect(await page.getByTestId('discover-verdict').textContent()).toMatch(/^Exact within noise: \S/);
    expect(await page.getByTestId('discover-latex').locator('math').count()).toBe(1);
    expect(await page.getByTestId('discover-metrics').textContent()).toMatch(/K\d+RMSE.+Held-out RMSE.+Largest error.+R²1\.000000/);
    expect(await page.getByTestId('discover-status').textContent()).toMatch(/^completed: stopped after an exact-within-noise find/);

    // the result plots: every kept row in predicted-against-actual and residuals, R² 1
    await expect.poll(() => page.getByTestId('discover-plot-actual').getAttribute('data-points')).toBe('36');
    expect(await page.getByTestId('discover-plot-residuals').getAttribute('data-points')).toBe('36');
    expect(await page.getByTestId('discover-plot-curve').count()).toBe(0);
    expect(Number(await page.getByTestId('discover-measures').getAttribute('data-r2'))).toBeCloseTo(1, 12);
    await scrollToTop('discover-run-panel');
    await wb.shot('discover-done');

    // saved to the Library with its provenance; the run is named by its label
    await page.getByTestId('discover-save').click();
    await page.getByTestId('discover-saved').waitFor();
    const data = await wb.projectJson('Discover.emlw');
    const run = data.runs.find((r) => r.kind === 'discover') as DiscoverRunRecord;
    expect(run.status).toBe('completed');
    const saved = data.formulas.find((f) => f.provenance.runId === run.id)!;
    expect(saved.infix).toBe(formula);
    expect(saved.provenance.settings).toMatchObject({ dataset: 'xy.csv', inputs: 'x, y', target: 'f', run: run.label });
    await page.getByTestId('nav-library').click();
    const row = page.getByTestId('library-row').filter({ hasText: saved.name });
    await row.waitFor();
    const provenance = row.getByTestId('provenance');
    expect(await provenance.locator('summary').textContent()).toContain(`found by ${run.label} (`);
    expect(await provenance.locator('summary').textContent()).not.toContain(run.id);
    await provenance.locator('summary').click();
    const settings = (await provenance.textContent())!;
    for (const part of ['dataset: xy.csv', 'inputs: x, y', 'target: f', 'exactWithinNoise: true']) expect(settings).toContain(part);
    expect(await row.locator('.badge').textContent()).toBe('verified');
    await wb.shot('discover-library');

    // one input: a discovery of f from x alone; the data is drawn with the formula's curve
    await page.getByTestId('nav-fit').click();
    await page.getByTestId('fit-x-y').uncheck();
    await page.getByTestId('discover-time-limit').fill('4');
    await page.getByTestId('discover-run').click();
    await page.locator(`[data-testid="discover-run-panel"][data-status="completed"]:not([data-run="${run.id}"])`).waitFor({ timeout: 60_000 });
    await expect.poll(() => page.getByTestId('discover-plot-curve').getAttribute('data-points')).toBe('36');
    // the project refreshed many times while the job ran: the chosen columns stayed as chosen
    expect(await page.getByTestId('fit-x-y').isChecked()).toBe(false);
    expect(await page.getByTestId('fit-x-x').isChecked()).toBe(true);
    // any entry can be chosen and saved; the choice survives the project refresh the save brings
    const last = page.getByTestId('discover-entry').last();
    const chosen = (await last.getByTestId('discover-entry-formula').textContent())!;
    await last.click();
    await expect.poll(() => page.getByTestId('discover-detail').getAttribute('data-formula')).toBe(chosen);
    await page.getByTestId('discover-save').click();
    await page.getByTestId('discover-saved').waitFor();
    expect(await page.getByTestId('discover-detail').getAttribute('data-formula')).toBe(chosen);
    expect((await wb.projectJson('Discover.emlw')).formulas.map((f) => f.infix)).toEqual([formula, chosen]);
    // every entry of both runs, as shown and as saved: the formula equals its EML tree on the data's grid
    const project = await wb.projectJson('Discover.emlw');
    expectFormulasEqualTrees(project.runs.filter((r): r is DiscoverRunRecord => r.kind === 'discover'));
    for (const f of project.formulas) expect(worstOnGrid(f.source.text, f.infix)).toBeLessThan(1e-9);
    await scrollToTop('discover-run-panel');
    await wb.shot('discover-one-input');

    // the first run, opened from the project's run history, is the one the Fit view shows
    await page.getByTestId('nav-projects').click();
    await page.locator(`[data-testid="run-row"][data-run="${run.id}"]`).getByTestId('run-open').click();
    await page.locator(`[data-testid="discover-run-panel"][data-run="${run.id}"]`).waitFor();
    expect(await page.getByTestId('discover-detail').getAttribute('data-formula')).toBe(formula);
    expect(wb.problems).toEqual([]);
  }, 300_000); // two discoveries (60 s and 4 s limits) on a machine that may be shared: each wait above has its own bound

  it('names a non-numeric column, a constant column and too few rows in the Fit view', async () => {
    const page = wb.page;
    await page.getByTestId('nav-fit').click();
    // a file with a text column is refused beside the file input, naming the column
    const text = join(wb.base, 'label.csv');
    await writeFile(text, 'x,name,f\n1,a,2\n2,b,4\n');
    const known = wb.problems.length;
    await page.getByTestId('fit-csv-file').setInputFiles(text);
    await page.getByTestId('fit-import-error').getByText("label.csv: column 'name' is not numeric (no row holds a number; line 2 holds 'a')").waitFor();
    // a constant input column is refused by Discover, naming the column
    const lines = ['x,c,f'];
    for (let i = 0; i < 12; i++) lines.push(`${1 + i / 4},3,${(1 + i / 4) ** 2}`);
    const constant = join(wb.base, 'constant.csv');
    await writeFile(constant, lines.join('\n') + '\n');
    await page.getByTestId('fit-csv-file').setInputFiles(constant);
    await page.getByTestId('csv-summary').getByText('Imported constant.csv: 12 of 12 rows kept, 3 columns.').waitFor();
    await page.getByTestId('discover-time-limit').fill('10');
    await page.getByTestId('discover-run').click();
    await page.getByTestId('discover-error').getByText("dataset 'constant.csv': column 'c' is constant (3 in every row): drop it from the inputs").waitFor();
    // fewer rows than a discovery needs (probe points, fitted constants and a held-out check) is refused, saying how many it has
    const few = join(wb.base, 'few.csv');
    await writeFile(few, ['x,f', ...[1, 2, 3, 4, 5, 6].map((x) => `${x},${x * x}`)].join('\n') + '\n');
    await page.getByTestId('fit-csv-file').setInputFiles(few);
    await page.getByTestId('csv-summary').getByText('Imported few.csv: 6 of 6 rows kept, 2 columns.').waitFor();
    await page.getByTestId('discover-run').click();
    await page
      .getByTestId('discover-error')
      .getByText("dataset 'few.csv': discover needs at least 10 usable rows (probe points, the fitted constants and a held-out check), got 6")
      .waitFor();
    // the three refusals are the expected HTTP 400s (and chromium's console lines about them)
    const refused = (path: string) => () => wb.problems.slice(known).filter((p) => p === `HTTP 400 for /api/${path}`).length;
    await expect.poll(refused('eml:dataset:import')).toBe(1);
    await expect.poll(refused('eml:jobs:start')).toBe(2);
    for (const p of wb.problems.splice(known)) expect(p).toMatch(/400/);
    await page.getByTestId('discover-panel').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await wb.shot('discover-bad-input');
  });
});
