import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataFileError, describeDropped, detectDelimiter, parseDataColumns, readDataColumns } from '../../../src/node/train/csv';

describe('data file import', () => {
  it('reads chosen columns of a CSV by name or 1-based number', () => {
    const d = parseDataColumns('a,b,f\n1,2,3\n4,5,6\n', 'data.csv', ['a', '2'], 'f');
    expect(d.varNames).toEqual(['a', 'b']);
    expect(Array.from(d.inputs[1]!)).toEqual([2, 5]);
    expect(Array.from(d.target)).toEqual([3, 6]);
    expect(d.dropped).toEqual([]);
  });

  it('reads TSV files (by extension, or a header with tabs and no commas)', () => {
    expect(detectDelimiter('x.tsv', 'a,b')).toBe('\t');
    expect(detectDelimiter('x.txt', 'a\tb\n')).toBe('\t');
    const d = parseDataColumns('x\ty\n1.5\t-2e3\n', 'data.txt', ['x'], 'y');
    expect(Array.from(d.target)).toEqual([-2000]);
  });

  it('reads a semicolon-separated .csv with decimal commas (1,5 = 1.5), as spreadsheets write them in many locales', () => {
    const text = 'x;y;f\n1,5;2;3,25\n-0,5;1e-3;,5\n2;3,0E2;4\n';
    expect(detectDelimiter('data.csv', text)).toBe(';');
    const d = parseDataColumns(text, 'data.csv', ['x', 'y'], 'f');
    expect(d).toMatchObject({ delimiter: ';', decimalComma: true, kept: 3, dropped: [] });
    expect(Array.from(d.inputs[0]!)).toEqual([1.5, -0.5, 2]);
    expect(Array.from(d.inputs[1]!)).toEqual([2, 0.001, 300]);
    expect(Array.from(d.target)).toEqual([3.25, 0.5, 4]);
  });

  it('reads a semicolon-separated file with decimal points, and a comma CSV as before', () => {
    const semi = parseDataColumns('x;f\n1.5;2\n2.5;3\n', 'data.csv', ['x'], 'f');
    expect(semi).toMatchObject({ delimiter: ';', decimalComma: false });
    expect(Array.from(semi.inputs[0]!)).toEqual([1.5, 2.5]);
    const comma = parseDataColumns('x,f\n1.5,2\n2.5,3\n', 'data.csv', ['x'], 'f');
    expect(comma).toMatchObject({ delimiter: ',', decimalComma: false });
    expect(Array.from(comma.target)).toEqual([2, 3]);
    // a comma CSV whose quoted fields hold commas stays comma-separated
    expect(detectDelimiter('q.csv', 'name,f\n"a, b",1\n"c, d",2\n')).toBe(',');
  });

  it('drops and reports values a decimal-comma file cannot read (thousands separators, two marks)', () => {
    const d = parseDataColumns('x;f\n1,5;2\n1.234,5;3\n2,5;1,2,3\n', 'data.csv', ['x'], 'f');
    expect(d.decimalComma).toBe(true);
    expect(d.kept).toBe(1);
    expect(d.dropped).toEqual([
      { line: 3, column: 'x', value: '1.234,5', reason: 'not a number' },
      { line: 4, column: 'f', value: '1,2,3', reason: 'not a number' },
    ]);
  });

  it('drops and reports rows with missing or non-numeric values, naming line and column', () => {
    const d = parseDataColumns('x,y,f\n1,2,3\n1,,3\n1,abc,3\n2,3,0x10\n4,5,6\n', 'data.csv', ['x', 'y'], 'f');
    expect(d.kept).toBe(2);
    expect(d.dropped).toEqual([
      { line: 3, column: 'y', value: '', reason: 'missing' },
      { line: 4, column: 'y', value: 'abc', reason: 'not a number' },
      { line: 5, column: 'f', value: '0x10', reason: 'not a number' },
    ]);
    expect(describeDropped(d)).toMatch(/dropped 3 of 5 rows of data\.csv: line 3 column y: missing; line 4 column y: 'abc' is not a number/);
  });

  it.each([
    ['', /data file e\.csv is empty/],
    ['x,y,f\n', /has a header but no data rows/],
    ['x,y,f\n1,2,3\n', /has no input column 'z' \(columns: x, y, f\)/, ['x', 'z']],
    ['x,y,f\na,b,c\n', /no row has numeric values in x, y, f \(1 rows dropped; first: line 2 column x 'a'\)/],
  ] as Array<[string, RegExp, string[]?]>)('rejects a bad file with a clear error (%#)', (text, message, xs = ['x', 'y']) => {
    expect(() => parseDataColumns(text, 'e.csv', xs, 'f')).toThrow(DataFileError);
    expect(() => parseDataColumns(text, 'e.csv', xs, 'f')).toThrow(message);
  });

  it('reads columns named like Object.prototype members (__proto__, constructor, toString)', () => {
    const d = parseDataColumns('__proto__,constructor,toString\n1,2,3\n4,5,6\n', 'p.csv', ['__proto__', 'constructor'], 'toString');
    expect(d.varNames).toEqual(['__proto__', 'constructor']);
    expect(d.targetName).toBe('toString');
    expect(d.inputs.map((c) => Array.from(c))).toEqual([[1, 4], [2, 5]]);
    expect(Array.from(d.target)).toEqual([3, 6]);
    const bad = parseDataColumns('x,__proto__\n1,\n2,abc\n3,4\n', 'p.csv', ['x'], '__proto__');
    expect(bad.dropped).toEqual([
      { line: 2, column: '__proto__', value: '', reason: 'missing' },
      { line: 3, column: '__proto__', value: 'abc', reason: 'not a number' },
    ]);
    expect(() => parseDataColumns('x,f\n1,2\n', 'p.csv', ['__proto__'], 'f')).toThrow(/has no input column '__proto__' \(columns: x, f\)/);
  });

  it('names a missing file and refuses a column used as both input and target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emlw-csv-'));
    expect(() => readDataColumns(join(dir, 'none.csv'), ['x'], 'y')).toThrow(/cannot read data file .*none\.csv: no such file/);
    const f = join(dir, 'ok.csv');
    writeFileSync(f, 'x,y\n1,2\n');
    expect(() => readDataColumns(f, ['x'], 'x')).toThrow(/cannot be both an input and the target/);
    expect(readDataColumns(f, ['x'], 'y').kept).toBe(1);
  });
});
