// Validation of a discover job request from a renderer (`eml:jobs:start` with kind 'discover') and its
// preparation: every field is checked and a bad one is named in words with the field in brackets; the
// dataset's columns are read and checked by the engine's own data check (a constant column, too few rows,
// unusable column names), so a job that starts can run. Throws DiscoverRequestError; the API maps it to a
// 400 (404 for a dataset the project does not have).

import { availableParallelism } from 'node:os';
import { checkData, DiscoverDataError, type DiscoverData } from '../../core/discover/data';
import type { DatasetRecord } from '../../shared/project';
import { DISCOVER_LIMITS as L, type DiscoverDatasetInfo, type DiscoverJobInput, type DiscoverNoise } from '../../shared/discover';
import type { ProjectStore } from '../store/projectStore';

/** A refused discover request; `status` 404 when it names a dataset the project does not have. */
export class DiscoverRequestError extends Error {
  constructor(message: string, readonly status: 400 | 404 = 400) {
    super(message);
    this.name = 'DiscoverRequestError';
  }
}

type Obj = Record<string, unknown>;

const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Throws naming the problem first, then the field it was found in. */
function fail(field: string, problem: string): never {
  throw new DiscoverRequestError(`${problem} (input.${field})`);
}

function known(o: Obj, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) fail(path ? `${path}.${k}` : k, `'${k}' is not a discover setting (settings: ${allowed.join(', ')})`);
}

function columnName(v: unknown, field: string): string {
  if (typeof v !== 'string' || v.trim() === '' || v.length > 200) fail(field, 'a column name must be a non-empty string of at most 200 characters');
  return v.trim();
}

function numberIn(v: unknown, field: string, what: string, min: number, max: number, integer: boolean): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < min || v > max) {
    fail(field, `${what} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${JSON.stringify(v)}`);
  }
  return v;
}

function parseNoise(v: unknown): DiscoverNoise {
  if (v === undefined || v === 'auto') return { kind: 'auto' };
  if (!isObject(v)) fail('noise', "the noise must be 'auto', { kind: 'auto' } or { kind: 'given', sigma }");
  if (v['kind'] === 'auto') {
    known(v, 'noise', ['kind']);
    return { kind: 'auto' };
  }
  if (v['kind'] !== 'given') fail('noise.kind', `the noise kind must be 'auto' or 'given', got ${JSON.stringify(v['kind'])}`);
  known(v, 'noise', ['kind', 'sigma']);
  const sigma = v['sigma'];
  if (typeof sigma !== 'number' || !Number.isFinite(sigma) || sigma < 0) fail('noise.sigma', `the noise level σ must be a finite number ≥ 0, got ${JSON.stringify(sigma)}`);
  return { kind: 'given', sigma };
}

/** Threads of a discovery unless the request says (the CLI's default: two where there are two cores). */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

/**
 * Returns the checked input of a discover job; throws DiscoverRequestError naming the first bad field.
 * With `datasets` null (no project open) the dataset and its columns are checked for their form only.
 */
export function parseDiscoverInput(arg: unknown, datasets: readonly DatasetRecord[] | null): DiscoverJobInput {
  if (!isObject(arg)) throw new DiscoverRequestError('the discover input must be an object like { datasetId, x, y, timeLimitS?, noise?, maxK?, memoryMiB?, seed?, threads? }');
  known(arg, '', ['datasetId', 'x', 'y', 'timeLimitS', 'noise', 'maxK', 'memoryMiB', 'seed', 'threads']);
  const id = arg['datasetId'];
  if (typeof id !== 'string' || id.trim() === '' || id.length > 100) fail('datasetId', 'choose a dataset (its id must be a non-empty string)');
  const xs = arg['x'];
  if (!Array.isArray(xs) || xs.length === 0) fail('x', 'choose at least one input column');
  if (xs.length > L.maxInputs) fail('x', `discover takes at most ${L.maxInputs} input columns, got ${xs.length}`);
  const x = xs.map((c, i) => columnName(c, `x[${i}]`));
  const twice = x.find((c, i) => x.indexOf(c) !== i);
  if (twice !== undefined) fail('x', `the input column '${twice}' is chosen twice`);
  const y = columnName(arg['y'], 'y');
  if (x.includes(y)) fail('y', `column '${y}' cannot be both an input and the target`);
  if (datasets !== null) {
    const ds = datasets.find((d) => d.id === id);
    if (!ds) throw new DiscoverRequestError(`the open project has no dataset with id '${id}' (input.datasetId)`, 404);
    const names = ds.columns.map((c) => c.name);
    const missing = (c: string): boolean => !names.includes(c);
    x.forEach((c, i) => {
      if (missing(c)) fail(`x[${i}]`, `dataset '${ds.name}' has no column '${c}' (columns: ${names.join(', ')})`);
    });
    if (missing(y)) fail('y', `dataset '${ds.name}' has no column '${y}' (columns: ${names.join(', ')})`);
  }
  const limit = arg['timeLimitS'];
  if (limit !== undefined && (typeof limit !== 'number' || !(limit > 0))) fail('timeLimitS', `the time limit must be more than 0 seconds, got ${JSON.stringify(limit)}`);
  const timeLimitS = limit === undefined ? L.defaultTimeLimitS : numberIn(limit, 'timeLimitS', 'the time limit in seconds', 0.1, L.maxTimeLimitS, false);
  return {
    datasetId: id,
    x,
    y,
    timeLimitS,
    noise: parseNoise(arg['noise']),
    maxK: arg['maxK'] === undefined || arg['maxK'] === null ? null : numberIn(arg['maxK'], 'maxK', 'max K', 1, L.maxK, true),
    memoryMiB: arg['memoryMiB'] === undefined ? L.defaultMemoryMiB : numberIn(arg['memoryMiB'], 'memoryMiB', 'the memory budget in MiB', L.minMemoryMiB, L.maxMemoryMiB, true),
    seed: arg['seed'] === undefined ? 1 : numberIn(arg['seed'], 'seed', 'the seed', 1, 2 ** 31 - 1, true),
    threads: arg['threads'] === undefined ? defaultThreads() : numberIn(arg['threads'], 'threads', 'the number of threads', 1, L.maxThreads, true),
  };
}

/** A checked input with the data it runs on and what the dataset was. */
export interface PreparedDiscover {
  readonly input: DiscoverJobInput;
  readonly data: DiscoverData;
  readonly dataset: DiscoverDatasetInfo;
}

/** Returns the dataset's columns as the engine's data, checked by the engine (constant column, too few rows, names); throws DiscoverRequestError. */
export async function prepareDiscover(store: ProjectStore, input: DiscoverJobInput): Promise<PreparedDiscover> {
  const ds = store.data.datasets.find((d) => d.id === input.datasetId);
  if (!ds) throw new DiscoverRequestError(`the open project has no dataset with id '${input.datasetId}' (input.datasetId)`, 404);
  const column = async (name: string): Promise<Float64Array> => await store.readArray(ds.columns.find((c) => c.name === name)!);
  const data: DiscoverData = { names: [...input.x], inputs: await Promise.all(input.x.map(column)), targetName: input.y, target: await column(input.y) };
  try {
    checkData(data);
  } catch (e) {
    if (e instanceof DiscoverDataError) throw new DiscoverRequestError(`dataset '${ds.name}': ${e.message}`);
    throw e;
  }
  return { input, data, dataset: { name: ds.name, rows: ds.rows, detail: ds.source.detail } };
}
