// How `emlw` is reached from the repository: `npm ci` links it into node_modules/.bin, where `npx emlw` finds it
// without reading the whole node_modules tree (npx does that, and installs the package into its cache, for a
// command of the root package's own "bin"; measured by `npm run bench -- cli`).
import { spawnSync } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');

describe('the emlw command in node_modules/.bin', () => {
  it('is linked by the prepare script that npm ci runs, and the manifest declares no bin that npx would install', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: unknown; scripts: Record<string, string> };
    expect(pkg.bin).toBeUndefined();
    expect(pkg.scripts['prepare']).toMatch(/node scripts\/link-bin\.mjs/);
  });

  it('runs the command', () => {
    const link = spawnSync(process.execPath, [join(root, 'scripts/link-bin.mjs')], { encoding: 'utf8' });
    expect(link.status, link.stderr).toBe(0);
    const bin = join(root, 'node_modules/.bin/emlw');
    expect(realpathSync(bin)).toBe(realpathSync(join(root, 'bin/emlw.mjs')));
    const r = spawnSync(bin, ['compile', 'ln(x)', '--json'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ eml: 'eml(1, eml(eml(1, x), 1))', K: 7 });
  });
});
