// Why a search ended, as data: the worker, the CLI and the app show it verbatim (JSON-serialisable).

/** The reason a search (recognize, table, basis, Sheffer) stopped. */
export type StopReason =
  | { kind: 'found'; K: number }
  | { kind: 'exhausted'; maxK: number }
  | { kind: 'memoryLimit'; bytes: number; atK: number }
  | { kind: 'candidateLimit'; limit: number; atK: number }
  | { kind: 'timeLimit'; ms: number }
  | { kind: 'cancelled' };

/** Returns a one-line description of a stop reason. */
export function describeStop(s: StopReason): string {
  switch (s.kind) {
    case 'found': return `found at K = ${s.K}`;
    case 'exhausted': return `searched every K up to ${s.maxK}`;
    case 'memoryLimit': return `stopped before K = ${s.atK}: the memory budget of ${(s.bytes / 1024 ** 2).toFixed(0)} MiB would be exceeded`;
    case 'candidateLimit': return `stopped at K = ${s.atK}: more than ${s.limit} candidate trees`;
    case 'timeLimit': return `stopped by the time limit of ${(s.ms / 1000).toFixed(1)} s`;
    case 'cancelled': return 'cancelled';
  }
}
