// End-to-end test of the run queue panel of the Fit view in the browser host, against a real redis-server
// and a queue worker: a bad URL is refused with the reason, a good one is saved to the host's settings
// and its worker is listed (and leaves the list when it stops), and "Use this machine" clears it.
// Screenshot: cluster-workers.png.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ClusterWorker, startClusterWorker } from '../../src/node/cluster/clusterWorker';
import { type RedisServer, startRedis } from '../helpers/redisServer';
import { artifacts, openWorkbench, shotOnFailure, type Workbench } from './harness';

describe('run queue panel', () => {
  let wb: Workbench;
  let server: RedisServer;
  let worker: ClusterWorker | undefined;

  beforeAll(async () => {
    server = await startRedis();
    wb = await openWorkbench('cluster');
    await wb.page.goto(wb.host.url);
  });

  afterEach(async ({ task }) => {
    await shotOnFailure(wb?.page, task.name, task.result?.state === 'fail');
  });

  afterAll(async () => {
    await worker?.close();
    await wb?.close();
    await server?.stop();
  });

  it('saves a queue URL to the settings, lists its workers, and goes back to this machine', async () => {
    const page = wb.page;
    await page.getByTestId('nav-fit').click();
    const panel = page.getByTestId('cluster-panel');
    await panel.getByText("Fits run on this machine's cores.").waitFor();

    await page.getByTestId('cluster-queue').fill('http://lab:6379');
    await page.getByTestId('cluster-save').click();
    await page.getByTestId('cluster-problem').getByText(/'http:\/\/lab:6379' is not a Redis URL: the scheme is 'http'/).waitFor();

    worker = await startClusterWorker(server.url, { concurrency: 3, id: 'ui-worker' });
    await page.getByTestId('cluster-queue').fill(server.url);
    await page.getByTestId('cluster-save').click();
    const row = page.locator('[data-testid="cluster-worker"][data-id="ui-worker"]');
    await row.waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(expect.arrayContaining(['ui-worker', '0 / 3', '0']));
    expect(await page.getByTestId('cluster-problem').count()).toBe(0);
    await panel.screenshot({ path: join(artifacts, 'cluster-workers.png') });
    const settings = JSON.parse(await readFile(join(wb.configDir, 'settings.json'), 'utf8'));
    expect(settings.queue).toBe(server.url);

    // a stopped worker leaves the list at the next refresh
    await worker.close();
    worker = undefined;
    await page.getByTestId('cluster-no-workers').waitFor();

    await page.getByTestId('cluster-clear').click();
    await panel.getByText("Fits run on this machine's cores.").waitFor();
    expect(JSON.parse(await readFile(join(wb.configDir, 'settings.json'), 'utf8')).queue).toBeNull();
  });
});
