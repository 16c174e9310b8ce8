// Tests of discover through the shared handler table (src/node/api.ts) over real services and the real
// discover worker in a temporary folder: a discovery of x·y on an imported CSV writes its live front to the
// run while it runs and ends exact within noise with a formula equal to x·y (checked against x*y directly);
// every front entry's formula agrees with its EML tree on the data; an entry is saved to the Library with its
// provenance and a passed check, once; the project reopens; bad input is refused naming what is wrong; a
// cancelled discovery keeps its last front; the data of runs is served for plots; any training result can
// be saved, with a conventional formula and LaTeX.

import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate';
import { parseInfix } from '../../src/core/syntax';
import { ApiError, createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../../src/node/api';
import { readProjectFile } from '../../src/node/store/projectStore';
import type { DataPoints, DatasetData, DiscoverRunRecord } from '../../src/shared/discover';
import type { FormulaRecord, ProjectSnapshot } from '../../src/shared/project';
import type { DatasetImportResponse, TrainRunRecord } from '../../src/shared/train';

let base: string;
let services: Services;
let table: HandlerTable;
const call = (channel: string, arg?: unknown): Promise<any> => dispatch(table, channel, arg);

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-discover-api-'));
  services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
  table = createHandlers({ services });
});

afterEach(async () => {
  await services.close();
  await rm(base, { recursive: true, force: true });
});

/** CSV text of f(x, y) on a grid of x in [1, 3] (nx points) and y in [1, 2.5] (ny points). */
function csv(f: (x: number, y: number) => number, nx = 6, ny = 6, header = 'x,y,f'): string {
  const lines = [header];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const x = 1 + (2 * i) / (nx - 1), y = 1 + (1.5 * j) / (ny - 1);
      lines.push(`${x},${y},${f(x, y)}`);
    }
  }
  return lines.join('\n') + '\n';
}

async function importCsv(fileName: string, text: string): Promise<DatasetImportResponse> {
  return await call('eml:dataset:import', { fileName, text });
}

function discoverRun(snap: ProjectSnapshot | { data: { runs: unknown[] } }, id: string): DiscoverRunRecord {
  const r = (snap.data.runs as DiscoverRunRecord[]).find((x) => x.id === id);
  if (!r || r.kind !== 'discover') throw new Error(`no discover run ${id}`);
  return r;
}

/** Largest |f(row) − reference(row)| over the rows of a data response. */
function worstAgainst(formula: string, data: DataPoints, reference: (row: number[]) => number): number {
  const f = parseInfix(formula);
  let worst = 0;
  for (let i = 0; i < data.target.length; i++) {
    const row = data.inputs.map((c) => c[i]!);
    const v = evaluate(f, Object.fromEntries(data.names.map((n, k) => [n, row[k]!])), { semantics: 'ieee' });
    worst = Math.max(worst, Math.hypot(v.re - reference(row), v.im));
  }
  return worst;
}

async function refusal(input: unknown): Promise<ApiError> {
  const e = await call('eml:jobs:start', { kind: 'discover', input }).then(() => undefined, (x: unknown) => x);
  expect(e, `accepted ${JSON.stringify(input)}`).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('a discovery of x·y on an imported CSV', () => {
  it('writes the live front while it runs, ends exact within noise with x·y, saves an entry with its provenance and reopens', async () => {
    const snap0: ProjectSnapshot = await call('eml:project:create', { name: 'Discover' });
    const ds = (await importCsv('xy.csv', csv((x, y) => x * y))).dataset;
    // every write of the run while it is running: the front must grow before the job ends
    const liveFronts: number[] = [];
    const off = services.workspace.onProjectChange(() => {
      const run = services.workspace.current?.data.runs.find((r) => r.kind === 'discover') as DiscoverRunRecord | undefined;
      if (run?.status === 'running' && run.front.length > 0) liveFronts.push(run.front.length);
    });
    const job = await call('eml:jobs:start', { kind: 'discover', input: { datasetId: ds.id, x: ['x', 'y'], y: 'f', timeLimitS: 60 } });
    expect(job.kind).toBe('discover');
    expect(job.label).toBe('Discover f from x, y in xy.csv (60 s)');
    const end = await services.jobs.settled(job.id);
    off();
    expect(end?.status).toBe('completed');
    expect(end?.done).toBe(end?.total);
    expect(liveFronts.length).toBeGreaterThan(0);

    const snap: ProjectSnapshot = await call('eml:project:current');
    const run = discoverRun(snap, job.runId);
    expect(run.status).toBe('completed');
    expect(run.settings).toEqual({ datasetId: ds.id, x: ['x', 'y'], y: 'f', timeLimitS: 60, noise: { kind: 'auto' }, maxK: null, memoryMiB: 1024, seed: 1, threads: Math.min(2, availableParallelism()) });
    expect(run.dataset).toMatchObject({ name: 'xy.csv', rows: 36 });
    expect(run.summary?.stop.kind).toBe('exact');
    expect(run.summary?.rows.total).toBe(36);
    expect(run.best).not.toBeNull();
    const best = run.front[run.best!]!;
    expect(best.exactWithinNoise).toBe(true);
    expect(best.noiseVerdict).not.toBe('');

    // the best formula is x·y, by direct evaluation on the data, and every entry's formula is its tree
    const data: DataPoints = await call('eml:run:data', { runId: job.runId });
    expect(data.names).toEqual(['x', 'y']);
    expect(data.targetName).toBe('f');
    expect(data.total).toBe(36);
    expect(worstAgainst(best.formula, data, ([x, y]) => x! * y!)).toBeLessThan(1e-9);
    expect(run.front.map((e) => e.K)).toEqual([...run.front.map((e) => e.K)].sort((a, b) => a - b));
    for (const e of run.front) {
      const tree = parseInfix(e.eml);
      const worst = worstAgainst(e.formula, data, (row) => {
        const v = evaluate(tree, { x: row[0]!, y: row[1]! }, { semantics: 'ieee' });
        return v.re;
      });
      expect(worst, `${e.formula} vs ${e.eml}`).toBeLessThan(1e-6 * (1 + Math.max(...data.target.map(Math.abs))));
    }

    // saved to the Library with its provenance and a passed check; a second save returns the same record
    const saved: FormulaRecord = await call('eml:discover:save', { runId: job.runId, eml: best.eml });
    expect(saved.source).toEqual({ syntax: 'infix', text: best.eml });
    expect(saved.infix).toBe(best.formula);
    expect(saved.latex).toBe(best.latex);
    expect(saved.latex).not.toMatch(/operatorname/);
    expect(saved.compile.K).toBe(best.K);
    expect(saved.tags).toEqual(['discover']);
    expect(saved.provenance).toMatchObject({ kind: 'run', runId: job.runId, seed: 1 });
    expect(saved.provenance.settings).toMatchObject({ run: run.label, dataset: 'xy.csv', inputs: 'x, y', target: 'f', rows: 36, exactWithinNoise: true, r2: best.r2 });
    expect(saved.verification).toMatchObject({ passed: true, points: 36, compared: 36 });
    expect(saved.notes).toMatch(/^Discovered by “Discover f from x, y in xy\.csv \(60 s\)” on xy\.csv/);
    const again: FormulaRecord = await call('eml:discover:save', { runId: job.runId, eml: best.eml, name: 'other' });
    expect(again.id).toBe(saved.id);
    const after = await call('eml:project:current');
    expect(after.data.formulas.map((f: FormulaRecord) => f.id)).toEqual([saved.id]);
    expect(discoverRun(after, job.runId).formulaIds).toEqual([saved.id]);
    await expect(call('eml:discover:save', { runId: job.runId, eml: 'eml(x, x)' })).rejects.toMatchObject({ status: 404 });
    await expect(call('eml:discover:save', { runId: 'nope', eml: best.eml })).rejects.toMatchObject({ status: 404 });

    // the project with its discover run validates and round-trips through a close and a reopen
    await call('eml:project:close');
    const onDisk = await readProjectFile(snap0.path);
    expect(discoverRun({ data: onDisk }, job.runId)).toEqual(discoverRun(after, job.runId));
    const reopened: ProjectSnapshot = await call('eml:project:open', { path: snap0.path });
    expect(discoverRun(reopened, job.runId).front).toEqual(run.front);
  });
});

describe('discover requests', () => {
  it('refuses bad input naming what is wrong: columns, time limit, noise, a constant column, too few rows, a missing dataset', async () => {
    await call('eml:project:create', { name: 'Bad' });
    const ds = (await importCsv('c.csv', csv((x) => 2 * x, 4, 4, 'x,y,f').replace(/\n(\S+?),(\S+?),/g, (_m, x: string) => `\n${x},7,`))).dataset;
    const few = (await importCsv('few.csv', 'x,f\n1,2\n2,4\n3,6\n4,8\n5,10\n')).dataset;
    const cases: Array<[unknown, RegExp, number]> = [
      [{ datasetId: ds.id, x: ['x', 'y'], y: 'f', timeLimitS: 0 }, /^eml:jobs:start: the time limit must be more than 0 seconds, got 0 \(input\.timeLimitS\)$/, 400],
      [{ datasetId: ds.id, x: ['x', 'y'], y: 'f', timeLimitS: -3 }, /the time limit must be more than 0 seconds, got -3/, 400],
      [{ datasetId: ds.id, x: ['x', 'q'], y: 'f' }, /dataset 'c\.csv' has no column 'q' \(columns: x, y, f\) \(input\.x\[1\]\)/, 400],
      [{ datasetId: ds.id, x: ['x'], y: 'x' }, /column 'x' cannot be both an input and the target/, 400],
      [{ datasetId: ds.id, x: ['x', 'x'], y: 'f' }, /the input column 'x' is chosen twice/, 400],
      [{ datasetId: ds.id, x: ['x'], y: 'f', noise: { kind: 'given', sigma: Number.NaN } }, /the noise level σ must be a finite number ≥ 0/, 400],
      [{ datasetId: ds.id, x: ['x'], y: 'f', noise: 'loud' }, /the noise must be 'auto'/, 400],
      [{ datasetId: ds.id, x: ['x'], y: 'f', maxK: 0 }, /max K must be an integer from 1 to 99999, got 0 \(input\.maxK\)/, 400],
      [{ datasetId: ds.id, x: ['x'], y: 'f', threads: 0 }, /the number of threads must be an integer from 1 to 16, got 0 \(input\.threads\)/, 400],
      [{ datasetId: ds.id, x: ['x'], y: 'f', speed: 2 }, /'speed' is not a discover setting/, 400],
      [{ datasetId: ds.id, x: ['x', 'y'], y: 'f' }, /^eml:jobs:start: dataset 'c\.csv': column 'y' is constant \(7 in every row\): drop it from the inputs$/, 400],
      [{ datasetId: few.id, x: ['x'], y: 'f' }, /^eml:jobs:start: dataset 'few\.csv': discover needs at least 10 usable rows .*got 5$/, 400],
      [{ datasetId: 'nope', x: ['x'], y: 'f' }, /the open project has no dataset with id 'nope'/, 404],
    ];
    for (const [input, message, status] of cases) {
      const e = await refusal(input);
      expect(e.message).toMatch(message);
      expect(e.status, e.message).toBe(status);
    }
    // nothing was started or recorded
    expect(services.jobs.list()).toEqual([]);
    expect((await call('eml:project:current')).data.runs).toEqual([]);
  });

  it('a CSV with a non-numeric column is refused naming it, and NaN/Inf rows are dropped and reported', async () => {
    await call('eml:project:create', { name: 'Text' });
    await expect(importCsv('label.csv', 'x,name,f\n1,a,2\n2,b,4\n')).rejects.toThrow(/label\.csv: column 'name' is not numeric \(no row holds a number; line 2 holds 'a'\)/);
    const text = csv((x, y) => x * y).replace('\n1,1,1\n', '\n1,1,NaN\n').replace(/\n3,2\.5,7\.5\n/, '\n3,2.5,Infinity\n');
    const res = await importCsv('nan.csv', text);
    expect(res.kept).toBe(34);
    expect(res.dropped).toEqual([
      { line: 2, column: 'f', value: 'NaN', reason: 'not a number' },
      { line: 37, column: 'f', value: 'Infinity', reason: 'not a number' },
    ]);
    expect(res.dataset.source.detail).toMatch(/dropped 2 of 36 rows/);
  });

  it('needs an open project (409) once the request itself is valid', async () => {
    await expect(call('eml:jobs:start', { kind: 'discover', input: { datasetId: 'd', x: ['x'], y: 'f' } })).rejects.toMatchObject({ status: 409 });
  });
});

describe('a cancelled discovery', () => {
  it('ends cancelled and keeps the last front it wrote', async () => {
    await call('eml:project:create', { name: 'Cancel' });
    // a law the searches do not reach quickly, so the discovery is still running when cancelled
    const ds = (await importCsv('hard.csv', csv((x, y) => Math.sin(3 * x) * Math.exp(-y * y / 3) + 0.37 * x * y * y, 8, 8))).dataset;
    const job = await call('eml:jobs:start', { kind: 'discover', input: { datasetId: ds.id, x: ['x', 'y'], y: 'f', timeLimitS: 600 } });
    await new Promise<void>((resolve) => {
      const check = (): void => {
        const run = services.workspace.current?.data.runs.find((r) => r.id === job.runId) as DiscoverRunRecord | undefined;
        if (run && run.front.length > 0) { off(); resolve(); }
      };
      const off = services.workspace.onProjectChange(check);
      check();
    });
    await call('eml:jobs:cancel', { id: job.id });
    const end = await services.jobs.settled(job.id);
    expect(end?.status, JSON.stringify(end)).toBe('cancelled');
    const run = discoverRun(await call('eml:project:current'), job.runId);
    expect(run.status).toBe('cancelled');
    expect(run.endedAt).not.toBeNull();
    expect(run.front.length).toBeGreaterThan(0);
    expect(run.summary).toBeNull();
  });
});

describe('data for result plots', () => {
  it('serves a dataset, a discover run and a training run on a built-in target', async () => {
    await call('eml:project:create', { name: 'Data' });
    const ds = (await importCsv('d.csv', 'a,b,c\n1,2,3\n4,5,6\n')).dataset;
    const d: DatasetData = await call('eml:dataset:data', { datasetId: ds.id });
    expect(d).toEqual({ datasetId: ds.id, columns: ['a', 'b', 'c'], values: [[1, 4], [2, 5], [3, 6]], total: 2 });
    await expect(call('eml:dataset:data', { datasetId: 'nope' })).rejects.toMatchObject({ status: 404 });
    await expect(call('eml:run:data', { runId: 'nope' })).rejects.toMatchObject({ status: 404 });

    // a training run's data is its grid: eml_depth2 = e - ln(e^y - ln x) at every point
    const job = await call('eml:jobs:start', { kind: 'train', input: { source: { kind: 'target', name: 'eml_depth2' }, depth: 1, init: 'biased', seeds: 1, options: { searchIters: 50, hardeningIters: 20 } } });
    await services.jobs.settled(job.id);
    const grid: DataPoints = await call('eml:run:data', { runId: job.runId });
    expect(grid.names).toEqual(['x', 'y']);
    expect(grid.target.length).toBeGreaterThan(100);
    const f = parseInfix('e - ln(exp(y) - ln(x))');
    for (let i = 0; i < grid.target.length; i += 37) {
      const v = evaluate(f, { x: grid.inputs[0]![i]!, y: grid.inputs[1]![i]! }, { semantics: 'ieee' });
      expect(Math.abs(v.re - grid.target[i]!)).toBeLessThan(1e-12);
    }
  });
});

describe('saving a training result', () => {
  it('saves a result that is not exact, with its conventional formula and LaTeX, a check on the run data, once', async () => {
    await call('eml:project:create', { name: 'Approx' });
    // depth 1 cannot hold eml_depth2: every run ends with an approximate tree
    const job = await call('eml:jobs:start', { kind: 'train', input: { source: { kind: 'target', name: 'eml_depth2' }, depth: 1, init: 'biased', seeds: 1, options: { searchIters: 300, hardeningIters: 100 } } });
    await services.jobs.settled(job.id);
    const run = (await call('eml:project:current')).data.runs.find((r: TrainRunRecord) => r.id === job.runId) as TrainRunRecord;
    const res = run.seeds[0]!.result!;
    expect(res.symbolSuccess).toBe(false);
    expect(run.formulaIds).toEqual([]);
    const saved: FormulaRecord = await call('eml:train:save', { runId: job.runId, index: 0, name: 'depth-1 approximation' });
    expect(saved.name).toBe('depth-1 approximation');
    expect(saved.source.text).toBe(res.tree);
    expect(saved.infix).toBe(res.formula);
    expect(saved.latex).not.toMatch(/operatorname/);
    expect(saved.notes).toMatch(/^Fitted \(not exact\) by /);
    expect(saved.provenance).toMatchObject({ kind: 'run', runId: job.runId, seed: run.seeds[0]!.seed });
    expect(saved.provenance.settings).toMatchObject({ run: run.label, source: 'eml_depth2', depth: 1 });
    expect(saved.verification?.passed).toBe(true);
    const again: FormulaRecord = await call('eml:train:save', { runId: job.runId, index: 0 });
    expect(again.id).toBe(saved.id);
    await expect(call('eml:train:save', { runId: job.runId, index: 5 })).rejects.toMatchObject({ status: 404 });
  });
});
