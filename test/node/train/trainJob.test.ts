// Job results: every finished run of a training job stores a formula equal to its stored tree, also when the
// repair option changed the snapped tree (a manual start one leaf away from eml_depth3, which repair fixes).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
