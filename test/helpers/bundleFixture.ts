// Bundles a test fixture (a child-process script) with esbuild into one self-contained file, so the child
// needs nothing from the repository (the real store and lowdb are included).
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** Bundles `entry` (a path) into `dir`/`name`.mjs and returns the bundle's path. */
export async function bundleFixture(entry: string, dir: string, name: string): Promise<string> {
  const outfile = join(dir, `${name}.mjs`);
  await build({ entryPoints: [resolve(entry)], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  return outfile;
}
