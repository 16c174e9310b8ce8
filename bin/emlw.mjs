#!/usr/bin/env node
// Entry of the `emlw` command: runs the bundled CLI, building it first if dist/ is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = resolve(root, 'dist/cli/emlw.mjs');
if (!existsSync(bundle)) {
  const r = spawnSync(process.execPath, [resolve(root, 'scripts/build-cli.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) {
    process.stderr.write('emlw: error: could not build the command (node scripts/build-cli.mjs failed)\n');
    process.exit(2);
  }
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
