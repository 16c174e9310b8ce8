// The data a discovery works on: input columns and a target column (finite reals), checked once, split
// into training and held-out rows by a seeded shuffle, with the probe rows the enumerations evaluate every
// candidate at. Invariant: every array here is finite; rows with NaN/±∞ are dropped before (and reported).

import { type Rng, createRng } from '../rng';

/** Input columns and the target, all of one length (rows). */
export interface DiscoverData {
  /** Input names, in column order (the variables of every formula). */
  readonly names: readonly string[];
  readonly inputs: readonly Float64Array[];
  /** Name of the target column (for messages). */
  readonly targetName: string;
  readonly target: Float64Array;
}

/** Rows of a dataset picked by index (a view: the arrays are copies of the picked rows). */
export interface RowSet {
  readonly inputs: readonly Float64Array[];
  readonly target: Float64Array;
  readonly rows: number;
}

/** A dataset ready for discovery: training rows, held-out rows and probe rows (a subset of training). */
export interface PreparedData {
  readonly data: DiscoverData;
  readonly train: RowSet;
  readonly heldOut: RowSet;
  /** Indices (into train) of the probe rows. */
  readonly probeRows: readonly number[];
  /** Root mean square of the target over all rows (the scale of "1 % noise" and of tolerances). */
  readonly targetRms: number;
  /** Spread of the target (max − min over all rows). */
  readonly targetSpread: number;
}

/** A bad dataset: the message names the column or the problem. */
export class DiscoverDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscoverDataError';
  }
}

/** Fewest usable rows discovery accepts (probes, the affine map, a constant and a held-out check need them). */
export const MIN_ROWS = 10;
/** Largest magnitude of a value discovery accepts (its square, summed over the rows, stays finite). */
export const MAX_MAGNITUDE = 1e100;
/** Most inputs a formula may have (the enumerations record dependencies in 8 bits, one is the constant). */
export const MAX_INPUTS = 6;

/**
 * Checks a dataset; throws a DiscoverDataError naming the column for a constant or non-finite column, too few
 * rows or too many inputs.
 */
export function checkData(d: DiscoverData): void {
  const n = d.target.length;
  if (d.names.length === 0) throw new DiscoverDataError('choose at least one input column');
  if (d.names.length > MAX_INPUTS) throw new DiscoverDataError(`discover takes at most ${MAX_INPUTS} input columns, got ${d.names.length} (${d.names.join(', ')})`);
  if (d.inputs.length !== d.names.length) throw new DiscoverDataError(`${d.names.length} input names but ${d.inputs.length} columns`);
  const seen = new Set<string>();
  for (const name of d.names) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new DiscoverDataError(`input column '${name}' is not a usable variable name (letters, digits and _, starting with a letter)`);
    if (seen.has(name)) throw new DiscoverDataError(`input column '${name}' is given twice`);
    if (name === d.targetName) throw new DiscoverDataError(`column '${name}' is both an input and the target`);
    seen.add(name);
  }
  if (n < MIN_ROWS) {
    throw new DiscoverDataError(`discover needs at least ${MIN_ROWS} usable rows (probe points, the fitted constants and a held-out check), got ${n}`);
  }
  const columns: Array<[string, Float64Array]> = [...d.names.map((name, i): [string, Float64Array] => [name, d.inputs[i]!]), [d.targetName, d.target]];
  for (const [name, col] of columns) {
    if (col.length !== n) throw new DiscoverDataError(`column '${name}' has ${col.length} rows, the target has ${n}`);
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = col[i]!;
      if (!Number.isFinite(v)) throw new DiscoverDataError(`column '${name}' has the non-finite value ${v} in row ${i + 1}`);
      if (Math.abs(v) > MAX_MAGNITUDE) {
        throw new DiscoverDataError(`column '${name}' has the value ${v} in row ${i + 1}, beyond ±1e100 (squares and sums of squares must stay finite): rescale the column or take its logarithm`);
      }
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (!(hi - lo > 1e-12 * Math.max(1, Math.abs(lo), Math.abs(hi)))) {
      throw new DiscoverDataError(`column '${name}' is constant (${lo} in every row): ${name === d.targetName ? 'there is nothing to discover' : 'drop it from the inputs'}`);
    }
  }
}

function pick(d: DiscoverData, rows: readonly number[]): RowSet {
  const target = Float64Array.from(rows, (r) => d.target[r]!);
  const inputs = d.inputs.map((col) => Float64Array.from(rows, (r) => col[r]!));
  return { inputs, target, rows: rows.length };
}

/** Options of prepareData. */
export interface PrepareOptions {
  /** Fraction of rows held out (default 0.25; at least 2 rows are kept out when there are enough). */
  heldOutFraction?: number;
  /** Number of probe rows (default 6). */
  probes?: number;
  /** Seed of the split (default 1). */
  seed?: number;
}

/** Returns the checked dataset split into training and held-out rows, with spread-out probe rows. */
export function prepareData(d: DiscoverData, opts: PrepareOptions = {}): PreparedData {
  checkData(d);
  const n = d.target.length;
  const rng = createRng(opts.seed ?? 1);
  const order = shuffledRows(n, rng);
  const fraction = opts.heldOutFraction ?? 0.25;
  if (!(fraction >= 0 && fraction < 0.9)) throw new DiscoverDataError(`the held-out fraction must be in [0, 0.9), got ${fraction}`);
  const nHeld = Math.min(n - MIN_ROWS + 2, Math.max(fraction > 0 ? 2 : 0, Math.round(fraction * n)));
  const held = order.slice(0, nHeld).sort((a, b) => a - b);
  const trainRows = order.slice(nHeld).sort((a, b) => a - b);
  const train = pick(d, trainRows);
  const heldOut = pick(d, held);
  let sumSq = 0, lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = d.target[i]!;
    sumSq += v * v;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return {
    data: d, train, heldOut, probeRows: spreadRows(train, opts.probes ?? 6),
    targetRms: Math.sqrt(sumSq / n), targetSpread: hi - lo,
  };
}

function shuffledRows(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Returns `count` rows spread over the input box (farthest-point sampling in inputs scaled to [0, 1], starting
 * from the row nearest the centre), avoiding rows whose target is near zero relative to the others when it can
 * (relative tolerances are poor there).
 */
export function spreadRows(set: RowSet, count: number): number[] {
  const n = set.rows, k = set.inputs.length;
  if (!Number.isInteger(count) || count < 1) throw new DiscoverDataError(`the number of probe rows must be a positive integer, got ${count}`);
  const want = Math.min(count, n);
  const scaled = set.inputs.map((col) => {
    let lo = Infinity, hi = -Infinity;
    for (const v of col) { if (v < lo) lo = v; if (v > hi) hi = v; }
    const w = hi > lo ? hi - lo : 1;
    return Float64Array.from(col, (v) => (v - lo) / w);
  });
  let maxAbs = 0;
  for (const v of set.target) maxAbs = Math.max(maxAbs, Math.abs(v));
  const eligible = (i: number) => Math.abs(set.target[i]!) >= 0.05 * maxAbs;
  const pool = Array.from({ length: n }, (_, i) => i).filter(eligible);
  const rows = pool.length >= want ? pool : Array.from({ length: n }, (_, i) => i);
  const dist = new Float64Array(n).fill(Infinity);
  const chosen: number[] = [];
  const update = (c: number) => {
    for (const i of rows) {
      let s = 0;
      for (let j = 0; j < k; j++) { const d = scaled[j]![i]! - scaled[j]![c]!; s += d * d; }
      if (s < dist[i]!) dist[i] = s;
    }
  };
  let first = rows[0]!, best = Infinity;
  for (const i of rows) {
    let s = 0;
    for (let j = 0; j < k; j++) { const d = scaled[j]![i]! - 0.5; s += d * d; }
    if (s < best) { best = s; first = i; }
  }
  chosen.push(first);
  update(first);
  while (chosen.length < want) {
    let far = -1, farD = -1;
    for (const i of rows) if (dist[i]! > farD) { farD = dist[i]!; far = i; }
    if (far < 0 || farD === 0) break;
    chosen.push(far);
    update(far);
  }
  return chosen;
}
