// Large inputs: compiled-size EML trees (K ≈ 10^5, depth ≈ 250, shared subtrees), very long operator chains,
// very deep chains (printers must not recurse), and the nesting cap of the recursive-descent parsers.

import { describe, expect, it } from 'vitest';
import { type Expr, ONE, depth, eml, equals, size, variable } from '../../../src/core/expr';
import {
  MAX_NESTING, exprFromJson, parseEml, parseInfix, parseMathematica, parseRpn, printEml, printInfix, printJson, printLatex,
  printMathematica, printRpn,
} from '../../../src/core/syntax';
import { parseErrorOf, prng } from './helpers';

/** Returns a random pure EML tree of size k: a long spine with bushy sides, small subtrees shared (a DAG). */
function compiledLike(k: number, seed: number): Expr {
  const rnd = prng(seed);
  const shared = new Map<number, Expr>();
  const leaf = () => (rnd() < 0.5 ? ONE : variable(rnd() < 0.5 ? 'x' : 'y'));
  const gen = (n: number): Expr => {
    if (n <= 1) return leaf();
    const hit = shared.get(n);
    if (hit && rnd() < 0.5) return hit;
    const side = Math.min(n - 2, Math.floor(rnd() * 1000)) | 1;
    const a = gen(side);
    const b = gen(n - 1 - side);
    const t = rnd() < 0.5 ? eml(a, b) : eml(b, a);
    if (n < 60) shared.set(n, t);
    return t;
  };
  return gen(k);
}

describe('large trees', () => {
  const big = compiledLike(100_001, 42);

  it('a compiled-size EML tree (K = 100001) round-trips through every syntax', () => {
    expect(size(big)).toBe(100_001);
    expect(depth(big)).toBeGreaterThan(150);
    const cases: [string, (t: Expr) => string, (s: string) => Expr][] = [
      ['infix', printInfix, parseInfix],
      ['mathematica', printMathematica, parseMathematica],
      ['eml', (t) => printEml(t), parseEml],
      ['eml/mathematica', (t) => printEml(t, 'mathematica'), parseEml],
      ['rpn', printRpn, parseRpn],
      ['json', printJson, (s) => exprFromJson(JSON.parse(s))],
    ];
    for (const [name, print, parse] of cases) {
      const text = print(big);
      expect(equals(parse(text), big), name).toBe(true);
    }
    expect(printRpn(big).split(' ').length).toBe(100_001);
    expect(printLatex(big).length).toBeGreaterThan(100_001);
  });

  it('a sum of 100000 terms parses with a loop and prints back identically', () => {
    const text = Array.from({ length: 100_000 }, (_, k) => `x${k % 10}`).join(' + ');
    const t = parseInfix(text);
    expect(printInfix(t)).toBe(text);
    expect(printMathematica(parseMathematica(text))).toBe(text);
  });

  it('printers handle a chain 100000 levels deep without recursion', () => {
    const chain = parseRpn(`x${' neg'.repeat(100_000)}`);
    expect(printInfix(chain)).toBe(`${'- '.repeat(99_999)}-x`);
    expect(printMathematica(chain).length).toBe(printInfix(chain).length);
    expect(printLatex(chain).startsWith('-\\left(-\\left(')).toBe(true);
    expect(printRpn(chain)).toBe(`x${' neg'.repeat(100_000)}`);
    expect(printJson(chain).length).toBeGreaterThan(2_000_000);
    const emlChain = parseRpn(`1${' 1 EML'.repeat(100_000)}`);
    const emlText = printEml(emlChain);
    expect(emlText.length).toBe(1 + 100_000 * 'eml(, 1)'.length);
    expect(printEml(parseEml(emlText), 'mathematica')).toBe(printEml(emlChain, 'mathematica'));
  });

  it.each([
    ['parentheses', (n: number) => `${'('.repeat(n)}x${')'.repeat(n)}`],
    ['unary minus', (n: number) => `${'-'.repeat(n)}x`],
    ['power towers', (n: number) => `${'2^'.repeat(n)}x`],
    ['function calls', (n: number) => `${'sin('.repeat(n)}x${')'.repeat(n)}`],
  ])('parseInfix accepts %s nested 1000 levels and reports 1001 with a position', (_, make) => {
    expect(MAX_NESTING).toBe(1000);
    expect(() => parseInfix(make(1000))).not.toThrow();
    const e = parseErrorOf(() => parseInfix(make(1001)));
    expect(e.message).toMatch(/^formula nests too deeply \(more than 1000 levels\) at column \d+$/);
  });

  it('parseInfix reports the column of the level that is too deep', () => {
    expect(parseErrorOf(() => parseInfix(`${'('.repeat(1001)}x${')'.repeat(1001)}`)).message)
      .toBe('formula nests too deeply (more than 1000 levels) at column 1001');
    expect(parseErrorOf(() => parseInfix(`x + ${'-'.repeat(2000)}x`)).column).toBe(1005);
  });

  it('parseMathematica caps nesting like parseInfix', () => {
    expect(parseMathematica(`${'Sin['.repeat(1000)}x${']'.repeat(1000)}`).kind).toBe('op');
    expect(parseErrorOf(() => parseMathematica(`${'Sin['.repeat(1001)}x${']'.repeat(1001)}`)).message)
      .toBe('formula nests too deeply (more than 1000 levels) at column 4004');
  });
});
