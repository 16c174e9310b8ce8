// The three numeric semantics of the engine, always chosen explicitly per call (default 'ieee').
// Every value that depends on the semantics records which one produced it. They differ only in how
// infinities and NaN are treated; branch cuts are the same in all three (below).
//
// 'ieee'     The textbook complex formulas evaluated in plain IEEE-754 double arithmetic, nothing more:
//            exp(a+ib) = e^a·cos b + i·e^a·sin b,  ln z = ln|z| + i·Arg z,  subtraction per component.
//            Consequences: ln 0 = −∞ + 0i; exp(−∞ + ib) = 0 for finite b; ∞ − ∞ = NaN;
//            exp(+∞ + 0i) = +∞ + NaN·i (because ∞·sin 0 = ∞·0 = NaN).
// 'extended' The paper's extended reals, completed with C99 Annex G's special values (C's cexp/clog, numpy):
//            as 'ieee', except in exp:  exp(−∞ + iy) = 0 for every y (even ±∞ or NaN);
//            exp(+∞ + 0i) = +∞ + 0i (a real infinity stays real); exp(+∞ + iy) = ∞·cis(y) for finite y ≠ 0;
//            exp(+∞ + i·(±∞ or NaN)) = ±∞ + NaN·i; exp(NaN + 0i) = NaN + 0i.
//            ln 0 = −∞, ln(±∞ + iy) = +∞ + i·Arg; where the modulus is 0 or ∞ the signs of zero parts give
//            the phase, as C99's clog does (ln(−0 + 0i) = −∞ + iπ, ln(−0 − 0i) = −∞ − iπ, ln(−∞ − 0i) = ∞ − iπ),
//            so the phase of an infinity survives exp(−∞ + iy) = ±0 and the next ln.
// 'strict'   Any non-finite intermediate (±∞ or NaN in either component) makes the whole value undefined.
//
// Branch cuts (all semantics, and the float evaluator, the precise evaluator and compiled EML trees alike) follow
// the paper's convention, which is Mathematica's: Arg z lies in (−π, π], the cut of ln lies on the negative real
// axis and belongs to its upper side, and a zero imaginary part of either sign counts as +0 for a finite nonzero
// argument (ln(−1 − 0i) = ln(−1 + 0i) = +iπ, √(−4 − 0i) = 2i). Every other function is its textbook formula in
// ln and √ (complexInverse.ts), so on a cut it takes the side reached counter-clockwise around the branch point:
// asin 2 = π/2 − i·ln(2 + √3) (C99 would give + i·ln(2 + √3) for 2 + 0i), acosh(−2) = ln(2 + √3) + iπ.
// Unlike C99, the sign of a zero never picks the side of a cut: a formula's value cannot depend on whether its
// compiled EML tree happens to produce +0 or −0 where the direct evaluator produces the other.

/** The numeric semantics names. */
export type Semantics = 'ieee' | 'extended' | 'strict';

/** All semantics, in documentation order. */
export const SEMANTICS: readonly Semantics[] = ['ieee', 'extended', 'strict'];

/** Returns the semantics named by s, or throws an error listing the valid names. */
export function parseSemantics(s: string): Semantics {
  if ((SEMANTICS as readonly string[]).includes(s)) return s as Semantics;
  throw new Error(`unknown semantics '${s}': expected one of ${SEMANTICS.join(', ')}`);
}
