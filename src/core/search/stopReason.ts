// Why a search ended, as data: the worker, the CLI and the app show it verbatim (JSON-serialisable).

/** The reason a search (recognize, table, basis, Sheffer) stopped. */
export type StopReason =
  | { kind: 'found'; K: number }
  | { kind: 'exhausted'; maxK: number }
  | {
    kind: 'memoryLimit'; bytes: number; atK: number;
    /** The level that did not fit, the bytes held when it stopped, and (when it stopped before growing the level)
     * the bytes the level was projected to need at its peak for about `projectedValues` new values (memoryBudget.ts). */
    level?: number; heldBytes?: number; projectedBytes?: number; projectedValues?: number;
  }
  | { kind: 'candidateLimit'; limit: number; atK: number }
  | { kind: 'timeLimit'; ms: number }
  | { kind: 'cancelled' };

/** Returns a one-line description of a stop reason. */
export function describeStop(s: StopReason): string {
  switch (s.kind) {
    case 'found': return `found at K = ${s.K}`;
    case 'exhausted': return `searched every K up to ${s.maxK}`;
    case 'memoryLimit': return `stopped before K = ${s.atK}: ${memoryDetail(s)}`;
    case 'candidateLimit': return `stopped at K = ${s.atK}: more than ${s.limit} candidate trees`;
    case 'timeLimit': return `stopped by the time limit of ${(s.ms / 1000).toFixed(1)} s`;
    case 'cancelled': return 'cancelled';
  }
}

const mib = (b: number): string => `${(b / 1024 ** 2).toFixed(0)} MiB`;

function memoryDetail(s: Extract<StopReason, { kind: 'memoryLimit' }>): string {
  const budget = `the memory budget of ${mib(s.bytes)}`;
  if (s.level === undefined || s.heldBytes === undefined) return `${budget} would be exceeded`;
  if (s.projectedBytes === undefined) return `${budget} was reached while level ${s.level} was grown (${mib(s.heldBytes)} held without it)`;
  const values = s.projectedValues ? `about ${(s.projectedValues / 1e6).toFixed(1)} million new values, ` : '';
  return `level ${s.level} (${values}projected from the growth of the levels before it) would need about ${mib(s.projectedBytes)} `
    + `on top of the ${mib(s.heldBytes)} held, more than ${budget}`;
}
