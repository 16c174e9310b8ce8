// Long flat input: every walk of the compiler, the evaluators and the printers is iterative, so long chains and the
// compiled trees thousands of levels deep they give never exhaust the stack.

import { describe, expect, it } from 'vitest';
import { compileToEml } from '../../../src/core/compile';
import { evaluate } from '../../../src/core/evaluate';
import { depth, equals, size } from '../../../src/core/expr';
import { parseEml, parseInfix, printEml, printInfix } from '../../../src/core/syntax';

const N = 2000;
const VALUES = Array.from({ length: 7 }, (_, k) => 0.9 + k / 30);
const AT = Object.fromEntries(VALUES.map((v, k) => [`x${k}`, v]));
const term = (k: number) => `x${k % 7}`;
const chain = (op: string) => Array.from({ length: N }, (_, k) => term(k)).join(` ${op} `);

describe('compileToEml on long chains', () => {
  it.each([['+', 'x + y', VALUES.reduce((s, v) => s + v, 0)], ['*', 'x*y', VALUES.reduce((p, v) => p * v, 1)]])(
    'a 2000-term chain of %s compiles, with K additive, to a tree that evaluates to its value',
    (op, pairText, cycle) => {
      const r = compileToEml(parseInfix(chain(op)));
      const pair = compileToEml(parseInfix(pairText));
      // every operand and every operator application is kept: K = N leaves + (N − 1) × the cost of one operator
      expect(r.K).toBe(N + (N - 1) * (pair.K - 2));
      expect(r.depth).toBeGreaterThan(N);
      // 2000 = 285 cycles of the 7 values + the first 5
      const rest = VALUES.slice(0, N % 7);
      const want = op === '+' ? 285 * cycle + rest.reduce((s, v) => s + v, 0) : cycle ** 285 * rest.reduce((p, v) => p * v, 1);
      // the sum reaches ~2000: a regrouped chain would pass partial sums through exp and overflow here
      const got = evaluate(r.eml, AT, { semantics: r.semantics });
      expect(Math.abs(got.re - want) / want).toBeLessThan(1e-11);
      expect(Math.abs(got.im)).toBeLessThan(1e-9);
      // the printed tree reads back to the same tree (the EML parser is iterative too)
      expect(equals(parseEml(printEml(r.eml)), r.eml)).toBe(true);
    });

  it('a 2000-term chain of alternating - and + compiles left-deep and evaluates to its value', () => {
    const text = Array.from({ length: N }, (_, k) => term(k)).reduce((s, t, k) => `${s} ${k % 2 ? '-' : '+'} ${t}`);
    let want = VALUES[0]!;
    for (let k = 1; k < N; k++) want += (k % 2 ? -1 : 1) * VALUES[k % 7]!;
    const r = compileToEml(parseInfix(text));
    expect(r.depth).toBeGreaterThan(N);
    const got = evaluate(r.eml, AT, { semantics: r.semantics });
    expect(got.re).toBeCloseTo(want, 8);
    expect(printEml(r.eml).length).toBeGreaterThan(r.K);
  });

  it('sin nested 300 deep compiles (a compiled tree thousands of levels deep) and evaluates to the iterated sine', () => {
    const r = compileToEml(parseInfix(`${'sin('.repeat(300)}x${')'.repeat(300)}`));
    expect(r.depth).toBeGreaterThan(3000);
    let want = 0.5;
    for (let k = 0; k < 300; k++) want = Math.sin(want);
    expect(evaluate(r.eml, { x: 0.5 }, { semantics: r.semantics }).re).toBeCloseTo(want, 9);
    expect(size(r.eml)).toBe(r.K);
    expect(depth(r.eml)).toBe(r.depth);
  });
});
