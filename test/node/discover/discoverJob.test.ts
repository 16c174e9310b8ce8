// Tests of the discover job's pieces without a worker: the request check (defaults, each bad field named in
// words with the field), the progress a job reports (seconds of its time limit, full at the final ranking),
// how progress and the end land in the run record, and the project validator on discover run records.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DiscoverReport } from '../../../src/core/discover/discover';
import { DiscoverRequestError, parseDiscoverInput } from '../../../src/node/discover/discoverRequest';
import { DISCOVER_JOB } from '../../../src/node/jobs/discoverJobDefinition';
import { newRun } from '../../../src/node/jobs/jobDefinition';
import { validateProject } from '../../../src/node/store/projectSchema';
import { ProjectStore } from '../../../src/node/store/projectStore';
import type { DiscoverEntry, DiscoverJobProgress, DiscoverRunRecord } from '../../../src/shared/discover';
import type { DatasetRecord } from '../../../src/shared/project';

const entry = (K: number, formula: string, rmse: number, exact: boolean): DiscoverEntry => ({
  K, eml: `tree-${K}`, formula, latex: formula, rmse, heldOutRmse: rmse, r2: 1 - rmse, maxError: 2 * rmse, exactWithinNoise: exact,
  noiseVerdict: exact ? 'numerically exact' : 'too large', constants: 0, origin: 'calculator', score: K - 100 * Number(exact),
});

const progress = (over: Partial<DiscoverJobProgress>): DiscoverJobProgress => ({ limitMs: 60_000, elapsedMs: 0, engine: 'eml', note: 'size 3', candidates: 5, best: null, ...over });

const dataset: DatasetRecord = {
  id: 'd1', name: 'xy.csv', createdAt: '2026-01-01T00:00:00.000Z', source: { kind: 'csv', detail: 'xy.csv: 36 of 36 rows kept' }, rows: 36,
  columns: ['x', 'y', 'f'].map((name, i) => ({ name, file: `arrays/c${i}.f64`, length: 36, dtype: 'float64' as const })),
};

describe('parseDiscoverInput', () => {
  it('fills the defaults: 60 s, noise estimated, no max K, 1 GiB, seed 1, at least one thread', () => {
    const input = parseDiscoverInput({ datasetId: 'd1', x: [' x ', 'y'], y: 'f' }, [dataset]);
    expect(input).toMatchObject({ datasetId: 'd1', x: ['x', 'y'], y: 'f', timeLimitS: 60, noise: { kind: 'auto' }, maxK: null, memoryMiB: 1024, seed: 1 });
    expect(input.threads).toBeGreaterThanOrEqual(1);
    expect(parseDiscoverInput({ datasetId: 'd1', x: ['x'], y: 'f', noise: { kind: 'given', sigma: 0.01 }, maxK: 40 }, [dataset])).toMatchObject({ noise: { kind: 'given', sigma: 0.01 }, maxK: 40 });
  });

  it.each([
    [{ datasetId: 'd1', x: ['x'], y: 'f', timeLimitS: 0 }, 'the time limit must be more than 0 seconds, got 0 (input.timeLimitS)'],
    [{ datasetId: 'd1', x: ['x'], y: 'f', timeLimitS: '60' }, 'the time limit must be more than 0 seconds, got "60" (input.timeLimitS)'],
    [{ datasetId: 'd1', x: ['x'], y: 'f', timeLimitS: 4000 }, 'the time limit in seconds must be a number from 0.1 to 3600, got 4000 (input.timeLimitS)'],
    [{ datasetId: 'd1', x: ['x', 'y', 'f', 'a', 'b', 'c', 'd'], y: 'f' }, 'discover takes at most 6 input columns, got 7 (input.x)'],
    [{ datasetId: 'd1', x: ['x', 'z'], y: 'f' }, "dataset 'xy.csv' has no column 'z' (columns: x, y, f) (input.x[1])"],
    [{ datasetId: 'd1', x: ['x'], y: 'g' }, "dataset 'xy.csv' has no column 'g' (columns: x, y, f) (input.y)"],
    [{ datasetId: 'd1', x: ['x'], y: 'f', noise: { kind: 'given' } }, 'the noise level σ must be a finite number ≥ 0, got undefined (input.noise.sigma)'],
    [{ datasetId: 'd1', x: ['x'], y: 'f', memoryMiB: 10 }, 'the memory budget in MiB must be an integer from 64 to 8192, got 10 (input.memoryMiB)'],
    [{ datasetId: '', x: ['x'], y: 'f' }, 'choose a dataset (its id must be a non-empty string) (input.datasetId)'],
  ])('refuses %j: %s', (arg, message) => {
    expect(() => parseDiscoverInput(arg, [dataset])).toThrow(new DiscoverRequestError(message));
  });

  it('names a dataset the project lacks with status 404', () => {
    try {
      parseDiscoverInput({ datasetId: 'nope', x: ['x'], y: 'f' }, [dataset]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DiscoverRequestError);
      expect((e as DiscoverRequestError).status).toBe(404);
    }
  });
});

describe('DISCOVER_JOB.describe', () => {
  it('counts whole seconds of the time limit, capped at the limit, and is full at the final ranking', () => {
    expect(DISCOVER_JOB.describe(progress({ elapsedMs: 12_700 }))).toMatchObject({ done: 12, total: 60 });
    expect(DISCOVER_JOB.describe(progress({ elapsedMs: 75_000 }))).toMatchObject({ done: 60, total: 60 });
    expect(DISCOVER_JOB.describe(progress({ limitMs: 2500, elapsedMs: 900, engine: 'rank' }))).toMatchObject({ done: 3, total: 3 });
    const d = DISCOVER_JOB.describe(progress({ elapsedMs: 3400, best: entry(17, 'x*y', 0, true) }));
    expect(d.message).toBe('3.4 s, 5 candidates: size 3; best x*y (exact within noise)');
  });
});

describe('the discover run record', () => {
  let dir: string;
  let store: ProjectStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eml-discover-job-'));
    store = await ProjectStore.create(join(dir, 'P.emlw'), 'P');
  });

  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  const prepared = {
    input: { datasetId: 'd1', x: ['x', 'y'], y: 'f', timeLimitS: 30, noise: { kind: 'auto' as const }, maxK: null, memoryMiB: 1024, seed: 1, threads: 1 },
    data: { names: ['x', 'y'], inputs: [], targetName: 'f', target: new Float64Array(0) },
    dataset: { name: 'xy.csv', rows: 36, detail: 'xy.csv: 36 of 36 rows kept' },
  };
  const run = (): DiscoverRunRecord => store.data.runs.find((r) => r.kind === 'discover') as DiscoverRunRecord;

  it('keeps the live front (only events that carry one are written), then the final front, best and summary', async () => {
    await DISCOVER_JOB.createRun(store, prepared, newRun('run-1', DISCOVER_JOB.label(prepared), 'running', new Date().toISOString()));
    expect(run()).toMatchObject({ label: 'Discover f from x, y in xy.csv (30 s)', status: 'running', front: [], best: null, progress: { done: 0, total: 30 } });
    await DISCOVER_JOB.recordProgress(store, 'run-1', progress({ limitMs: 30_000, elapsedMs: 1500 }));
    expect(run().front).toEqual([]);
    const live = [entry(1, 'x', 0.5, false), entry(17, 'x*y', 0, true)];
    await DISCOVER_JOB.recordProgress(store, 'run-1', progress({ limitMs: 30_000, elapsedMs: 2500, front: live, best: live[1]!, candidates: 40 }));
    expect(run()).toMatchObject({ front: live, best: 1, candidates: 40, elapsedMs: 2500, progress: { done: 2, total: 30 } });
    // an entry with a number JSON cannot hold is left out rather than written as null
    await DISCOVER_JOB.recordProgress(store, 'run-1', progress({ limitMs: 30_000, elapsedMs: 3500, front: [...live, { ...entry(20, 'y', 1, false), r2: Number.NaN }], best: live[1]! }));
    expect(run().front).toEqual(live);
    const report: DiscoverReport = {
      best: live[1]!, front: live, rows: { total: 36, train: 27, heldOut: 9, probes: 6 }, noise: { kind: 'auto', sigma: 0.1, floor: 1e-9 },
      engines: [{ name: 'calculator', steps: 4, ms: 900, reached: '4 tokens' }], candidates: 80, rejected: 0, reducible: 1, stop: { kind: 'exact', afterMs: 3000 }, ms: 3100,
    };
    await DISCOVER_JOB.recordEnd(store, 'run-1', { status: 'completed', result: report });
    expect(run()).toMatchObject({ status: 'completed', best: 1, candidates: 80, elapsedMs: 3100, progress: { done: 30, total: 30 }, summary: { stop: { kind: 'exact', afterMs: 3000 } } });
    expect(() => validateProject(JSON.parse(JSON.stringify(store.data)), 'project.json')).not.toThrow();
  });

  it('a cancelled run keeps the front it had', async () => {
    await DISCOVER_JOB.createRun(store, prepared, newRun('run-2', 'label', 'running', new Date().toISOString()));
    const live = [entry(3, 'x+1', 0.2, false)];
    await DISCOVER_JOB.recordProgress(store, 'run-2', progress({ front: live, best: live[0]! }));
    await DISCOVER_JOB.recordEnd(store, 'run-2', { status: 'cancelled' });
    expect(run()).toMatchObject({ status: 'cancelled', front: live, best: 0, summary: null });
    expect(run().endedAt).not.toBeNull();
  });

  it.each([
    ['settings.timeLimitS', (r: Record<string, any>) => (r['settings'].timeLimitS = 0), '$.runs[0].settings.timeLimitS must be more than 0'],
    ['settings.x', (r: Record<string, any>) => (r['settings'].x = []), '$.runs[0].settings.x must name at least one input column'],
    ['front[0].K', (r: Record<string, any>) => (r['front'][0].K = 0), '$.runs[0].front[0].K must be at least 1'],
    ['front[0].origin', (r: Record<string, any>) => (r['front'][0].origin = 'guess'), '$.runs[0].front[0].origin must be one of calculator, constant, eml, trainer'],
    ['best', (r: Record<string, any>) => (r['best'] = 3), '$.runs[0].best must index one of the 1 front entries'],
    ['summary.stop', (r: Record<string, any>) => (r['summary'] = { ...r['summary'], stop: { kind: 'bored' } }), '$.runs[0].summary.stop.kind must be one of exact, timeLimit, exhausted, cancelled'],
  ])('the validator refuses a bad %s, naming the file and the field', async (_name, spoil, message) => {
    await DISCOVER_JOB.createRun(store, prepared, newRun('run-3', 'label', 'running', new Date().toISOString()));
    const live = [entry(3, 'x+1', 0.2, false)];
    await DISCOVER_JOB.recordProgress(store, 'run-3', progress({ front: live, best: live[0]! }));
    await DISCOVER_JOB.recordEnd(store, 'run-3', {
      status: 'completed',
      result: { best: live[0]!, front: live, rows: { total: 36, train: 27, heldOut: 9, probes: 6 }, noise: { kind: 'auto', sigma: 0.1, floor: 0.1 }, engines: [], candidates: 9, rejected: 0, reducible: 0, stop: { kind: 'exhausted' }, ms: 10 },
    });
    const data = JSON.parse(JSON.stringify(store.data)) as Record<string, any>;
    expect(() => validateProject(data, 'project.json')).not.toThrow();
    spoil(data['runs'][0]);
    expect(() => validateProject(data, 'project.json')).toThrow(`project.json: ${message}; the file was left untouched`);
  });
});
