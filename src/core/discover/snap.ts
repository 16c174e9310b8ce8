// Constants to closed forms: a fitted constant such as 0.39894 may be 1/√(2π). Candidate exact values are
// small rationals p/q times a few bases (1, π, π², √π, √2, √3, √(2π), e, ln 2), tried simplest first among those
// within 5 % of the fitted value; the schedule keeps a snap only when the model, refitted with that constant
// fixed, stays as good as before within the noise.

import { type Expr, apply, constant, num } from '../expr';

/** A closed form with its value and a complexity (smaller is simpler). */
export interface ClosedForm {
  readonly value: number;
  readonly expr: Expr;
  readonly complexity: number;
}

const PI = constant('pi');
const E = constant('e');

interface Base { readonly value: number; readonly expr: Expr | null; readonly cost: number }

const BASES: readonly Base[] = [
  { value: 1, expr: null, cost: 0 },
  { value: Math.PI, expr: PI, cost: 1 },
  { value: Math.E, expr: E, cost: 1.5 },
  { value: Math.SQRT2, expr: apply('sqrt', num(2)), cost: 2 },
  { value: Math.sqrt(3), expr: apply('sqrt', num(3)), cost: 2.2 },
  { value: Math.PI * Math.PI, expr: apply('pow', PI, num(2)), cost: 2.5 },
  { value: Math.sqrt(Math.PI), expr: apply('sqrt', PI), cost: 2.5 },
  { value: Math.sqrt(2 * Math.PI), expr: apply('sqrt', apply('mul', num(2), PI)), cost: 3 },
  { value: Math.LN2, expr: apply('ln', num(2)), cost: 2.5 },
];

/** Returns p/q (q > 0) as a formula: an integer, or a quotient of integers, negated when negative. */
function rational(p: number, q: number): Expr {
  const mag = q === 1 ? num(Math.abs(p)) : apply('div', num(Math.abs(p)), num(q));
  return p < 0 ? apply('neg', mag) : mag;
}

function gcd(a: number, b: number): number {
  a = Math.abs(a); b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Returns the closed forms near v (relative distance ≤ 5 %; denominators up to 24), simplest first (at most `limit`). */
export function closedFormsNear(v: number, limit = 12): ClosedForm[] {
  if (!Number.isFinite(v) || v === 0) return [];
  const out: ClosedForm[] = [];
  for (const base of BASES) {
    for (const over of base.expr ? [false, true] : [false]) {
      // v = (p/q)·base, or v = (p/q)/base
      const r = over ? v * base.value : v / base.value;
      for (let q = 1; q <= 24; q++) {
        const p = Math.round(r * q);
        if (p === 0 || Math.abs(p) > 120 || gcd(p, q) !== 1) continue;
        const value = over ? p / q / base.value : (p / q) * base.value;
        if (!(Math.abs(value - v) <= 0.05 * Math.abs(v))) continue;
        const coef = rational(p, q);
        let expr: Expr;
        if (!base.expr) expr = coef;
        // (p/q)/B reads best as p/(q·B): 1/(4*pi), not 0.25/pi
        else if (over) expr = q === 1 ? apply('div', p < 0 ? apply('neg', num(-p)) : num(p), base.expr) : apply('div', p < 0 ? apply('neg', num(-p)) : num(p), apply('mul', num(q), base.expr));
        else expr = p === 1 && q === 1 ? base.expr : apply('mul', coef, base.expr);
        const complexity = base.cost + Math.log2(Math.abs(p) + 1) + Math.log2(q) + (over ? 0.5 : 0);
        out.push({ value, expr, complexity });
      }
    }
  }
  out.sort((a, b) => a.complexity - b.complexity || Math.abs(a.value - v) - Math.abs(b.value - v));
  // one form per value: the simplest
  const seen = new Set<number>();
  return out.filter((f) => {
    const key = Math.round(f.value * 1e12);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, limit);
}
