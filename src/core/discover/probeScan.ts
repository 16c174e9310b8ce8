// The cheap first test of every enumerated candidate: at the probe rows, is the target an affine image
// a·T + b of the candidate's values? The enumerations store each node's value at the probes, so a level is
// scanned in one pass: a least-squares a, b over the P probes, then every probe's residual against its
// tolerance (a few noise levels). Nodes are ranked by their worst normalised residual and only the best
// are evaluated on all rows (so a level always offers its closest approximations, and the target's exact
// images, within the tolerances, come first). With P probes the test has P − 2 degrees of freedom, so P ≥ 4.

import type { Level } from '../search/levelStore';
import type { ProbePoint, ProbeSet } from '../search/probes';
import type { PreparedData } from './data';
import type { NoiseModel } from './noise';

/** The target at the probe rows and how close a candidate must come there. */
export interface ProbeTarget {
  /** Probe rows (indices into the training rows). */
  readonly rows: readonly number[];
  readonly values: Float64Array;
  readonly tolerances: Float64Array;
}

/** Returns the target at the first `count` probe rows with tolerance 4σ + 1e−9·(|y| + RMS). */
export function probeTarget(d: PreparedData, noise: NoiseModel, count: number): ProbeTarget {
  const rows = d.probeRows.slice(0, count);
  const values = Float64Array.from(rows, (r) => d.train.target[r]!);
  const tolerances = Float64Array.from(values, (y) => 4 * noise.sigma + 1e-9 * (Math.abs(y) + d.targetRms));
  return { rows, values, tolerances };
}

/** Returns the probe set of the given rows (extra variables, e.g. a parameter, valued by `extra`). */
export function probeSetOf(d: PreparedData, rows: readonly number[], extra: ReadonlyArray<Record<string, number>> = [{}]): ProbeSet {
  const names = d.data.names;
  const points: ProbePoint[] = [];
  for (const e of extra) {
    for (const r of rows) {
      const pt: Record<string, number> = { ...e };
      names.forEach((n, j) => { pt[n] = d.train.inputs[j]![r]!; });
      points.push(pt);
    }
  }
  const extraNames = Object.keys(extra[0] ?? {});
  return { variables: [...names, ...extraNames], points };
}

/** The best candidates of a scan, by worst normalised residual (kept sorted, bounded). */
export class CandidatePool {
  readonly ids: number[] = [];
  readonly scores: number[] = [];
  constructor(readonly capacity: number) {}

  /** The score a new candidate must beat to enter. */
  get threshold(): number {
    return this.ids.length < this.capacity ? Infinity : this.scores[this.scores.length - 1]!;
  }

  add(id: number, score: number): void {
    if (!(score < this.threshold)) return;
    let i = this.scores.length;
    while (i > 0 && this.scores[i - 1]! > score) i--;
    this.ids.splice(i, 0, id);
    this.scores.splice(i, 0, score);
    if (this.ids.length > this.capacity) { this.ids.pop(); this.scores.pop(); }
  }

  clear(): void {
    this.ids.length = 0;
    this.scores.length = 0;
  }
}

/**
 * Scans a level: for each node whose values at the P probes (re/im at `offset` within its row of `stride`
 * doubles, probe p at offset + 2p) are real and not constant, fits a·T + b to the target and offers the node
 * to the pool with its worst probe residual over that probe's tolerance (the pool keeps the best: candidates
 * within the tolerances when there are such, else the closest approximations). `accept(node)` filters nodes (e.g. by their
 * dependencies); `block` selects which P-probe block of the row to read (several blocks = several parameter
 * values; the best block counts). Returns the number of nodes tested.
 */
export function scanLevel(level: Level, stride: number, offset: number, target: ProbeTarget, pool: CandidatePool,
  opts: { blocks?: number; accept?: (deps: number) => boolean } = {}): number {
  const P = target.values.length, y = target.values, tol = target.tolerances;
  const blocks = opts.blocks ?? 1;
  let my = 0;
  for (let p = 0; p < P; p++) my += y[p]!;
  my /= P;
  let tested = 0;
  for (let s = 0; s < level.segments.length; s++) {
    const seg = level.segments[s]!, f = seg.features;
    for (let i = 0; i < seg.count; i++) {
      if (opts.accept && !opts.accept(seg.deps[i]!)) continue;
      tested++;
      let best = Infinity;
      for (let blk = 0; blk < blocks; blk++) {
        const o = i * stride + offset + blk * 2 * P;
        let mt = 0, real = true;
        for (let p = 0; p < P; p++) {
          const re = f[o + 2 * p]!, im = f[o + 2 * p + 1]!;
          if (!(im === 0 || Math.abs(im) <= 1e-12 * (1 + Math.abs(re))) || !(re - re === 0)) { real = false; break; }
          mt += re;
        }
        if (!real) continue;
        mt /= P;
        let vt = 0, cty = 0;
        for (let p = 0; p < P; p++) {
          const dt = f[o + 2 * p]! - mt;
          vt += dt * dt;
          cty += dt * (y[p]! - my);
        }
        if (!(vt > 1e-24 * (mt * mt + 1e-300))) continue;
        const a = cty / vt, b = my - a * mt;
        let worst = 0;
        const cut = Math.min(best, pool.threshold);
        for (let p = 0; p < P && worst < cut; p++) {
          const r = Math.abs(y[p]! - a * f[o + 2 * p]! - b) / tol[p]!;
          if (r > worst) worst = r;
        }
        if (worst < best) best = worst;
      }
      if (best < Infinity) pool.add(level.offsets[s]! + i, best);
    }
  }
  return tested;
}
