// A Library formula made from an entry of a discover run's front: its source is the entry's EML tree with
// numeric leaves for fitted constants (written as infix eml(a, b) text; its size K), its infix and LaTeX are
// the conventional formula the engine printed (equal to the tree on every data row), and its provenance names
// the dataset, the columns, the run (by its label) and the settings, with the entry's metrics and verdict.

import { depth, type Expr, leafCount } from '../../core/expr';
import type { DiscoverEntry, DiscoverRunRecord } from '../../shared/discover';
import type { FormulaCheck, FormulaRecord } from '../../shared/project';

export interface EntryFormulaOptions {
  readonly id: string;
  readonly at: string;
  readonly appVersion: string;
  /** The entry's EML tree, parsed. */
  readonly tree: Expr;
  readonly check: FormulaCheck;
  readonly name?: string | undefined;
}

const short = (v: number): string => (v === 0 ? '0' : Math.abs(v) >= 1e-3 && Math.abs(v) < 1e5 ? v.toPrecision(4) : v.toExponential(3));

/** Returns the Library record of a front entry of a discover run. */
export function formulaFromEntry(run: DiscoverRunRecord, entry: DiscoverEntry, opts: EntryFormulaOptions): FormulaRecord {
  const s = run.settings;
  const name = opts.name?.trim() || (entry.formula.length <= 120 ? entry.formula : entry.formula.slice(0, 119) + '…');
  return {
    id: opts.id,
    name,
    source: { syntax: 'infix', text: entry.eml },
    infix: entry.formula,
    latex: entry.latex,
    compile: { mode: 'ieee-safe', prefer: 'robust', K: entry.K, depth: depth(opts.tree), leaves: leafCount(opts.tree), semantics: 'extended' },
    provenance: {
      kind: 'run',
      runId: run.id,
      seed: s.seed,
      settings: {
        run: run.label,
        ranAt: run.createdAt,
        dataset: run.dataset.name,
        inputs: s.x.join(', '),
        target: s.y,
        rows: run.dataset.rows,
        timeLimitS: s.timeLimitS,
        noise: s.noise.kind === 'auto' ? 'auto' : `sigma ${s.noise.sigma}`,
        maxK: s.maxK ?? 'no limit',
        threads: s.threads,
        origin: entry.origin,
        rmse: entry.rmse,
        heldOutRmse: entry.heldOutRmse,
        r2: entry.r2,
        maxError: entry.maxError,
        exactWithinNoise: entry.exactWithinNoise,
      },
      rulesUsed: [],
      appVersion: opts.appVersion,
    },
    verification: opts.check,
    tags: ['discover'],
    notes:
      `Discovered by “${run.label}” on ${run.dataset.name} (${s.y} from ${s.x.join(', ')}, ${run.dataset.rows} rows): K ${entry.K}, ` +
      `RMSE ${short(entry.rmse)}, held-out RMSE ${short(entry.heldOutRmse)}, R² ${entry.r2.toFixed(6)}, max error ${short(entry.maxError)}; ` +
      `${entry.exactWithinNoise ? 'exact within noise' : 'not exact within noise'}: ${entry.noiseVerdict}`,
    createdAt: opts.at,
    updatedAt: opts.at,
  };
}
