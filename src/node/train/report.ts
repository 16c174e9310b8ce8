// Text and JSON reports of training runs: the per-run table, the reference's summary line, and the best
// run's tree lowered to conventional notation with its LaTeX.

import { printInfix, printLatex } from '../../core/syntax';
import { type RunResult, type TrainMetrics, type TrainProblem, bestRun, lowerEml, parseTreeText } from '../../core/train';

/** A run's formula in conventional notation (infix and LaTeX) and how it was obtained. */
export interface RunFormula { eml: string; formula: string; latex: string; lifted: boolean; simplified: boolean }

/**
 * Returns the run's reported tree (r.tree: the snapped tree after repair and any constant polish) lowered to
 * conventional notation, checked on the training inputs; the formula is always the tree that is shown.
 */
export function runFormula(r: RunResult, problem: TrainProblem): RunFormula {
  const tree = parseTreeText(r.tree);
  const low = lowerEml(tree, problem.varNames, problem.train.inputs);
  return { eml: r.tree, formula: printInfix(low.formula), latex: printLatex(low.formula), lifted: low.lifted, simplified: low.simplified };
}

/** Returns a run's result in words: exact (symbolic), fit (the paper's success), exact within noise, or fail. */
export function resultLabel(r: RunResult): string {
  return r.symbolSuccess ? 'exact' : r.success ? 'fit' : r.exactWithinNoise ? 'exact within noise' : 'fail';
}

const e = (x: number | null): string => (x === null || !Number.isFinite(x) ? '-' : x === 0 ? '0' : x.toExponential(2));

/** Returns the per-run table (one line per run, plan order). */
export function resultsTable(results: readonly RunResult[]): string {
  const head = ['run', 'seed', 'strategy', 'result', 'snap mse', 'gen mse', 'u(τ=1)', 'u(τhard)', 'harden', 'last', 'end', 'nan', 'tree'];
  const rows = [...results].sort((a, b) => a.index - b.index).map((r) => [
    String(r.index + 1), String(r.seed), r.strategy, resultLabel(r), e(r.snapMse), e(r.genMse),
    String(r.nUncertain), String(r.nUncertainTauHard), r.hardeningIter === null ? '-' : String(r.hardeningIter), String(r.lastIter),
    r.endReason, String(r.nanRestarts), r.tree,
  ]);
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((row) => row[k]!.length)));
  const fmt = (row: string[]) => row.map((c, k) => (k === row.length - 1 ? c : c.padEnd(widths[k]!))).join('  ');
  return [fmt(head), ...rows.map(fmt)].join('\n');
}

/** Returns the reference's summary line plus our stable-at-τ_hard, exact-within-noise and abandoned counts. */
export function summaryLine(m: TrainMetrics): string {
  const n = m.n_runs;
  const noise = m.noise.source === 'exact' ? '' : `, exact within noise ${m.n_exact_within_noise}/${n} (sigma ${e(m.noise.sigma)}, ${m.noise.source})`;
  return `Results: success=${m.n_successes}/${n} fit_success=${m.n_fit_successes}/${n} symbol_success=${m.n_symbol_successes}/${n} `
    + `stable_symbol_success=${m.n_stable_symbol_successes}/${n} (stable at tau_hard ${m.n_stable_at_tau_hard}/${n}${noise}, abandoned ${m.n_abandoned})`;
}

/** Returns the best run of a job and its formula, or undefined when no run finished. */
export function bestFormula(results: readonly RunResult[], problem: TrainProblem): { run: RunResult; formula: RunFormula } | undefined {
  const run = bestRun(results);
  return run ? { run, formula: runFormula(run, problem) } : undefined;
}
