import { describe, expect, it } from 'vitest';
import { verifyBasis } from '../../../src/core/search/bootstrap';

/** The published chain for the base {1, EML} (reference section 3.6: rust_verify_1.log, explain mode). */
const PUBLISHED_EML_CHAIN: Array<[string, string, number, string]> = [
  ['E', 'constant', 3, 'EML[1, 1]'],
  ['Exp', 'unary', 3, 'EML[x, 1]'],
  ['Log', 'unary', 6, 'EML[1, Exp[EML[1, x]]]'],
  ['Subtract', 'binary', 5, 'EML[Log[x], Exp[y]]'],
  ['-1', 'constant', 4, 'Subtract[Log[1], 1]'],
  ['2', 'constant', 3, 'Subtract[1, -1]'],
  ['Minus', 'unary', 4, 'Subtract[Log[1], x]'],
  ['Plus', 'binary', 4, 'Subtract[x, Minus[y]]'],
  ['Inv', 'unary', 4, 'Exp[Minus[Log[x]]]'],
  ['Times', 'binary', 6, 'Exp[Plus[Log[x], Log[y]]]'],
  ['Sqr', 'unary', 3, 'Times[x, x]'],
  ['Divide', 'binary', 4, 'Times[x, Inv[y]]'],
  ['Half', 'unary', 3, 'Divide[x, 2]'],
  ['Avg', 'binary', 4, 'Half[Plus[x, y]]'],
  ['Sqrt', 'unary', 4, 'Exp[Half[Log[x]]]'],
  ['Power', 'binary', 5, 'Exp[Times[y, Log[x]]]'],
  ['Log', 'binary', 5, 'Divide[Log[y], Log[x]]'],
  ['Pi', 'constant', 5, 'Sqrt[Minus[Sqr[Log[-1]]]]'],
  ['Hypot', 'binary', 6, 'Sqrt[Plus[Sqr[x], Sqr[y]]]'],
  ['LogisticSigmoid', 'unary', 6, 'Inv[EML[Minus[x], Exp[-1]]]'],
  ['Cosh', 'unary', 6, 'Avg[Exp[x], Exp[Minus[x]]]'],
  ['Sinh', 'unary', 5, 'EML[x, Exp[Cosh[x]]]'],
  ['Tanh', 'unary', 5, 'Divide[Sinh[x], Cosh[x]]'],
  ['Cos', 'unary', 5, 'Cosh[Sqrt[Minus[Sqr[x]]]]'],
  ['Sin', 'unary', 5, 'Cos[Subtract[x, Half[Pi]]]'],
  ['Tan', 'unary', 5, 'Divide[Sin[x], Cos[x]]'],
  ['ArcSinh', 'unary', 6, 'Log[Plus[x, Hypot[-1, x]]]'],
  ['ArcCosh', 'unary', 5, 'ArcSinh[Hypot[x, Sqrt[-1]]]'],
  ['ArcCos', 'unary', 4, 'ArcCosh[Cos[ArcCosh[x]]]'],
  ['ArcTanh', 'unary', 5, 'ArcSinh[Inv[Tan[ArcCos[x]]]]'],
  ['ArcSin', 'unary', 5, 'Subtract[Half[Pi], ArcCos[x]]'],
  ['ArcTan', 'unary', 4, 'ArcSin[Tanh[ArcSinh[x]]]'],
];

describe('verifyBasis', () => {
  it('reproduces the published witness chain for {1, EML} (32 primitives, largest K 6, 147 passes)', () => {
    const r = verifyBasis({ constants: ['1'], unary: [], binary: ['EML'], explain: true });
    expect(r.complete).toBe(true);
    expect(r.chain.map((s) => [s.name, s.kind, s.K, s.witness])).toEqual(PUBLISHED_EML_CHAIN);
    expect(r.largestK).toBe(6);
    expect(r.passes).toBe(147);
    // the three flaky witnesses the reference rejects, each failing at a validation probe
    expect(r.rejected.map((j) => [j.name, j.K, j.witness]).sort()).toEqual([
      ['ArcSin', 4, 'ArcCos[Sin[ArcCos[x]]]'], ['ArcTan', 5, 'ArcCos[Inv[Cosh[ArcSinh[x]]]]'], ['ArcTanh', 5, 'ArcCosh[Inv[Sin[ArcCos[x]]]]'],
    ]);
    for (const s of r.chain) expect(s.validatedAt).toBeGreaterThan(0);
  });

  it('bootstraps the reference\'s default base {π; exp, ln, −x; +} in its discovery order (no explain)', () => {
    const r = verifyBasis({ constants: ['Pi'], unary: ['Exp', 'Log', 'Minus'], binary: ['Plus'] });
    expect(r.complete).toBe(true);
    // section 8.3: discovery order and K of the reference's default run
    expect(r.chain.map((s) => `${s.name} ${s.K}`).join(', ')).toBe(
      'Subtract 4, 1 4, -1 2, E 2, 2 3, Inv 4, Divide 6, Half 3, Avg 4, Times 4, Sqr 3, Sqrt 4, Log 5, Power 5, Hypot 6, '
      + 'ArcSinh 6, ArcCosh 5, ArcCos 5, ArcSin 5, ArcTan 5, Cosh 6, Cos 4, Sin 4, ArcTanh 5, Sinh 5, Tan 4, Tanh 4, LogisticSigmoid 5');
  });

  it('reports what an incomplete base cannot reach within max K', () => {
    // exp and + alone never produce a logarithm
    const r = verifyBasis({ constants: ['1'], unary: ['Exp'], binary: ['Plus'], maxK: 4, targets: { constant: ['2'], unary: ['Log'], binary: [] } });
    expect(r.complete).toBe(false);
    expect(r.chain.map((s) => s.name)).toEqual(['2']);
    expect(r.remaining.unary).toEqual(['Log']);
    expect(r.stop).toEqual({ kind: 'exhausted', maxK: 4 });
  });

  it('accepts a user-defined operation written as a formula (EML as F = exp(a) − ln(b))', () => {
    const r = verifyBasis({ constants: ['1'], unary: [], binary: ['F=exp(a) - ln(b)'], targets: { constant: ['E'], unary: ['Exp', 'Log'], binary: ['Subtract'] }, explain: true });
    expect(r.chain.map((s) => `${s.name} ${s.K} ${s.witness}`)).toEqual(['E 3 F[1, 1]', 'Exp 3 F[x, 1]', 'Log 6 F[1, Exp[F[1, x]]]', 'Subtract 5 F[Log[x], Exp[y]]']);
  });

  it('names unknown primitives and bad limits', () => {
    expect(() => verifyBasis({ constants: ['1'], unary: [], binary: ['Frobnicate'] })).toThrow(/unknown binary function 'Frobnicate'/);
    expect(() => verifyBasis({ constants: ['Tau'], unary: [], binary: ['EML'] })).toThrow(/unknown constant 'Tau'/);
    expect(() => verifyBasis({ constants: ['1'], unary: [], binary: [] })).toThrow(/at least one unary or binary/);
    expect(() => verifyBasis({ constants: ['1'], unary: [], binary: ['EML'], maxK: 99 })).toThrow(/max K must be an integer from 1 to 20/);
    expect(() => verifyBasis({ constants: ['1'], unary: [], binary: ['F=exp(a) - ln(c)'] })).toThrow(/may use only a and b/);
  });

  it('stops when cancelled', () => {
    let n = 0;
    const r = verifyBasis({ constants: ['1'], unary: [], binary: ['EML'], shouldStop: () => ++n > 20 });
    expect(r.stop.kind).toBe('cancelled');
    expect(r.complete).toBe(false);
  });
});
