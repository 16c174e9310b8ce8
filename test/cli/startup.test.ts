// What `emlw` loads at start-up, read from the bundles the global setup built (scripts/build-cli.mjs): the entry
// and the command list load no command and no package; a command loads its own chunks and only the packages it
// uses. (How long that takes is measured by `npm run bench -- cli`, never asserted here.)
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands';
import { main, mainHelp } from '../../src/cli/main';

const root = resolve(__dirname, '../..');

/** The files a module loads before it runs (static imports, followed through relative paths) and the packages it imports. */
function staticClosure(file: string): { files: string[]; packages: string[]; bytes: number } {
  const files = new Set<string>(), packages = new Set<string>();
  const walk = (f: string): void => {
    if (files.has(f)) return;
    files.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:^|\n)\s*(?:import|export)\s*(?:[^'"]*?\bfrom\s*)?["']([^"']+)["'];/g)) {
      const spec = m[1]!;
      if (spec.startsWith('.')) walk(resolve(dirname(f), spec));
      else packages.add(spec);
    }
  };
  walk(file);
  return { files: [...files], packages: [...packages].sort(), bytes: [...files].reduce((s, f) => s + statSync(f).size, 0) };
}

/** The chunk each command of the entry bundle imports when it runs, by the command's module name. */
function commandChunks(): Map<string, string> {
  const entry = join(root, 'dist/cli/emlw.mjs');
  const chunks = new Map<string, string>();
  for (const m of readFileSync(entry, 'utf8').matchAll(/import\("(\.\/chunks\/([A-Za-z]+)-[A-Z0-9]+\.mjs)"\)/g)) {
    if (m[2] !== 'runWorker') chunks.set(m[2]!, resolve(dirname(entry), m[1]!)); // runWorker: the prestart of a command's worker
  }
  return chunks;
}

describe('emlw start-up', () => {
  it('loads no command and no package for the command list: the entry is the registry and the argument parser', () => {
    const c = staticClosure(join(root, 'dist/cli/emlw.mjs'));
    expect(c.packages).toEqual([]);
    expect(c.bytes).toBeLessThan(16_000); // the one-bundle CLI this replaces was over 400 kB
    const everyChunk = readdirSync(join(root, 'dist/cli/chunks')).filter((f) => f.endsWith('.mjs'));
    expect(everyChunk.length).toBeGreaterThan(c.files.length);
  });

  it('loads, for each command, only the packages it uses', () => {
    const chunks = commandChunks();
    expect([...chunks.keys()].sort()).toEqual(['compile', 'discover', 'evaluate', 'fit', 'recognize', 'sheffer', 'shortest', 'sweep', 'verifyBasis', 'verifyCompiler', 'worker']);
    const pkgs = (name: string) => staticClosure(chunks.get(name)!).packages;
    // the CSV reader and the Levenberg-Marquardt fitter belong to the data commands
    for (const name of ['compile', 'evaluate', 'verifyCompiler', 'recognize', 'shortest', 'verifyBasis', 'sheffer']) {
      expect(pkgs(name)).not.toContain('d3-dsv');
      expect(pkgs(name)).not.toContain('ml-levenberg-marquardt');
    }
    expect(pkgs('discover')).toEqual(expect.arrayContaining(['d3-dsv', 'ml-levenberg-marquardt']));
    expect(pkgs('compile')).toEqual([]);
    // the search commands check their input here and leave the 40-digit verification to their worker
    for (const name of ['recognize', 'shortest', 'verifyBasis', 'sheffer']) expect(pkgs(name)).not.toContain('decimal.js');
    // the search worker loads a task's engine when the task arrives
    const worker = staticClosure(join(root, 'dist/workers/search.mjs'));
    expect(worker.packages.filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect(worker.bytes).toBeLessThan(16_000);
  });

  it('lists every command with its summary, and every command prints its full help', async () => {
    const help = mainHelp();
    for (const [name, entry] of Object.entries(COMMANDS)) {
      expect(help).toContain(`  ${name}`);
      expect(help).toContain(entry.summary);
      let out = '';
      const code = await main([name, '--help'], { out: (t) => { out += t; }, err: () => undefined });
      expect(code).toBe(0);
      expect(out).toMatch(new RegExp(`^Usage: emlw ${name}`));
      expect(out).toMatch(/\n {2}--json /);
    }
  });

  it('exits at once on bad input although the command prestarted its worker', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin/emlw.mjs'), 'recognize', '--const'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('emlw recognize: error: option --const needs a value\n');
  });
});
