import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { PAPER_JOBS, paperFitSpec, selectJobs } from '../../src/node/train/paperSweep';
import { createRng, normal } from '../../src/core/rng';
import { PAPER_GRID, gridInputs } from '../../src/core/train';
import { paperSweepTable } from '../helpers/reference';
import { treeFormulaGap } from '../helpers/treeFormula';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'emlw-fit-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Rows of exp(x) − ln(y) on a small grid, as a CSV. */
function emlCsv(extra = ''): string {
  const lines = ['x,y,f'];
  for (let i = 0; i < 10; i++) for (let j = 0; j < 10; j++) {
    const x = 0.5 + 0.15 * i, y = 0.5 + 0.25 * j;
    lines.push(`${x},${y},${Math.exp(x) - Math.log(y)}`);
  }
  return lines.join('\n') + '\n' + extra;
}

describe('emlw fit', () => {
  it('recovers eml(x, y) exactly from a CSV written from exp(x) - ln(y)', async () => {
    const r = await run('fit', '--csv', file('eml.csv', emlCsv()), '--x', 'x,y', '--y', 'f', '--depth', '1', '--seeds', '1', '--init', 'uniform', '--json', '--quiet');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.best.eml).toBe('eml(x, y)');
    expect(j.best.formula).toBe('exp(x) - ln(y)');
    expect(j.train.mse).toBeLessThan(1e-20);
    expect(j.gen.mse).toBeLessThan(1e-20); // 20 % of the rows were held out
    for (const k of ['target_fn', 'target_desc', 'n_successes', 'n_fit_successes', 'n_symbol_successes', 'n_stable_symbol_successes',
      'n_runs', 'best_seed', 'best_strategy', 'best_snapped_mse', 'train', 'gen', 'per_seed', 'args', 'command']) expect(j).toHaveProperty(k);
    expect(Object.keys(j.per_seed[0])).toEqual(expect.arrayContaining(['run_index', 'seed', 'strategy', 'success', 'fit_success',
      'symbol_success', 'stable_symbol_success', 'snap_mse', 'gen_mse', 'n_uncertain', 'hardening_iter']));
  });

  it('reports dropped rows of a CSV with text in numbers, and still fits the rest', async () => {
    const r = await run('fit', '--csv', file('text.csv', emlCsv('1,oops,2\n2,3,\n')), '--x', 'x,y', '--y', 'f', '--depth', '1', '--seeds', '1',
      '--init', 'uniform', '--quiet', '--metrics', join(dir, 'm.json'));
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: dropped 2 of 102 rows of text\.csv: line 102 column y: 'oops' is not a number; line 103 column f: missing/);
    expect(JSON.parse(readFileSync(join(dir, 'm.json'), 'utf8')).best.eml).toBe('eml(x, y)');
  });

  it.each([
    [['--csv', 'MISSING', '--x', 'x,y', '--y', 'f', '--depth', '1'], /cannot read data file .*missing\.csv: no such file/],
    [['--csv', 'EMPTY', '--x', 'x,y', '--y', 'f', '--depth', '1'], /data file empty\.csv is empty/],
    [['--csv', 'GOOD', '--x', 'x,z', '--y', 'f', '--depth', '1'], /has no input column 'z' \(columns: x, y, f\)/],
    [['--csv', 'GOOD', '--x', 'x,y', '--y', 'f'], /--depth is required with --csv/],
    [['--target', 'eml_depth2', '--expr', 'x'], /exactly one of --target/],
    [['--expr', 'exp(x'], /expected '\)' at column 6/],
    [['--target', 'eml_depth2', '--search-iters', 'many'], /--search-iters must be a number, got 'many'/],
    [['--target', 'eml_depth2', '--depth', '40'], /depth must be an integer from 1 to 12/],
    [['--target', 'eml_depth2', '--init', 'manual', '--init-expr', 'eml(z, 1)'], /variable 'z' is not an input/],
  ])('exits 2 with a one-line error for bad input %#', async (argv, message) => {
    const paths: Record<string, string> = { MISSING: join(dir, 'missing.csv'), EMPTY: file('empty.csv', ''), GOOD: file('good.csv', emlCsv()) };
    const r = await run('fit', ...argv.map((a) => paths[a] ?? a));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });

  it('prints for every reported result a formula equal to its tree, also where repair changed the tree', async () => {
    // a manual start one leaf away from eml_depth3: repair fixes the snapped tree, and the formula follows it
    const r = await run('fit', '--target', 'eml_depth3', '--init', 'manual', '--init-expr', 'EML[EML[1, EML[x, x]], 1]', '--init-noise', '0.3',
      '--seeds', '2', '--search-iters', '1', '--hardening-iters', '1', '--repair', '3', '--json', '--quiet', '--workers', '0');
    const j = JSON.parse(r.out);
    expect(j.per_seed.some((p: { repair_moves: number }) => p.repair_moves > 0)).toBe(true);
    const [x, y] = gridInputs(2, PAPER_GRID);
    const grid = { varNames: ['x', 'y'], inputs: [x!, y!] };
    const reported = [j.best, ...j.formulas];
    expect(reported.length).toBeGreaterThan(1);
    for (const f of reported) expect(treeFormulaGap(f.eml, f.formula, grid), `${f.eml} vs ${f.formula}`).toBeLessThan(1e-9);
    // and from a CSV: every run's tree and formula (best and formulas) agree on the file's rows
    const c = await run('fit', '--csv', file('eml3.csv', emlCsv()), '--x', 'x,y', '--y', 'f', '--depth', '2', '--seeds', '2', '--init', 'all',
      '--search-iters', '300', '--hardening-iters', '200', '--repair', '3', '--json', '--quiet', '--workers', '0');
    const cj = JSON.parse(c.out);
    const xs: number[] = [], ys: number[] = [];
    for (const line of emlCsv().trim().split('\n').slice(1)) { const [a, b] = line.split(',').map(Number); xs.push(a!); ys.push(b!); }
    for (const f of [cj.best, ...cj.formulas]) {
      expect(treeFormulaGap(f.eml, f.formula, { varNames: ['x', 'y'], inputs: [Float64Array.from(xs), Float64Array.from(ys)] })).toBeLessThan(1e-9);
    }
  });

  it('labels an exact law fitted to noisy data exact within the noise (the paper success stays false), and a given tiny noise not', async () => {
    // exp(x) - ln(x) with 2 % relative noise (seeded), 441 rows: the general form's eml(x, x) at depth 1
    const rng = createRng(11), lines = ['x,f'];
    for (let i = 0; i <= 440; i++) { const x = 1 + (2 * i) / 440, f = Math.exp(x) - Math.log(x); lines.push(`${x},${f * (1 + 0.02 * normal(rng))}`); }
    const csv = file('noisy.csv', lines.join('\n') + '\n');
    const r = await run('fit', '--csv', csv, '--x', 'x', '--y', 'f', '--depth', '1', '--seeds', '1', '--init', 'uniform', '--json', '--quiet', '--workers', '0');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.args.master).toBe('general'); // the default for --csv
    expect(j.per_seed[0].tree).toBe('eml(x, x)');
    expect(j.per_seed[0].success).toBe(false); // the paper's rule: snapped MSE ≥ 1e-6
    expect(j.per_seed[0].exact_within_noise).toBe(true);
    expect(j.noise.source).toBe('estimate');
    expect(j.noise.sigma).toBeGreaterThan(0.1);
    expect(j.noise.sigma).toBeLessThan(0.3);
    expect(j.n_exact_within_noise).toBe(1);
    const tiny = await run('fit', '--csv', csv, '--x', 'x', '--y', 'f', '--depth', '1', '--seeds', '1', '--init', 'uniform', '--noise', '0.001', '--quiet', '--workers', '0');
    expect(tiny.code).toBe(1);
    expect(tiny.out).toMatch(/exact within noise 0\/1 \(sigma 1\.00e-3, given\)/);
    expect((await run('fit', '--csv', csv, '--x', 'x', '--y', 'f', '--depth', '1', '--noise', '-1')).err).toMatch(/--noise must be auto or a number >= 0, got -1/);
  });

  it('trains the general form on a formula when asked (--master general), the paper form by default', async () => {
    const g = await run('fit', '--expr', 'exp(x) - ln(2.5)', '--master', 'general', '--depth', '1', '--seeds', '1', '--init', 'random_hot', '--json', '--quiet', '--workers', '0');
    const j = JSON.parse(g.out);
    expect(j.args.master).toBe('general');
    expect(j.best.eml).toMatch(/^eml\(x, 2\.(49999|5)/);
    expect(j.per_seed[0].symbol_success).toBe(true);
    const p = await run('fit', '--target', 'eml_depth2', '--seeds', '1', '--init', 'biased', '--json', '--quiet', '--workers', '0');
    expect(JSON.parse(p.out).args.master).toBe('paper');
    expect((await run('fit', '--target', 'eml_depth2', '--master', 'tree')).err).toMatch(/--master: 'tree' is not one of paper, general/);
  });

  it('trains a built-in target and prints the table, the reference summary line and the best formula', async () => {
    const r = await run('fit', '--target', 'eml_depth2', '--seeds', '1', '--init', 'biased', '--quiet');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Results: success=1\/1 fit_success=1\/1 symbol_success=1\/1 stable_symbol_success=0\/1/);
    expect(r.out).toMatch(/formula e - ln\(exp\(y\) - ln\(x\)\)/);
  });
});

describe('emlw sweep', () => {
  it('encodes the published protocol of every job (seeds, budgets, successes) as the reference table', () => {
    const jobs = paperSweepTable();
    expect(PAPER_JOBS).toHaveLength(jobs.length);
    jobs.forEach((row, k) => {
      const j = PAPER_JOBS[k]!;
      expect([j.depth, j.target, j.seeds, j.seed0, j.search, j.harden, j.patience, j.paper.successes, j.paper.runs, j.paper.wallSeconds])
        .toEqual([row.depth, row.target, row.seeds, row.seed0, row.search, row.harden, row.patience, row.successes, row.runs, row.wall_s]);
      const spec = paperFitSpec(j);
      expect(spec.options).toMatchObject({ searchIters: row.search, hardeningIters: row.harden, patience: row.patience });
    });
    expect(selectJobs('d2,d5').map((j) => j.id)).toEqual(['d2', 'd5rh', 'd5u', 'd5m']);
  });

  it('exits 2 for an unknown job or without --paper', async () => {
    expect((await run('sweep', '--paper', '--only', 'd9')).err).toMatch(/unknown sweep job 'd9'/);
    expect((await run('sweep')).code).toBe(2);
    expect((await run('sweep', '--help')).out).toMatch(/Usage: emlw sweep --paper/);
    expect((await run('fit', '--help')).out).toMatch(/Usage: emlw fit/);
  });
});
