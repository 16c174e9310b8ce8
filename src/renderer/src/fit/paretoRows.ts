// The rows of the Fit view's Pareto table: every distinct snapped tree found by the training runs of one
// target, with how many runs found it (equal results are counted, never merged away) and at which depths,
// and whether it is on the front (no other tree of the same or smaller K has a lower snapped MSE).

/** One finished training result as the table reads it. */
export interface ParetoResult {
  readonly target: string;
  readonly tree: string;
  readonly formula: string;
  readonly K: number;
  readonly mse: number;
  readonly exact: boolean;
  readonly depth: number;
}

export interface ParetoRow extends Omit<ParetoResult, 'depth'> {
  /** The lowest snapped MSE among the runs that found this tree (exact: any of them was exact). */
  readonly mse: number;
  /** Runs that found it, and how many at each depth (ascending). */
  readonly count: number;
  readonly depths: ReadonlyArray<readonly [depth: number, count: number]>;
  readonly onFront: boolean;
}

/** Returns one row per distinct (target, tree), sorted by target, K and MSE, with counts and front membership per target. */
export function paretoRows(results: readonly ParetoResult[]): ParetoRow[] {
  const byKey = new Map<string, { first: ParetoResult; mse: number; exact: boolean; count: number; depths: Map<number, number> }>();
  for (const r of results) {
    const key = `${r.target}\u0000${r.tree}`;
    const g = byKey.get(key) ?? { first: r, mse: r.mse, exact: r.exact, count: 0, depths: new Map<number, number>() };
    g.mse = Math.min(g.mse, r.mse);
    g.exact ||= r.exact;
    g.count++;
    g.depths.set(r.depth, (g.depths.get(r.depth) ?? 0) + 1);
    byKey.set(key, g);
  }
  const rows = [...byKey.values()]
    .map((g) => ({ target: g.first.target, tree: g.first.tree, formula: g.first.formula, K: g.first.K, mse: g.mse, exact: g.exact, count: g.count, depths: [...g.depths.entries()].sort((a, b) => a[0] - b[0]) }))
    .sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0) || a.K - b.K || a.mse - b.mse);
  const best = new Map<string, number>();
  return rows.map((r) => {
    const lowest = best.get(r.target) ?? Infinity;
    const onFront = r.mse < lowest;
    if (onFront) best.set(r.target, r.mse);
    return { ...r, onFront };
  });
}
