// The per-K table of a recognize run: one row per odd K from 1 to the run's max K, never stopping short of
// it silently. Sizes the run reached show what it measured (values stored at K, memory, candidates matched);
// sizes still ahead show the estimate (core/search/budget.ts, carried on from the measured levels); sizes the
// run will not reach are grouped into one closing row that says why (found earlier, memory, cancelled …).
// Pure: from the run's levels, status and result.

import type { SearchBudget } from '../../../../core/search/budget';
import type { SearchLevel, SearchStop } from '../../../../shared/search';

export interface LevelRow {
  readonly K: number;
  /** 'stored': grown and kept; 'matched': decided from stored halves, not stored; 'ahead': estimate of a size not reached yet. */
  readonly state: 'stored' | 'matched' | 'ahead';
  /** Distinct values new at K (measured when stored, estimated ahead, null for matched-only sizes). */
  readonly distinct: number | null;
  /** Stored values and their memory once level K is stored (measured), the estimate ahead, null for matched-only sizes. */
  readonly stored: number | null;
  readonly bytes: number | null;
  /** Candidate trees of size K that matched the target at the probe points (before re-verification). */
  readonly candidates: number | null;
  readonly elapsedMs: number | null;
  /** Whether the budget reaches this size (ahead rows). */
  readonly reachable: boolean;
}

/** Sizes the run does not search, and why. */
export interface SkippedSizes {
  readonly from: number;
  readonly to: number;
  readonly reason: string;
}

export interface LevelTable {
  readonly rows: readonly LevelRow[];
  readonly skipped: SkippedSizes | null;
}

/** Returns why sizes after the last one reached are not searched, for a run that ended. */
function skipReason(stop: SearchStop | undefined, status: string, lastK: number): string {
  if (stop?.kind === 'found') return `not needed: the shortest tree has K ${lastK}`;
  if (stop?.kind === 'memoryLimit') return `not searched: the memory budget was reached (${stop.text})`;
  if (stop?.kind === 'candidateLimit') return `not searched: ${stop.text}`;
  if (stop?.kind === 'timeLimit') return `not searched: ${stop.text}`;
  if (stop?.kind === 'cancelled' || status === 'cancelled') return 'not searched: the run was cancelled';
  if (status === 'failed') return 'not searched: the run failed';
  if (status === 'interrupted') return 'not searched: the host stopped before the run ended';
  return stop ? `not searched: ${stop.text}` : 'not searched';
}

/**
 * Returns the rows of a recognize run's table. `estimate` is the budget of the run's settings with the run's
 * measured levels (it supplies the rows ahead while the run is running).
 */
export function levelTable(input: {
  readonly levels: readonly SearchLevel[];
  readonly maxK: number;
  readonly running: boolean;
  readonly status: string;
  readonly stop?: SearchStop;
  readonly estimate: SearchBudget;
}): LevelTable {
  const grown = new Map(input.levels.filter((l) => l.phase === 'grow').map((l) => [l.K, l]));
  const matched = new Map(input.levels.filter((l) => l.phase === 'match').map((l) => [l.K, l]));
  const ahead = new Map(input.estimate.levels.map((l) => [l.K, l]));
  const rows: LevelRow[] = [];
  let lastReached = 0;
  for (let K = 1; K <= input.maxK; K += 2) {
    const g = grown.get(K);
    const m = matched.get(K);
    if (g || m) {
      lastReached = K;
      rows.push({
        K,
        state: g ? 'stored' : 'matched',
        distinct: g ? g.distinct : null,
        // a matched-only size adds nothing to the store
        stored: g ? g.nodes : null,
        bytes: g ? g.bytes : null,
        candidates: m ? m.candidates : null,
        elapsedMs: (m ?? g)!.elapsedMs,
        reachable: true,
      });
      continue;
    }
    if (!input.running) break;
    const e = ahead.get(K);
    rows.push({
      K,
      state: 'ahead',
      distinct: e ? e.distinct : null,
      stored: null,
      bytes: e ? e.cumulativeBytes : null,
      candidates: null,
      elapsedMs: null,
      reachable: e ? e.decidable : false,
    });
  }
  const firstSkipped = lastReached + 2;
  const lastOdd = input.maxK % 2 === 1 ? input.maxK : input.maxK - 1;
  const skipped = !input.running && firstSkipped <= lastOdd
    ? { from: firstSkipped, to: lastOdd, reason: skipReason(input.stop, input.status, lastReached) }
    : null;
  return { rows, skipped };
}
