import { describe, expect, it } from 'vitest';
import { type Expr, apply, constant, equals, num, variable } from '../../../src/core/expr';
import { OPS } from '../../../src/core/ops';
import { ParseError, parseInfix, printInfix } from '../../../src/core/syntax';
import { parseErrorOf } from './helpers';

const x = variable('x');
const y = variable('y');
const z = variable('z');
/** Every function of the infix syntax by its canonical name, as an unknown-function error lists them. */
const FUNCTIONS = 'acos, acosh, acot, acsc, asec, asin, asinh, atan, atanh, avg, cos, cosh, cot, csc, eml, exp, half, hypot, inv, ln, log, sec, sigmoid, sin, sinh, sqr, sqrt, tan, tanh';
const expectTree = (text: string, want: Expr) => {
  const got = parseInfix(text);
  expect(equals(got, want), `${text} parsed as ${printInfix(got)}`).toBe(true);
};

describe('parseInfix', () => {
  it.each([
    ['2', num(2)], ['0.5', num(0.5)], ['.5', num(0.5)], ['1e-3', num(0.001)], ['2.5E+3', num(2500)], ['7.', num(7)],
  ])('parseInfix reads the number %s', (text, want) => expectTree(text, want));

  it('parseInfix keeps the spelling of a number', () => {
    expect(parseInfix('.50')).toMatchObject({ kind: 'num', text: '.50', value: 0.5 });
  });

  it.each([
    ['pi', constant('pi')], ['π', constant('pi')], ['e', constant('e')], ['i', constant('i')],
    ['phi', constant('phi')], ['golden_ratio', constant('phi')], ['φ', constant('phi')],
    ['x', x], ['x_1', variable('x_1')], ['abc2', variable('abc2')], ['E', variable('E')], ['_t', variable('_t')],
  ])('parseInfix resolves the identifier %s', (text, want) => expectTree(text, want));

  it('parseInfix reads every function of the ops table by its name and aliases', () => {
    const fns = OPS.filter((o) => o.kind === 'function');
    expect(fns.length).toBeGreaterThan(20);
    for (const o of fns) {
      const args = o.arity === 1 ? [x] : [x, y];
      for (const name of [o.infix, ...o.aliases]) expectTree(`${name}(${o.arity === 1 ? 'x' : 'x, y'})`, apply(o.name, ...args));
    }
  });

  it.each([
    ['asin(x)', apply('asin', x)], ['arcsin(x)', apply('asin', x)], ['arsinh(x)', apply('asinh', x)],
    ['arcsinh(x)', apply('asinh', x)], ['mean(x, y)', apply('avg', x, y)], ['logistic(x)', apply('sigmoid', x)],
    ['EML(1, x)', apply('eml', num(1), x)],
  ])('parseInfix accepts the alias in %s', (text, want) => expectTree(text, want));

  it('parseInfix reads log(b, z) with the base first and log(z) as ln(z)', () => {
    expectTree('log(2, z)', apply('log', num(2), z));
    expectTree('log(z)', apply('ln', z));
    expectTree('ln(z)', apply('ln', z));
  });

  it.each([
    ['x + y * z', apply('add', x, apply('mul', y, z))],
    ['(x + y) * z', apply('mul', apply('add', x, y), z)],
    ['x - y - z', apply('sub', apply('sub', x, y), z)],
    ['x / y / z', apply('div', apply('div', x, y), z)],
    ['x / y * z', apply('mul', apply('div', x, y), z)],
    ['x ^ y ^ z', apply('pow', x, apply('pow', y, z))],
    ['x ** y ** z', apply('pow', x, apply('pow', y, z))],
    ['-x^2', apply('neg', apply('pow', x, num(2)))],
    ['(-x)^2', apply('pow', apply('neg', x), num(2))],
    ['2^-x', apply('pow', num(2), apply('neg', x))],
    ['2^-x^2', apply('pow', num(2), apply('neg', apply('pow', x, num(2))))],
    ['-2', apply('neg', num(2))],
    ['--x', apply('neg', apply('neg', x))],
    ['+x', x],
    ['-x*y', apply('mul', apply('neg', x), y)],
    ['x*-y', apply('mul', x, apply('neg', y))],
    ['x - -y', apply('sub', x, apply('neg', y))],
    ['e^x', apply('pow', constant('e'), x)],
    ['exp(x)', apply('exp', x)],
    ['sin(x)^2', apply('pow', apply('sin', x), num(2))],
    ['eml(1, eml(x, 1))', apply('eml', num(1), apply('eml', x, num(1)))],
    ['  sin ( x )\t+\n1 ', apply('add', apply('sin', x), num(1))],
  ])('parseInfix parses %s with the precedence of the ops table', (text, want) => expectTree(text, want));

  it.each([
    ['sin(x', "expected ')' at column 6, found end of input"],
    ['(x + 1', "expected ')' at column 7, found end of input"],
    ['(x + 1 2)', "expected operator or ')' at column 8, found '2'"],
    ['2 3', "expected operator or end of input at column 3, found '3'"],
    ['x 2', "expected operator or end of input at column 3, found '2'"],
    ['x)', "expected operator or end of input at column 2, found ')'"],
    ['1 +', 'expected operand at column 4, found end of input'],
    ['1 + * 2', "expected operand at column 5, found '*'"],
    ['()', "expected operand at column 2, found ')'"],
    ['', 'expected operand at column 1, found end of input'],
    ['sin + 1', "expected '(' after 'sin' at column 5, found '+'"],
    ['sin', "expected '(' after 'sin' at column 4, found end of input"],
    ['foo(x)', `unknown function 'foo' (functions: ${FUNCTIONS}) at column 1`],
    ['sinn(x)', `unknown function 'sinn' (did you mean 'sin'? functions: ${FUNCTIONS}) at column 1`],
    ['Sin(x)', `unknown function 'Sin' (did you mean 'sin'? functions: ${FUNCTIONS}) at column 1`],
    ['x(y + 1)', `unknown function 'x' (functions: ${FUNCTIONS}; to multiply, write x*(…)) at column 1`],
    ['pi(2)', "'pi' is a constant, not a function; to multiply, write pi*(…) at column 1"],
    ['2 sin x', "expected '(' after 'sin' at column 7, found 'x'"],
    ['sin(x, y)', 'sin takes 1 argument, got 2 at column 1'],
    ['sin()', 'sin takes 1 argument, got 0 at column 1'],
    ['ln(2, x)', 'ln takes 1 argument, got 2 at column 1'],
    ['1 + log(1, 2, 3)', 'log takes 1 or 2 arguments, got 3 at column 5'],
    ['eml(1)', 'eml takes 2 arguments, got 1 at column 1'],
    ['log(x', "expected ',' or ')' at column 6, found end of input"],
    ['x # 1', "unexpected character '#' at column 3"],
    ['x = 1', "unexpected character '=' at column 3"],
    ['2x #', "unexpected character '#' at column 4"],
    ['1e999', "number '1e999' is out of range at column 1"],
    ['1..2', "expected operator or end of input at column 3, found '.2'"],
  ])('parseInfix reports %j exactly', (text, message) => {
    expect(parseErrorOf(() => parseInfix(text)).message).toBe(message);
  });

  it('parseInfix reports the column of a missing )', () => {
    const e = parseErrorOf(() => parseInfix('sin(x + (y'));
    expect(e).toBeInstanceOf(ParseError);
    expect(e).toMatchObject({ syntax: 'infix', pos: 10, column: 11, expected: "')'", found: 'end of input' });
  });

  it.each([
    ['2x', apply('mul', num(2), x)],
    ['2(x + 1)', apply('mul', num(2), apply('add', x, num(1)))],
    ['(x + 1)(x - 1)', apply('mul', apply('add', x, num(1)), apply('sub', x, num(1)))],
    ['x y', apply('mul', x, y)],
    ['2x y', apply('mul', apply('mul', num(2), x), y)],
    ['2x^2', apply('mul', num(2), apply('pow', x, num(2)))],
    ['-2x', apply('mul', apply('neg', num(2)), x)],
    ['1/2x', apply('mul', apply('div', num(1), num(2)), x)],
    ['2x + 3y', apply('add', apply('mul', num(2), x), apply('mul', num(3), y))],
    ['2 sin(x)', apply('mul', num(2), apply('sin', x))],
    ['2pi', apply('mul', num(2), constant('pi'))],
    ['2e', apply('mul', num(2), constant('e'))],
    ['2e3x', apply('mul', num(2000), x)],
    ['x - y', apply('sub', x, y)],
  ])('parseInfix reads the implicit product %s like the one written with *', (text, want) => expectTree(text, want));

  it('parseInfix gives an implicit product the same tree as the explicit one (2x y^2 = 2*x*y^2)', () => {
    for (const [implicit, explicit] of [['2x y^2', '2*x*y^2'], ['3(x + 1)(y - 2)', '3*(x + 1)*(y - 2)'], ['x/2y', 'x/2*y'], ['2x - 3', '2*x - 3']]) {
      expect(equals(parseInfix(implicit!), parseInfix(explicit!)), implicit).toBe(true);
    }
  });

  it('parseInfix quotes the token it found', () => {
    expect(parseErrorOf(() => parseInfix('1 + )'))).toMatchObject({ expected: 'operand', found: "')'", column: 5 });
  });
});
