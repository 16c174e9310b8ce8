#!/usr/bin/env node
// Entry of the `emlw` command: runs the bundled CLI, building it (and the WebAssembly kernels) first if dist/ is missing.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = resolve(root, 'dist/cli/emlw.mjs');
if (!existsSync(bundle)) {
  for (const script of ['build-wasm.mjs', 'build-cli.mjs']) {
    const r = spawnSync(process.execPath, [resolve(root, 'scripts', script)], { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) {
      process.stderr.write(`emlw: error: could not build the command (node scripts/${script} failed)\n`);
      process.exit(2);
    }
  }
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
