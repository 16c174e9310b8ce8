// Discovery on benchmark packs: the twelve textbook laws and the Feynman equations with ≤ 3 inputs
// (src/core/discover/benchmarkPack.ts), noiseless and with 1 % noise, each law sampled at 400 rows in its box.
// Per law: the best formula, whether it is the law exactly (equal within 1e−6 on fresh points) or a symbolic
// solution in SRBench's sense (law − formula or law / formula constant), R² > 0.999, and the time.
// Published rates are printed beside ours with their source; they were not measured in this run.
//
//   npm run bench -- discover                      both packs, noiseless and 1 % noise, 60 s per law
//   npm run bench -- discover --pack twelve --noise 0.01 --limit 60 --only product,sum

import { FEYNMAN_LAWS, TWELVE_LAWS, type BenchmarkLaw, checkRecovery, sampleLaw } from '../src/core/discover/benchmarkPack';
import { discover } from '../src/core/discover/discover';
import { createRng } from '../src/core/rng';

/** Published exact-recovery rates on SRBench's Feynman set (119 equations, all input counts), for orientation. */
const PUBLISHED = [
  'Published, not measured here: AI Feynman 52.6 % exact ("symbolic solution") on SRBench\'s Feynman ground-truth set',
  '  (La Cava et al., SRBench, 2021; the best published exact rate there; 119 equations of 1–9 inputs, ours: the 52 with ≤ 3 inputs).',
];

interface Args { packs: string[]; noises: number[]; limit: number; only: string[] | null; rows: number }

function parse(argv: readonly string[]): Args {
  const get = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
  const pack = get('pack');
  const noise = get('noise');
  return {
    packs: pack ? pack.split(',') : ['twelve', 'feynman'],
    noises: noise !== undefined ? noise.split(',').map(Number) : [0, 0.01],
    limit: Number(get('limit') ?? 60),
    only: get('only')?.split(',') ?? null,
    rows: Number(get('rows') ?? 400),
  };
}

/** Returns the printed report (one line per law, then the rates). */
export async function report(argv: readonly string[] = []): Promise<string> {
  const a = parse(argv);
  const lines: string[] = [];
  for (const pack of a.packs) {
    const laws: readonly BenchmarkLaw[] = pack === 'twelve' ? TWELVE_LAWS : FEYNMAN_LAWS;
    for (const noise of a.noises) {
      let exact = 0, symbolic = 0, r2 = 0, n = 0, seconds = 0;
      lines.push(`-- ${pack}, noise ${noise * 100} % of the target RMS, ${a.rows} rows, time limit ${a.limit} s`);
      for (const law of laws) {
        if (a.only && !a.only.includes(law.id)) continue;
        const data = sampleLaw(law, a.rows, noise, createRng(2026));
        const t0 = performance.now();
        const r = discover({ data, timeLimitMs: a.limit * 1000, now: () => performance.now() });
        const s = (performance.now() - t0) / 1000;
        const best = r.best;
        const check = best ? checkRecovery(best.formula, law, createRng(99)) : { exact: false, symbolic: false };
        n++;
        seconds += s;
        if (check.exact) exact++;
        if (check.symbolic) symbolic++;
        if (best && best.r2 > 0.999) r2++;
        const verdict = check.exact ? 'exact   ' : check.symbolic ? 'symbolic' : 'no      ';
        lines.push(`${law.id.padEnd(16)} ${verdict} ${s.toFixed(1).padStart(5)} s  R2 ${best ? best.r2.toFixed(6) : '-'}  K ${best?.K ?? '-'}  ${best?.formula ?? 'none'}   (law: ${law.formula})`);
        console.error(lines[lines.length - 1]);
      }
      lines.push(`${pack}, noise ${noise * 100} %: exact ${exact}/${n}, symbolic solution ${symbolic}/${n}, R2 > 0.999 ${r2}/${n}, mean ${(seconds / Math.max(1, n)).toFixed(1)} s per law`);
    }
  }
  if (a.packs.includes('feynman')) lines.push(...PUBLISHED);
  if (a.packs.includes('twelve')) lines.push('gplearn on the twelve laws: 10/12 noiseless and with 1 % noise (measured on the project\'s 2-core machine in 2026 with the same kind of CSVs and a comparable time budget, as reported in the issue that asked for discover; not rerun here: PyPI is not reachable).');
  return lines.join('\n');
}
