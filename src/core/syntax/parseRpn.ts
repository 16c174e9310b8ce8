// Reverse Polish notation: whitespace-separated tokens such as `1 x EML` or `x 2 ^ sin`.
// Owns the RPN token vocabulary (numbers, constants, variables, operators by symbol or name; EML, E and eml
// all mean eml; '-' is always sub and 'log' always the two-argument log(b, z), since RPN has no context)
// and the stack discipline; errors name the 1-based token number and its column.

import { type OpName, OPS, constByInfixName, opInfo } from '../ops';
import { type Expr, apply, constant, num, variable } from '../expr';
import { ParseError, describeFound } from './parseError';
import { isIdentifier, isNumberLiteral } from './lexer';

/** RPN spellings of eml besides those in the ops table (`1 x E` is the short form of `1 x EML`). */
const EXTRA_EML_TOKENS = ['E'];

/** Operator tokens: operator names, infix symbols (not the prefix '-', which is sub here) and function names. */
const OPERATOR_TOKENS: ReadonlyMap<string, OpName> = (() => {
  const m = new Map<string, OpName>();
  for (const o of OPS) {
    m.set(o.name, o.name);
    if (o.kind !== 'prefix') for (const s of [o.infix, ...o.aliases]) m.set(s, o.name);
  }
  for (const s of EXTRA_EML_TOKENS) m.set(s, 'eml');
  return m;
})();

/** Returns the operator an RPN token denotes, or undefined. */
export function rpnOperator(token: string): OpName | undefined {
  return OPERATOR_TOKENS.get(token);
}

/** Returns the tree of RPN text or a token list (`1 x EML`); throws ParseError on bad tokens or a wrong stack count. */
export function parseRpn(text: string | readonly string[]): Expr {
  const tokens: string[] = [];
  const starts: number[] = [];
  let end: number;
  if (typeof text === 'string') {
    const re = /\S+/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      tokens.push(m[0]);
      starts.push(m.index);
    }
    end = text.length;
  } else {
    // A token list is positioned as if joined by single spaces.
    let pos = 0;
    for (const tok of text) {
      tokens.push(tok);
      starts.push(pos);
      pos += tok.length + 1;
    }
    end = Math.max(0, pos - 1);
  }
  const fail = (k: number, problem: string) =>
    ParseError.at('rpn', starts[k]!, `${problem} (token ${k + 1})`, describeFound(tokens[k]!), { tokenIndex: k });

  const stack: Expr[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const tok = tokens[k]!;
    if (tok === '') throw fail(k, 'empty token');
    const op = rpnOperator(tok);
    if (op) {
      const arity = opInfo(op).arity;
      if (stack.length < arity) {
        throw fail(k, `${describeFound(tok)} needs ${arity} operand${arity === 1 ? '' : 's'}, the stack holds ${stack.length}`);
      }
      const args = stack.splice(stack.length - arity, arity);
      stack.push(apply(op, ...args));
      continue;
    }
    const c = constByInfixName(tok);
    if (c) stack.push(constant(c));
    else if (isNumberLiteral(tok)) {
      if (!Number.isFinite(Number(tok))) throw fail(k, `number ${describeFound(tok)} is out of range`);
      stack.push(num(tok));
    } else if (isIdentifier(tok)) stack.push(variable(tok));
    else throw fail(k, `unknown token ${describeFound(tok)}`);
  }
  if (stack.length === 1) return stack[0]!;
  if (stack.length === 0) throw ParseError.expected('rpn', end, 'a formula', describeFound(''));
  const last = tokens.length - 1;
  throw ParseError.at('rpn', end,
    `${stack.length} values left on the stack after the last token (token ${last + 1}), expected 1`, describeFound(''), { tokenIndex: last });
}
