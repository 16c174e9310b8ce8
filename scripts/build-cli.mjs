// Bundles the `emlw` command, the benchmarks and the job workers into dist/ with esbuild (runs in `prepare`, so
// `npx emlw` works right after `npm ci`). Dependencies stay external and load from node_modules.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
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
// one bundle per worker entry: src/node/jobs/workers/<name>.worker.ts → dist/workers/<name>.mjs
const workersDir = resolve(root, 'src/node/jobs/workers');
for (const f of readdirSync(workersDir).filter((n) => n.endsWith('.worker.ts'))) {
  await build({ ...common, entryPoints: [`src/node/jobs/workers/${f}`], outfile: `dist/workers/${f.replace(/\.worker\.ts$/, '.mjs')}` });
}
