// The check badge of a Library formula: what is known of its correctness, from its own numeric check or,
// for a formula a fit recovered, from the run that found it (an exact recovery has snapped MSE 0 on the
// data, which the fit checked; such a record has no numeric check of its own). Pure: record and runs in.

import type { FormulaRecord, RunRecord } from '../../../../shared/project';

export interface FormulaBadge {
  readonly text: string;
  readonly tone: 'ok' | 'bad' | 'neutral';
  /** What the badge rests on (tooltip). */
  readonly title: string;
}

const exp2 = (x: number | null): string => (x === null ? '—' : x === 0 ? '0' : x.toExponential(2));

/** Returns the badge of a formula; `runs` are the project's runs (to read a fit's result). */
export function formulaBadge(r: FormulaRecord, runs: readonly RunRecord[]): FormulaBadge {
  const v = r.verification;
  if (v) {
    const how = `${v.compared} of ${v.points} points, worst scaled error ${exp2(v.maxScaledError)}, tolerance ${v.tolerance.toExponential(0)} (${v.semantics})`;
    return v.passed ? { text: 'verified', tone: 'ok', title: `Numeric check passed: ${how}` } : { text: 'check failed', tone: 'bad', title: `Numeric check not passed: ${how}` };
  }
  const run = r.provenance.kind === 'run' ? runs.find((x) => x.id === r.provenance.runId) : undefined;
  if (run?.kind === 'train') {
    const seed = run.seeds.find((s) => s.result?.tree === r.source.text && s.result.symbolSuccess);
    if (seed?.result) {
      return {
        text: 'exact fit',
        tone: 'ok',
        title: `Recovered exactly by ${run.label} (seed ${seed.seed}, ${seed.strategy}): snapped MSE ${exp2(seed.result.snapMse)} on its data`,
      };
    }
  }
  return { text: 'not checked', tone: 'neutral', title: 'No numeric check is recorded for this formula' };
}
