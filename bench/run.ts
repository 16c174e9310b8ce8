// `npm run bench`: every benchmark, printed as absolute figures and as ratios against a baseline
// measured in the same process. Benchmarks are never part of the pass/fail test suite.

import { benchEvaluate } from './evaluate.bench';

const fmt = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(1)} M` : `${(x / 1e3).toFixed(1)} k`);

function main(): void {
  console.log('Batched evaluation (float64 complex, ieee), points × K per second; baseline: scalar evaluate() in this run');
  console.log(['tree'.padEnd(34), 'K'.padStart(5), 'unique'.padStart(7), 'scalar'.padStart(10), 'batched'.padStart(10), 'ratio'.padStart(7)].join(' '));
  for (const r of benchEvaluate()) {
    console.log([r.name.padEnd(34), String(r.K).padStart(5), String(r.unique).padStart(7), fmt(r.scalarRate).padStart(10),
      fmt(r.batchRate).padStart(10), `${r.ratio.toFixed(1)}×`.padStart(7)].join(' '));
  }
}

main();
