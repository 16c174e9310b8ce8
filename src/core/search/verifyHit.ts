// Re-verification of a search hit before it is reported: a fingerprint match is only a candidate. The hit
// is evaluated at every verification point (the search probes plus extra points) in float64 under the search's
// semantics, and at `digits` significant digits with the precise evaluator, against the target formula.
// A hit is verified only if every point agrees in both; the report keeps the worst disagreement and where.

import { evaluate } from '../evaluate';
import type { Expr } from '../expr';
import { type PreciseValue, evaluatePrecise } from '../precise/evaluatePrecise';
import type { Semantics } from '../semantics';
import { type ProbePoint, showProbeValue } from './probes';

/** The verdict on one candidate tree. */
export interface HitVerification {
  verified: boolean;
  /** Points checked (variable values). */
  points: number;
  /** Worst |tree − target| / max(1, |target|) in float64 over the points. */
  floatRelError: number;
  /** Fewest significant digits on which the precise values agreed (capped at `digits`). */
  agreeingDigits: number;
  digits: number;
  /** Why the hit was rejected, naming the point. */
  failure?: string;
}

export interface VerifyOptions {
  semantics: Semantics;
  /** Significant digits of the precise check (default 40). */
  digits?: number;
  /** Digits that must agree (default digits − 10). */
  requiredDigits?: number;
  /** Accepted float64 relative error (default 1e-9). */
  floatTolerance?: number;
}

const show = (pt: ProbePoint): string => {
  const names = Object.keys(pt);
  return names.length ? names.map((n) => `${n} = ${showProbeValue(pt[n]!)}`).join(', ') : 'the constant';
};

/** Returns the verification of `tree` against `target` at the given points (points where the target is undefined are skipped). */
export function verifyHit(tree: Expr, target: Expr, points: readonly ProbePoint[], opts: VerifyOptions): HitVerification {
  const digits = opts.digits ?? 40;
  const required = opts.requiredDigits ?? digits - 10;
  const ftol = opts.floatTolerance ?? 1e-9;
  let floatRel = 0, agreeing = digits, checked = 0, preciseChecked = 0;
  for (const pt of points) {
    const want = evaluate(target, pt, { semantics: 'ieee' });
    if (!want.defined) continue;
    checked++;
    const got = evaluate(tree, pt, { semantics: opts.semantics });
    if (!got.defined) {
      const why = got.undefinedAt ? ` (a non-finite intermediate at ${got.undefinedAt})` : '';
      return fail(`undefined at ${show(pt)} under '${opts.semantics}' semantics${why}`);
    }
    const scale = Math.max(1, Math.hypot(want.re, want.im));
    const rel = Math.max(Math.abs(got.re - want.re), Math.abs(got.im - want.im)) / scale;
    floatRel = Math.max(floatRel, rel);
    if (!(rel <= ftol)) return fail(`float64 value ${fmt(got.re, got.im)} differs from the target ${fmt(want.re, want.im)} at ${show(pt)}`);
    const bind: Record<string, PreciseValue> = {};
    for (const [k, v] of Object.entries(pt)) bind[k] = typeof v === 'number' ? String(v) : { re: String(v.re), im: String(v.im) };
    const pw = evaluatePrecise(target, bind, { digits });
    const pg = evaluatePrecise(tree, bind, { digits });
    if (!pg.ok) return fail(`the ${digits}-digit value is not finite at ${show(pt)}`);
    const d = agreeingDigitsOf(pg.re, pg.im, pw.re, pw.im, digits);
    agreeing = Math.min(agreeing, d);
    preciseChecked++;
    if (d < required) return fail(`only ${d} of ${digits} digits agree at ${show(pt)}`);
  }
  if (checked === 0) return fail('the target is undefined at every verification point');
  return { verified: true, points: checked, floatRelError: floatRel, agreeingDigits: agreeing, digits };

  function fail(failure: string): HitVerification {
    return { verified: false, points: checked, floatRelError: floatRel, agreeingDigits: preciseChecked ? agreeing : 0, digits, failure };
  }
}

function fmt(re: number, im: number): string {
  return im === 0 ? String(re) : `${re}${im < 0 ? '-' : '+'}${Math.abs(im)}i`;
}

/** Returns how many significant digits two precise complex values share, relative to max(1, |want|). */
export function agreeingDigitsOf(gotRe: string, gotIm: string, wantRe: string, wantIm: string, digits: number): number {
  // decimal strings of `digits` significant digits: compare as numbers scaled by max(1, |want|)
  const dr = decimalDiff(gotRe, wantRe), di = decimalDiff(gotIm, wantIm);
  const scale = Math.max(1, Math.hypot(Number(wantRe), Number(wantIm)));
  const err = Math.max(dr, di) / scale;
  if (err === 0) return digits;
  return Math.max(0, Math.min(digits, Math.floor(-Math.log10(err))));
}

/** |a − b| for decimal strings, exact enough to see differences down to 1e-300 (via BigInt on aligned digits). */
function decimalDiff(a: string, b: string): number {
  if (a === b) return 0;
  const pa = parseDecimal(a), pb = parseDecimal(b);
  if (!pa || !pb) return Infinity;
  const e = Math.min(pa.exp, pb.exp);
  const ia = pa.mant * 10n ** BigInt(pa.exp - e), ib = pb.mant * 10n ** BigInt(pb.exp - e);
  const d = ia > ib ? ia - ib : ib - ia;
  if (d === 0n) return 0;
  const s = d.toString();
  return Number(`${s.slice(0, 17)}e${s.length - Math.min(17, s.length) + e}`);
}

function parseDecimal(s: string): { mant: bigint; exp: number } | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s.trim());
  if (!m) return null;
  const digits = (m[2] ?? '') + (m[3] ?? '');
  if (digits === '') return null;
  const exp = Number(m[4] ?? '0') - (m[3] ?? '').length;
  if (Math.abs(exp) > 100000) return null;
  const mant = BigInt(digits) * (m[1] === '-' ? -1n : 1n);
  return { mant, exp };
}
