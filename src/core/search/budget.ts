// What a recognize search can reach before it runs (and, with the levels measured so far, while it runs):
// the distinct values per size K, the memory the stored levels take, how far the memory budget reaches,
// and how many formulas the search will have tried against how many values the target's precision can
// tell apart. It follows recognize.ts: to decide size K the search stores the levels up to K − 4 (the
// matcher expands the two missing sizes), and it refuses to grow a level whose projected memory exceeds
// the budget. Distinct values per level come from GROWTH, measured with this engine, extrapolated with
// the growth ratio of its last levels. Memory follows memoryBudget.ts, as recognize counts it: before a level
// is grown its values are projected from the growth of the levels below (projectLevelNodes), and the level is
// grown only if what is held plus its projected peak fits the budget; once grown, the level holds its rows and
// the fingerprint set's growth. (The match indexes recognize also counts are a few kB here: it indexes the
// smaller level of each pair.)

import { FingerprintSet } from './fingerprintSet';
import { bytesPerNode } from './levelStore';
import { type LevelBytes, projectLevelBytes, projectLevelNodes } from './memoryBudget';

/**
 * Distinct values of pure-EML trees per odd K (K = 1, 3, 5 …), by number of leaves, measured with
 * `emlw recognize` (extended semantics, complex domain, 2 probe points) over {1}, {1, x} and {1, x, y}
 * (`--const pi --max-k 31`, `--fn "x^(x^x) + 7" --max-k 27`, `--fn "x^(y^x) + 7" --max-k 25`, `--json`,
 * field levels[].distinct).
 */
export const GROWTH: Readonly<Record<1 | 2 | 3, readonly number[]>> = {
  1: [1, 1, 2, 5, 12, 30, 80, 233, 700, 2116, 6536, 20439, 64574, 205624],
  2: [2, 4, 16, 78, 404, 2251, 12990, 77882, 478869, 3005718],
  3: [3, 9, 54, 399, 3128, 26368, 231275, 2106212],
};

/** Values past which a level's bytes are taken per value (its chunks and slots are not counted one by one). */
const EXACT_VALUES = 2 ** 31;

/** What growing a level of `nodes` values costs with `stored` values stored (memoryBudget.ts, one thread). */
function levelBytes(nodes: number, stored: number, stride: number, presized = nodes): LevelBytes {
  if (nodes + stored <= EXACT_VALUES) return projectLevelBytes(nodes, stored, stride, 1, presized);
  // far beyond any budget: a row and at least 1/0.8 fingerprint slots per value; the old slots while they move
  const retained = nodes * (bytesPerNode(stride) + 8 / 0.8);
  return { nodes, retained, peak: retained + (8 / 0.8) * stored };
}

/** One odd size K of the estimate. */
export interface BudgetLevel {
  readonly K: number;
  /** Distinct values new at K (estimated, or measured by the run). */
  readonly distinct: number;
  readonly measured: boolean;
  /** Memory of all stored levels up to K (K's own included), bytes. */
  readonly cumulativeBytes: number;
  /** Memory held at the worst moment of growing K (the levels below and K's projected peak), bytes: K is grown
   * only if this fits the budget. */
  readonly peakBytes: number;
  /** Formulas tried up to K: every tree of size ≤ K over the distinct values of its two subtrees. */
  readonly formulas: number;
  /** Whether the level fits the memory budget (is stored when needed). */
  readonly storable: boolean;
  /** Whether size K can be decided: its levels up to K − 4 fit, and K ≤ max K. */
  readonly decidable: boolean;
}

export interface SearchBudget {
  /** Every odd K from 1 to max K. */
  readonly levels: readonly BudgetLevel[];
  /** Largest level the budget can store (≥ 1). */
  readonly storedUpTo: number;
  /** Largest size that can be decided (storedUpTo + 4, at most max K). */
  readonly decidableUpTo: number;
  /** Why the search cannot go past decidableUpTo: max K, or memory (sizes up to max K are out of reach). */
  readonly limit: 'maxK' | 'memory';
}

export interface BudgetOptions {
  /** Number of leaves (1 for {1}, 2 for {1, x} …). */
  readonly leaves: number;
  /** Feature stride of the compiled language (CompiledLanguage.stride). */
  readonly stride: number;
  readonly maxK: number;
  readonly maxBytes: number;
  /** Levels a run has stored so far (they replace the estimate at their K). */
  readonly measured?: ReadonlyArray<{ readonly K: number; readonly distinct: number }>;
}

/** Returns the estimated distinct values of every odd level up to maxK (measured ones where given). */
export function estimateDistinct(leaves: number, maxK: number, measured: BudgetOptions['measured'] = []): Array<{ K: number; distinct: number; measured: boolean }> {
  const base = GROWTH[Math.min(3, Math.max(1, leaves)) as 1 | 2 | 3];
  // more leaves than the table: each of the (K + 1) / 2 leaves of a tree has leaves/3 times more choices
  const scale = leaves > 3 ? leaves / 3 : 1;
  const got = new Map(measured.filter((l) => l.K % 2 === 1 && l.distinct > 0).map((l) => [l.K, l.distinct]));
  const out: Array<{ K: number; distinct: number; measured: boolean }> = [];
  for (let K = 1; K <= maxK; K += 2) {
    const m = got.get(K);
    if (m !== undefined) {
      out.push({ K, distinct: m, measured: true });
      continue;
    }
    const i = (K - 1) / 2;
    if (i < base.length && (got.size === 0 || out.length === 0)) {
      out.push({ K, distinct: Math.round(base[i]! * scale ** (i + 1)), measured: false });
      continue;
    }
    // beyond what is known: grow by the ratio of the last two levels known (measured, or the table's last)
    const prev = out[out.length - 1]!.distinct;
    const prev2 = out.length >= 2 ? out[out.length - 2]!.distinct : 0;
    const tableRatio = base[base.length - 1]! / base[base.length - 2]!;
    const ratio = prev2 >= 50 ? Math.max(prev / prev2, 1) : i < base.length ? base[i]! / Math.max(1, base[i - 1]!) : tableRatio;
    // (a measured run replaces the table: its own last ratio carries on)
    out.push({ K, distinct: Math.max(1, Math.round(prev * ratio)), measured: false });
  }
  return out;
}

/** Returns how far a recognize search over `leaves` leaves reaches within maxK and maxBytes. */
export function estimateSearchBudget(opts: BudgetOptions): SearchBudget {
  const distinct = estimateDistinct(opts.leaves, opts.maxK, opts.measured);
  // the enumeration starts with an empty fingerprint set of the default size
  let held = FingerprintSet.bytesFor(0);
  let stored = 0;
  let storedUpTo = 1;
  let full = false;
  const byK = new Map<number, number>();
  const levels: BudgetLevel[] = [];
  let formulas = 0;
  for (const d of distinct) {
    // level 1 is always stored; a larger one only while what is held plus its projected peak fits (recognize.ts)
    const expected = d.K === 1 ? d.distinct : projectLevelNodes(byK, d.K);
    const peakBytes = held + levelBytes(expected, stored, opts.stride).peak;
    const storable = !full && (d.K === 1 || peakBytes <= opts.maxBytes);
    if (storable) storedUpTo = d.K;
    else full = true;
    held += levelBytes(d.distinct, stored, opts.stride, expected).retained;
    stored += d.distinct;
    byK.set(d.K, d.distinct);
    // trees of size K: a root over two subtrees of sizes a + b = K − 1 (only leaves at K = 1)
    let trees = d.K === 1 ? opts.leaves : 0;
    for (let a = 1; a <= d.K - 2; a += 2) trees += (byK.get(a) ?? 0) * (byK.get(d.K - 1 - a) ?? 0);
    formulas += trees;
    levels.push({ K: d.K, distinct: d.distinct, measured: d.measured, cumulativeBytes: held, peakBytes, formulas, storable, decidable: false });
  }
  const decidableUpTo = Math.min(opts.maxK % 2 === 1 ? opts.maxK : opts.maxK - 1, storedUpTo + 4);
  return {
    levels: levels.map((l) => ({ ...l, decidable: l.K <= decidableUpTo })),
    storedUpTo,
    decidableUpTo,
    limit: decidableUpTo >= opts.maxK - 1 ? 'maxK' : 'memory',
  };
}

/**
 * Returns how many values the target's precision tells apart, as a power of ten: per probe point, the
 * significant digits of a decimal target (3.14159: 6) or else the match tolerance's (1e-9: 9), times the
 * probe points. Once a search has tried about that many formulas, a match may be a coincidence.
 */
export function precisionDigits(opts: { readonly text: string; readonly tolerance: number; readonly points: number }): number {
  const toleranceDigits = -Math.log10(opts.tolerance);
  const decimal = /^\s*[+-]?(\d*)\.(\d+)\s*$/.exec(opts.text);
  const given = decimal ? (decimal[1]!.replace(/^0+/, '') + decimal[2]!).replace(/^0+/, '').length : Infinity;
  return Math.min(toleranceDigits, given) * opts.points;
}
