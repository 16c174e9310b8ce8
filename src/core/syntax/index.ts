// The public face of src/core/syntax: parsers and printers for infix, Mathematica, pure EML, RPN, LaTeX
// and JSON, plus parseFormula(text, syntax). Re-exports only; see each file for what it owns.

import type { Expr } from '../expr';
import { parseInfix } from './parseInfix';
import { parseMathematica } from './parseMathematica';
import { parseEml } from './parseEml';
import { parseRpn } from './parseRpn';

export { ParseError, type Syntax, type ParseErrorDetails, MAX_NESTING } from './parseError';
export { parseInfix } from './parseInfix';
export { parseMathematica } from './parseMathematica';
export { parseEml } from './parseEml';
export { parseRpn } from './parseRpn';
export { printInfix } from './printInfix';
export { printMathematica } from './printMathematica';
export { printLatex } from './printLatex';
export { printRpn, rpnTokens } from './printRpn';
export { printEml, type EmlStyle } from './printEml';
export { exprToJson, exprFromJson, printJson, type ExprJson } from './json';
export { needsParens, type Side } from './parens';

/** The text syntaxes parseFormula reads. */
export type TextSyntax = 'infix' | 'mathematica' | 'eml' | 'rpn';

/** Returns the expression of text in the given syntax; throws ParseError on bad input. */
export function parseFormula(text: string, syntax: TextSyntax): Expr {
  switch (syntax) {
    case 'infix': return parseInfix(text);
    case 'mathematica': return parseMathematica(text);
    case 'eml': return parseEml(text);
    case 'rpn': return parseRpn(text);
  }
}
