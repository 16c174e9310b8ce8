// Validation of a training job request from a renderer (`eml:jobs:start` with kind 'train') and its
// preparation into a fit job: every field is checked and a bad one is named with what is allowed; the
// formula, start formula, dataset columns and trainer options are resolved here, so a job that starts
// can train. Throws TrainRequestError; the API maps it to a 400 (404 for a missing dataset).

import { variables } from '../../core/expr';
import { DEFAULT_TRAIN_OPTIONS, FIT_DEFAULTS, MASTER_FORMS, resolveTrainOptions, type TrainOptions } from '../../core/train';
import type { DatasetRecord } from '../../shared/project';
import {
  MAX_TRAIN_DEPTH, MAX_TRAIN_SEEDS, MIN_TRAIN_DEPTH, TRAIN_INITS, TRAIN_TARGETS,
  type TrainInit, type TrainJobInput, type TrainSource,
} from '../../shared/train';
import type { ProjectStore } from '../store/projectStore';
import { buildFitJob, parseTargetFormula, type FitJob, type FitSpec } from './fitJob';

/** A refused training request; `status` 404 when it names a dataset the project does not have. */
export class TrainRequestError extends Error {
  constructor(message: string, readonly status: 400 | 404 = 400) {
    super(message);
    this.name = 'TrainRequestError';
  }
}

const MAX_TEXT = 10_000;
/** Most grid points per variable of a formula source. */
export const MAX_GRID_POINTS = 201;
const MAX_INPUT_COLUMNS = 4;

type Obj = Record<string, unknown>;

function fail(field: string, problem: string): never {
  throw new TrainRequestError(`input.${field} ${problem}`);
}

function object(v: unknown, field: string, allowed: readonly string[]): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(field, 'must be an object');
  for (const k of Object.keys(v)) if (!allowed.includes(k)) fail(`${field}.${k}`, `is not a known field (known: ${allowed.join(', ')})`);
  return v as Obj;
}

function integer(v: unknown, field: string, min: number, max: number, why = ''): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) fail(field, `must be an integer from ${min} to ${max}${why}, got ${JSON.stringify(v)}`);
  return v;
}

function finite(v: unknown, field: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(field, `must be a finite number, got ${JSON.stringify(v)}`);
  return v;
}

function text(v: unknown, field: string, max = MAX_TEXT): string {
  if (typeof v !== 'string') fail(field, 'must be a string');
  if (v.trim() === '') fail(field, 'must not be empty');
  if (v.length > max) fail(field, `must be at most ${max} characters`);
  return v;
}

function choice<T extends string>(v: unknown, field: string, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) fail(field, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  return v as T;
}

/** Parses a formula source's text; throws naming the field and the parse error. */
function checkFormula(t: string, field: string): void {
  let vars: string[];
  try {
    vars = variables(parseTargetFormula(t));
  } catch (e) {
    fail(field, `is not a formula: ${(e as Error).message}`);
  }
  const bad = vars.filter((v) => v !== 'x' && v !== 'y');
  if (bad.length > 0) fail(field, `may use only the variables x and y, found ${bad.join(', ')}`);
}

function parseSource(v: unknown, datasets: readonly DatasetRecord[] | null): TrainSource {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('source', "must be an object like { kind: 'target' | 'formula' | 'dataset', … }");
  const kind = choice((v as Obj)['kind'], 'source.kind', ['target', 'formula', 'dataset'] as const);
  if (kind === 'target') {
    const o = object(v, 'source', ['kind', 'name']);
    return { kind, name: choice(o['name'], 'source.name', TRAIN_TARGETS) };
  }
  if (kind === 'formula') {
    const o = object(v, 'source', ['kind', 'text', 'grid']);
    const t = text(o['text'], 'source.text');
    checkFormula(t, 'source.text');
    const g = object(o['grid'] ?? { lo: 1, hi: 3, step: 0.1 }, 'source.grid', ['lo', 'hi', 'step']);
    const lo = finite(g['lo'], 'source.grid.lo');
    const hi = finite(g['hi'], 'source.grid.hi');
    const step = finite(g['step'], 'source.grid.step');
    if (!(hi > lo)) fail('source.grid.hi', `must be greater than lo (${lo}), got ${hi}`);
    if (!(step > 0)) fail('source.grid.step', `must be positive, got ${step}`);
    const points = Math.floor((hi - lo) / step + 1e-9) + 1;
    if (points > MAX_GRID_POINTS) fail('source.grid', `has ${points} points per variable; at most ${MAX_GRID_POINTS} (raise step or narrow lo..hi)`);
    if (points < 2) fail('source.grid', 'must have at least 2 points per variable');
    return { kind, text: t, grid: { lo, hi, step } };
  }
  const o = object(v, 'source', ['kind', 'datasetId', 'x', 'y', 'testFraction']);
  const id = text(o['datasetId'], 'source.datasetId', 100);
  if (!Array.isArray(o['x']) || o['x'].length === 0) fail('source.x', 'must be a non-empty array of column names');
  if (o['x'].length > MAX_INPUT_COLUMNS) fail('source.x', `must name at most ${MAX_INPUT_COLUMNS} input columns`);
  let column = (c: unknown, field: string): string => text(c, field, 200);
  if (datasets !== null) {
    const ds = datasets.find((d) => d.id === id);
    if (!ds) throw new TrainRequestError(`input.source.datasetId names no dataset of the open project ('${id}')`, 404);
    const names = ds.columns.map((c) => c.name);
    column = (c, field) => choice(c, field, names);
  }
  const x = (o['x'] as unknown[]).map((c, i) => column(c, `source.x[${i}]`));
  if (new Set(x).size !== x.length) fail('source.x', 'names a column twice');
  const y = column(o['y'], 'source.y');
  if (x.includes(y)) fail('source.y', `'${y}' cannot be both an input and the target`);
  const testFraction = o['testFraction'] === undefined ? FIT_DEFAULTS.testFraction : finite(o['testFraction'], 'source.testFraction');
  if (testFraction < 0 || testFraction > 0.9) fail('source.testFraction', `must lie in 0..0.9, got ${testFraction}`);
  return { kind, datasetId: id, x, y, testFraction };
}

const OPTION_KEYS = Object.keys(DEFAULT_TRAIN_OPTIONS) as Array<keyof TrainOptions>;

function parseOptions(v: unknown): Record<string, number> {
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail('options', 'must be an object of trainer options');
  const out: Record<string, number> = {};
  for (const [k, val] of Object.entries(v)) {
    if (!(OPTION_KEYS as string[]).includes(k)) fail(`options.${k}`, `is not a trainer option (options: ${OPTION_KEYS.join(', ')})`);
    out[k] = finite(val, `options.${k}`);
  }
  try {
    resolveTrainOptions(out as Partial<TrainOptions>);
  } catch (e) {
    fail('options', (e as Error).message.replace(/^train: /, ''));
  }
  return out;
}

/**
 * Returns the checked input of a training job; throws TrainRequestError naming the first bad field.
 * With `datasets` null (no project open) a dataset source is checked for its form only.
 */
export function parseTrainInput(arg: unknown, datasets: readonly DatasetRecord[] | null): TrainJobInput {
  if (typeof arg !== 'object' || arg === null || Array.isArray(arg)) {
    throw new TrainRequestError('input must be an object like { source, depth, init, seeds, seed0?, initExpr?, options?, sweep?, master?, noise? }');
  }
  const o = object(arg, '', ['source', 'depth', 'init', 'initExpr', 'seeds', 'seed0', 'options', 'sweep', 'master', 'noise']);
  const source = parseSource(o['source'], datasets);
  const depth = integer(o['depth'], 'depth', MIN_TRAIN_DEPTH, MAX_TRAIN_DEPTH, ' (a master tree of depth d has about 2^d leaves; deeper ones are not trainable here)');
  const init: TrainInit = o['init'] === undefined ? FIT_DEFAULTS.init : choice(o['init'], 'init', TRAIN_INITS);
  let initExpr: string | null = null;
  if (o['initExpr'] !== undefined && o['initExpr'] !== null && !(typeof o['initExpr'] === 'string' && o['initExpr'].trim() === '')) {
    if (init !== 'manual') fail('initExpr', "is the start formula of init 'manual'; set init to 'manual' or leave it out");
    initExpr = text(o['initExpr'], 'initExpr');
    checkFormula(initExpr, 'initExpr');
  }
  if (init === 'manual' && initExpr === null && source.kind === 'dataset') fail('initExpr', "is required with init 'manual' on a dataset (there is no target formula to start from)");
  const seeds = integer(o['seeds'] ?? FIT_DEFAULTS.seeds, 'seeds', 1, MAX_TRAIN_SEEDS);
  const seed0 = integer(o['seed0'] ?? FIT_DEFAULTS.seed0, 'seed0', 0, 2 ** 31 - 1);
  const options = parseOptions(o['options']);
  let sweep: string | null = null;
  if (o['sweep'] !== undefined && o['sweep'] !== null) sweep = text(o['sweep'], 'sweep', 100);
  const master = o['master'] === undefined ? (source.kind === 'dataset' ? 'general' : 'paper') : choice(o['master'], 'master', MASTER_FORMS);
  let noise: number | null = null;
  if (o['noise'] !== undefined && o['noise'] !== null) {
    noise = finite(o['noise'], 'noise');
    if (noise < 0) fail('noise', `must be a number ≥ 0 or null (estimated), got ${noise}`);
  }
  return { source, depth, init, initExpr, seeds, seed0, options, sweep, master, noise };
}

/** Returns the fit job of a checked input, reading dataset columns from the project; throws TrainRequestError when it cannot be built. */
export async function prepareFit(store: ProjectStore, input: TrainJobInput): Promise<FitJob> {
  const s = input.source;
  const spec: FitSpec = {
    source: { kind: 'target', name: 'eml_depth2' },
    depth: input.depth,
    init: input.init,
    initExpr: input.initExpr ?? undefined,
    seeds: input.seeds,
    seed0: input.seed0,
    options: input.options as Partial<TrainOptions>,
    master: input.master,
    noise: input.noise ?? undefined,
  };
  if (s.kind === 'target') spec.source = { kind: 'target', name: s.name };
  else if (s.kind === 'formula') {
    spec.source = { kind: 'formula', text: s.text };
    spec.grid = { ...s.grid };
  } else {
    const ds = store.data.datasets.find((d) => d.id === s.datasetId);
    if (!ds) throw new TrainRequestError(`input.source.datasetId names no dataset of the open project ('${s.datasetId}')`, 404);
    const column = async (name: string): Promise<Float64Array> => await store.readArray(ds.columns.find((c) => c.name === name)!);
    const inputs = await Promise.all(s.x.map(column));
    spec.source = { kind: 'columns', name: ds.name, x: [...s.x], y: s.y, inputs, target: await column(s.y), testFraction: s.testFraction };
  }
  try {
    return buildFitJob(spec);
  } catch (e) {
    throw new TrainRequestError(`input cannot be trained: ${(e as Error).message}`);
  }
}
