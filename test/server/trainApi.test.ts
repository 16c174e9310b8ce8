// Tests of training through the shared handler table (src/node/api.ts) over real services and real train
// workers in a temporary folder: every field of a training request is checked with a clear error, a fit of
// eml_depth2 recovers e - ln(e^y - ln x) (checked against direct evaluation), stores per-run results, loss
// curves as array files and the metrics, saves the formula to the Library and survives a reopen; CSV import
// reports dropped rows by line and a fit on the imported columns recovers exp(x) - ln(y).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate';
import { parseInfix } from '../../src/core/syntax';
import { ApiError, createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../../src/node/api';
import { readArrayFile } from '../../src/node/store/arrayFiles';
import { readProjectFile } from '../../src/node/store/projectStore';
import type { ProjectSnapshot } from '../../src/shared/project';
import type { DatasetImportResponse, TrainCurvesResponse, TrainRunRecord } from '../../src/shared/train';

let base: string;
let services: Services;
let table: HandlerTable;
const call = (channel: string, arg?: unknown): Promise<any> => dispatch(table, channel, arg);

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-train-api-'));
  services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
  table = createHandlers({ services });
});

afterEach(async () => {
  await services.close();
  await rm(base, { recursive: true, force: true });
});

const target2 = { kind: 'target', name: 'eml_depth2' };

async function refusal(arg: unknown): Promise<ApiError> {
  const e = await call('eml:jobs:start', { kind: 'train', input: arg }).then(() => undefined, (x: unknown) => x);
  expect(e, `accepted ${JSON.stringify(arg)}`).toBeInstanceOf(ApiError);
  return e as ApiError;
}

function trainRun(snap: ProjectSnapshot | { data: { runs: unknown[] } }, id: string): TrainRunRecord {
  const r = (snap.data.runs as TrainRunRecord[]).find((x) => x.id === id);
  if (!r || r.kind !== 'train') throw new Error(`no train run ${id}`);
  return r;
}

/** Largest |a − b| over sample points with x, y in [1, 3] (real). */
function maxDiff(a: string, b: string): number {
  const fa = parseInfix(a);
  const fb = parseInfix(b);
  let worst = 0;
  for (const x of [1.1, 1.7, 2.3, 2.9]) {
    for (const y of [1.05, 1.5, 2.2, 2.8]) {
      const va = evaluate(fa, { x, y }, { semantics: 'ieee' });
      const vb = evaluate(fb, { x, y }, { semantics: 'ieee' });
      worst = Math.max(worst, Math.hypot(va.re - vb.re, va.im - vb.im));
    }
  }
  return worst;
}

describe('training requests are validated field by field', () => {
  it('refuses bad sources, depths, inits, seeds and options with 400s naming the field', async () => {
    await call('eml:project:create', { name: 'Bad' });
    const cases: Array<[unknown, RegExp]> = [
      [{ source: { kind: 'csv' }, depth: 2 }, /input\.source\.kind must be one of target, formula, dataset/],
      [{ source: { kind: 'target', name: 'eml_depth2', extra: 1 }, depth: 2 }, /input\.source\.extra is not a known field/],
      [{ source: target2, depth: 0 }, /input\.depth must be an integer from 1 to 6/],
      [{ source: target2, depth: 12 }, /input\.depth must be an integer from 1 to 6 \(a master tree of depth d has about 2\^d leaves/],
      [{ source: target2, depth: 2.5 }, /input\.depth must be an integer/],
      [{ source: target2, depth: 2, init: 'lucky' }, /input\.init must be one of biased, uniform, xy_biased, random_hot, all, manual/],
      [{ source: target2, depth: 2, seeds: 0 }, /input\.seeds must be an integer from 1 to 256/],
      [{ source: target2, depth: 2, seeds: 257 }, /input\.seeds must be an integer from 1 to 256/],
      [{ source: target2, depth: 2, seed0: -1 }, /input\.seed0 must be an integer from 0/],
      [{ source: target2, depth: 2, options: { speed: 2 } }, /input\.options\.speed is not a trainer option/],
      [{ source: target2, depth: 2, options: { searchIters: 'many' } }, /input\.options\.searchIters must be a finite number/],
      [{ source: target2, depth: 2, options: { searchIters: -5 } }, /input\.options option searchIters must be an integer from 0/],
      [{ source: target2, depth: 2, initExpr: 'eml(x, y)' }, /input\.initExpr is the start formula of init 'manual'/],
      [{ source: target2, depth: 2, init: 'manual', initExpr: 'eml(x,' }, /input\.initExpr is not a formula/],
      [{ source: { kind: 'formula', text: 'x + z' }, depth: 2 }, /input\.source\.text may use only the variables x and y, found z/],
      [{ source: { kind: 'formula', text: 'x*y', grid: { lo: 3, hi: 1, step: 0.1 } }, depth: 2 }, /input\.source\.grid\.hi must be greater than lo/],
      [{ source: { kind: 'formula', text: 'x*y', grid: { lo: 0, hi: 100, step: 0.01 } }, depth: 2 }, /input\.source\.grid has 10001 points per variable; at most 201/],
      [{ source: { kind: 'dataset', datasetId: 'd1', x: [], y: 'f' }, depth: 1 }, /input\.source\.x must be a non-empty array/],
    ];
    for (const [arg, message] of cases) {
      const e = await refusal(arg);
      expect(e.status, JSON.stringify(arg)).toBe(400);
      expect(e.message).toMatch(/^eml:jobs:start: /);
      expect(e.message).toMatch(message);
    }
    const missing = await refusal({ source: { kind: 'dataset', datasetId: 'nope', x: ['x'], y: 'f' }, depth: 1 });
    expect(missing.status).toBe(404);
    expect(missing.message).toMatch(/names no dataset of the open project \('nope'\)/);
    // nothing was started or recorded
    expect(services.jobs.list()).toEqual([]);
    expect((await call('eml:project:current')).data.runs).toEqual([]);
  });

  it('needs an open project (409) once the request itself is valid', async () => {
    await expect(call('eml:jobs:start', { kind: 'train', input: { source: target2, depth: 2 } })).rejects.toMatchObject({ status: 409 });
  });
});

describe('a fit of eml_depth2', () => {
  it('recovers e - ln(e^y - ln x), records runs, curves and metrics, saves it to the Library and reloads', async () => {
    const snap0 = await call('eml:project:create', { name: 'Fit' });
    const job = await call('eml:jobs:start', { kind: 'train', input: { source: target2, depth: 2, init: 'biased', seeds: 2, seed0: 137 } });
    expect(job.kind).toBe('train');
    expect(job.label).toBe('Fit eml_depth2: depth 2, biased, 2 runs');
    const end = await services.jobs.settled(job.id);
    expect(end?.status).toBe('completed');
    expect(end?.done).toBe(2);
    const snap: ProjectSnapshot = await call('eml:project:current');
    const run = trainRun(snap, job.runId);
    expect(run.status).toBe('completed');
    expect(run.settings).toMatchObject({ depth: 2, init: 'biased', seeds: 2, seed0: 137, sweep: null });
    expect(run.seeds.map((s) => [s.seed, s.strategy, s.status])).toEqual([[137, 'biased', 'done'], [138, 'biased', 'done']]);
    for (const s of run.seeds) {
      expect(s.result?.symbolSuccess).toBe(true);
      expect(s.result?.tree).toBe('eml(1, eml(y, x))');
      expect(s.result?.K).toBe(5);
      expect(s.hardeningIter).toBeGreaterThan(0);
      // the lowered formula is the target, by direct evaluation
      expect(maxDiff(s.result!.formula, 'e - ln(exp(y) - ln(x))')).toBeLessThan(1e-12);
    }
    expect(run.best).toBe(0);
    expect(run.metrics).toMatchObject({ n_runs: 2, n_symbol_successes: 2, best_seed: 137, target_fn: 'eml_depth2' });

    // one curve file per run: rows of (iter, soft, hard, tau) with increasing iterations up to the run's end
    expect(run.arrays.map((a) => a.name).sort()).toEqual(['curve:0', 'curve:1']);
    for (const ref of run.arrays) {
      const a = await readArrayFile(snap.path, ref);
      expect(a.length % 4).toBe(0);
      const iters = Array.from({ length: a.length / 4 }, (_, i) => a[i * 4]!);
      expect(iters.length).toBeGreaterThan(10);
      expect(iters.every((v, i) => i === 0 || v > iters[i - 1]!)).toBe(true);
    }
    const curves: TrainCurvesResponse = await call('eml:train:curves', { runId: job.runId });
    expect(curves.live).toBe(false);
    expect(curves.series).toHaveLength(2);
    expect(curves.series[0]!.iters.length).toBeGreaterThan(10);
    expect(curves.series[0]!.hardeningIter).toBe(run.seeds[0]!.hardeningIter);
    await expect(call('eml:train:curves', { runId: 'nope' })).rejects.toMatchObject({ status: 404 });

    // saved once to the Library, with the run's provenance
    const saved = snap.data.formulas.filter((f) => f.provenance.kind === 'run');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.source).toEqual({ syntax: 'eml', text: 'eml(1, eml(y, x))' });
    expect(saved[0]!.provenance).toMatchObject({ runId: job.runId, seed: 137 });
    expect(saved[0]!.provenance.settings).toMatchObject({ source: 'eml_depth2', depth: 2, init: 'biased' });
    expect(run.formulaIds).toEqual([saved[0]!.id]);

    // the project with its train run validates and round-trips through a close and a reopen
    await call('eml:project:close');
    const onDisk = await readProjectFile(snap0.path);
    expect(trainRun({ data: onDisk }, job.runId)).toEqual(run);
    const reopened: ProjectSnapshot = await call('eml:project:open', { path: snap0.path });
    expect(trainRun(reopened, job.runId)).toEqual(run);

    // a second fit finding the same tree does not add it again
    const again = await call('eml:jobs:start', { kind: 'train', input: { source: target2, depth: 2, init: 'biased', seeds: 1 } });
    await services.jobs.settled(again.id);
    const after: ProjectSnapshot = await call('eml:project:current');
    expect(after.data.formulas.filter((f) => f.provenance.kind === 'run')).toHaveLength(1);
    expect(trainRun(after, again.runId).formulaIds).toEqual([saved[0]!.id]);
  });

  it('can be cancelled: the run ends cancelled and keeps the curves it had', async () => {
    await call('eml:project:create', { name: 'Cancel' });
    const job = await call('eml:jobs:start', {
      kind: 'train',
      input: { source: target2, depth: 2, init: 'biased', seeds: 2, options: { searchIters: 200000, patience: 200000, hardTriggerCount: 100000 } },
    });
    // wait until the live curves have points
    for (let i = 0; i < 100; i++) {
      const c: TrainCurvesResponse = await call('eml:train:curves', { runId: job.runId });
      expect(c.live).toBe(true);
      if (c.series.some((s) => s.iters.length >= 3)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await call('eml:jobs:cancel', { id: job.id });
    const end = await services.jobs.settled(job.id);
    expect(end?.status).toBe('cancelled');
    const run = trainRun(await call('eml:project:current'), job.runId);
    expect(run.status).toBe('cancelled');
    expect(run.seeds.every((s) => s.status === 'cancelled')).toBe(true);
    expect(run.arrays.length).toBeGreaterThan(0);
    const curves: TrainCurvesResponse = await call('eml:train:curves', { runId: job.runId });
    expect(curves.live).toBe(false);
    expect(curves.series.some((s) => s.iters.length >= 3)).toBe(true);
  });
});

describe('CSV import', () => {
  const rows = (): string[] => {
    const out = ['x,y,f'];
    for (const x of [0.5, 1, 1.5, 2]) for (const y of [1, 2, 3, 4, 5]) out.push(`${x},${y},${Math.exp(x) - Math.log(y)}`);
    return out;
  };

  it('stores the columns, reports dropped rows by line and column, and a depth-1 fit on them recovers exp(x) - ln(y)', async () => {
    const snap = await call('eml:project:create', { name: 'Data' });
    const lines = rows();
    lines.splice(4, 0, '1.25,abc,2'); // line 5 of the file
    lines.splice(8, 0, '1.75,,3'); // line 9
    const res: DatasetImportResponse = await call('eml:dataset:import', { fileName: 'expln.csv', text: lines.join('\n') + '\n' });
    expect(res.columns).toEqual(['x', 'y', 'f']);
    expect(res.rows).toBe(22);
    expect(res.kept).toBe(20);
    expect(res.droppedCount).toBe(2);
    expect(res.dropped).toEqual([
      { line: 5, column: 'y', value: 'abc', reason: 'not a number' },
      { line: 9, column: 'y', value: '', reason: 'missing' },
    ]);
    expect(res.preview[0]).toEqual([0.5, 1, Math.exp(0.5)]);
    expect(res.dataset.rows).toBe(20);
    expect(res.dataset.source.detail).toMatch(/line 5 column y: 'abc' is not a number/);
    const ds = (await call('eml:project:current')).data.datasets[0];
    expect(ds.id).toBe(res.dataset.id);
    const f = await readArrayFile(snap.path, ds.columns[2]);
    expect(f[0]).toBe(Math.exp(0.5));
    expect(f.length).toBe(20);

    const job = await call('eml:jobs:start', {
      kind: 'train', input: { source: { kind: 'dataset', datasetId: ds.id, x: ['x', 'y'], y: 'f', testFraction: 0.25 }, depth: 1, init: 'biased', seeds: 2 },
    });
    expect(job.label).toBe('Fit dataset expln.csv: f from x, y: depth 1 (general form), biased, 2 runs');
    await services.jobs.settled(job.id);
    const run = trainRun(await call('eml:project:current'), job.runId);
    expect(run.status).toBe('completed');
    const exact = run.seeds.filter((s) => s.result?.symbolSuccess);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact[0]!.result!.tree).toBe('eml(x, y)');
    expect(maxDiff(exact[0]!.result!.formula, 'exp(x) - ln(y)')).toBeLessThan(1e-12);

    // a column unknown to the dataset is refused by name
    await expect(call('eml:jobs:start', { kind: 'train', input: { source: { kind: 'dataset', datasetId: ds.id, x: ['q'], y: 'f' }, depth: 1 } }))
      .rejects.toThrow(/input\.source\.x\[0\] must be one of x, y, f/);
  });

  it('refuses texts it cannot import with the reason', async () => {
    await call('eml:project:create', { name: 'Refused' });
    await expect(call('eml:dataset:import', { fileName: 'a.csv', text: '' })).rejects.toThrow(/a\.csv is empty/);
    await expect(call('eml:dataset:import', { fileName: 'a.csv', text: 'only\n1\n' })).rejects.toThrow(/at least two columns/);
    await expect(call('eml:dataset:import', { fileName: 'a.csv', text: 'x,x\n1,2\n' })).rejects.toThrow(/names column 'x' twice/);
    await expect(call('eml:dataset:import', { fileName: 'a.csv', text: 'x,f\n1,b\na,2\n' })).rejects.toThrow(/no row has numeric values/);
    await expect(call('eml:dataset:import', { fileName: 'a.csv', text: 'x,f\na,b\n' })).rejects.toThrow(/column 'x' is not numeric \(no row holds a number; line 2 holds 'a'\)/);
    expect((await call('eml:project:current')).data.datasets).toEqual([]);
    // TSV by extension
    const tsv: DatasetImportResponse = await call('eml:dataset:import', { fileName: 'b.tsv', text: 'x\tf\n1\t2\n3\t4\n' });
    expect(tsv.preview).toEqual([[1, 2], [3, 4]]);
    // a semicolon .csv with decimal commas, and the record says how it was read
    const semi: DatasetImportResponse = await call('eml:dataset:import', { fileName: 'c.csv', text: 'x;f\n1,5;2,25\n3;4,5\n' });
    expect(semi.columns).toEqual(['x', 'f']);
    expect(semi.preview).toEqual([[1.5, 2.25], [3, 4.5]]);
    expect(semi.dataset.source.detail).toMatch(/^c\.csv \(semicolon-separated, decimal commas\): 2 of 2 rows kept/);
  });
});

describe('datasets with columns named like Object.prototype members', () => {
  it('imports and trains on __proto__ and constructor columns like any others', async () => {
    await call('eml:project:create', { name: 'Proto' });
    const rows = Array.from({ length: 12 }, (_, i) => `${1 + i / 4},${2 - i / 8},${Math.exp(1 + i / 4) - Math.log(2 - i / 8)}`);
    const text = ['__proto__,constructor,f', ...rows].join('\n') + '\n';
    const res: DatasetImportResponse = await call('eml:dataset:import', { fileName: 'p.csv', text });
    expect(res.columns).toEqual(['__proto__', 'constructor', 'f']);
    expect(res.preview[0]).toEqual([1, 2, Math.exp(1) - Math.log(2)]);
    expect(res.dataset.columns.map((c) => c.name)).toEqual(['__proto__', 'constructor', 'f']);
    const job = await call('eml:jobs:start', {
      kind: 'train', input: { source: { kind: 'dataset', datasetId: res.dataset.id, x: ['__proto__', 'constructor'], y: 'f', testFraction: 0.25 }, depth: 1, init: 'biased', seeds: 2 },
    });
    await services.jobs.settled(job.id);
    const run = trainRun(await call('eml:project:current'), job.runId);
    expect(run.status).toBe('completed');
    const exact = run.seeds.filter((s) => s.result?.symbolSuccess);
    expect(exact.length).toBeGreaterThan(0);
    expect(exact[0]!.result!.tree).toBe('eml(__proto__, constructor)');
  });
});

describe('project files with train runs', () => {
  it('refuse a train run with a bad field, naming it', async () => {
    const snap = await call('eml:project:create', { name: 'Schema' });
    const job = await call('eml:jobs:start', { kind: 'train', input: { source: target2, depth: 2, init: 'biased', seeds: 1 } });
    await services.jobs.settled(job.id);
    await call('eml:project:close');
    const file = join(snap.path, 'project.json');
    const data = JSON.parse(await readFile(file, 'utf8'));
    data.runs[0].seeds[0].status = 'sleeping';
    await writeFile(file, JSON.stringify(data));
    await expect(call('eml:project:open', { path: snap.path })).rejects.toThrow(/runs\[0\]\.seeds\[0\]\.status must be one of pending, running, done, cancelled/);
    data.runs[0].seeds[0].status = 'done';
    data.runs[0].settings.depth = 9;
    await writeFile(file, JSON.stringify(data));
    await expect(call('eml:project:open', { path: snap.path })).rejects.toThrow(/runs\[0\]\.settings\.depth must be at most 6/);
  });
});
