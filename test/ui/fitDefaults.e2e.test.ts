// End-to-end test of the Fit form's defaults and option names in the browser host: the form starts from the
// same defaults as `emlw fit` (src/core/train/options.ts), names each option as the command line does, and
// takes further trainer options by their command-line names.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TRAIN_OPTIONS, FIT_DEFAULTS } from '../../src/core/train/options';
import type { TrainRunRecord } from '../../src/shared/train';
import { openWorkbench, shotOnFailure, type Workbench } from './harness';

describe('Fit form', () => {
  let wb: Workbench;

  beforeAll(async () => {
    wb = await openWorkbench('fit-defaults');
    await wb.page.goto(wb.host.url);
  });

  afterEach(async ({ task }) => {
    await shotOnFailure(wb?.page, task.name, task.result?.state === 'fail');
  });

  afterAll(async () => {
    await wb?.close();
  });

  it('starts from the defaults of emlw fit, names options as the command line does and takes their flag names', async () => {
    const page = wb.page;
    await page.getByTestId('new-project-name').fill('Defaults');
    await page.getByTestId('create-project').click();
    await page.getByTestId('current-project').getByText('Defaults').waitFor();
    await page.getByTestId('nav-fit').click();
    await page.getByTestId('fit-view').waitFor();

    expect(await page.getByTestId('fit-init').inputValue()).toBe(FIT_DEFAULTS.init);
    expect(await page.getByTestId('fit-seeds').inputValue()).toBe(String(FIT_DEFAULTS.seeds));
    expect(await page.getByTestId('fit-seed0').inputValue()).toBe(String(FIT_DEFAULTS.seed0));
    expect(await page.getByTestId('fit-search-iters').inputValue()).toBe(String(DEFAULT_TRAIN_OPTIONS.searchIters));
    expect(await page.getByTestId('fit-hardening-iters').inputValue()).toBe(String(DEFAULT_TRAIN_OPTIONS.hardeningIters));
    expect(await page.getByTestId('fit-patience').inputValue()).toBe(String(DEFAULT_TRAIN_OPTIONS.patience));
    const flagOf = (testid: string) => page.getByTestId(testid).locator('xpath=ancestor::label[1]').getAttribute('title');
    expect(await flagOf('fit-search-iters')).toBe('--search-iters');
    expect(await flagOf('fit-hardening-iters')).toBe('--hardening-iters');
    expect(await flagOf('fit-seeds')).toBe('--seeds');
    expect(await flagOf('fit-init')).toBe('--init');
    expect(await page.getByTestId('fit-more-options').getAttribute('placeholder')).toContain('hard-trigger-count=');

    // an unknown name is refused in the form, naming it; nothing reaches the host
    await page.getByTestId('fit-more-options').fill('hard-trigger=5');
    await page.getByTestId('fit-run').click();
    await page.getByTestId('fit-error').getByText(/“hard-trigger” is not a trainer option \(options: search-iters,/).waitFor();

    // a short fit with an option given by its flag name records it under its key
    await page.getByTestId('fit-init').selectOption('biased');
    await page.getByTestId('fit-seeds').fill('1');
    await page.getByTestId('fit-search-iters').fill('20');
    await page.getByTestId('fit-hardening-iters').fill('20');
    await page.getByTestId('fit-more-options').fill('hard-trigger-count=7, eval-every=10');
    await page.getByTestId('fit-run').click();
    await page.locator('[data-testid="fit-run-panel"][data-status="completed"]').waitFor({ timeout: 60_000 });
    const runs = (await wb.projectJson('Defaults.emlw')).runs.filter((r): r is TrainRunRecord => r.kind === 'train');
    expect(runs).toHaveLength(1);
    expect(runs[0]!.settings.options).toEqual({ hardTriggerCount: 7, evalEvery: 10, searchIters: 20, hardeningIters: 20 });
  });
});
