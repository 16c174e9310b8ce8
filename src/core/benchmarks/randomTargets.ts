// Random EML targets for studying how well training recovers formulas beyond the paper's six: pure, seeded.
// Two families, each sampled on a grid (default the paper's: x, y ∈ [1, 3] step 0.1) and kept only where the
// tree is real and finite at every grid point:
//   master form  trees of depth d over {1, x, y} with x and y only at the bottom level (the paper's benchmark
//                generator, reference notes §1.5): both x and y occur, and the tree differs on the grid (also with
//                x ↔ y swapped) from every tree of smaller depth up to depth 3 (all of them are enumerated here;
//                for d ≥ 5 deeper shallower trees are not checked);
//   free form    trees of size K ≤ 25 and depth ≤ 6 (default; a master tree of depth D has 2^D − 1 nodes) over
//                {1, x, y} with leaves anywhere, both x and y occurring, differing on the grid (also swapped) from
//                every tree of depth ≤ 3 of smaller size.
// Distinct targets of one call differ on the grid. Start here: masterFormTargets() and freeFormTargets().

import { cexpTo, clogTo, cx } from '../complex';
import { type Expr, ONE, depth as exprDepth, eml, size, variable } from '../expr';
import { type Rng, createRng } from '../rng';
import { printEml } from '../syntax';
import { type GridSpec, PAPER_GRID, evaluateFormula, gridInputs } from '../train/dataset';

/** A generated target: its tree, text, size and depth. */
export interface RandomTarget {
  readonly name: string;
  readonly tree: Expr;
  readonly text: string;
  readonly K: number;
  readonly depth: number;
}

/** Grid points (indices into the 21 × 21 paper grid order) at which shallow trees are compared. */
const PROBE_COUNT = 9;

/** Values of a tree at the probe points (re, im interleaved) and with x ↔ y swapped. */
interface Probe { readonly v: Float64Array; readonly swapped: Float64Array }

const key = (v: Float64Array): string => Array.from(v, (a) => (Number.isFinite(a) ? a.toPrecision(9) : String(a))).join(',');

/** The probe points: PROBE_COUNT grid points spread over the grid, as x and y planes. */
function probePoints(grid: GridSpec): { x: Float64Array; y: Float64Array } {
  const [gx, gy] = gridInputs(2, grid) as [Float64Array, Float64Array];
  const n = gx.length, x = new Float64Array(PROBE_COUNT), y = new Float64Array(PROBE_COUNT);
  for (let k = 0; k < PROBE_COUNT; k++) { const i = Math.floor(((k + 0.37) * n) / PROBE_COUNT) % n; x[k] = gx[i]!; y[k] = gy[i]!; }
  return { x, y };
}

/** Returns eml(a, b) at the probes from the children's interleaved values (ieee). */
function emlValues(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length), e = cx(0), l = cx(0);
  for (let i = 0; i < a.length; i += 2) {
    cexpTo(e, a[i]!, a[i + 1]!, 'ieee');
    clogTo(l, b[i]!, b[i + 1]!, 'ieee');
    out[i] = e.re - l.re; out[i + 1] = e.im - l.im;
  }
  return out;
}

/** Keys of every function of a tree over {1, x, y} of depth ≤ maxDepth, with the size of its smallest tree. */
interface ShallowTable { readonly smallest: ReadonlyMap<string, number> }

function leafValues(p: { x: Float64Array; y: Float64Array }, which: '1' | 'x' | 'y'): Float64Array {
  const v = new Float64Array(2 * PROBE_COUNT);
  for (let k = 0; k < PROBE_COUNT; k++) v[2 * k] = which === '1' ? 1 : which === 'x' ? p.x[k]! : p.y[k]!;
  return v;
}

/** Returns the table of all functions of trees of depth ≤ maxDepth (distinct values composed level by level). */
function shallowTable(grid: GridSpec, maxDepth: number): ShallowTable {
  const p = probePoints(grid);
  let level: Array<{ v: Float64Array; K: number }> = (['1', 'x', 'y'] as const).map((w) => ({ v: leafValues(p, w), K: 1 }));
  const smallest = new Map<string, number>();
  for (const f of level) smallest.set(key(f.v), 1);
  for (let d = 1; d <= maxDepth; d++) {
    const next = new Map<string, { v: Float64Array; K: number }>();
    for (const f of level) next.set(key(f.v), f);
    for (const a of level) for (const b of level) {
      const v = emlValues(a.v, b.v), k = key(v), K = a.K + b.K + 1;
      const had = next.get(k);
      if (!had || K < had.K) next.set(k, { v, K });
    }
    level = [...next.values()];
    for (const f of level) { const k = key(f.v); const s = smallest.get(k); if (s === undefined || f.K < s) smallest.set(k, f.K); }
  }
  return { smallest };
}

/** Returns a tree's values at the probe points, plain and with x ↔ y swapped. */
function probe(t: Expr, grid: GridSpec): Probe {
  const p = probePoints(grid);
  const at = (x: Float64Array, y: Float64Array) => {
    const v = evaluateFormula(t, ['x', 'y'], [x, y]), out = new Float64Array(2 * PROBE_COUNT);
    for (let k = 0; k < PROBE_COUNT; k++) { out[2 * k] = v.re[k]!; out[2 * k + 1] = v.im[k]!; }
    return out;
  };
  return { v: at(p.x, p.y), swapped: at(p.y, p.x) };
}

/** True when t contains variable `name`. */
function uses(t: Expr, name: string): boolean {
  return t.kind === 'var' ? t.name === name : t.kind === 'op' && t.args.some((a) => uses(a, name));
}

/** True when t is real and finite (|Im| < 1e−12) at every grid point; also returns its grid values' key. */
function realOnGrid(t: Expr, grid: GridSpec): string | undefined {
  const v = evaluateFormula(t, ['x', 'y'], gridInputs(2, grid));
  if (v.validCount !== v.re.length) return undefined;
  return Array.from(v.re, (a) => a.toPrecision(10)).join(',');
}

/** Options of a generator call. */
export interface RandomTargetOptions {
  readonly seed: number;
  readonly count: number;
  readonly grid?: GridSpec;
  /** Draws before giving up (default 200 000). */
  readonly maxDraws?: number;
}

function pickLeaf(rng: Rng, pOne: number): Expr {
  const r = rng();
  return r < pOne ? ONE : variable(r < pOne + (1 - pOne) / 2 ? 'x' : 'y');
}

/** Draws a master-form tree of depth d: each node input is its child with probability pChild (else 1); bottom leaves are 1, x or y. */
function drawMaster(rng: Rng, d: number, pChild: number): Expr {
  const node = (level: number): Expr => {
    const input = (): Expr => (level + 1 === d ? pickLeaf(rng, 0.2) : rng() < pChild ? node(level + 1) : ONE);
    const a = input();
    return eml(a, input());
  };
  return node(0);
}

/** Draws a free-form tree with `leaves` leaves (a uniform random split at every node). */
function drawFree(rng: Rng, leaves: number): Expr {
  if (leaves === 1) return pickLeaf(rng, 1 / 3);
  const left = 1 + Math.floor(rng() * (leaves - 1));
  const a = drawFree(rng, left);
  return eml(a, drawFree(rng, leaves - left));
}

function collect(
  opts: RandomTargetOptions, prefix: string, draw: (rng: Rng) => Expr, reducible: (t: Expr, pr: Probe) => boolean,
): RandomTarget[] {
  const grid = opts.grid ?? PAPER_GRID, rng = createRng(opts.seed), maxDraws = opts.maxDraws ?? 200_000;
  const out: RandomTarget[] = [], seen = new Set<string>();
  for (let draws = 0; out.length < opts.count && draws < maxDraws; draws++) {
    const t = draw(rng);
    if (!uses(t, 'x') || !uses(t, 'y')) continue;
    const values = realOnGrid(t, grid);
    if (values === undefined || seen.has(values)) continue;
    if (reducible(t, probe(t, grid))) continue;
    seen.add(values);
    out.push({ name: `${prefix}-${out.length + 1}`, tree: t, text: printEml(t), K: size(t), depth: exprDepth(t) });
  }
  if (out.length < opts.count) throw new Error(`benchmarks: only ${out.length} of ${opts.count} targets found in ${maxDraws} draws (seed ${opts.seed})`);
  return out;
}

const tables = new Map<string, ShallowTable>();
function tableFor(grid: GridSpec, maxDepth: number): ShallowTable {
  const k = `${grid.lo},${grid.hi},${grid.step},${maxDepth}`;
  let t = tables.get(k);
  if (!t) { t = shallowTable(grid, maxDepth); tables.set(k, t); }
  return t;
}

/**
 * Returns `count` distinct master-form targets of depth d (3 to 6): x and y only at the bottom level, both
 * present, real and finite on the grid, and different there (also swapped) from every tree of depth
 * < min(d, 4). `pChild` (default 0.55) is the chance that a node input takes its child rather than 1.
 */
export function masterFormTargets(opts: RandomTargetOptions & { readonly depth: number; readonly pChild?: number }): RandomTarget[] {
  const d = opts.depth;
  if (!Number.isInteger(d) || d < 2 || d > 8) throw new Error(`benchmarks: master-form depth must be an integer from 2 to 8, got ${d}`);
  const table = tableFor(opts.grid ?? PAPER_GRID, Math.min(d - 1, 3));
  return collect(opts, `master-d${d}-s${opts.seed}`, (rng) => drawMaster(rng, d, opts.pChild ?? 0.55),
    (_t, pr) => table.smallest.has(key(pr.v)) || table.smallest.has(key(pr.swapped)));
}

/**
 * Returns `count` distinct free-form targets with a size K drawn uniformly from the odd sizes in [minK, maxK]
 * (maxK ≤ 25) and depth ≤ maxDepth (default 6): leaves 1, x, y anywhere, both variables present, real and finite on the grid, and different there
 * (also swapped) from every smaller tree of depth ≤ 3.
 */
export function freeFormTargets(opts: RandomTargetOptions & { readonly minK?: number; readonly maxK?: number; readonly maxDepth?: number }): RandomTarget[] {
  const minK = opts.minK ?? 7, maxK = opts.maxK ?? 25, maxDepth = opts.maxDepth ?? 6;
  if (!(Number.isInteger(minK) && Number.isInteger(maxK) && minK >= 3 && maxK <= 25 && minK <= maxK)) {
    throw new Error(`benchmarks: free-form sizes must satisfy 3 ≤ minK ≤ maxK ≤ 25, got ${minK}..${maxK}`);
  }
  const table = tableFor(opts.grid ?? PAPER_GRID, 3);
  const lo = Math.ceil((minK + 1) / 2), hi = Math.floor((maxK + 1) / 2);
  return collect(opts, `free-s${opts.seed}`, (rng) => drawFree(rng, lo + Math.floor(rng() * (hi - lo + 1))), (t, pr) => {
    const K = size(t);
    if (exprDepth(t) > maxDepth) return true;
    const a = table.smallest.get(key(pr.v)), b = table.smallest.get(key(pr.swapped));
    return (a !== undefined && a < K) || (b !== undefined && b < K);
  });
}
