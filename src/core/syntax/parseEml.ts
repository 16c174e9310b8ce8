// Pure EML text: nested eml(a, b) / EML[a, b] calls over the leaf 1 and variables, nothing else.
// Parsed iteratively with an explicit stack, so compiled trees of any depth and 10^5+ tokens are fine;
// numbers other than 1, constants and every other function are rejected with a positioned ParseError.

import { constByInfixName, constByMathematicaName, functionByInfixName, opInfo, opsByMathematicaHead } from '../ops';
import { type Expr, ONE, eml, variable } from '../expr';
import { ParseError, describeFound } from './parseError';
import { type Token, tokenize, unexpectedCharacter } from './lexer';

const info = opInfo('eml');
/** Spellings of the eml head: eml, EML (from the infix name, aliases and Mathematica head). */
const HEADS = new Set([info.infix, ...info.aliases, info.mathematica, ...info.mathematicaAliases]);
const BRACKETS: ReadonlyMap<string, string> = new Map([['(', ')'], ['[', ']']]);
const LEAVES = 'eml, 1 or a variable';
const LEXER = { symbols: ['(', ')', '[', ']', ','] };

/** True when an identifier names something other than a variable in the infix or Mathematica syntax. */
function isReserved(name: string): boolean {
  return functionByInfixName(name) !== undefined || constByInfixName(name) !== undefined
    || opsByMathematicaHead(name) !== undefined || constByMathematicaName(name) !== undefined;
}

interface Frame {
  readonly close: string;
  readonly args: Expr[];
}

/** Returns the pure EML tree of text such as `eml(1, eml(x, 1))` or `EML[1, EML[x, 1]]`; throws ParseError otherwise. */
export function parseEml(text: string): Expr {
  const tokens = tokenize(text, LEXER);
  const token = (k: number): Token => {
    const t = tokens[k]!;
    if (t.kind === 'bad') throw unexpectedCharacter(t, 'eml');
    return t;
  };
  const expected = (what: string, t: Token) => ParseError.expected('eml', t.pos, what, describeFound(t.text));
  const stack: Frame[] = [];
  let i = 0;
  for (;;) {
    // An operand: a leaf, or the head of a call (then loop for its first argument).
    const t = token(i++);
    let value: Expr;
    if (t.kind === 'num' && Number(t.text) === 1) value = ONE;
    else if (t.kind === 'ident' && HEADS.has(t.text)) {
      const open = token(i);
      const close = open.kind === 'sym' ? BRACKETS.get(open.text) : undefined;
      if (close === undefined) throw expected(`'(' or '[' after ${describeFound(t.text)}`, open);
      i++;
      stack.push({ close, args: [] });
      continue;
    } else if (t.kind === 'ident' && !isReserved(t.text)) value = variable(t.text);
    else throw expected(LEAVES, t);
    // Close every call this operand completes.
    for (;;) {
      const top = stack[stack.length - 1];
      if (!top) {
        const end = token(i);
        if (end.kind !== 'end') throw expected('end of input', end);
        return value;
      }
      top.args.push(value);
      const sep = token(i++);
      if (top.args.length === 1) {
        if (sep.kind !== 'sym' || sep.text !== ',') throw expected("','", sep);
        break;
      }
      if (sep.kind !== 'sym' || sep.text !== top.close) throw expected(`'${top.close}'`, sep);
      stack.pop();
      value = eml(top.args[0]!, top.args[1]!);
    }
  }
}
