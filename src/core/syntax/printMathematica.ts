// The Mathematica printer: Sin[x]^2 + 1/x, Log[b, z], EML[1, EML[x, 1]], Pi, E, I, GoldenRatio.
// Operators are laid out as by the infix printer (shared InfixStyle); heads, constants and the
// `*^` exponent of numbers follow Mathematica, so parseMathematica reads the text back to an equal tree.

import { CONSTS, opInfo } from '../ops';
import type { Expr } from '../expr';
import { type InfixStyle, printInfixStyle } from './printInfix';
import { mathematicaNumberText } from './lexer';

const MATHEMATICA_STYLE: InfixStyle = {
  number: mathematicaNumberText,
  constant: (c) => CONSTS[c].mathematica,
  variable: (name) => name,
  head: (op) => opInfo(op).mathematica,
  open: '[',
  close: ']',
  separator: ', ',
};

/** Returns t as Mathematica text (`Sin[x]^2 + 1/x`) that parseMathematica reads back to an equal tree. */
export function printMathematica(t: Expr): string {
  return printInfixStyle(t, MATHEMATICA_STYLE);
}
