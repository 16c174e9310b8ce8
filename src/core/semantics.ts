// The three numeric semantics of the engine, always chosen explicitly per call (default 'ieee').
// Every value that depends on the semantics records which one produced it.
//
// 'ieee'     The textbook complex formulas evaluated in plain IEEE-754 double arithmetic, nothing more:
//            exp(a+ib) = e^a·cos b + i·e^a·sin b,  ln z = ln|z| + i·Arg z,  subtraction per component.
//            Consequences: ln 0 = −∞ + 0i; exp(−∞ + ib) = 0 for finite b; ∞ − ∞ = NaN;
//            exp(+∞ + 0i) = +∞ + NaN·i (because ∞·sin 0 = ∞·0 = NaN).
// 'extended' The paper's extended reals, made complex the way C99 Annex G (C's cexp/clog, numpy) does:
//            as 'ieee', except in exp:  exp(−∞ + iy) = 0 for every y (even ±∞ or NaN);
//            exp(+∞ + 0i) = +∞ + 0i (a real infinity stays real); exp(+∞ + iy) = ∞·cis(y) for finite y ≠ 0;
//            exp(+∞ + i·(±∞ or NaN)) = ±∞ + NaN·i; exp(NaN + 0i) = NaN + 0i.
//            ln is C99's clog: ln 0 = −∞, ln(±∞ + iy) = +∞ + i·Arg, and signed zeros are kept and
//            choose the side of the cut (ln(−1 − 0i) = −iπ, ln(−0 + 0i) = −∞ + iπ), so the phase of
//            an infinity survives exp(−∞ + iy) = ±0 and the next ln. This is what numpy and C give.
// 'strict'   Any non-finite intermediate (±∞ or NaN in either component) makes the whole value undefined.
//
// Under 'ieee' and 'strict', Arg z lies in (−π, π]: a zero imaginary part of either sign counts as +0,
// so ln(−1) = +iπ, and Arg 0 = 0. Under 'extended' the same holds except on the cut itself, where a
// −0 imaginary part selects the lower edge (Arg = −π), exactly as C99 Annex G specifies.

/** The numeric semantics names. */
export type Semantics = 'ieee' | 'extended' | 'strict';

/** All semantics, in documentation order. */
export const SEMANTICS: readonly Semantics[] = ['ieee', 'extended', 'strict'];

/** Returns the semantics named by s, or throws an error listing the valid names. */
export function parseSemantics(s: string): Semantics {
  if ((SEMANTICS as readonly string[]).includes(s)) return s as Semantics;
  throw new Error(`unknown semantics '${s}': expected one of ${SEMANTICS.join(', ')}`);
}
