// Job results: every finished run of a training job stores a formula equal to its stored tree, also when the
// repair option changed the snapped tree (a manual start one leaf away from eml_depth3, which repair fixes).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRng, normal } from '../../../src/core/rng';
import { PAPER_GRID, gridInputs } from '../../../src/core/train';
import { createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../../../src/node/api';
import type { TrainRunRecord } from '../../../src/shared/train';
import { treeFormulaGap } from '../../helpers/treeFormula';

let base: string;
let services: Services;
let table: HandlerTable;
const call = (channel: string, arg?: unknown): Promise<any> => dispatch(table, channel, arg);

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-train-job-'));
  services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
  table = createHandlers({ services });
});

afterEach(async () => {
  await services.close();
  await rm(base, { recursive: true, force: true });
});

describe('training job results', () => {
  it('store for every run a formula equal to its tree on the grid, after repair changed the tree', async () => {
    await call('eml:project:create', { name: 'Repair' });
    const input = {
      source: { kind: 'target', name: 'eml_depth3' }, depth: 3, init: 'manual', initExpr: 'EML[EML[1, EML[x, x]], 1]', seeds: 2,
      options: { initNoise: 0.5, searchIters: 1, hardeningIters: 1, repair: 3 },
    };
    const job = await call('eml:jobs:start', { kind: 'train', input });
    expect((await services.jobs.settled(job.id))?.status).toBe('completed');
    const run = (await call('eml:project:current')).data.runs.find((r: TrainRunRecord) => r.id === job.runId) as TrainRunRecord;
    expect(run.metrics?.['per_seed']).toBeDefined();
    const moves = (run.metrics!['per_seed'] as Array<{ repair_moves: number }>).map((p) => p.repair_moves);
    expect(Math.max(...moves)).toBeGreaterThan(0);
    const [x, y] = gridInputs(2, PAPER_GRID);
    const points = { varNames: ['x', 'y'], inputs: [x!, y!] };
    for (const s of run.seeds) {
      expect(s.result).not.toBeNull();
      expect(treeFormulaGap(s.result!.tree, s.result!.formula, points), `${s.result!.tree} vs ${s.result!.formula}`).toBeLessThan(1e-9);
    }
  });

  it('train a dataset in the general form by default, record exact-within-noise, and refuse a bad form or noise by name', async () => {
    await call('eml:project:create', { name: 'Noisy' });
    // exp(x) - ln(x) with 2 % relative noise at 121 rows: eml(x, x) is the law, its MSE is far above 1e-6
    const lines = ['x,f'];
    const rng = createRng(12345);
    for (let i = 0; i <= 120; i++) {
      const x = 1 + i / 60;
      lines.push(`${x},${(Math.exp(x) - Math.log(x)) * (1 + 0.02 * normal(rng))}`);
    }
    const res = await call('eml:dataset:import', { fileName: 'noisy.csv', text: lines.join('\n') + '\n' });
    const source = { kind: 'dataset', datasetId: res.dataset.id, x: ['x'], y: 'f', testFraction: 0.2 };
    const job = await call('eml:jobs:start', { kind: 'train', input: { source, depth: 1, init: 'uniform', seeds: 1 } });
    expect((await services.jobs.settled(job.id))?.status).toBe('completed');
    const run = (await call('eml:project:current')).data.runs.find((r: TrainRunRecord) => r.id === job.runId) as TrainRunRecord;
    expect(run.settings.master).toBe('general');
    expect(run.seeds[0]!.result).toMatchObject({ tree: 'eml(x, x)', success: false, exactWithinNoise: true });
    expect(run.metrics).toMatchObject({ n_exact_within_noise: 1, noise: { source: 'estimate' } });
    for (const [input, message] of [
      [{ source, depth: 1, master: 'tree' }, /input\.master must be one of paper, general/],
      [{ source, depth: 1, noise: -0.5 }, /input\.noise must be a number ≥ 0 or null/],
    ] as const) await expect(call('eml:jobs:start', { kind: 'train', input })).rejects.toThrow(message);
  });
});
