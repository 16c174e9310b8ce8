// How a Library formula goes back into the Compile view (to see its EML tree again): its source text in a
// syntax the view reads. Pure (the RPN reader and infix printer are cheap src/core work).

import { parseRpn, printInfix } from '../../../../core/syntax';
import type { FormulaRecord } from '../../../../shared/project';

/** Returns what the Compile view needs to show a formula's tree again: its text in a syntax the view reads. */
export function compileInput(r: Pick<FormulaRecord, 'source'>): { text: string; syntax: 'infix' | 'mathematica' } {
  switch (r.source.syntax) {
    case 'mathematica':
      return { text: r.source.text, syntax: 'mathematica' };
    case 'rpn':
      return { text: printInfix(parseRpn(r.source.text)), syntax: 'infix' };
    default:
      // infix, and EML text (eml(1, x) is infix too): compiling a pure EML tree gives that very tree
      return { text: r.source.text, syntax: 'infix' };
  }
}
