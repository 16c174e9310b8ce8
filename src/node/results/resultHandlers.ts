// The API handlers of discover and fit results (wired into the table in api.ts): starting a discover job,
// saving a discover front entry or any training result to the Library with its provenance and a numeric
// check, and the data points a result is plotted on. Each receives the raw argument, checks every field with
// apiFields.ts and answers ApiError with the channel and the field named.

import { randomUUID } from 'node:crypto';
import type { Expr } from '../../core/expr';
import { parseFormula } from '../../core/syntax';
import type { DataPoints, DatasetData, DiscoverRunRecord } from '../../shared/discover';
import type { JobInfo } from '../../shared/jobs';
import type { FormulaCheck, FormulaRecord } from '../../shared/project';
import type { TrainRunRecord } from '../../shared/train';
import { ApiError, Fields } from '../apiFields';
import { DiscoverRequestError, parseDiscoverInput, prepareDiscover } from '../discover/discoverRequest';
import { recoveredFormula } from '../jobs/trainJobDefinition';
import type { JobService } from '../jobs/service';
import type { ProjectStore } from '../store/projectStore';
import { formulaFromEntry } from './discoverFormula';
import { checkOnRows } from './rowCheck';
import { type Columns, dataPoints, datasetData, RunDataError, runColumns } from './runData';

/** What a save records besides the formula: when and by which version. */
export interface SaveMeta {
  readonly at: string;
  readonly appVersion: string;
}

const MAX_EML_TEXT = 20_000;

/** Starts a discover job once its input is valid and its data passes the engine's checks. */
export async function startDiscover(jobs: JobService, current: () => ProjectStore, raw: unknown): Promise<JobInfo> {
  try {
    parseDiscoverInput(raw, null);
    const store = current();
    const input = parseDiscoverInput(raw, store.data.datasets);
    return await jobs.start('discover', await prepareDiscover(store, input), store);
  } catch (e) {
    if (e instanceof DiscoverRequestError) throw new ApiError(`eml:jobs:start: ${e.message}`, e.status);
    throw e;
  }
}

function findRun<K extends 'discover' | 'train'>(store: ProjectStore, channel: string, runId: string, kind: K): Extract<DiscoverRunRecord | TrainRunRecord, { kind: K }> {
  const run = store.data.runs.find((r) => r.id === runId);
  if (!run || run.kind !== kind) throw new ApiError(`${channel}: no ${kind === 'train' ? 'training' : kind} run with id '${runId}'`, 404);
  return run as Extract<DiscoverRunRecord | TrainRunRecord, { kind: K }>;
}

async function columnsOf(store: ProjectStore, channel: string, run: DiscoverRunRecord | TrainRunRecord): Promise<Columns> {
  try {
    return await runColumns(store, run);
  } catch (e) {
    if (e instanceof RunDataError) throw new ApiError(`${channel}: ${e.message}`, 409);
    throw e;
  }
}

/** Returns the check of a formula text against a tree text on the run's data (not compared when either does not parse). */
function check(formulaText: string, tree: Expr, cols: Columns): FormulaCheck {
  try {
    return checkOnRows(parseFormula(formulaText, 'infix'), tree, cols.names, cols.inputs);
  } catch {
    return { semantics: 'extended', points: cols.target.length, compared: 0, maxScaledError: null, tolerance: 0, passed: false };
  }
}

/** Returns the formula with source `text` already saved from run `runId`, if any (a second save returns it). */
function savedFromRun(store: ProjectStore, run: DiscoverRunRecord | TrainRunRecord, text: string): FormulaRecord | undefined {
  const r = store.data.formulas.find((x) => run.formulaIds.includes(x.id) && x.source.text === text);
  return r ? structuredClone(r) : undefined;
}

async function addFormula(store: ProjectStore, runId: string, record: FormulaRecord): Promise<FormulaRecord> {
  await store.update((d) => {
    d.formulas.push(record);
    const run = d.runs.find((r) => r.id === runId);
    if (run && (run.kind === 'discover' || run.kind === 'train') && !run.formulaIds.includes(record.id)) run.formulaIds.push(record.id);
  });
  return structuredClone(record);
}

/** `eml:discover:save`: saves the front entry whose EML tree is `eml` to the Library. */
export async function saveDiscoverEntry(current: () => ProjectStore, arg: unknown, meta: SaveMeta): Promise<FormulaRecord> {
  const channel = 'eml:discover:save';
  const f = Fields.of(channel, arg, '{ runId: string, eml: string, name?: string }', ['runId', 'eml', 'name']);
  const runId = f.string('runId', { max: 100, min: 1 });
  const emlText = f.string('eml', { max: MAX_EML_TEXT, min: 1 });
  const name = f.name('name');
  const store = current();
  const run = findRun(store, channel, runId, 'discover');
  const entry = run.front.find((e) => e.eml === emlText);
  if (!entry) throw new ApiError(`${channel}: run '${run.label}' has no front entry with the EML tree ${emlText.length > 80 ? `${emlText.slice(0, 79)}…` : emlText}`, 404);
  const saved = savedFromRun(store, run, entry.eml);
  if (saved) return saved;
  const tree = parseFormula(entry.eml, 'infix');
  const cols = await columnsOf(store, channel, run);
  const record = formulaFromEntry(run, entry, { id: randomUUID(), at: meta.at, appVersion: meta.appVersion, tree, check: check(entry.formula, tree, cols), name });
  return await addFormula(store, run.id, record);
}

/** `eml:train:save`: saves the result of run `index` of a training run (exact or not) to the Library. */
export async function saveTrainResult(current: () => ProjectStore, arg: unknown, meta: SaveMeta): Promise<FormulaRecord> {
  const channel = 'eml:train:save';
  const f = Fields.of(channel, arg, '{ runId: string, index: number, name?: string }', ['runId', 'index', 'name']);
  const runId = f.string('runId', { max: 100, min: 1 });
  const index = f.integer('index', 0, 100_000);
  const name = f.name('name');
  const store = current();
  const run = findRun(store, channel, runId, 'train');
  const seed = run.seeds.find((s) => s.index === index);
  if (!seed) throw new ApiError(`${channel}: run '${run.label}' has no run ${index + 1} (it has ${run.seeds.length})`, 404);
  const result = seed.result;
  if (!result) throw new ApiError(`${channel}: run ${index + 1} of '${run.label}' has no result yet (${seed.status})`, 409);
  const saved = savedFromRun(store, run, result.tree);
  if (saved) return saved;
  const base = recoveredFormula(run, seed, result, meta.at);
  const cols = await columnsOf(store, channel, run);
  const record: FormulaRecord = {
    ...base,
    id: randomUUID(),
    name: name || base.name,
    provenance: { ...base.provenance, settings: { run: run.label, ranAt: run.createdAt, ...base.provenance.settings }, appVersion: meta.appVersion },
    verification: check(result.formula, parseFormula(result.tree, 'infix'), cols),
  };
  return await addFormula(store, run.id, record);
}

/** `eml:run:data`: the data points a discover or training run was found on. */
export async function runData(current: () => ProjectStore, arg: unknown): Promise<DataPoints> {
  const channel = 'eml:run:data';
  const f = Fields.of(channel, arg, '{ runId: string }', ['runId']);
  const runId = f.string('runId', { max: 100, min: 1 });
  const store = current();
  const run = store.data.runs.find((r) => r.id === runId);
  if (!run || (run.kind !== 'discover' && run.kind !== 'train')) throw new ApiError(`${channel}: no discover or training run with id '${runId}'`, 404);
  return dataPoints(await columnsOf(store, channel, run));
}

/** `eml:dataset:data`: every column of a dataset (for its preview and plots). */
export async function datasetValues(current: () => ProjectStore, arg: unknown): Promise<DatasetData> {
  const channel = 'eml:dataset:data';
  const f = Fields.of(channel, arg, '{ datasetId: string }', ['datasetId']);
  const id = f.string('datasetId', { max: 100, min: 1 });
  const store = current();
  const ds = store.data.datasets.find((d) => d.id === id);
  if (!ds) throw new ApiError(`${channel}: the open project has no dataset with id '${id}'`, 404);
  return await datasetData(store, ds);
}
