import { describe, expect, it } from 'vitest';
import { type Expr, ONE, apply, constant, eml, equals, num, variable } from '../../../src/core/expr';
import { OPS } from '../../../src/core/ops';
import { parseRpn, printInfix, printRpn, rpnTokens } from '../../../src/core/syntax';
import { parseErrorOf } from './helpers';

const x = variable('x');
const y = variable('y');
const expectTree = (text: string | string[], want: Expr) => {
  const got = parseRpn(text);
  expect(equals(got, want), `${String(text)} parsed as ${printInfix(got)}`).toBe(true);
};

describe('parseRpn', () => {
  it.each([
    ['1 x EML', eml(ONE, x)], ['1 x E', eml(ONE, x)], ['1 x eml', eml(ONE, x)],
    ['x 2 ^ sin', apply('sin', apply('pow', x, num(2)))], ['x 2 ** ', apply('pow', x, num(2))],
    ['x y -', apply('sub', x, y)], ['x neg', apply('neg', x)], ['x y + 2 *', apply('mul', apply('add', x, y), num(2))],
    ['2 x log', apply('log', num(2), x)], ['x ln', apply('ln', x)], ['x arcsin', apply('asin', x)],
    ['e pi i phi + + +', apply('add', constant('e'), apply('add', constant('pi'), apply('add', constant('i'), constant('phi'))))],
    ['.5 1e-3 /', apply('div', num(0.5), num(0.001))],
    ['  x\n\tneg  ', apply('neg', x)],
    ['x y add', apply('add', x, y)],
  ])('parseRpn parses %j', (text, want) => expectTree(text, want));

  it('parseRpn accepts a token list', () => {
    expectTree(['1', 'x', 'EML'], eml(ONE, x));
  });

  it('parseRpn reads every operator of the ops table by its RPN token and name', () => {
    for (const o of OPS) {
      const args = o.arity === 1 ? [x] : [x, y];
      const operands = o.arity === 1 ? 'x' : 'x y';
      expectTree(`${operands} ${o.name}`, apply(o.name, ...args));
      const t = apply(o.name, ...args);
      expectTree(printRpn(t), t);
    }
  });

  it.each([
    ['x EML', "'EML' needs 2 operands, the stack holds 1 (token 2) at column 3"],
    ['neg', "'neg' needs 1 operand, the stack holds 0 (token 1) at column 1"],
    ['1 2 3 +', '2 values left on the stack after the last token (token 4), expected 1 at column 8'],
    ['', 'expected a formula at column 1, found end of input'],
    ['1 # +', "unknown token '#' (token 2) at column 3"],
    ['x -2 +', "unknown token '-2' (token 2) at column 3"],
    ['1e999', "number '1e999' is out of range (token 1) at column 1"],
  ])('parseRpn reports %j exactly', (text, message) => {
    expect(parseErrorOf(() => parseRpn(text)).message).toBe(message);
  });

  it('parseRpn names the token index of a stack underflow', () => {
    expect(parseErrorOf(() => parseRpn('1 x EML EML'))).toMatchObject({ syntax: 'rpn', tokenIndex: 3, pos: 8, column: 9 });
  });

  it('parseRpn positions token-list errors as if the tokens were joined by spaces', () => {
    expect(parseErrorOf(() => parseRpn(['1', 'x', 'sin', '+', '+']))).toMatchObject({ tokenIndex: 4, column: 11 });
    expect(parseErrorOf(() => parseRpn(['1', '', 'x'])).message).toBe('empty token (token 2) at column 3');
  });
});

describe('printRpn', () => {
  it('printRpn writes eml as EML, neg by name and operators by symbol', () => {
    const t = apply('sub', eml(ONE, x), apply('neg', apply('sin', apply('pow', x, num(2)))));
    expect(printRpn(t)).toBe('1 x EML x 2 ^ sin neg -');
    expect(rpnTokens(t)).toEqual(['1', 'x', 'EML', 'x', '2', '^', 'sin', 'neg', '-']);
    expect(printRpn(apply('log', num(2), apply('ln', x)))).toBe('2 x ln log');
  });
});
