// Fields shared by the records of project.json that other shared modules build on: array files, the common
// part of every run record and datasets. Kept apart from project.ts so that search.ts and train.ts can extend
// them while project.ts gathers their run records (imports go one way: project → search/train → records).

/** A numeric array stored beside project.json (little-endian float64, `length` values). */
export interface ArrayRef {
  readonly name: string;
  /** Path relative to the project folder, always under arrays/. */
  readonly file: string;
  readonly length: number;
  readonly dtype: 'float64';
}

/** Life cycle of a run: 'queued' waits for free cores; 'interrupted' marks a run whose host stopped before it ended. */
export type RunStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled' | 'interrupted';

/** Fields every run record has. */
export interface RunBase {
  readonly id: string;
  readonly label: string;
  status: RunStatus;
  readonly createdAt: string;
  endedAt: string | null;
  progress: { done: number; total: number };
  error: string | null;
  /** Large arrays of this run (loss curves ...), stored as sibling files. */
  arrays: ArrayRef[];
}

/** A dataset: column names and values, the values in sibling array files (one per column). */
export interface DatasetRecord {
  readonly id: string;
  name: string;
  readonly createdAt: string;
  readonly source: { readonly kind: 'csv' | 'generator'; readonly detail: string };
  readonly rows: number;
  readonly columns: ArrayRef[];
}
