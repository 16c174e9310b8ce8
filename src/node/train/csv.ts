// CSV/TSV import for fitting (d3-dsv): chosen input columns and a target column as Float64Arrays.
// Rows with a missing or non-numeric value in a chosen column are dropped and reported (row, column,
// value), never silently; a missing file, an empty file, an unknown column or no usable row is an error
// naming the file and what is wrong.

import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { dsvFormat } from 'd3-dsv';

/** A bad data file: the message names the file and the problem. */
export class DataFileError extends Error {
  constructor(message: string) { super(message); this.name = 'DataFileError'; }
}

/** A dropped row: its line number in the file (header = line 1), the column and the offending text. */
export interface DroppedRow { line: number; column: string; value: string; reason: 'missing' | 'not a number' }

/** Columns read from a data file. */
export interface DataColumns {
  file: string;
  delimiter: string;
  varNames: string[];
  targetName: string;
  inputs: Float64Array[];
  target: Float64Array;
  /** Data rows in the file (header excluded) and rows kept. */
  rows: number;
  kept: number;
  dropped: DroppedRow[];
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Returns the delimiter: tab for .tsv/.tab, comma for .csv, else tab when the header has tabs and no commas. */
export function detectDelimiter(file: string, text: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.tsv' || ext === '.tab') return '\t';
  if (ext === '.csv') return ',';
  const header = text.slice(0, text.indexOf('\n') < 0 ? text.length : text.indexOf('\n'));
  if (header.includes('\t') && !header.includes(',')) return '\t';
  if (header.includes(';') && !header.includes(',')) return ';';
  return ',';
}

/** Returns the chosen columns of delimited text (`file` names it in messages). */
export function parseDataColumns(text: string, file: string, xColumns: readonly string[], yColumn: string, delimiter?: string): DataColumns {
  const name = basename(file);
  if (text.trim() === '') throw new DataFileError(`data file ${name} is empty`);
  if (xColumns.length === 0) throw new DataFileError('choose at least one input column (--x)');
  const delim = delimiter ?? detectDelimiter(file, text);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // rows as arrays, columns by position: a header name never becomes an object key (think '__proto__')
  const [header = [], ...rows] = dsvFormat(delim).parseRows(body);
  const columns = header.map((c) => c.trim());
  const resolve = (want: string, role: string): number => {
    const w = want.trim();
    const i = columns.indexOf(w);
    if (i >= 0) return i;
    if (/^\d+$/.test(w) && Number(w) >= 1 && Number(w) <= columns.length) return Number(w) - 1;
    throw new DataFileError(`data file ${name} has no ${role} column '${w}' (columns: ${columns.join(', ') || 'none'})`);
  };
  const xIndex = xColumns.map((c) => resolve(c, 'input'));
  const yIndex = resolve(yColumn, 'target');
  if (xIndex.includes(yIndex)) throw new DataFileError(`column '${columns[yIndex]}' cannot be both an input and the target`);
  if (new Set(xIndex).size !== xIndex.length) throw new DataFileError('an input column is named twice in --x');
  if (rows.length === 0) throw new DataFileError(`data file ${name} has a header but no data rows`);
  const chosen = [...xIndex, yIndex];
  const cols = chosen.map(() => new Float64Array(rows.length));
  const dropped: DroppedRow[] = [];
  let kept = 0;
  rows.forEach((row, r) => {
    const values: number[] = [];
    for (const c of chosen) {
      const raw = (row[c] ?? '').trim();
      if (raw === '') { dropped.push({ line: r + 2, column: columns[c]!, value: raw, reason: 'missing' }); return; }
      const v = Number(raw);
      if (!DECIMAL.test(raw) || !Number.isFinite(v)) { dropped.push({ line: r + 2, column: columns[c]!, value: raw, reason: 'not a number' }); return; }
      values.push(v);
    }
    values.forEach((v, k) => { cols[k]![kept] = v; });
    kept++;
  });
  if (kept === 0) {
    throw new DataFileError(`data file ${name}: no row has numeric values in ${chosen.map((c) => columns[c]).join(', ')} (${dropped.length} rows dropped; first: line ${dropped[0]?.line} column ${dropped[0]?.column} '${dropped[0]?.value}')`);
  }
  const trimmed = cols.map((c) => c.slice(0, kept));
  return {
    file, delimiter: delim, varNames: xIndex.map((c) => columns[c]!), targetName: columns[yIndex]!,
    inputs: trimmed.slice(0, xIndex.length), target: trimmed[xIndex.length]!, rows: rows.length, kept, dropped,
  };
}

/** Reads a CSV/TSV file and returns the chosen columns; throws DataFileError for a missing or bad file. */
export function readDataColumns(file: string, xColumns: readonly string[], yColumn: string, delimiter?: string): DataColumns {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DataFileError(`cannot read data file ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (e as Error).message}`);
  }
  return parseDataColumns(text, file, xColumns, yColumn, delimiter);
}

/** Returns a one-paragraph report of dropped rows (count and the first few), or '' when none. */
export function describeDropped(d: DataColumns, show = 5): string {
  if (d.dropped.length === 0) return '';
  const first = d.dropped.slice(0, show).map((x) => `line ${x.line} column ${x.column}: ${x.reason === 'missing' ? 'missing' : `'${x.value}' is not a number`}`);
  return `dropped ${d.dropped.length} of ${d.rows} rows of ${basename(d.file)}: ${first.join('; ')}${d.dropped.length > show ? `; … ${d.dropped.length - show} more` : ''}`;
}
