// The data points of a run, fetched once from the host (eml:run:data) and kept per run id: a run's data
// never changes (its dataset's columns or its target's grid), so switching between entries and runs does not
// fetch again.

import type { DataPoints } from '../../../shared/discover';
import { invoke } from '../host';
import type { PlotData } from './predict';

/** A run's data as typed columns, with the host's account of where it comes from. */
export interface RunPlotData extends PlotData {
  readonly total: number;
  readonly source: string;
}

/** Returns the host's data points as typed columns. */
export function toPlotData(d: DataPoints): RunPlotData {
  return {
    names: d.names,
    inputs: d.inputs.map((c) => Float64Array.from(c)),
    targetName: d.targetName,
    target: Float64Array.from(d.target),
    total: d.total,
    source: d.source,
  };
}

const cache = new Map<string, Promise<RunPlotData>>();

/** Returns the data of run `runId` (fetched on first use; a failed fetch is tried again next time). */
export function fetchRunData(runId: string): Promise<RunPlotData> {
  let p = cache.get(runId);
  if (!p) {
    p = invoke('eml:run:data', { runId }).then(toPlotData);
    cache.set(runId, p);
    p.catch(() => cache.delete(runId));
  }
  return p;
}
