// The RPN printer: postfix tokens such as `1 x EML` or `x 2 ^ sin`, space-separated.
// Operators are written by their infix symbol (+ - * / ^), function name (sin, ln, log) or, for the
// prefix minus, its operator name (neg); eml is written EML. parseRpn(printRpn(t)) equals t.

import { type OpName, CONSTS, opInfo } from '../ops';
import type { Expr } from '../expr';
import { numberText } from './lexer';

/** Returns the RPN token of an operator (EML, +, neg, sin ...). */
export function rpnOperatorToken(op: OpName): string {
  const info = opInfo(op);
  if (op === 'eml') return info.mathematica; // EML: its Mathematica head, also an infix alias
  return info.kind === 'prefix' ? info.name : info.infix;
}

/** Returns the postfix token list of t (leaves, then operators after their operands). */
export function rpnTokens(t: Expr): string[] {
  const out: string[] = [];
  // Pending work: a node to expand, or an operator token to emit once its operands are out.
  const stack: (Expr | string)[] = [t];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (typeof n === 'string') out.push(n);
    else if (n.kind === 'num') out.push(numberText(n));
    else if (n.kind === 'var') out.push(n.name);
    else if (n.kind === 'const') out.push(CONSTS[n.name].infix);
    else {
      stack.push(rpnOperatorToken(n.op));
      for (let k = n.args.length - 1; k >= 0; k--) stack.push(n.args[k]!);
    }
  }
  return out;
}

/** Returns t as space-separated RPN text (`1 x EML`). */
export function printRpn(t: Expr): string {
  return rpnTokens(t).join(' ');
}
