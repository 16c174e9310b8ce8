import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Expr, apply, constant, equals, num, variable } from '../../../src/core/expr';
import {
  exprFromJson, exprToJson, parseEml, parseInfix, parseMathematica, parseRpn, printEml, printInfix, printJson,
  printMathematica, printRpn,
} from '../../../src/core/syntax';
import { TRICKY_NUMBERS, exprArb, pureEmlArb } from './helpers';

const RUNS = { numRuns: 2000, seed: 20240611 };

/** Asserts that print → parse gives back an equal tree (showing the text on failure). */
function roundTrips(t: Expr, print: (t: Expr) => string, parse: (s: string) => Expr): void {
  const text = print(t);
  const back = parse(text);
  if (!equals(back, t)) expect.fail(`${text} re-parsed as ${printInfix(back)}`);
}

const x = variable('x');
const y = variable('y');
const z = variable('z');
const CAREFUL: readonly Expr[] = [
  apply('neg', apply('neg', x)),
  apply('neg', apply('neg', apply('neg', num(2)))),
  apply('pow', apply('neg', x), num(2)),
  apply('pow', apply('neg', apply('neg', x)), apply('neg', y)),
  apply('sub', x, apply('sub', y, z)),
  apply('div', x, apply('div', y, z)),
  apply('div', x, apply('mul', y, z)),
  apply('sub', x, apply('add', y, z)),
  apply('pow', x, apply('pow', y, apply('pow', z, num(2)))),
  apply('pow', apply('pow', apply('pow', x, y), z), num(2)),
  apply('pow', x, apply('neg', apply('pow', y, z))),
  apply('pow', apply('pow', x, apply('neg', y)), z),
  apply('mul', apply('pow', x, apply('neg', y)), z),
  apply('pow', constant('e'), x),
  apply('exp', x),
  apply('pow', constant('e'), apply('exp', x)),
  apply('sub', apply('neg', x), apply('neg', y)),
  apply('neg', apply('sub', x, y)),
  apply('log', apply('ln', x), apply('log', y, z)),
  ...TRICKY_NUMBERS,
  ...TRICKY_NUMBERS.map((n) => apply('pow', n, n)),
  ...TRICKY_NUMBERS.map((n) => apply('neg', apply('mul', n, n))),
];

describe('print → parse round trips', () => {
  it('parseInfix(printInfix(t)) equals t for the careful cases', () => {
    for (const t of CAREFUL) roundTrips(t, printInfix, parseInfix);
  });

  it('parseMathematica(printMathematica(t)) equals t for the careful cases', () => {
    for (const t of CAREFUL) roundTrips(t, printMathematica, parseMathematica);
  });

  it('parseRpn(printRpn(t)) and exprFromJson(exprToJson(t)) equal t for the careful cases', () => {
    for (const t of CAREFUL) {
      roundTrips(t, printRpn, parseRpn);
      roundTrips(t, printJson, (s) => exprFromJson(JSON.parse(s)));
    }
  });

  it('implicit products round-trip: printInfix writes the *, and the printed text parses back to the same tree', () => {
    for (const text of ['2x', '2(x + 1)', '(x + 1)(x - 1)', 'x y', '2x^2', '-2x', '1/2x', '2 sin(x) cos(y)', '3(y - 2)^2 x']) {
      const t = parseInfix(text);
      const printed = printInfix(t);
      expect(printed, text).toContain('*');
      roundTrips(t, printInfix, parseInfix);
      roundTrips(t, printMathematica, parseMathematica);
      roundTrips(t, printRpn, parseRpn);
    }
  });

  it('printed products re-parse the same with the * dropped between a factor and a name or (', () => {
    fc.assert(fc.property(exprArb, exprArb, (a, b) => {
      const explicit = `(${printInfix(a)})*(${printInfix(b)})`;
      const implicit = `(${printInfix(a)})(${printInfix(b)})`;
      expect(equals(parseInfix(implicit), parseInfix(explicit))).toBe(true);
    }), { numRuns: 500, seed: 11 });
  });

  it('parseInfix(printInfix(t)) equals t for random trees over the ops table', () => {
    fc.assert(fc.property(exprArb, (t) => roundTrips(t, printInfix, parseInfix)), RUNS);
  });

  it('parseMathematica(printMathematica(t)) equals t for random trees', () => {
    fc.assert(fc.property(exprArb, (t) => roundTrips(t, printMathematica, parseMathematica)), RUNS);
  });

  it('parseRpn(printRpn(t)) equals t for random trees', () => {
    fc.assert(fc.property(exprArb, (t) => roundTrips(t, printRpn, parseRpn)), RUNS);
  });

  it('exprFromJson(exprToJson(t)) and the printed JSON equal t for random trees', () => {
    fc.assert(fc.property(exprArb, (t) => {
      expect(equals(exprFromJson(exprToJson(t)), t)).toBe(true);
      roundTrips(t, printJson, (s) => exprFromJson(JSON.parse(s)));
    }), RUNS);
  });

  it('parseEml(printEml(t)) equals t for random pure EML trees, in both styles', () => {
    fc.assert(fc.property(pureEmlArb, (t) => {
      roundTrips(t, (u) => printEml(u), parseEml);
      roundTrips(t, (u) => printEml(u, 'mathematica'), parseEml);
    }), RUNS);
  });

  it('pure EML trees round-trip through every syntax', () => {
    fc.assert(fc.property(pureEmlArb, (t) => {
      roundTrips(t, printInfix, parseInfix);
      roundTrips(t, printMathematica, parseMathematica);
      roundTrips(t, printRpn, parseRpn);
      roundTrips(t, printJson, (s) => exprFromJson(JSON.parse(s)));
    }), { numRuns: 500, seed: 7 });
  });

  it('printInfix output is stable: printing the re-parsed tree gives the same text', () => {
    fc.assert(fc.property(exprArb, (t) => {
      const text = printInfix(t);
      expect(printInfix(parseInfix(text))).toBe(text);
    }), RUNS);
  });

  it('numbers print in a form that re-parses to the same value', () => {
    fc.assert(fc.property(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), (v) => {
      const n = num(v);
      expect((parseInfix(printInfix(n)) as { value: number }).value).toBe(v === 0 ? 0 : v);
      expect((parseMathematica(printMathematica(n)) as { value: number }).value).toBe(v === 0 ? 0 : v);
    }), RUNS);
  });
});
