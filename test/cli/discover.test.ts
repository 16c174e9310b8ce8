import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { agreeOnRows } from '../../src/core/discover/model';
import { parseInfix } from '../../src/core/syntax';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'emlw-discover-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Rows of x/y on a grid, as a CSV (with `extra` rows appended). */
function quotientCsv(extra = ''): string {
  const lines = ['x,y,f,c,label'];
  for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) {
    const x = 1 + 0.25 * i, y = 1 + 0.3 * j;
    lines.push(`${x},${y},${x / y},7,row${i}`);
  }
  return `${lines.join('\n')}\n${extra}`;
}

describe('emlw discover', () => {
  it('finds x/y in a CSV and reports best and front as JSON, formula equal to tree', async () => {
    const csv = file('q.csv', quotientCsv('9,NaN,1\n9,2,inf\n'));
    const out = join(dir, 'report.json');
    const r = await run('discover', '--csv', csv, '--x', 'x,y', '--y', 'f', '--time-limit', '120', '--threads', '1', '--json', '--out', out);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(JSON.parse(readFileSync(out, 'utf8')).best).toEqual(j.best);
    expect(j.best).toMatchObject({ formula: 'x/y', exactWithinNoise: true, K: 17 });
    for (const key of ['K', 'eml', 'formula', 'latex', 'rmse', 'r2', 'exactWithinNoise']) expect(j.best).toHaveProperty(key);
    const ks = j.front.map((f: { K: number }) => f.K);
    expect(ks).toEqual([...ks].sort((a: number, b: number) => a - b));
    // the NaN and infinite rows were dropped and counted
    expect(j.dropped.count).toBe(2);
    const x = Float64Array.from([1, 1.5, 2.2, 2.75]), y = Float64Array.from([1.3, 2, 2.6, 1.1]);
    for (const f of j.front) expect(agreeOnRows(parseInfix(f.formula), parseInfix(f.eml), ['x', 'y'], { rows: 4, inputs: [x, y], target: x })).toBe(true);
  });

  it('prints the front as a table and the best formula with its LaTeX and EML tree', async () => {
    const r = await run('discover', '--csv', file('q2.csv', quotientCsv()), '--x', 'x,y', '--y', 'f', '--threads', '1', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/K\s+RMSE\s+held-out\s+R2\s+exact/);
    expect(r.out).toMatch(/Best \(\*\): x\/y/);
    expect(r.out).toMatch(/EML \(K 17\): eml\(/);
  });

  it.each([
    [['--x', 'x,c', '--y', 'f'], /column 'c' is constant/],
    [['--x', 'x,label', '--y', 'f'], /no row has numeric values/],
    [['--x', 'x', '--y', 'f', '--time-limit', '0'], /--time-limit must be more than 0 seconds/],
    [['--x', 'x', '--y', 'f', '--noise', 'loud'], /--noise must be 'auto' or a standard deviation/],
    [['--x', 'x', '--y', 'f', '--engines', 'magic'], /--engines: 'magic' is not one of/],
    [['--x', 'zz', '--y', 'f'], /no input column 'zz'/],
    [['--y', 'f'], /--x needs the input column/],
  ])('exits 2 with a one-line error for bad input %#', async (argv, message) => {
    const r = await run('discover', '--csv', file('bad.csv', quotientCsv()), ...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('exits 2 when fewer usable rows than discovery needs remain', async () => {
    const r = await run('discover', '--csv', file('few.csv', 'x,f\n1,2\n2,4\n3,6\n4,8\n'), '--x', 'x', '--y', 'f');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/at least 10 usable rows.*got 4/);
  });
});
