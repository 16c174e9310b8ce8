// Batched complex evaluation of a FlatTree over many points, on Float64Array re/im planes.
// Node-major: each node is computed for all points before the next node, into a caller-owned
// workspace, so a call allocates nothing once the workspace exists. Results equal `evaluate`
// bit for bit, because both go through the same rules (complex.ts / applyOp.ts).

import { applyOpTo } from './applyOp';
import { type Cx, cexpTo, clogTo, cx } from './complex';
import { CODE_EML, CODE_LIT, CODE_VAR, type FlatTree, opOfCode } from './flat';
import type { Semantics } from './semantics';

/** Scratch planes for evaluating one FlatTree at up to `capacity` points. */
export interface BatchWorkspace {
  readonly nodes: number;
  readonly capacity: number;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** Returns a workspace for trees of up to `nodes` unique nodes and batches of up to `capacity` points. */
export function createBatchWorkspace(nodes: number, capacity: number): BatchWorkspace {
  return { nodes, capacity, re: new Float64Array(nodes * capacity), im: new Float64Array(nodes * capacity) };
}

/** Inputs of a batch: one re and one im plane per variable of the tree (same order as tree.variables). */
export interface BatchInputs {
  readonly re: readonly Float64Array[];
  readonly im: readonly Float64Array[];
}

const S: Cx = cx(0), U: Cx = cx(0), R: Cx = cx(0);

/**
 * Writes the tree's value at points 0..n−1 into outRe/outIm; returns the number of undefined
 * (non-finite) results. Under 'strict' a point whose any intermediate is non-finite becomes NaN.
 * @example evaluateBatchInto(flatten(parseInfix('exp(x)')), { re: [xs], im: [zeros] }, xs.length, outRe, outIm, ws)
 */
export function evaluateBatchInto(
  f: FlatTree, inputs: BatchInputs, n: number, outRe: Float64Array, outIm: Float64Array,
  ws: BatchWorkspace, semantics: Semantics = 'ieee',
): number {
  if (ws.nodes < f.count || ws.capacity < n) {
    throw new Error(`evaluateBatch: workspace holds ${ws.nodes} nodes × ${ws.capacity} points, need ${f.count} × ${n}`);
  }
  if (inputs.re.length < f.variables.length || inputs.im.length < f.variables.length) {
    throw new Error(`evaluateBatch: ${f.variables.length} input planes needed (${f.variables.join(', ')})`);
  }
  const re = ws.re, im = ws.im, cap = ws.capacity;
  const extended = semantics === 'extended', strict = semantics === 'strict';
  for (let k = 0; k < f.count; k++) {
    const o = k * cap;
    const c = f.code[k]!;
    if (c === CODE_LIT) {
      re.fill(f.litRe[k]!, o, o + n);
      im.fill(f.litIm[k]!, o, o + n);
      continue;
    }
    if (c === CODE_VAR) {
      const v = f.arg0[k]!;
      re.set(inputs.re[v]!.subarray(0, n), o);
      im.set(inputs.im[v]!.subarray(0, n), o);
    } else if (c === CODE_EML) {
      const a = f.arg0[k]! * cap, b = f.arg1[k]! * cap;
      for (let i = 0; i < n; i++) {
        const xr = re[a + i]!, xi = im[a + i]!, yr = re[b + i]!, yi = im[b + i]!;
        // exp(x): same arithmetic as cexpTo, inlined for the finite case
        let er: number, ei: number;
        if (extended && !(Number.isFinite(xr) && Number.isFinite(xi))) {
          cexpTo(S, xr, xi, 'extended'); er = S.re; ei = S.im;
        } else {
          const m = Math.exp(xr);
          if (xi === 0) { er = m; ei = m * xi; } else { er = m * Math.cos(xi); ei = m * Math.sin(xi); }
        }
        // ln(y): real fast path, else the principal complex log
        let lr: number, li: number;
        if (yi === 0 && yr > 0) { lr = Math.log(yr); li = extended ? yi : 0; } else { clogTo(U, yr, yi, semantics); lr = U.re; li = U.im; }
        re[o + i] = er - lr;
        im[o + i] = ei - li;
      }
    } else {
      const op = opOfCode(c);
      const a = f.arg0[k]! * cap, b = (f.arg1[k]! < 0 ? f.arg0[k]! : f.arg1[k]!) * cap;
      for (let i = 0; i < n; i++) {
        applyOpTo(R, op, re[a + i]!, im[a + i]!, re[b + i]!, im[b + i]!, semantics);
        re[o + i] = R.re;
        im[o + i] = R.im;
      }
    }
    if (strict) {
      for (let i = o; i < o + n; i++) {
        if (!(Number.isFinite(re[i]!) && Number.isFinite(im[i]!))) { re[i] = NaN; im[i] = NaN; }
      }
    }
  }
  const root = (f.count - 1) * cap;
  let undefinedCount = 0;
  for (let i = 0; i < n; i++) {
    const r = re[root + i]!, m = im[root + i]!;
    outRe[i] = r;
    outIm[i] = m;
    if (!(Number.isFinite(r) && Number.isFinite(m))) undefinedCount++;
  }
  return undefinedCount;
}
