// `npm run bench`: every benchmark, printed as absolute figures and as ratios against a baseline
// measured in the same process. Benchmarks are never part of the pass/fail test suite.
// To add one: write bench/<name>.bench.ts exporting a `report(): Promise<string> | string`, add it below.
// `npm run bench -- <name>` runs only the benchmarks whose name contains <name>.

import * as evaluate from './evaluate.bench';
import * as train from './train.bench';
import * as search from './search.bench';
import * as jobs from './jobs.bench';

const BENCHES: Array<[string, { report: () => string | Promise<string> }]> = [
  ['evaluate', evaluate],
  ['train', train],
  ['search', search],
  ['jobs', jobs],
];

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, b] of BENCHES) {
    if (only && !name.includes(only)) continue;
    console.log(`== ${name}`);
    console.log(await b.report());
  }
}

await main();
