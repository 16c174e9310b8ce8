import { describe, expect, it } from 'vitest';
import { type Expr, ONE, apply, constant, eml, num, variable } from '../../../src/core/expr';
import { parseInfix, printLatex } from '../../../src/core/syntax';

const x = variable('x');

describe('printLatex', () => {
  it.each<[string, string]>([
    ['x/(y + 1)', '\\frac{x}{y + 1}'],
    ['sqrt(x)', '\\sqrt{x}'],
    ['x^2', 'x^{2}'],
    ['sin(x)', '\\sin\\left(x\\right)'],
    ['exp(x)', '\\exp\\left(x\\right)'],
    ['e^x', 'e^{x}'],
    ['log(b, z)', '\\log_{b}\\left(z\\right)'],
    ['ln(z)', '\\ln\\left(z\\right)'],
    ['pi + i + phi', '\\pi + i + \\varphi'],
    ['eml(1, eml(x, 1))', '\\operatorname{eml}\\left(1, \\operatorname{eml}\\left(x, 1\\right)\\right)'],
    ['(a + b)*c', '\\left(a + b\\right) \\cdot c'],
    ['a - (b - c)', 'a - \\left(b - c\\right)'],
    ['(x/y)^2', '\\left(\\frac{x}{y}\\right)^{2}'],
    ['x^(a + b)', 'x^{a + b}'],
    ['(-x)^2', '\\left(-x\\right)^{2}'],
    ['-x^2', '-x^{2}'],
    ['x - -y', 'x - \\left(-y\\right)'],
    ['a/b*c', '\\frac{a}{b} \\cdot c'],
    ['asinh(x) + acos(x)', '\\operatorname{arsinh}\\left(x\\right) + \\arccos\\left(x\\right)'],
    ['hypot(x, y)', '\\operatorname{hypot}\\left(x, y\\right)'],
    ['x1 + y_2 + alpha + rate + v_max', 'x_{1} + y_{2} + \\alpha + \\mathrm{rate} + v_{\\mathrm{max}}'],
    ['sin(x)^2', '\\sin\\left(x\\right)^{2}'],
  ])('printLatex writes %s as %s', (text, want) => {
    expect(printLatex(parseInfix(text))).toBe(want);
  });

  it.each<[Expr, string]>([
    [num(1e-7), '1 \\times 10^{-7}'],
    [num(2.5e21), '2.5 \\times 10^{21}'],
    [apply('pow', num(1e-7), num(2)), '\\left(1 \\times 10^{-7}\\right)^{2}'],
    [eml(ONE, x), '\\operatorname{eml}\\left(1, x\\right)'],
    [apply('neg', constant('pi')), '-\\pi'],
  ])('printLatex writes numbers and nodes: %j', (t, want) => {
    expect(printLatex(t)).toBe(want);
  });
});
