// The operator-precedence grammar shared by the infix and Mathematica parsers (recursive descent,
// one method per precedence level of the ops table: sum → product → unary → power → atom).
// A Dialect supplies what differs: symbols, call brackets, and how identifiers and call heads resolve.

import { type ConstName, type OpName, OPS, PREC, opInfo } from '../ops';
import { type Expr, apply, constant, num, variable } from '../expr';
import { type Syntax, MAX_NESTING, ParseError, describeFound, tooDeep } from './parseError';
import { type LexerOptions, type Token, numberValue, tokenize, unexpectedCharacter } from './lexer';

/** What an identifier denotes in a dialect. */
export type Resolved =
  | { readonly kind: 'function'; readonly variants: readonly OpName[]; readonly nary: boolean }
  | { readonly kind: 'const'; readonly name: ConstName }
  | { readonly kind: 'var' };

/** The syntax-specific part of an infix-like grammar. */
export interface Dialect {
  readonly syntax: Syntax;
  readonly lexer: LexerOptions;
  /** Brackets around call arguments: '(' ')' for infix, '[' ']' for Mathematica. */
  readonly callOpen: string;
  readonly callClose: string;
  /** Infix operator symbols → operator (every op of kind 'infix' appears). */
  readonly binary: ReadonlyMap<string, OpName>;
  /** Prefix symbols → operator, or null for the no-op unary plus. */
  readonly prefix: ReadonlyMap<string, OpName | null>;
  /** Returns what an identifier denotes. */
  resolve(name: string): Resolved;
  /** The function names the dialect knows, listed when a call names an unknown one. */
  readonly functionNames: readonly string[];
  /**
   * Whether a factor directly followed by a name or '(' is multiplied by it (2x, 2(x+1), (x+1)(x-1), x y).
   * A name directly followed by '(' stays a call, and a number never starts an implicit factor (2 3 is refused).
   */
  readonly implicitMultiply: boolean;
}

/** Returns the infix/prefix symbol maps of the ops table (aliases such as '**' included when asked). */
export function operatorSymbols(withAliases: boolean): { binary: Map<string, OpName>; prefix: Map<string, OpName | null> } {
  const binary = new Map<string, OpName>();
  const prefix = new Map<string, OpName | null>();
  for (const o of OPS) {
    const spellings = withAliases ? [o.infix, ...o.aliases] : [o.infix];
    if (o.kind === 'infix') for (const s of spellings) binary.set(s, o.name);
    if (o.kind === 'prefix') for (const s of spellings) prefix.set(s, o.name);
  }
  // Unary plus is a no-op spelled like the sum operator.
  prefix.set(opInfo('add').infix, null);
  return { binary, prefix };
}

/** True when a Plus/Times-like head may take any number of arguments (associative infix operator). */
export function isNary(op: OpName): boolean {
  const o = opInfo(op);
  return o.kind === 'infix' && o.assoc === 'left' && o.commutative;
}

/** Returns the known name closest to `name` (case-insensitive match, or at most two edits away), if any. */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  const same = known.find((k) => k.toLowerCase() === lower);
  if (same !== undefined) return same;
  let best: string | undefined;
  let bestDistance = Math.min(2, Math.floor(name.length / 2));
  for (const k of known) {
    const d = editDistance(lower, k.toLowerCase(), bestDistance);
    if (d <= bestDistance && (best === undefined || d < bestDistance)) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance of a and b, or limit + 1 once it is certain to exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return limit + 1;
    prev = row;
  }
  return prev[b.length]!;
}

/** Returns "takes 1 argument" / "takes 1 or 2 arguments" for a list of arities. */
function takes(arities: readonly number[], nary: boolean): string {
  if (nary) return 'takes at least 1 argument';
  const list = [...new Set(arities)].sort((a, b) => a - b);
  const last = list[list.length - 1]!;
  return `takes ${list.join(' or ')} argument${last === 1 ? '' : 's'}`;
}

interface Levels {
  readonly sum: ReadonlyMap<string, OpName>;
  readonly product: ReadonlyMap<string, OpName>;
  readonly power: ReadonlyMap<string, OpName>;
}

function levels(binary: ReadonlyMap<string, OpName>): Levels {
  const sum = new Map<string, OpName>();
  const product = new Map<string, OpName>();
  const power = new Map<string, OpName>();
  for (const [sym, op] of binary) {
    const o = opInfo(op);
    const level = o.precedence === PREC.add ? sum : o.precedence === PREC.mul ? product : o.precedence === PREC.pow ? power : undefined;
    const assoc = level === power ? 'right' : 'left';
    if (!level || o.assoc !== assoc) throw new Error(`syntax: operator ${op} does not fit the grammar levels (precedence ${o.precedence}, ${o.assoc})`);
    level.set(sym, op);
  }
  return { sum, product, power };
}

const levelCache = new WeakMap<Dialect, Levels>();

/** Parses text with the grammar of a dialect; throws ParseError on bad input. */
export function parseWithDialect(text: string, dialect: Dialect): Expr {
  let lv = levelCache.get(dialect);
  if (!lv) {
    lv = levels(dialect.binary);
    levelCache.set(dialect, lv);
  }
  const parser = new Parser(tokenize(text, dialect.lexer), dialect, lv);
  try {
    return parser.parseFormula();
  } catch (e) {
    // MAX_NESTING normally stops deep input first; this catches engines/threads with a smaller stack.
    if (e instanceof RangeError) throw parser.stackExhausted();
    throw e;
  }
}

class Parser {
  private i = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[], private readonly d: Dialect, private readonly lv: Levels) {}

  parseFormula(): Expr {
    const e = this.parseSum();
    const t = this.peek();
    if (t.kind !== 'end') throw this.expected('operator or end of input', t);
    return e;
  }

  /** Returns the error for input that exhausted the JavaScript stack before MAX_NESTING was reached. */
  stackExhausted(): ParseError {
    return ParseError.at(this.d.syntax, this.tokens[this.i]!.pos, 'formula nests too deeply (out of stack space)');
  }

  private peek(): Token {
    const t = this.tokens[this.i]!;
    if (t.kind === 'bad') throw unexpectedCharacter(t, this.d.syntax);
    return t;
  }

  private isSym(t: Token, s: string): boolean {
    return t.kind === 'sym' && t.text === s;
  }

  private expected(what: string, t: Token): ParseError {
    return ParseError.expected(this.d.syntax, t.pos, what, describeFound(t.text));
  }

  /** Like expected(), but mentions a missing operator when t could start an operand. */
  private expectedCloser(closer: string, t: Token): ParseError {
    const operandStart = t.kind === 'num' || t.kind === 'ident' || this.isSym(t, '(');
    return this.expected(operandStart ? `operator or ${closer}` : closer, t);
  }

  private enter(t: Token): void {
    if (++this.depth > MAX_NESTING) throw tooDeep(this.d.syntax, t.pos);
  }

  private leave(): void {
    this.depth--;
  }

  /** Binary operator of a level at the current token, if any. */
  private binaryAt(level: ReadonlyMap<string, OpName>): OpName | undefined {
    const t = this.peek();
    return t.kind === 'sym' ? level.get(t.text) : undefined;
  }

  private parseSum(): Expr {
    let left = this.parseProduct();
    for (let op = this.binaryAt(this.lv.sum); op; op = this.binaryAt(this.lv.sum)) {
      this.i++;
      left = apply(op, left, this.parseProduct());
    }
    return left;
  }

  private parseProduct(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const op = this.binaryAt(this.lv.product);
      if (op) {
        this.i++;
        left = apply(op, left, this.parseUnary());
      } else if (this.startsImplicitFactor()) {
        // juxtaposition is multiplication at the level of '*': 2x^2 = 2*(x^2), 1/2x = (1/2)*x
        left = apply('mul', left, this.parsePower());
      } else return left;
    }
  }

  /** True when the dialect multiplies implicitly and the current token starts a factor (a name or '('). */
  private startsImplicitFactor(): boolean {
    if (!this.d.implicitMultiply) return false;
    const t = this.peek();
    return t.kind === 'ident' || this.isSym(t, '(');
  }

  private parseUnary(): Expr {
    const t = this.peek();
    const op = t.kind === 'sym' ? this.d.prefix.get(t.text) : undefined;
    if (op === undefined) return this.parsePower();
    this.i++;
    this.enter(t);
    const operand = this.parseUnary();
    this.leave();
    return op === null ? operand : apply(op, operand);
  }

  private parsePower(): Expr {
    const base = this.parseAtom();
    const op = this.binaryAt(this.lv.power);
    if (!op) return base;
    const t = this.peek();
    this.i++;
    this.enter(t);
    // The exponent is parsed at the unary level: right-associative, and 2^-x is allowed.
    const exponent = this.parseUnary();
    this.leave();
    return apply(op, base, exponent);
  }

  private parseAtom(): Expr {
    const t = this.peek();
    if (t.kind === 'num') {
      this.i++;
      numberValue(t, this.d.syntax); // range check
      return num(t.text.replace('*^', 'e'));
    }
    if (t.kind === 'ident') {
      this.i++;
      const r = this.d.resolve(t.text);
      const next = this.peek();
      if (this.isSym(next, this.d.callOpen)) {
        if (r.kind !== 'function') throw this.unknownFunction(t, r);
        return this.parseCall(t, r.variants, r.nary);
      }
      if (r.kind === 'function') throw this.expected(`'${this.d.callOpen}' after ${describeFound(t.text)}`, next);
      return r.kind === 'const' ? constant(r.name) : variable(t.text);
    }
    if (this.isSym(t, '(')) {
      this.i++;
      this.enter(t);
      const e = this.parseSum();
      const close = this.peek();
      if (!this.isSym(close, ')')) throw this.expectedCloser("')'", close);
      this.i++;
      this.leave();
      return e;
    }
    throw this.expected('operand', t);
  }

  /** Returns the error for a call of a name that is no function, listing the functions the dialect knows. */
  private unknownFunction(t: Token, r: Resolved): ParseError {
    const open = this.d.callOpen;
    const multiply = this.d.implicitMultiply ? `; to multiply, write ${t.text}*${open}…${this.d.callClose}` : '';
    if (r.kind === 'const') return ParseError.at(this.d.syntax, t.pos, `${describeFound(t.text)} is a constant, not a function${multiply}`, describeFound(t.text));
    const near = closestName(t.text, this.d.functionNames);
    const hint = near !== undefined ? `did you mean ${describeFound(near)}? ` : '';
    const oneLetter = t.text.length === 1 ? multiply : '';
    return ParseError.at(
      this.d.syntax, t.pos,
      `unknown function ${describeFound(t.text)} (${hint}functions: ${this.d.functionNames.join(', ')}${oneLetter})`,
      describeFound(t.text),
    );
  }

  private parseCall(head: Token, variants: readonly OpName[], nary: boolean): Expr {
    const open = this.peek();
    this.i++;
    this.enter(open);
    const args: Expr[] = [];
    const maxArity = nary ? Infinity : Math.max(...variants.map((v) => opInfo(v).arity));
    const close = this.d.callClose;
    if (this.isSym(this.peek(), close)) this.i++;
    else {
      for (;;) {
        args.push(this.parseSum());
        const t = this.peek();
        if (this.isSym(t, close)) {
          this.i++;
          break;
        }
        if (this.isSym(t, ',')) {
          this.i++;
          continue;
        }
        throw this.expectedCloser(args.length >= maxArity ? `'${close}'` : `',' or '${close}'`, t);
      }
    }
    this.leave();
    if (nary && args.length >= 1) {
      const op = variants[0]!;
      let acc = args[0]!;
      for (let k = 1; k < args.length; k++) acc = apply(op, acc, args[k]!);
      return acc;
    }
    const op = variants.find((v) => opInfo(v).arity === args.length);
    if (!op) {
      throw ParseError.at(this.d.syntax, head.pos,
        `${head.text} ${takes(variants.map((v) => opInfo(v).arity), nary)}, got ${args.length}`, describeFound(head.text));
    }
    return apply(op, ...args);
  }
}
