// Occam's check: a model with a part that does not matter is not the law. A subformula that depends on the
// inputs but can be replaced by one number (its mean over the rows) without the error growing beyond the noise
// is insignificant: the formula is then a simpler one in disguise, typically an EML tree that approximates the
// target through a huge intermediate (exp(exp(e)) ≈ 3.8·10⁶ turning a term into a perturbation of 10⁻⁶).
// Such models are not reported; the simpler formula they hide is found on its own.

import { type Expr, ONE, apply, num, size } from '../expr';
import type { RowSet } from './data';
import { evaluateRows, numberLeaf } from './model';

/** Returns the training RMSE of a formula (Infinity when it is not finite at some row). */
function rmseOf(formula: Expr, names: readonly string[], rows: RowSet): number {
  const v = evaluateRows(formula, names, rows);
  if (v.undefinedCount > 0) return Infinity;
  let s = 0;
  for (let i = 0; i < rows.rows; i++) {
    const r = v.re[i]! - rows.target[i]!, q = v.im[i]!;
    s += r * r + q * q;
  }
  return Math.sqrt(s / rows.rows);
}

function dependsOnInputs(t: Expr, memo: Map<Expr, boolean>): boolean {
  const hit = memo.get(t);
  if (hit !== undefined) return hit;
  const out = t.kind === 'var' ? !t.name.startsWith('$') : t.kind === 'op' ? t.args.some((a) => dependsOnInputs(a, memo)) : false;
  memo.set(t, out);
  return out;
}

/** Returns t with its node at preorder position `target` replaced by `by` (other occurrences of a shared node stay). */
function replaceAt(t: Expr, target: number, by: Expr): Expr {
  let pos = 0;
  const go = (n: Expr): Expr => {
    const here = pos++;
    if (here === target) {
      pos += size(n) - 1;
      return by;
    }
    if (n.kind !== 'op') return n;
    if (target >= here + size(n)) {
      pos += size(n) - 1;
      return n;
    }
    const args = n.args.map(go);
    return args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args);
  };
  return go(t);
}

/**
 * Returns a description of the first insignificant part of a formula (see the header), or null when every part
 * matters. Each occurrence of a subformula (or input) that depends on the inputs is replaced by its mean over
 * the rows; each constant subformula by 1.5 and 0.5 times its value (a constant that only perturbs, such as
 * exp(e − exp(e)) ≈ 4·10⁻⁶ inside an exponential); each number other than 0 and 1 by 0 and by 1; the part is
 * insignificant when the training RMSE stays within 1.05·max(RMSE, floor).
 */
export function insignificantPart(formula: Expr, names: readonly string[], rows: RowSet, floor: number): string | null {
  const base = rmseOf(formula, names, rows);
  if (!Number.isFinite(base)) return null;
  const limit = 1.05 * Math.max(base, floor);
  const deps = new Map<Expr, boolean>();
  const means = new Map<Expr, number | null>();
  const meanOf = (n: Expr): number | null => {
    if (means.has(n)) return means.get(n)!;
    const v = evaluateRows(n, names, rows);
    let mean: number | null = null;
    if (v.undefinedCount === 0) {
      let m = 0, imag = 0;
      for (let i = 0; i < rows.rows; i++) { m += v.re[i]!; imag = Math.max(imag, Math.abs(v.im[i]!)); }
      m /= rows.rows;
      mean = imag > 1e-9 * (1 + Math.abs(m)) || !Number.isFinite(m) ? null : m;
    }
    means.set(n, mean);
    return mean;
  };
  const positions: Array<{ node: Expr; pos: number }> = [];
  let pos = 0;
  const walk = (n: Expr): void => {
    positions.push({ node: n, pos: pos++ });
    if (n.kind === 'op') n.args.forEach(walk);
  };
  walk(formula);
  for (const { node, pos: p } of positions.slice(1)) {
    if (node.kind === 'num') {
      // a number that 0 or 1 can replace (a shift of 1/12 under noise 0.7, a factor 1.0001) does not matter
      if (node.value === 0 || node.value === 1) continue;
      for (const by of [num(0), ONE]) {
        if (rmseOf(replaceAt(formula, p, by), names, rows) <= limit) return `the constant ${node.text} can be ${by.kind === 'num' ? by.text : ''} without changing the fit`;
      }
      continue;
    }
    if (node.kind !== 'op' && !(node.kind === 'var' && dependsOnInputs(node, deps))) continue;
    const mean = meanOf(node);
    if (mean === null) continue;
    if (dependsOnInputs(node, deps)) {
      if (rmseOf(replaceAt(formula, p, numberLeaf(mean)), names, rows) <= limit) {
        return `a part that depends on the inputs acts as the constant ${mean.toPrecision(6)}`;
      }
    } else if (mean !== 0) {
      // a constant part whose value can change by half either way without changing the fit does not matter
      const up = rmseOf(replaceAt(formula, p, numberLeaf(1.5 * mean)), names, rows);
      if (up <= limit && rmseOf(replaceAt(formula, p, numberLeaf(0.5 * mean)), names, rows) <= limit) {
        return `the constant part ${mean.toPrecision(6)} can change by half without changing the fit`;
      }
    }
  }
  return null;
}
