// CSV/TSV import for fitting (d3-dsv): chosen input columns and a target column as Float64Arrays.
// The separator is detected (tab, comma or semicolon, whatever the extension says: spreadsheets in many
// locales write .csv files with ';' between fields and ',' as the decimal mark), and so are decimal commas
// in a file whose fields are not comma-separated (1,5 reads as 1.5).
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
  /** Whether values were read with a decimal comma (1,5 = 1.5). */
  decimalComma: boolean;
  /** Data rows in the file (header excluded) and rows kept. */
  rows: number;
  kept: number;
  dropped: DroppedRow[];
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A number written with a decimal comma (1,5 or -0,25e-3), no other separator. */
const DECIMAL_COMMA = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/;
/** Lines looked at to detect the separator and the decimal mark. */
const SAMPLE_LINES = 20;

/** Returns the first lines of a text (BOM removed), for detection. */
function sampleLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r?\n/, SAMPLE_LINES + 1).filter((l) => l.trim() !== '');
}

/**
 * Returns the delimiter: tab for .tsv/.tab; otherwise the one of tab, semicolon and comma that splits the
 * header into at least two fields and every sampled line into as many (tab, then semicolon, before comma:
 * a semicolon file with decimal commas also splits on commas, but unevenly or into too many fields).
 */
export function detectDelimiter(file: string, text: string): string {
  const ext = extname(file).toLowerCase();
  if (ext === '.tsv' || ext === '.tab') return '\t';
  const lines = sampleLines(text);
  const header = lines[0] ?? '';
  const fits = (d: string): boolean => {
    const n = header.split(d).length;
    return n >= 2 && lines.every((l) => l.split(d).length === n);
  };
  for (const d of ['\t', ';']) if (header.includes(d) && !header.includes(',') && fits(d)) return d;
  if (fits(',')) return ',';
  for (const d of ['\t', ';']) if (fits(d)) return d;
  // nothing splits evenly: the separator the header uses most
  const counts = ['\t', ';', ','].map((d) => [d, header.split(d).length] as const);
  return counts.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** True when a file separated by `delimiter` writes its decimals with a comma (1,5): never for comma-separated files. */
export function detectDecimalComma(rows: readonly (readonly string[])[], delimiter: string): boolean {
  if (delimiter === ',') return false;
  let comma = 0;
  let point = 0;
  for (const row of rows.slice(0, SAMPLE_LINES)) {
    for (const raw of row) {
      const v = raw.trim();
      if (/^[+-]?\d*,\d+([eE][+-]?\d+)?$/.test(v)) comma++;
      else if (/^[+-]?\d*\.\d+([eE][+-]?\d+)?$/.test(v)) point++;
    }
  }
  return comma > 0 && comma >= point;
}

/** Returns the number a field holds, or NaN when it is not a plain decimal (with the file's decimal mark). */
function fieldValue(raw: string, decimalComma: boolean): number {
  if (decimalComma) return DECIMAL_COMMA.test(raw) ? Number(raw.replace(',', '.')) : NaN;
  return DECIMAL.test(raw) ? Number(raw) : NaN;
}

/** True when a (trimmed) field is a finite decimal number as the reader accepts it (with the file's decimal mark). */
export function isDecimalField(raw: string, decimalComma = false): boolean {
  return Number.isFinite(fieldValue(raw, decimalComma));
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
  const decimalComma = detectDecimalComma(rows, delim);
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
      const v = fieldValue(raw, decimalComma);
      if (!Number.isFinite(v)) { dropped.push({ line: r + 2, column: columns[c]!, value: raw, reason: 'not a number' }); return; }
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
    file, delimiter: delim, decimalComma, varNames: xIndex.map((c) => columns[c]!), targetName: columns[yIndex]!,
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
