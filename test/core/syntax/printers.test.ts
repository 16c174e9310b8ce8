import { describe, expect, it } from 'vitest';
import { type Expr, ONE, apply, constant, eml, num, variable } from '../../../src/core/expr';
import { needsParens, parseInfix, printInfix, printMathematica } from '../../../src/core/syntax';

const x = variable('x');
const y = variable('y');
const z = variable('z');

describe('printInfix', () => {
  it.each<[Expr, string]>([
    [apply('add', x, y), 'x + y'],
    [apply('mul', x, y), 'x*y'],
    [apply('pow', x, num(2)), 'x^2'],
    [apply('sin', x), 'sin(x)'],
    [eml(ONE, x), 'eml(1, x)'],
    [apply('log', variable('b'), z), 'log(b, z)'],
    [apply('ln', z), 'ln(z)'],
    [apply('sub', x, apply('sub', y, z)), 'x - (y - z)'],
    [apply('sub', apply('sub', x, y), z), 'x - y - z'],
    [apply('add', x, apply('add', y, z)), 'x + (y + z)'],
    [apply('div', x, apply('div', y, z)), 'x/(y/z)'],
    [apply('div', x, apply('mul', y, z)), 'x/(y*z)'],
    [apply('mul', apply('add', x, y), z), '(x + y)*z'],
    [apply('pow', x, apply('pow', y, z)), 'x^y^z'],
    [apply('pow', apply('pow', x, y), z), '(x^y)^z'],
    [apply('neg', apply('neg', x)), '- -x'],
    [apply('neg', apply('pow', x, num(2))), '-x^2'],
    [apply('pow', apply('neg', x), num(2)), '(-x)^2'],
    [apply('pow', num(2), apply('neg', x)), '2^-x'],
    [apply('neg', apply('add', x, y)), '-(x + y)'],
    [apply('sub', x, apply('neg', y)), 'x - -y'],
    [apply('mul', apply('neg', x), y), '-x*y'],
    [apply('pow', constant('e'), x), 'e^x'],
    [apply('exp', x), 'exp(x)'],
    [apply('add', constant('pi'), constant('phi')), 'pi + phi'],
    [num(1e-7), '1e-7'],
    [num(1e21), '1e+21'],
    [apply('pow', apply('sin', x), num(2)), 'sin(x)^2'],
  ])('printInfix writes %j as %s', (t, want) => {
    expect(printInfix(t)).toBe(want);
  });

  it('printInfix keeps the spelling of a parsed number', () => {
    expect(printInfix(parseInfix('.5 + 2.50E+3'))).toBe('.5 + 2.50E+3');
  });
});

describe('printMathematica', () => {
  it.each<[Expr, string]>([
    [apply('add', apply('pow', apply('sin', x), num(2)), apply('div', num(1), x)), 'Sin[x]^2 + 1/x'],
    [eml(ONE, eml(x, ONE)), 'EML[1, EML[x, 1]]'],
    [apply('log', variable('b'), z), 'Log[b, z]'],
    [apply('ln', z), 'Log[z]'],
    [apply('add', apply('add', constant('pi'), constant('e')), apply('mul', constant('i'), constant('phi'))), 'Pi + E + I*GoldenRatio'],
    [apply('asinh', apply('sigmoid', x)), 'ArcSinh[LogisticSigmoid[x]]'],
    [apply('neg', apply('neg', x)), '- -x'],
    [num(1e-7), '1*^-7'],
    [num(1e21), '1*^21'],
    [apply('pow', constant('e'), x), 'E^x'],
  ])('printMathematica writes %j as %s', (t, want) => {
    expect(printMathematica(t)).toBe(want);
  });
});

describe('needsParens', () => {
  it('needsParens follows precedence and associativity of the ops table', () => {
    expect(needsParens('mul', 'add', 'left')).toBe(true);
    expect(needsParens('add', 'mul', 'right')).toBe(false);
    expect(needsParens('sub', 'sub', 'left')).toBe(false);
    expect(needsParens('sub', 'add', 'right')).toBe(true);
    expect(needsParens('pow', 'pow', 'left')).toBe(true);
    expect(needsParens('pow', 'pow', 'right')).toBe(false);
    expect(needsParens('pow', 'neg', 'left')).toBe(true);
    expect(needsParens('pow', 'neg', 'right')).toBe(false);
    expect(needsParens('neg', 'pow', 'right')).toBe(false);
    expect(needsParens('neg', 'mul', 'right')).toBe(true);
    expect(needsParens('pow', 'sin', 'left')).toBe(false);
  });
});
