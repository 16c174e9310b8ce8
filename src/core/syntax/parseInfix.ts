// The conventional infix syntax: 2*sin(x)^2 - log(2, y) + e^-x, with names and precedence from the ops table.
// Owns the infix dialect (symbols incl. aliases such as '**', identifier resolution, log(z) = ln(z), implicit
// multiplication 2x = 2*x at the level of '*');
// the precedence grammar itself lives in grammar.ts.

import { type OpName, OPS, constByInfixName, functionByInfixName, opInfo } from '../ops';
import type { Expr } from '../expr';
import { type Dialect, type Resolved, operatorSymbols, parseWithDialect } from './grammar';

const { binary, prefix } = operatorSymbols(true);

/**
 * Returns the operators a function name may denote, by number of arguments. The named operator comes first;
 * an operator sharing its Mathematica head with a smaller arity is accepted too (log(z) = ln(z), as Log[z]).
 */
function functionVariants(op: OpName): OpName[] {
  const info = opInfo(op);
  const fewer = OPS.filter((o) => o.kind === 'function' && o.mathematica === info.mathematica && o.arity < info.arity);
  return [op, ...fewer.map((o) => o.name)];
}

const resolved = new Map<string, Resolved>();

function resolve(name: string): Resolved {
  const hit = resolved.get(name);
  if (hit) return hit;
  const fn = functionByInfixName(name);
  const c = constByInfixName(name);
  const r: Resolved = fn ? { kind: 'function', variants: functionVariants(fn), nary: false }
    : c ? { kind: 'const', name: c }
      : { kind: 'var' };
  if (r.kind !== 'var') resolved.set(name, r);
  return r;
}

/** The canonical infix function names, alphabetically. */
const FUNCTION_NAMES = OPS.filter((o) => o.kind === 'function').map((o) => o.infix).sort();

/** The infix dialect of the shared grammar (implicit multiplication: 2x, 2(x+1), (x+1)(x-1)). */
export const INFIX_DIALECT: Dialect = {
  syntax: 'infix',
  lexer: { symbols: [...binary.keys(), ...prefix.keys(), '(', ')', ','] },
  callOpen: '(',
  callClose: ')',
  binary,
  prefix,
  resolve,
  functionNames: FUNCTION_NAMES,
  implicitMultiply: true,
};

/** Returns the expression of infix text such as `2*sin(x)^2 - log(2, y)`; throws ParseError on bad input. */
export function parseInfix(text: string): Expr {
  return parseWithDialect(text, INFIX_DIALECT);
}
