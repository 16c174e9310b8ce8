// The calculator primitives of the reference size table, each as a formula of our infix syntax
// (variables x, y). Used by the verification suites, the identity check and the size table.

/** Formula of each primitive, keyed by its name in the reference table (sub = x − y, log_base = log_x y ...). */
export const PRIMITIVE_FORMULAS: Readonly<Record<string, string>> = {
  '1': '1', e: 'e', '0': '0', '-1': '-1', '2': '2', '-2': '-2', '1/2': '1/2', '-1/2': '-1/2',
  i: 'i', pi: 'pi', golden_ratio: 'phi',
  exp: 'exp(x)', ln: 'ln(x)', x: 'x', neg: '-x', inv: '1/x', half: 'x/2', sqr: 'x^2', sqrt: 'sqrt(x)',
  sinh: 'sinh(x)', cosh: 'cosh(x)', tanh: 'tanh(x)', cos: 'cos(x)', sin: 'sin(x)', tan: 'tan(x)',
  asinh: 'asinh(x)', acosh: 'acosh(x)', atanh: 'atanh(x)', asin: 'asin(x)', acos: 'acos(x)', atan: 'atan(x)',
  sigmoid: 'sigmoid(x)',
  sec: 'sec(x)', csc: 'csc(x)', cot: 'cot(x)', asec: 'asec(x)', acsc: 'acsc(x)', acot: 'acot(x)',
  sub: 'x - y', add: 'x + y', mul: 'x*y', div: 'x/y', pow: 'x^y', log_base: 'log(x, y)',
  avg: 'avg(x, y)', hypot: 'hypot(x, y)',
};
