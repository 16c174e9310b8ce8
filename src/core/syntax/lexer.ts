// The tokenizer shared by the text parsers: numbers, identifiers and punctuation symbols, with offsets.
// It owns the lexical rules (what a number or an identifier looks like) and the canonical number spellings
// the printers emit, so that everything a printer writes lexes back to the same value.

import type { NumNode } from '../expr';
import { formatNumber } from '../expr';
import { type Syntax, ParseError, describeFound } from './parseError';

/** A token: a numeric literal, an identifier, a punctuation symbol, or the end of the input. */
export interface Token {
  readonly kind: 'num' | 'ident' | 'sym' | 'end' | 'bad';
  /** The token's text as written ('' for end; the stray character for bad). */
  readonly text: string;
  /** 0-based offset of its first character. */
  readonly pos: number;
}

/** What a lexer accepts besides numbers and identifiers. */
export interface LexerOptions {
  /** Punctuation symbols ('+', '**', '(' ...); the longest match wins. */
  readonly symbols: readonly string[];
  /** Whether Mathematica's exponent marker `*^` is part of number syntax (2.5*^-3). */
  readonly mathematicaExponent?: boolean;
}

const NUMBER = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?/y;
const NUMBER_MMA = /(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:(?:[eE]|\*\^)[+-]?[0-9]+)?/y;
const IDENT = /[\p{L}_][\p{L}\p{Nd}_]*/uy;
const SPACE = /\s+/y;
const WHOLE_NUMBER = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
const WHOLE_IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;

function isAsciiIdentChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Symbols grouped by first character, longest first (cached per symbol list). */
const symbolIndexCache = new WeakMap<readonly string[], Map<string, string[]>>();

function symbolIndex(symbols: readonly string[]): Map<string, string[]> {
  let index = symbolIndexCache.get(symbols);
  if (!index) {
    index = new Map();
    for (const sym of [...new Set(symbols)].sort((a, b) => b.length - a.length)) {
      const list = index.get(sym[0]!) ?? [];
      list.push(sym);
      index.set(sym[0]!, list);
    }
    symbolIndexCache.set(symbols, index);
  }
  return index;
}

/**
 * Returns the tokens of text, ending with one 'end' token, or with a 'bad' token at the first stray character
 * (reported by the parser only when it gets there, so that an earlier syntax error is reported first).
 */
export function tokenize(text: string, options: LexerOptions): Token[] {
  const symbols = symbolIndex(options.symbols);
  const number = options.mathematicaExponent ? NUMBER_MMA : NUMBER;
  const out: Token[] = [];
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      pos++;
      continue;
    }
    if ((c >= 48 && c <= 57) || c === 46) {
      number.lastIndex = pos;
      const m = number.exec(text);
      if (m) {
        out.push({ kind: 'num', text: m[0], pos });
        pos += m[0].length;
        continue;
      }
    }
    if (c < 128 && isAsciiIdentChar(c) && !(c >= 48 && c <= 57)) {
      let end = pos + 1;
      while (end < n && isAsciiIdentChar(text.charCodeAt(end))) end++;
      if (end >= n || text.charCodeAt(end) < 128) {
        out.push({ kind: 'ident', text: text.slice(pos, end), pos });
        pos = end;
        continue;
      }
    }
    if (c >= 128 || c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      SPACE.lastIndex = pos;
      if (SPACE.test(text)) {
        pos = SPACE.lastIndex;
        continue;
      }
      IDENT.lastIndex = pos;
      const id = IDENT.exec(text);
      if (id) {
        out.push({ kind: 'ident', text: id[0], pos });
        pos += id[0].length;
        continue;
      }
    } else if (c < 32 || c === 11 || c === 12) {
      SPACE.lastIndex = pos;
      if (SPACE.test(text)) {
        pos = SPACE.lastIndex;
        continue;
      }
    }
    const sym = symbols.get(text[pos]!)?.find((sy) => text.startsWith(sy, pos));
    if (sym !== undefined) {
      out.push({ kind: 'sym', text: sym, pos });
      pos += sym.length;
      continue;
    }
    out.push({ kind: 'bad', text: String.fromCodePoint(text.codePointAt(pos)!), pos });
    return out;
  }
  out.push({ kind: 'end', text: '', pos: n });
  return out;
}

/** Returns the error for a 'bad' token: "unexpected character '#' at column 3". */
export function unexpectedCharacter(tok: Token, syntax: Syntax): ParseError {
  return ParseError.at(syntax, tok.pos, `unexpected character ${describeFound(tok.text)}`, describeFound(tok.text));
}

/** Returns the value of a number token (Mathematica `*^` exponents included); throws if it overflows. */
export function numberValue(tok: Token, syntax: Syntax): number {
  const v = Number(tok.text.replace('*^', 'e'));
  if (!Number.isFinite(v)) throw ParseError.at(syntax, tok.pos, `number ${describeFound(tok.text)} is out of range`, describeFound(tok.text));
  return v;
}

/** True when s is a whole number literal of the infix/RPN syntax (2, .5, 2.5E+3). */
export function isNumberLiteral(s: string): boolean {
  return WHOLE_NUMBER.test(s);
}

/** True when s is an identifier (letters, digits, _; not starting with a digit). */
export function isIdentifier(s: string): boolean {
  return WHOLE_IDENT.test(s);
}

/** Returns the spelling printers use for a number: its own text when that re-lexes to its value, else the shortest form. */
export function numberText(n: NumNode): string {
  return isNumberLiteral(n.text) && Number(n.text) === n.value ? n.text : formatNumber(n.value);
}

/** Returns the Mathematica spelling of a number (exponent written `*^`, as in 1*^-7). */
export function mathematicaNumberText(n: NumNode): string {
  return numberText(n).replace(/[eE]\+?/, '*^');
}
