// The example data in examples/ and the commands that README.md and the help texts run on it.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import { main } from '../../src/cli/main';
import { evaluate } from '../../src/core/evaluate';
import { parseInfix } from '../../src/core/syntax';

const root = resolve(__dirname, '../..');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

/** Rows of a small CSV file of the repository (no quoting in these files). */
function rows(file: string): Array<Record<string, string>> {
  const [head, ...lines] = readFileSync(join(root, file), 'utf8').trim().split('\n');
  const names = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [names[i]!, v])));
}

/** The `emlw ...` command lines of README.md (after `npx`) and of every command's help examples. */
async function documentedCommands(): Promise<string[]> {
  const readme = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/^npx emlw (.+?)(?:\s+#.*)?$/gm)].map((m) => m[1]!);
  const helps: string[] = [];
  for (const entry of Object.values(COMMANDS)) helps.push(...[...(await entry.load()).help.matchAll(/^ {2}emlw (.+)$/gm)].map((m) => m[1]!));
  return [...readme, ...helps];
}

describe('examples', () => {
  it('ship every data file that README.md, examples/README.md and the help texts name', async () => {
    const commands = await documentedCommands();
    const files = commands.flatMap((c) => [...c.matchAll(/--csv (\S+)/g)].map((m) => m[1]!));
    expect(files).toEqual(expect.arrayContaining(['examples/kepler.csv', 'examples/exp-ln.csv']));
    for (const f of files) expect(existsSync(join(root, f)), f).toBe(true);
    const examplesReadme = readFileSync(join(root, 'examples/README.md'), 'utf8');
    for (const m of examplesReadme.matchAll(/examples\/([\w.-]+\.csv)/g)) expect(existsSync(join(root, 'examples', m[1]!)), m[1]).toBe(true);
  });

  it('kepler.csv: periods and semi-major axes of the planets, Ceres and Pluto obey Kepler\'s third law', () => {
    const r = rows('examples/kepler.csv');
    expect(r.map((x) => x['body'])).toEqual(['Mercury', 'Venus', 'Earth', 'Mars', 'Ceres', 'Jupiter', 'Saturn', 'Uranus', 'Neptune', 'Pluto']);
    for (const x of r) {
      const a = Number(x['a']), T = Number(x['T']);
      // T in days, a in AU: T = 365.25 a^(3/2) up to the planets' masses and perturbations (well under 0.3 %)
      expect(Math.abs(T / (365.25 * a ** 1.5) - 1), x['body']).toBeLessThan(3e-3);
    }
  });

  it('exp-ln.csv holds f = exp(x) - ln(y) to the last bit, and the README fit recovers eml(x, y) in every run', async () => {
    const r = rows('examples/exp-ln.csv');
    expect(r).toHaveLength(100);
    for (const x of r) expect(Number(x['f'])).toBe(Math.exp(Number(x['x'])) - Math.log(Number(x['y'])));
    const fit = await run('fit', '--csv', 'examples/exp-ln.csv', '--x', 'x,y', '--y', 'f', '--depth', '1', '--json', '--quiet');
    expect(fit.code).toBe(0);
    const j = JSON.parse(fit.out);
    expect(j.best.eml).toBe('eml(x, y)');
    expect(j.n_symbol_successes).toBe(j.n_runs);
  });

  it('the README discover lists Kepler\'s third law in kepler.csv, exact within the noise', async () => {
    // the engines that can reach the law (a fitted constant times a*sqrt(a); the pure EML search stops at K 45)
    const d = await run('discover', '--csv', 'examples/kepler.csv', '--x', 'a', '--y', 'T', '--noise', '50', '--engines', 'calculator,constant', '--json', '--quiet');
    expect([0, 1]).toContain(d.code);
    const front = JSON.parse(d.out).front as Array<{ formula: string; exactWithinNoise: boolean }>;
    const exact = front.filter((f) => f.exactWithinNoise);
    expect(exact.length).toBeGreaterThan(0);
    // each formula exact within the noise obeys the law between and beyond the bodies: T = 365.25 a^(3/2) days
    for (const { formula } of exact) {
      const f = parseInfix(formula);
      for (const a of [0.5, 3.3, 12, 50]) {
        const T = evaluate(f, { a }, { semantics: 'ieee' });
        expect(Math.abs(T.re / (365.25 * a ** 1.5) - 1), `${formula} at a = ${a}`).toBeLessThan(3e-3);
        expect(T.im).toBe(0);
      }
    }
  }, 180_000);
});
