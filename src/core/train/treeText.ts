// The text of a snapped tree, the one form every report shows: eml(a, b) over the leaf 1, the variable names
// and decimal constants (shortest round-trip spelling, a negative one as -c), e.g. eml(x, 0.5) or
// eml(eml(1, x), -1.25). A pure tree prints exactly as printEml prints it. Parsing the text gives back the same
// tree, constants to the last bit, so a report's formula can be derived from the text it shows.

import { type Expr, isPureEml } from '../expr';
import { parseInfix, printEml, printInfix } from '../syntax';

/** Returns the text of an EML tree whose leaves are 1, variables or real constants (printEml's text when it is pure). */
export function printTreeText(t: Expr): string {
  return isPureEml(t) ? printEml(t) : printInfix(t);
}

/** Returns the tree of a text written by printTreeText (infix eml(a, b) calls with numbers). */
export function parseTreeText(text: string): Expr {
  return parseInfix(text);
}
