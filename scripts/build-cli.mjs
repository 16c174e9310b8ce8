// Bundles the `emlw` command, the benchmarks and the job workers into dist/ with esbuild (runs in `prepare`, so
// `npx emlw` works right after `npm ci`). Dependencies stay external and load from node_modules.
// The command and the workers are split: each entry loads only its own code and the chunks it shares, and
// each command (src/cli/commands/index.ts) or search task is a dynamic import(), so `emlw --help` and a small
// `emlw recognize` parse a fraction of the engine.
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
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
/** Builds the entries { outName: sourcePath } into outdir with shared chunks in outdir/chunks (old chunks removed). */
async function buildSplit(entries, outdir) {
  rmSync(resolve(root, outdir), { recursive: true, force: true });
  await build({
    ...common,
    entryPoints: Object.entries(entries).map(([out, src]) => ({ in: src, out })),
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    outExtension: { '.js': '.mjs' },
  });
}
await buildSplit({ emlw: 'src/cli/main.ts' }, 'dist/cli');
await build({ ...common, entryPoints: ['bench/run.ts'], outfile: 'dist/bench/run.mjs' });
// one entry per worker: src/node/jobs/workers/<name>.worker.ts → dist/workers/<name>.mjs
const workersDir = resolve(root, 'src/node/jobs/workers');
const workers = Object.fromEntries(readdirSync(workersDir).filter((n) => n.endsWith('.worker.ts'))
  .map((f) => [f.replace(/\.worker\.ts$/, ''), `src/node/jobs/workers/${f}`]));
await buildSplit(workers, 'dist/workers');
