// The enumeration's per-node features (src/core/search/compiledLanguage.ts, computeFeaturesInto) for a batch of
// kept values at once: the value itself, exp(v) and ln(v) at every probe, two probes per f64x2 instruction, written
// in the rows' layout so the host copies the block into its segment in one go. Lanes whose value is not finite, or
// is 0 (ln), or whose modulus would leave the range of a plain |v|² are listed for the host, which computes their
// rows with the scalar functions (the semantics' rules for ±∞, NaN and signed zeros live there).

import { VCOS, VSIN, sel, sp, vatan2, vexp, vlog, vsincos } from './vmath';

const PI: f64 = 3.141592653589793;
/** |v|² stays a normal double when the larger part lies in [2^-500, 2^500]. */
const BIG_MIN: f64 = reinterpret<f64>(0x20b0000000000000); // 2^-500
const BIG_MAX: f64 = reinterpret<f64>(0x5f30000000000000); // 2^500

/**
 * Computes the features of `rows` values. src: rows × P complex values (re, im interleaved); dst: rows × stride
 * doubles, each feature 2P doubles at its offset in the row (idOff, expOff, lnOff; −1 when the language has no such
 * feature). ext ≠ 0: 'extended' semantics (ln of a positive real keeps the sign of its zero imaginary part).
 * Writes the index (row·P + probe) of every lane left to the host into fix (i32) and returns how many there are.
 */
export function emlFeatures(src: usize, dst: usize, rows: i32, P: i32, stride: i32, idOff: i32, expOff: i32, lnOff: i32, ext: i32, fix: usize): i32 {
  let nfix = 0;
  const rowIn = <usize>(2 * P) << 3, rowOut = <usize>stride << 3;
  // ln of a positive real: its imaginary part keeps the sign of a zero im under 'extended', else +0
  const keepZeroSign = i64x2.splat(ext != 0 ? -1 : 0);
  for (let r = 0; r < rows; r++) {
    const s = src + <usize>r * rowIn, d = dst + <usize>r * rowOut;
    for (let p = 0; p < P; p += 2) {
      const two = p + 1 < P;
      const at = s + (<usize>p << 4);
      const a = v128.load(at), b = two ? v128.load(at + 16) : a;
      const re = f64x2.shuffle(a, b, 0, 2), im = f64x2.shuffle(a, b, 1, 3);
      const zeroIm = f64x2.eq(im, sp(0.0));
      const finite = v128.and(f64x2.eq(f64x2.sub(re, re), sp(0.0)), f64x2.eq(f64x2.sub(im, im), sp(0.0)));
      // exp(re + i·im) = e^re·(cos im, sin im); a zero im gives (e^re, e^re·im) as the scalar path
      const m = vexp(re);
      let eRe = m, eIm = f64x2.mul(m, im);
      if (!i64x2.all_true(zeroIm)) {
        vsincos(im);
        eRe = f64x2.mul(m, VCOS);
        eIm = f64x2.mul(m, VSIN);
      }
      // ln: a positive real takes log(re); otherwise ln|v| (log1p form near |v| = 1) and the argument
      const posReal = v128.and(zeroIm, f64x2.gt(re, sp(0.0)));
      let lRe: v128, lIm: v128;
      const realIm = sel(im, sp(0.0), keepZeroSign);
      let bad = v128.not(finite);
      if (i64x2.all_true(posReal)) {
        lRe = vlog(re);
        lIm = realIm;
      } else {
        const ar = f64x2.abs(re), ai = f64x2.abs(im);
        const big = f64x2.max(ar, ai), small = f64x2.min(ar, ai);
        const nearOne = v128.and(v128.and(f64x2.gt(big, sp(0.5)), f64x2.lt(big, sp(2.0))), f64x2.lt(small, sp(1.0)));
        // near 1: ln|v| = log1p(u)/2 with u = (big − 1)(big + 1) + small² = |v|² − 1, log1p(u) = log(w) − ((w − 1) − u)/w
        const u = f64x2.add(f64x2.mul(f64x2.sub(big, sp(1.0)), f64x2.add(big, sp(1.0))), f64x2.mul(small, small));
        const w = f64x2.add(sp(1.0), u);
        const r2 = f64x2.add(f64x2.mul(re, re), f64x2.mul(im, im));
        const lg = vlog(sel(re, sel(w, r2, nearOne), posReal));
        const corr = f64x2.div(f64x2.sub(f64x2.sub(w, sp(1.0)), u), w);
        const half = f64x2.mul(sp(0.5), sel(f64x2.sub(lg, corr), lg, nearOne));
        lRe = sel(lg, half, posReal);
        // the argument: 0 (positive real), π (negative real: the cut belongs to the upper side), else atan2
        lIm = sel(realIm, sel(sp(PI), vatan2(im, re), zeroIm), posReal);
        const inRange = v128.and(f64x2.ge(big, sp(BIG_MIN)), f64x2.le(big, sp(BIG_MAX)));
        bad = v128.or(bad, v128.andnot(v128.not(v128.or(posReal, nearOne)), inRange));
        bad = v128.or(bad, v128.and(f64x2.eq(re, sp(0.0)), zeroIm));
      }
      const o = <usize>p << 4;
      if (idOff >= 0) {
        const q = d + (<usize>idOff << 3) + o;
        v128.store(q, a);
        if (two) v128.store(q + 16, b);
      }
      if (expOff >= 0) {
        const q = d + (<usize>expOff << 3) + o;
        v128.store(q, f64x2.shuffle(eRe, eIm, 0, 2));
        if (two) v128.store(q + 16, f64x2.shuffle(eRe, eIm, 1, 3));
      }
      if (lnOff >= 0) {
        const q = d + (<usize>lnOff << 3) + o;
        v128.store(q, f64x2.shuffle(lRe, lIm, 0, 2));
        if (two) v128.store(q + 16, f64x2.shuffle(lRe, lIm, 1, 3));
      }
      if (v128.any_true(bad)) {
        const e = r * P + p;
        if (i64x2.extract_lane(bad, 0) != 0) { store<i32>(fix + (<usize>nfix << 2), e); nfix++; }
        if (two && i64x2.extract_lane(bad, 1) != 0) { store<i32>(fix + (<usize>nfix << 2), e + 1); nfix++; }
      }
    }
  }
  return nfix;
}
