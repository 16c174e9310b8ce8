// The Mathematica (Wolfram Language) input syntax: Sin[x]^2 + Log[2, y], EML[1, EML[x, 1]], Plus[a, b, c].
// Owns the Mathematica dialect: heads and constants from the ops table, [ ] for calls, *^ exponents;
// the precedence grammar itself lives in grammar.ts. Implicit multiplication (a b) is not supported.

import { OPS, constByMathematicaName, opsByMathematicaHead } from '../ops';
import type { Expr } from '../expr';
import { type Dialect, type Resolved, isNary, operatorSymbols, parseWithDialect } from './grammar';

const { binary, prefix } = operatorSymbols(false);

function resolve(name: string): Resolved {
  const ops = opsByMathematicaHead(name);
  if (ops) return { kind: 'function', variants: ops, nary: ops.length === 1 && isNary(ops[0]!) };
  const c = constByMathematicaName(name);
  return c ? { kind: 'const', name: c } : { kind: 'var' };
}

/** The Mathematica heads of the functions, alphabetically (Plus, Times … are spelled as operators). */
const FUNCTION_HEADS = [...new Set(OPS.filter((o) => o.kind === 'function').map((o) => o.mathematica))].sort();

/** The Mathematica dialect of the shared grammar. */
export const MATHEMATICA_DIALECT: Dialect = {
  syntax: 'mathematica',
  lexer: { symbols: [...binary.keys(), ...prefix.keys(), '(', ')', '[', ']', ','], mathematicaExponent: true },
  callOpen: '[',
  callClose: ']',
  binary,
  prefix,
  resolve,
  functionNames: FUNCTION_HEADS,
  implicitMultiply: false,
};

/** Returns the expression of Mathematica text such as `Sin[x]^2 + Log[2, y]`; throws ParseError on bad input. */
export function parseMathematica(text: string): Expr {
  return parseWithDialect(text, MATHEMATICA_DIALECT);
}
