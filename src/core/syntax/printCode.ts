// Code printers: SymPy expression strings, self-contained JavaScript functions and C11 translation units.
// Convention: JS and C evaluate in complex double arithmetic with the principal-branch definitions of
// src/core/precise (one temporary per unique node, postfix order); SymPy output is a plain sympify-able string.

import { type Expr, type OpNode, size, variables } from '../expr';
import { type OpName, PREC } from '../ops';
import { quotedString } from './embedText';

/** Options of the JS and C printers. */
export interface CodeOptions {
  /** Parameter names in order (default: the sorted variables of the formula); must include every variable. */
  params?: readonly string[];
  /** Name of the C function (default 'eml_formula'); ignored by printJs. */
  name?: string;
}

/** Options of the SymPy printer. */
export interface SympyOptions {
  /** Refuse trees with more tokens than this (shared subtrees are written out in full); default 1e6. */
  maxTokens?: number;
}

// ---- DAG traversal ---------------------------------------------------------------------------------------------

/** Folds f bottom-up over t, once per node object, left argument first, without recursion. */
function foldDag<V>(t: Expr, f: (n: Expr, args: V[]) => V): V {
  const memo = new Map<Expr, V>();
  const stack: { n: Expr; i: number }[] = [{ n: t, i: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const n = top.n;
    if (memo.has(n)) {
      stack.pop();
      continue;
    }
    if (n.kind === 'op' && top.i < n.args.length) {
      const a = n.args[top.i++]!;
      if (!memo.has(a)) stack.push({ n: a, i: 0 });
      continue;
    }
    stack.pop();
    memo.set(n, f(n, n.kind === 'op' ? n.args.map((a) => memo.get(a)!) : []));
  }
  return memo.get(t)!;
}

interface Slot { readonly node: Expr; readonly args: readonly number[] }

/** Returns the unique nodes of t in postfix order (structurally equal subtrees merged) and the root slot. */
function linearise(t: Expr): { slots: Slot[]; root: number } {
  const slots: Slot[] = [];
  const byKey = new Map<string, number>();
  const root = foldDag<number>(t, (n, args) => {
    let key: string;
    switch (n.kind) {
      case 'num': key = `n:${n.value}`; break;
      case 'var': key = `v:${n.name}`; break;
      case 'const': key = `c:${n.name}`; break;
      case 'op': key = `${n.op}(${args.join(',')})`; break;
    }
    let slot = byKey.get(key);
    if (slot === undefined) {
      slot = slots.length;
      slots.push({ node: n, args });
      byKey.set(key, slot);
    }
    return slot;
  });
  return { slots, root };
}

/** Returns the parameter list: opts.params (checked to cover every variable) or the sorted variables. */
function paramList(t: Expr, opts: CodeOptions): string[] {
  const vars = variables(t);
  if (!opts.params) return vars;
  const given = [...opts.params];
  if (new Set(given).size !== given.length) throw new Error('printCode: duplicate parameter names');
  for (const v of vars) if (!given.includes(v)) throw new Error(`printCode: variable '${v}' is not among the parameters`);
  return given;
}

/** Returns identifiers for the parameters: the names themselves when safe, otherwise mangled v_… (unique). */
function safeNames(params: readonly string[], unsafe: (s: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const p of params) {
    let id = p;
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(p) || unsafe(p)) {
      id = 'v_' + p.replace(/[^A-Za-z0-9_]/g, (ch) => `_${ch.codePointAt(0)!.toString(16)}_`);
    }
    let k = 1;
    const base = id;
    while (used.has(id) || params.includes(id) && id !== p) id = `${base}_${k++}`;
    used.add(id);
    out.set(p, id);
  }
  return out;
}

/** Collects the helpers needed by `ops`, dependencies included, in table order (dependencies first). */
function neededHelpers(table: readonly (readonly [string, readonly string[], string])[], roots: Iterable<string>): string[] {
  const deps = new Map(table.map(([n, d]) => [n, d] as const));
  const need = new Set<string>();
  const visit = (n: string): void => {
    if (need.has(n)) return;
    const d = deps.get(n);
    if (!d) throw new Error(`printCode: no helper ${n}`);
    need.add(n);
    d.forEach(visit);
  };
  for (const r of roots) visit(r);
  return table.filter(([n]) => need.has(n)).map(([, , src]) => src);
}

// ---- SymPy -----------------------------------------------------------------------------------------------------

/** A printed subexpression: text, binding strength, whether it is a negation, text without redundant outer parens. */
interface Printed { readonly s: string; readonly p: number; readonly neg?: boolean; readonly bare?: string }

const ATOM = PREC.atom;

/** Python keywords and the names printSympy's output uses (a formula must not rebind them). */
export const PY_RESERVED: ReadonlySet<string> = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
  'E', 'I', 'N', 'O', 'Q', 'S', 'pi', 'oo', 'nan', 'zoo', 'GoldenRatio', 'EulerGamma', 'Catalan', 'Symbol', 'Rational',
  'Integer', 'Float', 'exp', 'log', 'ln', 'sqrt', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'asec',
  'acsc', 'acot', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'gamma', 'beta', 'zeta', 're', 'im', 'Abs', 'sign',
  'arg', 'conjugate', 'factorial', 'binomial', 'erf', 'Function', 'Lambda', 'li', 'Li', 'Ei', 'polylog', 'Max', 'Min',
]);

const SYMPY_FN: Partial<Record<OpName, string>> = {
  exp: 'exp', ln: 'log', sqrt: 'sqrt', sin: 'sin', cos: 'cos', tan: 'tan', sec: 'sec', csc: 'csc', cot: 'cot',
  asin: 'asin', acos: 'acos', atan: 'atan', asec: 'asec', acsc: 'acsc', acot: 'acot', sinh: 'sinh', cosh: 'cosh',
  tanh: 'tanh', asinh: 'asinh', acosh: 'acosh', atanh: 'atanh',
};

const atom = (s: string): Printed => ({ s, p: ATOM });
const paren = (x: Printed, need: boolean): string => (need ? `(${x.s})` : x.s);
const fn = (name: string, ...args: Printed[]): Printed => atom(`${name}(${args.map((a) => a.bare ?? a.s).join(', ')})`);

function infix(sym: '+' | '-' | '*' | '/' | '**', a: Printed, b: Printed): Printed {
  if (sym === '**') return { s: `${paren(a, a.p <= PREC.pow)}**${paren(b, b.p < ATOM)}`, p: PREC.pow };
  const p = sym === '+' || sym === '-' ? PREC.add : PREC.mul;
  const op = p === PREC.add ? ` ${sym} ` : sym;
  return { s: `${paren(a, a.p < p)}${op}${paren(b, b.p <= p || b.neg === true)}`, p };
}

function negate(a: Printed): Printed {
  return { s: `-${paren(a, a.p < ATOM)}`, p: PREC.neg, neg: true };
}

function sympyNumber(value: number, text: string): string {
  if (Number.isInteger(value)) return Number.isSafeInteger(value) ? String(value) : BigInt(value).toString();
  return `Rational('${/^[0-9.eE+-]+$/.test(text) ? text : String(value)}')`;
}

function sympyNode(n: Expr, a: Printed[]): Printed {
  switch (n.kind) {
    case 'num': return atom(sympyNumber(n.value, n.text));
    case 'var': return atom(isSympyBareSymbol(n.name) ? n.name : `Symbol(${quotedString(n.name)})`);
    case 'const': return atom({ e: 'E', pi: 'pi', i: 'I', phi: 'GoldenRatio' }[n.name]);
    case 'op': return sympyOp(n, a);
  }
}

function sympyOp(n: OpNode, a: Printed[]): Printed {
  const x = a[0]!;
  const y = a[1]!;
  const name = SYMPY_FN[n.op];
  if (name) return fn(name, x);
  switch (n.op) {
    case 'eml': {
      const bare = infix('-', fn('exp', x), fn('log', y)).s;
      return { s: `(${bare})`, p: ATOM, bare };
    }
    case 'add': return infix('+', x, y);
    case 'sub': return infix('-', x, y);
    case 'mul': return infix('*', x, y);
    case 'div': return infix('/', x, y);
    case 'pow': return infix('**', x, y);
    case 'neg': return negate(x);
    case 'log': return fn('log', y, x);
    case 'sqr': return infix('**', x, atom('2'));
    case 'inv': return infix('/', atom('1'), x);
    case 'half': return infix('/', x, atom('2'));
    case 'avg': return infix('/', infix('+', x, y), atom('2'));
    case 'hypot': return fn('sqrt', infix('+', infix('**', x, atom('2')), infix('**', y, atom('2'))));
    case 'sigmoid': return infix('/', atom('1'), infix('+', atom('1'), fn('exp', negate(x))));
    default: throw new Error(`printSympy: no rule for ${n.op}`);
  }
}

/** True when printSympy writes the variable `name` as a bare Python name (otherwise as Symbol("name")). */
export function isSympyBareSymbol(name: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !PY_RESERVED.has(name);
}

/** Returns a SymPy expression string for t (for sympify/parse_expr; log base b of z is written log(z, b)). */
export function printSympy(t: Expr, opts: SympyOptions = {}): string {
  const max = opts.maxTokens ?? 1e6;
  if (size(t) > max) throw new Error(`printSympy: the tree has ${size(t)} tokens (limit ${max}); use printJs or printC for shared trees`);
  return foldDag<Printed>(t, sympyNode).s;
}

// ---- JavaScript ------------------------------------------------------------------------------------------------

/** JavaScript reserved words and the globals printJs's output uses. */
export const JS_RESERVED: ReadonlySet<string> = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export',
  'extends', 'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super',
  'switch', 'this', 'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield', 'let', 'static',
  'implements', 'interface', 'package', 'private', 'protected', 'public', 'await', 'arguments', 'eval', 'undefined',
  'NaN', 'Infinity', 'Math', 'Number',
]);

const NAN_JS = '{ re: NaN, im: NaN }';
const ONE_JS = '{ re: 1, im: 0 }';

/** JS helpers: [name, dependencies, source]; every op `o` has a helper `$o`. Dependencies come first. */
const JS_HELPERS: readonly (readonly [string, readonly string[], string])[] = [
  ['c', [], `function $c(v) { return typeof v === "number" ? { re: v, im: 0 } : { re: +v.re, im: +v.im }; }`],
  ['add', [], `function $add(a, b) { return { re: a.re + b.re, im: a.im + b.im }; }`],
  ['sub', [], `function $sub(a, b) { return { re: a.re - b.re, im: a.im - b.im }; }`],
  ['neg', [], `function $neg(a) { return { re: -a.re, im: -a.im }; }`],
  ['fin', [], `function $fin(z) { return Number.isFinite(z.re) && Number.isFinite(z.im); }`],
  ['mul', ['fin'], `function $mul(a, b) {
    if (!$fin(a) || !$fin(b)) return ${NAN_JS};
    if (a.im === 0 && b.im === 0) return { re: a.re * b.re, im: 0 };
    return { re: a.re * b.re - a.im * b.im, im: a.re * b.im + a.im * b.re };
  }`],
  ['div', ['fin'], `function $div(a, b) {
    if (!$fin(a) || !$fin(b) || (b.re === 0 && b.im === 0)) return ${NAN_JS};
    if (b.im === 0) return { re: a.re / b.re, im: a.im / b.re };
    if (Math.abs(b.re) >= Math.abs(b.im)) {
      const r = b.im / b.re, d = b.re + b.im * r;
      return { re: (a.re + a.im * r) / d, im: (a.im - a.re * r) / d };
    }
    const r = b.re / b.im, d = b.re * r + b.im;
    return { re: (a.re * r + a.im) / d, im: (a.im * r - a.re) / d };
  }`],
  ['half', [], `function $half(a) { return { re: a.re / 2, im: a.im / 2 }; }`],
  ['exp', [], `function $exp(z) {
    const x = z.re, y = z.im;
    if (y === 0) return { re: Math.exp(x), im: 0 };
    if (Number.isNaN(x) || !Number.isFinite(y)) return ${NAN_JS};
    if (x === -Infinity) return { re: 0, im: 0 };
    if (x === Infinity) return ${NAN_JS};
    const r = Math.exp(x);
    return { re: r * Math.cos(y), im: r * Math.sin(y) };
  }`],
  ['ln', [], `function $ln(z) {
    const x = z.re, y = z.im === 0 ? 0 : z.im;
    // extended reals: ln(±∞ + iy) = +∞ + i·Arg for finite y (the paper's ln(+∞) = +∞)
    if (!Number.isFinite(x) || !Number.isFinite(y)) return Number.isNaN(x) || !Number.isFinite(y) ? ${NAN_JS} : { re: Infinity, im: Math.atan2(y, x) };
    if (y === 0) return x === 0 ? { re: -Infinity, im: 0 } : { re: Math.log(Math.abs(x)), im: x < 0 ? Math.PI : 0 };
    const ax = Math.abs(x), ay = Math.abs(y), h = Math.hypot(x, y);
    const re = h > 0.5 && h < 2 ? 0.5 * Math.log1p((ax - 1) * (ax + 1) + ay * ay) : Math.log(h);
    return { re, im: Math.atan2(y, x) };
  }`],
  ['sqrt', [], `function $sqrt(z) {
    const x = z.re, y = z.im === 0 ? 0 : z.im;
    if (!Number.isFinite(x) || !Number.isFinite(y)) return ${NAN_JS};
    if (y === 0) return x < 0 ? { re: 0, im: Math.sqrt(-x) } : { re: Math.sqrt(x), im: 0 };
    const r = Math.hypot(x, y);
    if (x >= 0) { const t = Math.sqrt(0.5 * r + 0.5 * x); return { re: t, im: y / (2 * t) }; }
    const t = Math.sqrt(0.5 * r - 0.5 * x);
    return { re: Math.abs(y) / (2 * t), im: y < 0 ? -t : t };
  }`],
  ['pow', ['fin', 'mul', 'div', 'exp', 'ln'], `function $pow(a, b) {
    if (!$fin(a) || !$fin(b)) return ${NAN_JS};
    if (a.re === 0 && a.im === 0) {
      if (b.re > 0) return { re: 0, im: 0 };
      return b.re === 0 && b.im === 0 ? ${ONE_JS} : ${NAN_JS};
    }
    if (b.im === 0 && Number.isInteger(b.re) && Math.abs(b.re) <= 2147483648) {
      let n = Math.abs(b.re), base = a, acc = ${ONE_JS};
      while (n > 0) {
        if (n % 2 === 1) acc = $mul(acc, base);
        n = Math.floor(n / 2);
        if (n > 0) base = $mul(base, base);
      }
      return b.re < 0 ? $div(${ONE_JS}, acc) : acc;
    }
    if (a.im === 0 && b.im === 0 && a.re > 0) return { re: Math.pow(a.re, b.re), im: 0 };
    return $exp($mul(b, $ln(a)));
  }`],
  ['log', ['div', 'ln'], `function $log(b, z) { return $div($ln(z), $ln(b)); }`],
  ['eml', ['exp', 'ln', 'sub'], `function $eml(a, b) { return $sub($exp(a), $ln(b)); }`],
  ['sqr', ['mul'], `function $sqr(a) { return $mul(a, a); }`],
  ['inv', ['div'], `function $inv(a) { return $div(${ONE_JS}, a); }`],
  ['avg', ['add', 'half'], `function $avg(a, b) { return $half($add(a, b)); }`],
  ['hypot', ['sqrt', 'add', 'mul'], `function $hypot(a, b) { return $sqrt($add($mul(a, a), $mul(b, b))); }`],
  ['sin', [], `function $sin(z) {
    if (z.im === 0) return { re: Math.sin(z.re), im: 0 };
    return { re: Math.sin(z.re) * Math.cosh(z.im), im: Math.cos(z.re) * Math.sinh(z.im) };
  }`],
  ['cos', [], `function $cos(z) {
    if (z.im === 0) return { re: Math.cos(z.re), im: 0 };
    return { re: Math.cos(z.re) * Math.cosh(z.im), im: -Math.sin(z.re) * Math.sinh(z.im) };
  }`],
  ['tan', [], `function $tan(z) {
    if (z.im === 0) return { re: Math.tan(z.re), im: 0 };
    const x2 = 2 * z.re, y2 = 2 * z.im;
    if (Math.abs(y2) > 40) return { re: 2 * Math.sin(x2) * Math.exp(-Math.abs(y2)), im: Math.sign(y2) };
    const d = Math.cos(x2) + Math.cosh(y2);
    return { re: Math.sin(x2) / d, im: Math.sinh(y2) / d };
  }`],
  ['sec', ['div', 'cos'], `function $sec(z) { return $div(${ONE_JS}, $cos(z)); }`],
  ['csc', ['div', 'sin'], `function $csc(z) { return $div(${ONE_JS}, $sin(z)); }`],
  ['cot', ['div', 'tan'], `function $cot(z) { return $div(${ONE_JS}, $tan(z)); }`],
  ['sinh', [], `function $sinh(z) {
    if (z.im === 0) return { re: Math.sinh(z.re), im: 0 };
    return { re: Math.sinh(z.re) * Math.cos(z.im), im: Math.cosh(z.re) * Math.sin(z.im) };
  }`],
  ['cosh', [], `function $cosh(z) {
    if (z.im === 0) return { re: Math.cosh(z.re), im: 0 };
    return { re: Math.cosh(z.re) * Math.cos(z.im), im: Math.sinh(z.re) * Math.sin(z.im) };
  }`],
  ['tanh', [], `function $tanh(z) {
    if (z.im === 0) return { re: Math.tanh(z.re), im: 0 };
    const x2 = 2 * z.re, y2 = 2 * z.im;
    if (Math.abs(x2) > 40) return { re: Math.sign(x2), im: 2 * Math.sin(y2) * Math.exp(-Math.abs(x2)) };
    const d = Math.cosh(x2) + Math.cos(y2);
    return { re: Math.sinh(x2) / d, im: Math.sin(y2) / d };
  }`],
  // s + u where (s + u)(s − u) = k: the larger of s ± u directly, else k/(s − u) (no cancellation).
  ['pair', ['add', 'sub', 'div'], `function $pair(s, u, k) {
    const p = $add(s, u), m = $sub(s, u);
    return Math.hypot(p.re, p.im) >= Math.hypot(m.re, m.im) ? p : $div({ re: k, im: 0 }, m);
  }`],
  ['asin', ['sqrt', 'sub', 'mul', 'pair', 'ln'], `function $asin(z) {
    const s = $sqrt($sub(${ONE_JS}, $mul(z, z)));
    const l = $ln($pair(s, { re: -z.im, im: z.re }, 1));
    return { re: l.im, im: -l.re };
  }`],
  ['acos', ['asin'], `function $acos(z) { const a = $asin(z); return { re: Math.PI / 2 - a.re, im: -a.im }; }`],
  ['atan', ['sub', 'add', 'ln'], `function $atan(z) {
    const iz = { re: -z.im, im: z.re };
    const d = $sub($ln($sub(${ONE_JS}, iz)), $ln($add(${ONE_JS}, iz)));
    return { re: -0.5 * d.im, im: 0.5 * d.re };
  }`],
  ['asec', ['acos', 'div'], `function $asec(z) { return $acos($div(${ONE_JS}, z)); }`],
  ['acsc', ['asin', 'div'], `function $acsc(z) { return $asin($div(${ONE_JS}, z)); }`],
  ['acot', ['atan', 'div'], `function $acot(z) { return $atan($div(${ONE_JS}, z)); }`],
  ['asinh', ['sqrt', 'add', 'mul', 'pair', 'ln'], `function $asinh(z) {
    return $ln($pair($sqrt($add($mul(z, z), ${ONE_JS})), z, 1));
  }`],
  ['acosh', ['sqrt', 'add', 'sub', 'mul', 'pair', 'ln'], `function $acosh(z) {
    const p = $mul($sqrt($add(z, ${ONE_JS})), $sqrt($sub(z, ${ONE_JS})));
    return $ln($pair(p, z, -1));
  }`],
  ['atanh', ['sub', 'add', 'ln', 'half'], `function $atanh(z) { return $half($sub($ln($add(${ONE_JS}, z)), $ln($sub(${ONE_JS}, z)))); }`],
  ['sigmoid', ['div', 'add', 'exp', 'neg'], `function $sigmoid(z) { return $div(${ONE_JS}, $add(${ONE_JS}, $exp($neg(z)))); }`],
];

const JS_CONST: Record<string, string> = {
  e: `{ re: ${Math.E}, im: 0 }`, pi: `{ re: ${Math.PI}, im: 0 }`, i: '{ re: 0, im: 1 }',
  phi: `{ re: ${(1 + Math.sqrt(5)) / 2}, im: 0 }`,
};

/**
 * Returns the source of a self-contained JavaScript arrow function `(x, y) => { … }` computing t.
 * Contract: parameters (sorted variable names, or opts.params) accept a number or { re, im }; the function always
 * returns { re, im } computed in complex double arithmetic (principal branches as in src/core/precise; ln 0 = −∞,
 * z/0 and other undefined values NaN). One `const $N` per unique node, in postfix order, so deep or shared trees
 * need no recursion and common subexpressions are computed once. Unsafe parameter names are mangled to v_….
 */
export function printJs(t: Expr, opts: CodeOptions = {}): string {
  const params = paramList(t, opts);
  const ids = safeNames(params, (p) => JS_RESERVED.has(p));
  const { slots, root } = linearise(t);
  const used = new Set<string>();
  const body: string[] = [];
  slots.forEach((slot, k) => {
    const n = slot.node;
    let rhs: string;
    switch (n.kind) {
      case 'num': rhs = `{ re: ${String(n.value)}, im: 0 }`; break;
      case 'const': rhs = JS_CONST[n.name]!; break;
      case 'var': used.add('c'); rhs = `$c(${ids.get(n.name)!})`; break;
      case 'op': used.add(n.op); rhs = `$${n.op}(${slot.args.map((a) => `$${a}`).join(', ')})`; break;
    }
    body.push(`  const $${k} = ${rhs};`);
  });
  const helpers = neededHelpers(JS_HELPERS, used).map((src) => `  ${src}`);
  return [
    `(${params.map((p) => ids.get(p)!).join(', ')}) => {`,
    ...helpers,
    ...body,
    `  return $${root};`,
    '}',
  ].join('\n');
}

// ---- C ---------------------------------------------------------------------------------------------------------

/** C11 keywords and the <complex.h>/<math.h> names printC's output uses (and main). */
export const C_RESERVED: ReadonlySet<string> = new Set([
  'auto', 'break', 'case', 'char', 'const', 'continue', 'default', 'do', 'double', 'else', 'enum', 'extern', 'float',
  'for', 'goto', 'if', 'inline', 'int', 'long', 'register', 'restrict', 'return', 'short', 'signed', 'sizeof', 'static',
  'struct', 'switch', 'typedef', 'union', 'unsigned', 'void', 'volatile', 'while', '_Alignas', '_Alignof', '_Atomic',
  '_Bool', '_Complex', '_Generic', '_Imaginary', '_Noreturn', '_Static_assert', '_Thread_local',
  'I', 'complex', 'imaginary', 'CMPLX', 'NAN', 'INFINITY', 'creal', 'cimag', 'exp', 'log', 'log1p', 'sqrt', 'sin', 'cos',
  'tan', 'sinh', 'cosh', 'tanh', 'atan2', 'hypot', 'fabs', 'floor', 'pow', 'copysign', 'isfinite', 'isnan', 'main',
]);

const C_NAN = 'CMPLX(NAN, NAN)';
const C_ONE = 'CMPLX(1.0, 0.0)';
const C_PI = '3.141592653589793';

/** C helpers: [name, dependencies, source], in dependency order; every op `o` has a helper eml_o. */
const C_HELPERS: readonly (readonly [string, readonly string[], string])[] = [
  ['fin', [], `static int eml_fin(double complex z) { return isfinite(creal(z)) && isfinite(cimag(z)); }`],
  ['add', [], `static double complex eml_add(double complex a, double complex b) { return CMPLX(creal(a) + creal(b), cimag(a) + cimag(b)); }`],
  ['sub', [], `static double complex eml_sub(double complex a, double complex b) { return CMPLX(creal(a) - creal(b), cimag(a) - cimag(b)); }`],
  ['neg', [], `static double complex eml_neg(double complex a) { return CMPLX(-creal(a), -cimag(a)); }`],
  ['mul', ['fin'], `static double complex eml_mul(double complex a, double complex b) {
  if (!eml_fin(a) || !eml_fin(b)) return ${C_NAN};
  double ar = creal(a), ai = cimag(a), br = creal(b), bi = cimag(b);
  if (ai == 0.0 && bi == 0.0) return CMPLX(ar * br, 0.0);
  return CMPLX(ar * br - ai * bi, ar * bi + ai * br);
}`],
  ['div', ['fin'], `static double complex eml_div(double complex a, double complex b) {
  double ar = creal(a), ai = cimag(a), br = creal(b), bi = cimag(b);
  if (!eml_fin(a) || !eml_fin(b) || (br == 0.0 && bi == 0.0)) return ${C_NAN};
  if (bi == 0.0) return CMPLX(ar / br, ai / br);
  if (fabs(br) >= fabs(bi)) {
    double r = bi / br, d = br + bi * r;
    return CMPLX((ar + ai * r) / d, (ai - ar * r) / d);
  }
  double r = br / bi, d = br * r + bi;
  return CMPLX((ar * r + ai) / d, (ai * r - ar) / d);
}`],
  ['half', [], `static double complex eml_half(double complex a) { return CMPLX(creal(a) / 2.0, cimag(a) / 2.0); }`],
  ['exp', [], `static double complex eml_exp(double complex z) {
  double x = creal(z), y = cimag(z);
  if (y == 0.0) return CMPLX(exp(x), 0.0);
  if (isnan(x) || !isfinite(y)) return ${C_NAN};
  if (x == -INFINITY) return CMPLX(0.0, 0.0);
  if (x == INFINITY) return ${C_NAN};
  double r = exp(x);
  return CMPLX(r * cos(y), r * sin(y));
}`],
  // principal ln: a zero imaginary part of either sign counts as +0 (C's clog would give −iπ for −1 − 0i).
  ['ln', [], `static double complex eml_ln(double complex z) {
  double x = creal(z), y = cimag(z) == 0.0 ? 0.0 : cimag(z);
  if (!isfinite(x) || !isfinite(y)) return (isnan(x) || !isfinite(y)) ? ${C_NAN} : CMPLX(INFINITY, atan2(y, x)); /* ln(±inf + iy) = +inf + i Arg */
  if (y == 0.0) return x == 0.0 ? CMPLX(-INFINITY, 0.0) : CMPLX(log(fabs(x)), x < 0.0 ? ${C_PI} : 0.0);
  double ax = fabs(x), ay = fabs(y), h = hypot(x, y);
  double re = (h > 0.5 && h < 2.0) ? 0.5 * log1p((ax - 1.0) * (ax + 1.0) + ay * ay) : log(h);
  return CMPLX(re, atan2(y, x));
}`],
  ['sqrt', [], `static double complex eml_sqrt(double complex z) {
  double x = creal(z), y = cimag(z) == 0.0 ? 0.0 : cimag(z);
  if (!isfinite(x) || !isfinite(y)) return ${C_NAN};
  if (y == 0.0) return x < 0.0 ? CMPLX(0.0, sqrt(-x)) : CMPLX(sqrt(x), 0.0);
  double r = hypot(x, y);
  if (x >= 0.0) { double t = sqrt(0.5 * r + 0.5 * x); return CMPLX(t, y / (2.0 * t)); }
  double t = sqrt(0.5 * r - 0.5 * x);
  return CMPLX(fabs(y) / (2.0 * t), y < 0.0 ? -t : t);
}`],
  ['pow', ['fin', 'mul', 'div', 'exp', 'ln'], `static double complex eml_pow(double complex a, double complex b) {
  double ar = creal(a), ai = cimag(a), br = creal(b), bi = cimag(b);
  if (!eml_fin(a) || !eml_fin(b)) return ${C_NAN};
  if (ar == 0.0 && ai == 0.0) {
    if (br > 0.0) return CMPLX(0.0, 0.0);
    return (br == 0.0 && bi == 0.0) ? ${C_ONE} : ${C_NAN};
  }
  if (bi == 0.0 && br == floor(br) && fabs(br) <= 2147483648.0) {
    double n = fabs(br);
    double complex base = a, acc = ${C_ONE};
    while (n > 0.0) {
      if (fmod(n, 2.0) == 1.0) acc = eml_mul(acc, base);
      n = floor(n / 2.0);
      if (n > 0.0) base = eml_mul(base, base);
    }
    return br < 0.0 ? eml_div(${C_ONE}, acc) : acc;
  }
  if (ai == 0.0 && bi == 0.0 && ar > 0.0) return CMPLX(pow(ar, br), 0.0);
  return eml_exp(eml_mul(b, eml_ln(a)));
}`],
  ['log', ['div', 'ln'], `static double complex eml_log(double complex b, double complex z) { return eml_div(eml_ln(z), eml_ln(b)); }`],
  ['eml', ['exp', 'ln', 'sub'], `static double complex eml_eml(double complex a, double complex b) { return eml_sub(eml_exp(a), eml_ln(b)); }`],
  ['sqr', ['mul'], `static double complex eml_sqr(double complex a) { return eml_mul(a, a); }`],
  ['inv', ['div'], `static double complex eml_inv(double complex a) { return eml_div(${C_ONE}, a); }`],
  ['avg', ['add', 'half'], `static double complex eml_avg(double complex a, double complex b) { return eml_half(eml_add(a, b)); }`],
  ['hypot', ['sqrt', 'add', 'mul'], `static double complex eml_hypot(double complex a, double complex b) { return eml_sqrt(eml_add(eml_mul(a, a), eml_mul(b, b))); }`],
  ['sin', [], `static double complex eml_sin(double complex z) {
  double x = creal(z), y = cimag(z);
  if (y == 0.0) return CMPLX(sin(x), 0.0);
  return CMPLX(sin(x) * cosh(y), cos(x) * sinh(y));
}`],
  ['cos', [], `static double complex eml_cos(double complex z) {
  double x = creal(z), y = cimag(z);
  if (y == 0.0) return CMPLX(cos(x), 0.0);
  return CMPLX(cos(x) * cosh(y), -sin(x) * sinh(y));
}`],
  ['tan', [], `static double complex eml_tan(double complex z) {
  double x = creal(z), y = cimag(z);
  if (y == 0.0) return CMPLX(tan(x), 0.0);
  double x2 = 2.0 * x, y2 = 2.0 * y;
  if (fabs(y2) > 40.0) return CMPLX(2.0 * sin(x2) * exp(-fabs(y2)), copysign(1.0, y2));
  double d = cos(x2) + cosh(y2);
  return CMPLX(sin(x2) / d, sinh(y2) / d);
}`],
  ['sec', ['div', 'cos'], `static double complex eml_sec(double complex z) { return eml_div(${C_ONE}, eml_cos(z)); }`],
  ['csc', ['div', 'sin'], `static double complex eml_csc(double complex z) { return eml_div(${C_ONE}, eml_sin(z)); }`],
  ['cot', ['div', 'tan'], `static double complex eml_cot(double complex z) { return eml_div(${C_ONE}, eml_tan(z)); }`],
  ['sinh', [], `static double complex eml_sinh(double complex z) {
  double x = creal(z), y = cimag(z);
  if (y == 0.0) return CMPLX(sinh(x), 0.0);
  return CMPLX(sinh(x) * cos(y), cosh(x) * sin(y));
}`],
  ['cosh', [], `static double complex eml_cosh(double complex z) {
  double x = creal(z), y = cimag(z);
  if (y == 0.0) return CMPLX(cosh(x), 0.0);
  return CMPLX(cosh(x) * cos(y), sinh(x) * sin(y));
}`],
  ['tanh', [], `static double complex eml_tanh(double complex z) {
  double x = creal(z), y = cimag(z);
  if (y == 0.0) return CMPLX(tanh(x), 0.0);
  double x2 = 2.0 * x, y2 = 2.0 * y;
  if (fabs(x2) > 40.0) return CMPLX(copysign(1.0, x2), 2.0 * sin(y2) * exp(-fabs(x2)));
  double d = cosh(x2) + cos(y2);
  return CMPLX(sinh(x2) / d, sin(y2) / d);
}`],
  ['pair', ['add', 'sub', 'div'], `/* s + u where (s + u)(s - u) = k: the larger of s +- u directly, else k/(s - u) (no cancellation). */
static double complex eml_pair(double complex s, double complex u, double k) {
  double complex p = eml_add(s, u), m = eml_sub(s, u);
  return hypot(creal(p), cimag(p)) >= hypot(creal(m), cimag(m)) ? p : eml_div(CMPLX(k, 0.0), m);
}`],
  ['asin', ['sqrt', 'sub', 'mul', 'pair', 'ln'], `static double complex eml_asin(double complex z) {
  double complex s = eml_sqrt(eml_sub(${C_ONE}, eml_mul(z, z)));
  double complex l = eml_ln(eml_pair(s, CMPLX(-cimag(z), creal(z)), 1.0));
  return CMPLX(cimag(l), -creal(l));
}`],
  ['acos', ['asin'], `static double complex eml_acos(double complex z) { double complex a = eml_asin(z); return CMPLX(${C_PI} / 2.0 - creal(a), -cimag(a)); }`],
  ['atan', ['sub', 'add', 'ln'], `static double complex eml_atan(double complex z) {
  double complex iz = CMPLX(-cimag(z), creal(z));
  double complex d = eml_sub(eml_ln(eml_sub(${C_ONE}, iz)), eml_ln(eml_add(${C_ONE}, iz)));
  return CMPLX(-0.5 * cimag(d), 0.5 * creal(d));
}`],
  ['asec', ['acos', 'div'], `static double complex eml_asec(double complex z) { return eml_acos(eml_div(${C_ONE}, z)); }`],
  ['acsc', ['asin', 'div'], `static double complex eml_acsc(double complex z) { return eml_asin(eml_div(${C_ONE}, z)); }`],
  ['acot', ['atan', 'div'], `static double complex eml_acot(double complex z) { return eml_atan(eml_div(${C_ONE}, z)); }`],
  ['asinh', ['sqrt', 'add', 'mul', 'pair', 'ln'], `static double complex eml_asinh(double complex z) {
  return eml_ln(eml_pair(eml_sqrt(eml_add(eml_mul(z, z), ${C_ONE})), z, 1.0));
}`],
  ['acosh', ['sqrt', 'add', 'sub', 'mul', 'pair', 'ln'], `static double complex eml_acosh(double complex z) {
  double complex p = eml_mul(eml_sqrt(eml_add(z, ${C_ONE})), eml_sqrt(eml_sub(z, ${C_ONE})));
  return eml_ln(eml_pair(p, z, -1.0));
}`],
  ['atanh', ['sub', 'add', 'ln', 'half'], `static double complex eml_atanh(double complex z) { return eml_half(eml_sub(eml_ln(eml_add(${C_ONE}, z)), eml_ln(eml_sub(${C_ONE}, z)))); }`],
  ['sigmoid', ['div', 'add', 'exp', 'neg'], `static double complex eml_sigmoid(double complex z) { return eml_div(${C_ONE}, eml_add(${C_ONE}, eml_exp(eml_neg(z)))); }`],
];

function cDouble(v: number): string {
  const s = String(v);
  return /[.eE]/.test(s) ? s : `${s}.0`;
}

const C_CONST: Record<string, string> = {
  e: `CMPLX(${cDouble(Math.E)}, 0.0)`, pi: `CMPLX(${C_PI}, 0.0)`, i: 'CMPLX(0.0, 1.0)',
  phi: `CMPLX(${cDouble((1 + Math.sqrt(5)) / 2)}, 0.0)`,
};

/**
 * Returns a C11 translation unit defining `double complex eml_formula(double complex x, …)` (parameters = sorted
 * variables or opts.params; name from opts.name) that computes t with <complex.h> / <math.h> only, using the same
 * definitions and one-temporary-per-unique-node layout as printJs. Link with -lm. Unsafe names are mangled to v_….
 */
export function printC(t: Expr, opts: CodeOptions = {}): string {
  const fname = opts.name ?? 'eml_formula';
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(fname) || C_RESERVED.has(fname)) throw new Error(`printC: invalid function name '${fname}'`);
  const params = paramList(t, opts);
  const ids = safeNames(params, (p) => C_RESERVED.has(p) || /^(t_[0-9]+|eml_.*)$/.test(p) || p === fname);
  const { slots, root } = linearise(t);
  const used = new Set<string>();
  const body: string[] = [];
  slots.forEach((slot, k) => {
    const n = slot.node;
    let rhs: string;
    switch (n.kind) {
      case 'num': rhs = `CMPLX(${cDouble(n.value)}, 0.0)`; break;
      case 'const': rhs = C_CONST[n.name]!; break;
      case 'var': rhs = ids.get(n.name)!; break;
      case 'op': used.add(n.op); rhs = `eml_${n.op}(${slot.args.map((a) => `t_${a}`).join(', ')})`; break;
    }
    body.push(`  const double complex t_${k} = ${rhs};`);
  });
  const sig = params.length === 0 ? 'void' : params.map((p) => `double complex ${ids.get(p)!}`).join(', ');
  const vars = new Set(variables(t));
  const unused = params.filter((p) => !vars.has(p)).map((p) => `  (void)${ids.get(p)!};`);
  return [
    '/* Generated by EML Workbench: complex double evaluation, principal branches (Arg in (-pi, pi],',
    '   a zero imaginary part of either sign counts as +0). Compile with -std=c11 and link with -lm. */',
    '#include <complex.h>',
    '#include <math.h>',
    '',
    ...neededHelpers(C_HELPERS, used),
    '',
    `double complex ${fname}(${sig});`,
    `double complex ${fname}(${sig}) {`,
    ...unused,
    ...body,
    `  return t_${root};`,
    '}',
    '',
  ].join('\n');
}
