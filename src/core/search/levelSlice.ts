// One thread's part of a level grown in parallel (enumerate.ts, growSlice): the threads claim work units
// (workUnits.ts) in increasing order and keep, per unit, every admissible candidate as a row, with its
// fingerprint. Then `dedupOwned` decides which rows stay: each thread walks every thread's rows in unit order and
// inserts the fingerprints it owns (h2 mod threads) into its part of the stored fingerprints, marking a row
// dropped when its value is there already (stored at a smaller K, or kept by an earlier row); `compactSlice`
// closes the gaps. The level is then the units' rows in unit order: exactly the level one enumerator stores (the
// first occurrence of every new value in enumeration order), for any thread count and any claiming order.
// Deciding in a second pass, not candidate by candidate, costs the rows stored and dropped again (duplicates among
// admissible candidates: 7–11 % of the rows at K 9–15 over {1, x, y}) and saves a lookup in a large table per
// candidate: the inserts of one pass over a table, in order, run much faster than lookups spread through the
// evaluation.

import type { FingerprintSet } from './fingerprintSet';
import { type BufferAllocator, type Segment, segmentView } from './levelStore';

const FP_SHIFT = 14;
const FP_CHUNK = 1 << FP_SHIFT;
const FP_MASK = FP_CHUNK - 1;

/** Returns the bytes a slice of `rows` rows holds for its fingerprints and drop marks. */
export function sliceBytes(rows: number): number {
  return Math.ceil(rows / FP_CHUNK) * 8 * FP_CHUNK + Math.max(1, Math.ceil(rows));
}

/** What a slice shows the other threads (all in shared memory when its allocator shares it). */
export interface SliceTable {
  /** Triples (unit, first row, end row) over the slice's rows; units increasing. */
  readonly units: Int32Array;
  /** (h1, h2) of every row, FP_CHUNK rows per array. */
  readonly fingerprints: readonly Uint32Array[];
  /** drops[row] = 1 once the row's value was found stored or in an earlier row (dedupOwned). */
  readonly drops: Uint8Array;
  readonly count: number;
}

/** One thread's rows of the level being grown: their fingerprints and their units. */
export class LevelSlice {
  private readonly fps: Uint32Array[] = [];
  private readonly unitRows: number[] = [];
  /** Rows so far. */
  count = 0;

  constructor(private readonly allocate: BufferAllocator) {}

  /** Returns the bytes held (the fingerprint list). */
  get bytes(): number {
    return this.fps.length * 8 * FP_CHUNK;
  }

  /** Starts the rows of unit u (units must come in increasing order). */
  beginUnit(u: number): void {
    this.unitRows.push(u, this.count, this.count);
  }

  /** Records the fingerprint of the next row. */
  add(h1: number, h2: number): void {
    const r = this.count++;
    const c = r >>> FP_SHIFT;
    if (c === this.fps.length) this.fps.push(new Uint32Array(this.allocate(8 * FP_CHUNK)));
    const f = this.fps[c]!, o = 2 * (r & FP_MASK);
    f[o] = h1;
    f[o + 1] = h2;
    this.unitRows[this.unitRows.length - 1] = this.count;
  }

  /** Returns the table the other threads read (the drops start clear). */
  table(): SliceTable {
    const units = new Int32Array(this.allocate(4 * Math.max(1, this.unitRows.length)), 0, this.unitRows.length);
    units.set(this.unitRows);
    return { units, fingerprints: this.fps.slice(), drops: new Uint8Array(this.allocate(Math.max(1, this.count))), count: this.count };
  }
}

/**
 * Decides the fingerprints thread `index` of `count` owns (h2 mod count): walks every slice's rows in unit order,
 * inserts each owned fingerprint into `own` (that thread's part of the stored fingerprints) and marks a row
 * dropped when its fingerprint is there already (an earlier unit kept it). Returns the rows it dropped.
 */
export function dedupOwned(tables: readonly SliceTable[], own: FingerprintSet, index: number, count: number): number {
  let units = 0, rows = 0;
  for (const t of tables) {
    rows += t.count;
    for (let k = 0; k < t.units.length; k += 3) units = Math.max(units, t.units[k]! + 1);
  }
  // unit → slice and row range
  const where = new Int32Array(3 * units).fill(-1);
  tables.forEach((t, s) => {
    for (let k = 0; k < t.units.length; k += 3) {
      const u = t.units[k]!;
      if (where[3 * u] !== -1) throw new Error(`search: work unit ${u} was grown twice`);
      where[3 * u] = s;
      where[3 * u + 1] = t.units[k + 1]!;
      where[3 * u + 2] = t.units[k + 2]!;
    }
  });
  own.reserve(own.size + Math.ceil(rows / count));
  let dropped = 0;
  for (let u = 0; u < units; u++) {
    const s = where[3 * u]!;
    if (s < 0) continue;
    const t = tables[s]!, fps = t.fingerprints, drops = t.drops;
    for (let r = where[3 * u + 1]!, end = where[3 * u + 2]!; r < end; r++) {
      const f = fps[r >>> FP_SHIFT]!, o = 2 * (r & FP_MASK);
      const h1 = f[o]!, h2 = f[o + 1]!;
      if (h2 % count !== index) continue;
      if (!own.insert(h1, h2)) { drops[r] = 1; dropped++; }
    }
  }
  return dropped;
}

/**
 * Removes the dropped rows from a slice's chunks (builder order, in place: rows only move towards the start) and
 * returns, per unit, its kept rows as views of those chunks.
 */
export function compactSlice(chunks: readonly Segment[], table: SliceTable, stride: number): Array<{ unit: number; segments: Segment[] }> {
  const out: Array<{ unit: number; segments: Segment[] }> = [];
  const drops = table.drops, units = table.units;
  let rc = 0, ri = 0; // read cursor: chunk, index
  let wc = 0, wi = 0; // write cursor
  for (let k = 0; k < units.length; k += 3) {
    const startC = wc, startI = wi;
    for (let r = units[k + 1]!, end = units[k + 2]!; r < end; r++) {
      if (!drops[r]) {
        if (rc !== wc || ri !== wi) copyRow(chunks[rc]!, ri, chunks[wc]!, wi, stride);
        if (++wi === chunks[wc]!.count) { wc++; wi = 0; }
      }
      if (++ri === chunks[rc]!.count) { rc++; ri = 0; }
    }
    out.push({ unit: units[k]!, segments: views(chunks, startC, startI, wc, wi, stride) });
  }
  return out;
}

function copyRow(from: Segment, i: number, to: Segment, j: number, stride: number): void {
  const f = from.features, t = to.features, a = i * stride, b = j * stride;
  for (let d = 0; d < stride; d++) t[b + d] = f[a + d]!;
  to.code[j] = from.code[i]!;
  to.left[j] = from.left[i]!;
  to.right[j] = from.right[i]!;
  to.deps[j] = from.deps[i]!;
}

/** The rows from (c0, i0) to (c1, i1) of the chunks, as one view per chunk touched. */
function views(chunks: readonly Segment[], c0: number, i0: number, c1: number, i1: number, stride: number): Segment[] {
  const out: Segment[] = [];
  for (let c = c0; c <= c1 && c < chunks.length; c++) {
    const from = c === c0 ? i0 : 0, to = c === c1 ? i1 : chunks[c]!.count;
    if (to > from) out.push(segmentView(chunks[c]!, from, to, stride));
  }
  return out;
}
