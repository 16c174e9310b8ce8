// Import of a CSV/TSV text (sent by a renderer) as a dataset of a project: every column is read with the
// fitting reader (csv.ts: rows with a missing or non-numeric value are dropped and reported by line and
// column), each column is written as an array file, and a DatasetRecord points to them. Returns the
// record with a preview of the first rows and the dropped-row report. Throws DatasetImportError.

import { randomUUID } from 'node:crypto';
import { dsvFormat } from 'd3-dsv';
import type { ArrayRef, DatasetRecord } from '../../shared/project';
import { DATASET_DROPPED_LISTED, DATASET_PREVIEW_ROWS, type DatasetImportResponse } from '../../shared/train';
import type { ProjectStore } from '../store/projectStore';
import { DataFileError, describeDropped, detectDecimalComma, detectDelimiter, isDecimalField, parseDataColumns } from './csv';

/** A text that cannot be imported; the message says why. */
export class DatasetImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetImportError';
  }
}

const DELIMITER_NAMES: Readonly<Record<string, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab' };

/** Most columns a dataset may have. */
export const MAX_DATASET_COLUMNS = 16;

/** Returns the column names of the header line of a delimited text. */
export function headerColumns(text: string, delimiter: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const end = body.search(/\r?\n/);
  const rows = dsvFormat(delimiter).parseRows(end < 0 ? body : body.slice(0, end));
  return (rows[0] ?? []).map((c) => c.trim());
}

/** Returns the first column (name, line and value of its first field) where no data row holds a number, or undefined. */
export function nonNumericColumn(text: string, delimiter: string, columns: readonly string[]): { column: string; line: number; value: string } | undefined {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows = dsvFormat(delimiter).parseRows(body).slice(1);
  const decimalComma = detectDecimalComma(rows, delimiter);
  const numeric = columns.map(() => false);
  for (const row of rows) columns.forEach((_, c) => (numeric[c] ||= isDecimalField((row[c] ?? '').trim(), decimalComma)));
  const c = numeric.indexOf(false);
  if (c < 0 || rows.length === 0) return undefined;
  const line = rows.findIndex((row) => (row[c] ?? '').trim() !== '');
  return { column: columns[c]!, line: line < 0 ? 2 : line + 2, value: line < 0 ? '' : rows[line]![c]!.trim() };
}

/** Parses `text` (named `fileName`) and stores it as a dataset of the project in `store`. */
export async function importDataset(store: ProjectStore, fileName: string, text: string, name?: string): Promise<DatasetImportResponse> {
  const delimiter = detectDelimiter(fileName, text);
  const columns = headerColumns(text, delimiter);
  if (text.trim() === '') throw new DatasetImportError(`${fileName} is empty`);
  if (columns.length < 2) throw new DatasetImportError(`${fileName} needs a header with at least two columns (inputs and a target); found ${columns.length === 1 ? `only '${columns[0]}'` : 'none'}`);
  if (columns.length > MAX_DATASET_COLUMNS) throw new DatasetImportError(`${fileName} has ${columns.length} columns; at most ${MAX_DATASET_COLUMNS}`);
  const blank = columns.findIndex((c) => c === '');
  if (blank >= 0) throw new DatasetImportError(`${fileName}: column ${blank + 1} of the header has no name`);
  const twice = columns.find((c, i) => columns.indexOf(c) !== i);
  if (twice !== undefined) throw new DatasetImportError(`${fileName}: the header names column '${twice}' twice`);
  const text1 = nonNumericColumn(text, delimiter, columns);
  if (text1) {
    const where = text1.value === '' ? 'it is empty in every row' : `line ${text1.line} holds '${text1.value.length > 40 ? `${text1.value.slice(0, 39)}…` : text1.value}'`;
    throw new DatasetImportError(`${fileName}: column '${text1.column}' is not numeric (no row holds a number; ${where}); every column must hold numbers, so remove it from the file`);
  }
  let data;
  try {
    data = parseDataColumns(text, fileName, columns.slice(0, -1), columns[columns.length - 1]!, delimiter);
  } catch (e) {
    if (e instanceof DataFileError) throw new DatasetImportError(e.message);
    throw e;
  }
  const values = [...data.inputs, data.target];
  const refs: ArrayRef[] = [];
  for (let k = 0; k < columns.length; k++) refs.push(await store.writeArray(columns[k]!, values[k]!));
  const report = describeDropped(data);
  const format = `${DELIMITER_NAMES[data.delimiter] ?? `'${data.delimiter}'`}-separated${data.decimalComma ? ', decimal commas' : ''}`;
  const record: DatasetRecord = {
    id: randomUUID(),
    name: name?.trim() || fileName,
    createdAt: new Date().toISOString(),
    source: { kind: 'csv', detail: `${fileName} (${format}): ${data.kept} of ${data.rows} rows kept${report ? `; ${report}` : ''}` },
    rows: data.kept,
    columns: refs,
  };
  await store.update((d) => {
    d.datasets.push(record);
  });
  const preview: number[][] = [];
  for (let i = 0; i < Math.min(DATASET_PREVIEW_ROWS, data.kept); i++) preview.push(values.map((c) => c[i]!));
  return {
    dataset: structuredClone(record),
    columns,
    preview,
    rows: data.rows,
    kept: data.kept,
    droppedCount: data.dropped.length,
    dropped: data.dropped.slice(0, DATASET_DROPPED_LISTED).map((r) => ({ ...r })),
  };
}
