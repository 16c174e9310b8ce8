// `npm run bench`: every benchmark, printed as absolute figures and as ratios against a baseline
// measured in the same process. Figures of other programs (never measured here) are printed with what was measured,
// where, when and their source (referenceFigures.ts; bench/README.md has the table). The first line says on what
// machine, under what load and when this run was made. Benchmarks are never part of the pass/fail test suite.
// To add one: write bench/<name>.bench.ts exporting a `report(): Promise<string> | string`, add it below.
// `npm run bench -- <name> [options]` runs only the benchmarks whose name contains <name>, passing it the options.

import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import * as evaluate from './evaluate.bench';
import * as train from './train.bench';
import * as search from './search.bench';
import * as discover from './discover.bench';
import * as jobs from './jobs.bench';
import * as fitRandom from './fitRandom.bench';
import * as cli from './cli.bench';

const BENCHES: Array<[string, { report: (args: readonly string[]) => string | Promise<string> }]> = [
  ['evaluate', evaluate],
  ['train', train],
  ['search', search],
  ['jobs', jobs],
  ['discover', discover],
  ['fit-random', fitRandom],
  ['cli', cli],
];

/** Benchmarks that take long (the discovery packs run up to a minute per law, fit-random up to hours): only when named. */
const ON_REQUEST = new Set(['discover', 'fit-random']);

async function main(): Promise<void> {
  if (process.argv[2] === search.THREAD_RUN_FLAG) {
    // one run of the thread comparison, in this fresh process (search.bench.ts starts it)
    console.log(JSON.stringify(await search.threadRun(Number(process.argv[3]))));
    return;
  }
  const only = process.argv[2];
  console.log(`# ${new Date().toISOString()}, node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), `
    + `${(totalmem() / 1024 ** 3).toFixed(0)} GiB, load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')} (1 / 5 / 15 min)`);
  for (const [name, b] of BENCHES) {
    if (only && !name.includes(only)) continue;
    if (!only && ON_REQUEST.has(name)) { console.log(`== ${name}: long; run it with npm run bench -- ${name}`); continue; }
    console.log(`== ${name}`);
    console.log(await b.report(process.argv.slice(3)));
  }
}

await main();
