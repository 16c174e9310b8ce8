// Bundles the `emlw` command and the benchmarks into dist/ with esbuild (runs in `prepare`, so
// `npx emlw` works right after `npm ci`). Dependencies stay external and load from node_modules.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
};
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli/emlw.mjs' });
await build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'dist/bench/run.mjs' });
