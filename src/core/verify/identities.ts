// Identity check of compiled forms at high precision: each primitive's pure-EML compilation and its
// conventional formula are evaluated with the arbitrary-precision evaluator at generic complex points built
// from γ (Euler–Mascheroni), A (Glaisher–Kinkelin) and G (Catalan), and must agree to `digits`.

import { type CompileMode, compileToEml } from '../compile';
import { PRIMITIVE_FORMULAS } from '../compile/primitives';
import { evaluatePrecise, preciseConstants } from '../precise/evaluatePrecise';
import { parseInfix } from '../syntax/parseInfix';
import Decimal from 'decimal.js';

/** A complex point as 're ± im·i' with 12 significant digits per part. */
function short(z: { re: string; im: string }): string {
  const im = new Decimal(z.im);
  return `${new Decimal(z.re).toSD(12).toString()} ${im.isNeg() ? '−' : '+'} ${im.abs().toSD(12).toString()}i`;
}

export interface IdentityReport {
  name: string;
  formula: string;
  K: number;
  /** The complex points (x, y) used, as 're ± im·i' strings of 12 digits. */
  points: Array<{ x: string; y: string }>;
  /** Worst |compiled − formula| / max(1, |formula|) over the points, as a decimal string. */
  max_rel_diff: string;
  /** Number of matching significant digits implied by max_rel_diff (capped at the working digits). */
  agreeing_digits: number;
  /** Digits that must agree for the case to pass (the working digits less 5). */
  required_digits: number;
  passed: boolean;
  failure?: string;
}

/** Returns the identity report of every primitive (or the named ones) at `digits` significant digits. */
export function checkIdentities(opts: { digits?: number; mode?: CompileMode; names?: readonly string[] } = {}): IdentityReport[] {
  const digits = opts.digits ?? 40;
  const c = preciseConstants(digits + 10);
  // generic complex points, off every branch cut (a real point can lie on one: γ on the cut of acosh and asec,
  // A on that of asin; in arbitrary precision a compiled tree's inner values on a cut carry rounding of either sign,
  // so the side it takes there is checked in float64 by the cut suite, cuts.ts, not here)
  const D = Decimal.clone({ precision: digits + 10 });
  const eighth = (v: string, sign: 1 | -1): string => new D(v).div(8 * sign).toString();
  const points = [
    { x: { re: c.gamma, im: eighth(c.catalan, 1) }, y: { re: c.glaisher, im: eighth(c.gamma, -1) } },
    { x: { re: c.catalan, im: eighth(c.gamma, -1) }, y: { re: c.gamma, im: eighth(c.glaisher, 1) } },
    { x: { re: c.glaisher, im: eighth(c.glaisher, 1) }, y: { re: c.catalan, im: eighth(c.catalan, 1) } },
  ];
  const names = opts.names ?? Object.keys(PRIMITIVE_FORMULAS);
  return names.map((name) => {
    const formula = PRIMITIVE_FORMULAS[name];
    if (!formula) throw new Error(`identities: unknown primitive '${name}'`);
    const t = parseInfix(formula);
    const compiled = compileToEml(t, { mode: opts.mode ?? 'paper' });
    let worst = new D(0);
    let failure: string | undefined;
    for (const p of points) {
      const want = evaluatePrecise(t, p, { digits: digits + 5 });
      const got = evaluatePrecise(compiled.eml, p, { digits: digits + 5 });
      if (!want.ok || !got.ok) { failure = `not finite at x=${short(p.x)}: formula ${want.re}, compiled ${got.re}`; break; }
      const dr = new D(got.re).minus(want.re), di = new D(got.im).minus(want.im);
      const scale = D.max(1, D.sqrt(new D(want.re).pow(2).plus(new D(want.im).pow(2))));
      const rel = D.sqrt(dr.pow(2).plus(di.pow(2))).div(scale);
      if (rel.gt(worst)) worst = rel;
    }
    const agreeing = worst.isZero() ? digits : Math.min(digits, Math.floor(-worst.log(10).toNumber()));
    const required = digits - 5;
    const passed = !failure && agreeing >= required;
    return {
      name, formula, K: compiled.K,
      points: points.map((p) => ({ x: short(p.x), y: short(p.y) })),
      max_rel_diff: worst.toSD(3).toString(), agreeing_digits: agreeing, required_digits: required, passed,
      ...(failure ? { failure } : !passed ? { failure: `only ${agreeing} digits agree` } : {}),
    };
  });
}
