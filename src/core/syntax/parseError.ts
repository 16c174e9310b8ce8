// ParseError: the one error type every parser of src/core/syntax throws for bad input.
// It carries the syntax, the 0-based offset and 1-based column of the problem, and what was expected/found,
// so an editor can underline the spot; the message always ends with the position ("at column 9").

/** The input languages the parsers read. */
export type Syntax = 'infix' | 'mathematica' | 'eml' | 'rpn' | 'json';

/** Optional parts of a ParseError. */
export interface ParseErrorDetails {
  /** What the parser expected ('' when the error is not of that form). */
  readonly expected?: string;
  /** What it found, as shown in messages ("'+'", "end of input"). */
  readonly found?: string;
  /** For RPN input: the 0-based index of the offending token. */
  readonly tokenIndex?: number;
  /** For JSON input: the path of the offending value ($.args[1].op). */
  readonly path?: string;
}

/** A positioned error in formula text (or a JSON tree); never thrown for anything but bad input. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  /** Which parser rejected the input. */
  readonly syntax: Syntax;
  /** 0-based offset into the text (0 for JSON input, which has no text position). */
  readonly pos: number;
  /** 1-based column (pos + 1); 0 for JSON input. */
  readonly column: number;
  /** What the parser expected there ("')'", "operand"); '' when the error is not of that form. */
  readonly expected: string;
  /** What it found, as shown in the message ("'+'", "end of input"); '' when not applicable. */
  readonly found: string;
  /** For RPN input: the 0-based index of the offending token. */
  readonly tokenIndex: number | undefined;
  /** For JSON input: the path of the offending value. */
  readonly path: string | undefined;

  /** Makes an error with a complete message; prefer the factories, which write messages in the standard form. */
  constructor(syntax: Syntax, pos: number, message: string, details: ParseErrorDetails = {}) {
    super(message);
    this.syntax = syntax;
    this.pos = pos;
    this.column = syntax === 'json' ? 0 : pos + 1;
    this.expected = details.expected ?? '';
    this.found = details.found ?? '';
    this.tokenIndex = details.tokenIndex;
    this.path = details.path;
  }

  /** Returns "expected X at column C, found F" (found already formatted, see describeFound). */
  static expected(syntax: Syntax, pos: number, expected: string, found: string, details: ParseErrorDetails = {}): ParseError {
    return new ParseError(syntax, pos, `expected ${expected} at column ${pos + 1}, found ${found}`, { ...details, expected, found });
  }

  /** Returns "<problem> at column C"; `found` names the offending text for programmatic use. */
  static at(syntax: Syntax, pos: number, problem: string, found = '', details: ParseErrorDetails = {}): ParseError {
    return new ParseError(syntax, pos, `${problem} at column ${pos + 1}`, { ...details, found });
  }

  /** Returns the JSON-tree error "<path>: <problem>" (pos and column 0). */
  static json(path: string, problem: string, found = ''): ParseError {
    return new ParseError('json', 0, `${path}: ${problem}`, { found, path });
  }
}

/** Returns how a token is shown in messages: quoted text, or "end of input" for ''. */
export function describeFound(text: string): string {
  return text === '' ? 'end of input' : `'${text}'`;
}

/** The nesting limit of the recursive-descent parsers (parentheses, calls, unary and power chains); EML and RPN are iterative. */
export const MAX_NESTING = 1000;

/** Returns the error for input nested more than MAX_NESTING levels deep at offset pos. */
export function tooDeep(syntax: Syntax, pos: number): ParseError {
  return ParseError.at(syntax, pos, `formula nests too deeply (more than ${MAX_NESTING} levels)`);
}
