// The metrics JSON of a training job, with the reference trainer's fields (paper §1.10) — target_fn,
// target_desc, the four success counters, best run, train/gen fit of the best snapped tree, per_seed[] —
// plus ours (wall time, end reasons, trees, lowered formulas). Non-finite numbers are written as null.

import type { NoiseLevel } from './noise';
import type { RunResult } from './trainer';

/** One run as the reference's per_seed entry, with our extra fields. */
export interface PerSeedMetrics {
  run_index: number;
  seed: number;
  strategy: string;
  success: boolean;
  fit_success: boolean;
  symbol_success: boolean;
  stable_symbol_success: boolean;
  stable_at_tau_hard: boolean;
  exact_within_noise: boolean;
  snap_mse: number | null;
  gen_mse: number | null;
  n_uncertain: number;
  n_uncertain_tau_hard: number;
  hardening_iter: number | null;
  last_iter: number;
  end_reason: string;
  nan_restarts: number;
  restarts: number;
  repair_moves: number;
  tree: string;
}

/** The metrics of a job. */
export interface TrainMetrics {
  target_fn: string;
  target_desc: string;
  n_successes: number;
  n_fit_successes: number;
  n_symbol_successes: number;
  n_stable_symbol_successes: number;
  n_stable_at_tau_hard: number;
  /** Runs exact within the data's noise (noise-aware success; the reference's counters are unchanged). */
  n_exact_within_noise: number;
  /** The noise level that rule used (σ 0 with source 'exact' for data sampled from a formula). */
  noise: { sigma: number | null; source: string };
  n_abandoned: number;
  n_runs: number;
  best_seed: number | null;
  best_strategy: string | null;
  best_snapped_mse: number | null;
  train: { mse: number | null; max_real_err: number | null; max_imag: number | null };
  gen: { mse: number | null; max_real_err: number | null; max_imag: number | null };
  per_seed: PerSeedMetrics[];
  args: Record<string, unknown>;
  command: string;
  wall_s: number | null;
}

const fin = (v: number): number | null => (Number.isFinite(v) ? v : null);

/** Returns the best run: lowest finite snapped MSE (ties: first in plan order), or undefined. */
export function bestRun(results: readonly RunResult[]): RunResult | undefined {
  let best: RunResult | undefined;
  for (const r of [...results].sort((a, b) => a.index - b.index)) {
    if (Number.isFinite(r.snapMse) && (!best || r.snapMse < best.snapMse)) best = r;
  }
  return best;
}

/** Returns the metrics object of a finished job. */
export function buildMetrics(
  target: { name: string; description: string }, results: readonly RunResult[], args: Record<string, unknown>, command: string, wallSeconds: number,
  noise: NoiseLevel = { sigma: 0, source: 'exact' },
): TrainMetrics {
  const sorted = [...results].sort((a, b) => a.index - b.index);
  const best = bestRun(sorted);
  const count = (f: (r: RunResult) => boolean) => sorted.filter(f).length;
  return {
    target_fn: target.name,
    target_desc: target.description,
    n_successes: count((r) => r.success),
    n_fit_successes: count((r) => r.fitSuccess),
    n_symbol_successes: count((r) => r.symbolSuccess),
    n_stable_symbol_successes: count((r) => r.stableSymbolSuccess),
    n_stable_at_tau_hard: count((r) => r.stableAtTauHard),
    n_exact_within_noise: count((r) => r.exactWithinNoise),
    noise: { sigma: fin(noise.sigma), source: noise.source },
    n_abandoned: count((r) => r.endReason === 'abandoned'),
    n_runs: sorted.length,
    best_seed: best?.seed ?? null,
    best_strategy: best?.strategy ?? null,
    best_snapped_mse: best ? fin(best.snapMse) : null,
    train: { mse: best ? fin(best.snapMse) : null, max_real_err: best ? fin(best.snapMaxReal) : null, max_imag: best ? fin(best.snapMaxImag) : null },
    gen: { mse: best ? fin(best.genMse) : null, max_real_err: best ? fin(best.genMaxReal) : null, max_imag: best ? fin(best.genMaxImag) : null },
    per_seed: sorted.map((r) => ({
      run_index: r.index + 1, seed: r.seed, strategy: r.strategy, success: r.success, fit_success: r.fitSuccess,
      symbol_success: r.symbolSuccess, stable_symbol_success: r.stableSymbolSuccess, stable_at_tau_hard: r.stableAtTauHard,
      exact_within_noise: r.exactWithinNoise, snap_mse: fin(r.snapMse), gen_mse: fin(r.genMse), n_uncertain: r.nUncertain, n_uncertain_tau_hard: r.nUncertainTauHard,
      hardening_iter: r.hardeningIter, last_iter: r.lastIter, end_reason: r.endReason, nan_restarts: r.nanRestarts,
      restarts: r.restarts, repair_moves: r.repairMoves, tree: r.tree,
    })),
    args,
    command,
    wall_s: fin(wallSeconds),
  };
}
