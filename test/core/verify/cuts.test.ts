import { describe, expect, it } from 'vitest';
import { compileToEml } from '../../../src/core/compile';
import { PRIMITIVE_FORMULAS } from '../../../src/core/compile/primitives';
import { evaluate } from '../../../src/core/evaluate';
import { CUT_CASES, type CutCase, runCutCase } from '../../../src/core/verify/cuts';
import { parseInfix } from '../../../src/core/syntax';

describe('the branch-cut suite', () => {
  it('covers every primitive of the compiler that has a branch cut', () => {
    const withCut = ['sqrt', 'ln', 'pow', 'log_base', 'asin', 'acos', 'atan', 'asinh', 'acosh', 'atanh', 'asec', 'acsc', 'acot', 'hypot'];
    for (const n of withCut) expect(PRIMITIVE_FORMULAS[n], n).toBeDefined();
    expect([...new Set(CUT_CASES.map((c) => c.name))].sort()).toEqual([...withCut].sort());
  });

  it.each(CUT_CASES.map((c) => [`${c.formula} on ${c.cut}`, c] as const))(
    '%s: float, 40 digits and the compiled trees agree on the cut (±0) and beside it, and take the counter-clockwise side',
    (_label, c) => {
      const r = runCutCase(c);
      expect(r.failures).toEqual([]);
      expect(r.points).toBe(4 * c.at.length);
    },
  );

  it('a case that names the wrong side of a cut fails', () => {
    const asin = CUT_CASES.find((c) => c.name === 'asin')!;
    const wrong: CutCase = { ...asin, side: () => 'above' }; // C99's side for asin(x + 0i), x > 1
    const r = runCutCase(wrong);
    expect(r.passed).toBe(false);
    expect(r.failures.join('\n')).toMatch(/is not the limit from above/);
  });

  it('the issue\'s examples: sqrt(−4 − 0i) = 2i and ln(−1 − 0i) = iπ in float, and in the compiled tree under extended', () => {
    for (const [f, x, want] of [['sqrt(x)', { re: -4, im: -0 }, { re: 0, im: 2 }], ['ln(x)', { re: -1, im: -0 }, { re: 0, im: Math.PI }]] as const) {
      const t = parseInfix(f);
      for (const sem of ['ieee', 'extended'] as const) {
        const v = evaluate(t, { x }, { semantics: sem });
        expect([v.re, v.im]).toEqual([want.re, want.im]);
        const c = evaluate(compileToEml(t).eml, { x }, { semantics: 'extended' });
        expect(c.re).toBeCloseTo(want.re, 14);
        expect(c.im).toBeCloseTo(want.im, 14);
      }
    }
  });
});
