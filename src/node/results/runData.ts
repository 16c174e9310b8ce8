// The data points a result was found on, for the Fit view's result plots and for the check of a saved
// formula: a discover run's dataset columns; a training run's dataset columns, or the grid of its built-in
// target or formula (rebuilt from the run's settings as the job built it). Large data is sampled evenly.

import type { DatasetRecord } from '../../shared/project';
import { MAX_DATA_ROWS, type DataPoints, type DatasetData } from '../../shared/discover';
import type { DiscoverRunRecord } from '../../shared/discover';
import type { TrainRunRecord } from '../../shared/train';
import type { ProjectStore } from '../store/projectStore';
import { prepareFit } from '../train/trainRequest';

/** Data that cannot be produced (its dataset was deleted, its settings no longer build); the API answers 409. */
export class RunDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunDataError';
  }
}

/** Float64 columns of one length. */
export interface Columns {
  readonly names: readonly string[];
  readonly inputs: readonly Float64Array[];
  readonly targetName: string;
  readonly target: Float64Array;
  readonly source: string;
}

/** Returns the indices of an even sample of at most `max` of `n` rows (all rows when n ≤ max). */
export function sampleRows(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: max }, (_, k) => Math.round((k * (n - 1)) / (max - 1)));
}

async function datasetColumns(store: ProjectStore, ds: DatasetRecord, names: readonly string[]): Promise<Float64Array[]> {
  return await Promise.all(names.map(async (name) => {
    const ref = ds.columns.find((c) => c.name === name);
    if (!ref) throw new RunDataError(`dataset '${ds.name}' has no column '${name}' any more`);
    return await store.readArray(ref);
  }));
}

function findDataset(store: ProjectStore, id: string, runLabel: string): DatasetRecord {
  const ds = store.data.datasets.find((d) => d.id === id);
  if (!ds) throw new RunDataError(`the dataset of run '${runLabel}' is no longer in the project`);
  return ds;
}

/** Returns the full columns a discover or training run was found on. */
export async function runColumns(store: ProjectStore, run: DiscoverRunRecord | TrainRunRecord): Promise<Columns> {
  if (run.kind === 'discover') {
    const s = run.settings;
    const ds = findDataset(store, s.datasetId, run.label);
    const [target, ...inputs] = await datasetColumns(store, ds, [s.y, ...s.x]);
    return { names: s.x, inputs, targetName: s.y, target: target!, source: `dataset ${ds.name}` };
  }
  const src = run.settings.source;
  if (src.kind === 'dataset') {
    const ds = findDataset(store, src.datasetId, run.label);
    const [target, ...inputs] = await datasetColumns(store, ds, [src.y, ...src.x]);
    return { names: src.x, inputs, targetName: src.y, target: target!, source: `dataset ${ds.name}` };
  }
  let fit;
  try {
    fit = await prepareFit(store, run.settings);
  } catch (e) {
    throw new RunDataError(`the data of run '${run.label}' cannot be rebuilt: ${(e as Error).message}`);
  }
  const train = fit.problem.train;
  return {
    names: fit.problem.varNames, inputs: train.inputs, targetName: 'target', target: train.target,
    source: `${run.target.name} on its training grid (${train.n} points)`,
  };
}

/** Returns columns as a data response (an even sample when there are more than MAX_DATA_ROWS rows). */
export function dataPoints(c: Columns, max = MAX_DATA_ROWS): DataPoints {
  const rows = sampleRows(c.target.length, max);
  return {
    names: [...c.names],
    inputs: c.inputs.map((col) => rows.map((i) => col[i]!)),
    targetName: c.targetName,
    target: rows.map((i) => c.target[i]!),
    total: c.target.length,
    source: c.source,
  };
}

/** Returns every column of a dataset (an even sample of the rows when there are more than `max`). */
export async function datasetData(store: ProjectStore, ds: DatasetRecord, max = MAX_DATA_ROWS): Promise<DatasetData> {
  const names = ds.columns.map((c) => c.name);
  const cols = await datasetColumns(store, ds, names);
  const n = cols[0]?.length ?? 0;
  const rows = sampleRows(n, max);
  return { datasetId: ds.id, columns: names, values: cols.map((col) => rows.map((i) => col[i]!)), total: n };
}
