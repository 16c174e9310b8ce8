import { describe, expect, it } from 'vitest';
import { type Expr, apply, constant, equals, num, variable } from '../../../src/core/expr';
import { OPS } from '../../../src/core/ops';
import { parseMathematica, printInfix } from '../../../src/core/syntax';
import { parseErrorOf } from './helpers';

const x = variable('x');
const y = variable('y');
const z = variable('z');
const expectTree = (text: string, want: Expr) => {
  const got = parseMathematica(text);
  expect(equals(got, want), `${text} parsed as ${printInfix(got)}`).toBe(true);
};

describe('parseMathematica', () => {
  it('parseMathematica reads every head of the ops table and its aliases', () => {
    for (const o of OPS) {
      const args = o.arity === 1 ? [x] : [x, y];
      for (const head of [o.mathematica, ...o.mathematicaAliases]) {
        expectTree(`${head}[${o.arity === 1 ? 'x' : 'x, y'}]`, apply(o.name, ...args));
      }
    }
  });

  it.each([
    ['Sin[x]', apply('sin', x)], ['Log[z]', apply('ln', z)], ['Ln[z]', apply('ln', z)], ['Log[b, z]', apply('log', variable('b'), z)],
    ['Pi', constant('pi')], ['E', constant('e')], ['I', constant('i')], ['GoldenRatio', constant('phi')],
    ['e', variable('e')], ['pi', variable('pi')], ['x1', variable('x1')],
    ['EML[1, EML[x, 1]]', apply('eml', num(1), apply('eml', x, num(1)))],
    ['Plus[x, y, z]', apply('add', apply('add', x, y), z)],
    ['Times[x, y, z]', apply('mul', apply('mul', x, y), z)],
    ['Plus[x]', x],
    ['Subtract[x, y]', apply('sub', x, y)], ['Divide[x, y]', apply('div', x, y)], ['Power[E, x]', apply('pow', constant('e'), x)],
    ['Minus[x]', apply('neg', x)], ['Sqrt[x]', apply('sqrt', x)], ['Exp[x]', apply('exp', x)], ['Half[x]', apply('half', x)],
    ['Sqr[x]', apply('sqr', x)], ['Inv[x]', apply('inv', x)], ['Avg[x, y]', apply('avg', x, y)], ['Mean[x, y]', apply('avg', x, y)],
    ['Hypot[x, y]', apply('hypot', x, y)], ['LogisticSigmoid[x]', apply('sigmoid', x)], ['Sigmoid[x]', apply('sigmoid', x)],
    ['ArcSin[x]', apply('asin', x)], ['ArcTanh[x]', apply('atanh', x)],
    ['Sin[x]^2 + 1/x', apply('add', apply('pow', apply('sin', x), num(2)), apply('div', num(1), x))],
    ['-x^2', apply('neg', apply('pow', x, num(2)))], ['2^-x', apply('pow', num(2), apply('neg', x))],
    ['x^y^z', apply('pow', x, apply('pow', y, z))], ['(x - y)*z', apply('mul', apply('sub', x, y), z)],
    ['x - y - z', apply('sub', apply('sub', x, y), z)],
    ['1*^-7', num(1e-7)], ['2.5*^3', num(2500)], ['1e-3', num(0.001)], ['.5', num(0.5)],
    [' Sin [ x ] ', apply('sin', x)],
  ])('parseMathematica parses %s', (text, want) => expectTree(text, want));

  /** Every function head of the Mathematica syntax, as an unknown-function error lists them. */
  const HEADS = 'ArcCos, ArcCosh, ArcCot, ArcCsc, ArcSec, ArcSin, ArcSinh, ArcTan, ArcTanh, Avg, Cos, Cosh, Cot, Csc, EML, Exp, Half, Hypot, Inv, '
    + 'Log, LogisticSigmoid, Sec, Sin, Sinh, Sqr, Sqrt, Tan, Tanh';

  it.each([
    ['a b', "expected operator or end of input at column 3, found 'b'"],
    ['2 x', "expected operator or end of input at column 3, found 'x'"],
    ['Foo[x]', `unknown function 'Foo' (functions: ${HEADS}) at column 1`],
    ['sin[x]', `unknown function 'sin' (did you mean 'Sin'? functions: ${HEADS}) at column 1`],
    ['Pi[2]', "'Pi' is a constant, not a function at column 1"],
    ['Sin(x)', "expected '[' after 'Sin' at column 4, found '('"],
    ['Sin', "expected '[' after 'Sin' at column 4, found end of input"],
    ['Sin[x', "expected ']' at column 6, found end of input"],
    ['Sin[x, y]', 'Sin takes 1 argument, got 2 at column 1'],
    ['Log[1, 2, 3]', 'Log takes 1 or 2 arguments, got 3 at column 1'],
    ['Log[]', 'Log takes 1 or 2 arguments, got 0 at column 1'],
    ['Plus[]', 'Plus takes at least 1 argument, got 0 at column 1'],
    ['Power[x]', 'Power takes 2 arguments, got 1 at column 1'],
    ['x ** y', "expected operand at column 4, found '*'"],
    ['(x', "expected ')' at column 3, found end of input"],
    ['x]', "expected operator or end of input at column 2, found ']'"],
    ['x == y', "unexpected character '=' at column 3"],
  ])('parseMathematica reports %j exactly', (text, message) => {
    expect(parseErrorOf(() => parseMathematica(text)).message).toBe(message);
  });

  it('parseMathematica tags its errors with the mathematica syntax', () => {
    expect(parseErrorOf(() => parseMathematica('Sin[x'))).toMatchObject({ syntax: 'mathematica', pos: 5, column: 6 });
  });
});
