// The infix printer: x^2 + sin(x)/2, eml(1, x), log(b, z), with the fewest parentheses that parse back
// to the same tree. Also owns the operator layout shared with the Mathematica printer (InfixStyle):
// spaces around sum-level operators only (a + b, a - b, a*b, a/b, x^2), and `- -x` for a double negation.

import { type ConstName, type OpName, CONSTS, PREC, opInfo } from '../ops';
import type { Expr, NumNode } from '../expr';
import { emit, type Piece } from './emit';
import { needsParens, type Side } from './parens';
import { numberText } from './lexer';

/** How an infix-like syntax spells leaves and function calls. */
export interface InfixStyle {
  number(n: NumNode): string;
  constant(c: ConstName): string;
  variable(name: string): string;
  /** The name of a function-kind operator (sin, Sin). */
  head(op: OpName): string;
  /** Call brackets and the argument separator. */
  readonly open: string;
  readonly close: string;
  readonly separator: string;
}

function operand(parent: OpName, child: Expr, side: Side): Piece[] {
  return child.kind === 'op' && needsParens(parent, child.op, side) ? ['(', child, ')'] : [child];
}

/** Returns the text of t in an infix-like style (operators from the table, calls as the style says). */
export function printInfixStyle(t: Expr, style: InfixStyle): string {
  return emit(t, (n) => {
    switch (n.kind) {
      case 'num': return [style.number(n)];
      case 'var': return [style.variable(n.name)];
      case 'const': return [style.constant(n.name)];
      case 'op': {
        const info = opInfo(n.op);
        if (info.kind === 'function') {
          const pieces: Piece[] = [style.head(n.op), style.open];
          n.args.forEach((a, k) => {
            if (k > 0) pieces.push(style.separator);
            pieces.push(a);
          });
          pieces.push(style.close);
          return pieces;
        }
        if (info.kind === 'prefix') {
          const child = n.args[0]!;
          // A space keeps two prefix signs apart: `- -x` (Mathematica would read `--` as decrement).
          const gap = child.kind === 'op' && opInfo(child.op).kind === 'prefix' ? ' ' : '';
          return [info.infix + gap, ...operand(n.op, child, 'right')];
        }
        const symbol = info.precedence <= PREC.add ? ` ${info.infix} ` : info.infix;
        return [...operand(n.op, n.args[0]!, 'left'), symbol, ...operand(n.op, n.args[1]!, 'right')];
      }
    }
  });
}

const INFIX_STYLE: InfixStyle = {
  number: numberText,
  constant: (c) => CONSTS[c].infix,
  variable: (name) => name,
  head: (op) => opInfo(op).infix,
  open: '(',
  close: ')',
  separator: ', ',
};

/** Returns t as infix text (`x^2 + sin(x)/2`) that parseInfix reads back to an equal tree. */
export function printInfix(t: Expr): string {
  return printInfixStyle(t, INFIX_STYLE);
}
