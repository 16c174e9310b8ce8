// The catalogue of named calculator primitives used by basis verification and Sheffer search (section 3.1 of
// the reference): constants (Pi, E, EulerGamma …), unary functions (Exp, Log, Minus, Half …) and binary
// operations (Plus, Times, Log with the base first, EML …), each defined by an operator of ops.ts or a formula.
// EulerGamma and Glaisher stand for the variables x and y (they are printed as x and y in witnesses).

import { type Expr, apply, variable } from '../expr';
import type { OpName } from '../ops';
import { parseInfix } from '../syntax/parseInfix';
import { CATALAN, GAMMA, GLAISHER, KHINCHIN } from './probes';

/** A named primitive of a calculator. */
export interface Primitive {
  readonly name: string;
  readonly kind: 'constant' | 'unary' | 'binary';
  /** Its meaning: a closed formula (constants) or a formula over a (unary) or a, b (binary). */
  readonly formula: Expr;
  /** The operator it is, when it is one (fast path). */
  readonly op?: OpName;
  /** f(a, b) = f(b, a). */
  readonly commutative: boolean;
  /** Constant value (re, im). */
  readonly value?: { re: number; im: number };
  /** How witnesses print it (x and y for the placeholder constants). */
  readonly printed: string;
}

const A = variable('a'), B = variable('b');

function constant(name: string, re: number, im = 0, printed = name): Primitive {
  return Object.freeze({ name, kind: 'constant', formula: parseInfix(im === 0 ? String(re) : 'i'), commutative: false, value: { re, im }, printed });
}
function unary(name: string, op: OpName): Primitive {
  return Object.freeze({ name, kind: 'unary', formula: apply(op, A), op, commutative: false, printed: name });
}
function binary(name: string, op: OpName, commutative = false): Primitive {
  return Object.freeze({ name, kind: 'binary', formula: apply(op, A, B), op, commutative, printed: name });
}
function binaryFormula(name: string, formula: string, commutative = false): Primitive {
  return Object.freeze({ name, kind: 'binary', formula: parseInfix(formula), commutative, printed: name });
}

/** Every catalogue primitive, by name within its kind. */
export const CATALOGUE: readonly Primitive[] = [
  constant('Glaisher', GLAISHER, 0, 'y'),
  constant('EulerGamma', GAMMA, 0, 'x'),
  constant('Pi', Math.PI), constant('E', Math.E), constant('1', 1), constant('-1', -1), constant('2', 2),
  constant('0', 0), constant('3', 3), constant('Catalan', CATALAN), constant('Khinchin', KHINCHIN), constant('I', 0, 1),
  unary('Half', 'half'), unary('Minus', 'neg'), unary('Log', 'ln'), unary('Exp', 'exp'), unary('Inv', 'inv'),
  unary('Sqrt', 'sqrt'), unary('Sqr', 'sqr'), unary('Cosh', 'cosh'), unary('Cos', 'cos'), unary('Sinh', 'sinh'),
  unary('Sin', 'sin'), unary('Tanh', 'tanh'), unary('Tan', 'tan'), unary('ArcSinh', 'asinh'), unary('ArcTanh', 'atanh'),
  unary('ArcSin', 'asin'), unary('ArcCos', 'acos'), unary('ArcTan', 'atan'), unary('ArcCosh', 'acosh'),
  unary('LogisticSigmoid', 'sigmoid'),
  binary('Plus', 'add', true), binary('Times', 'mul', true), binary('Subtract', 'sub'), binary('Divide', 'div'),
  binary('Power', 'pow'), binary('Log', 'log'), binary('Avg', 'avg', true), binary('Hypot', 'hypot', true),
  binary('EML', 'eml'), binary('Mean', 'avg', true),
  binaryFormula('InvSubtract', '1/(a - b)'), binaryFormula('HarmonicMean', '2/(1/a + 1/b)', true),
];

/** The reference's default targets ("CALC4-like", section 3.1): 7 constants, 20 unary, 8 binary. */
export const CALCULATOR_TARGETS: Readonly<Record<'constant' | 'unary' | 'binary', readonly string[]>> = {
  constant: ['Glaisher', 'EulerGamma', 'Pi', 'E', '1', '-1', '2'],
  unary: ['Half', 'Minus', 'Log', 'Exp', 'Inv', 'Sqrt', 'Sqr', 'Cosh', 'Cos', 'Sinh', 'Sin', 'Tanh', 'Tan', 'ArcSinh',
    'ArcTanh', 'ArcSin', 'ArcCos', 'ArcTan', 'ArcCosh', 'LogisticSigmoid'],
  binary: ['Plus', 'Times', 'Subtract', 'Divide', 'Power', 'Log', 'Avg', 'Hypot'],
};

/** Returns the catalogue primitive of a kind by name, or a user primitive written NAME=formula (in a, b). */
export function primitive(kind: Primitive['kind'], text: string): Primitive {
  const src = text.trim();
  const eq = src.indexOf('=');
  if (eq < 0) {
    const hit = CATALOGUE.find((p) => p.kind === kind && p.name === src);
    if (hit) return hit;
    const names = CATALOGUE.filter((p) => p.kind === kind).map((p) => p.name).join(', ');
    throw new Error(`unknown ${kind === 'constant' ? 'constant' : `${kind} function`} '${src}' (known: ${names}; or NAME=formula)`);
  }
  const name = src.slice(0, eq).trim(), body = src.slice(eq + 1).trim();
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`'${name}' is not a valid primitive name (letters, digits, _)`);
  let formula: Expr;
  try {
    formula = parseInfix(body);
  } catch (e) {
    throw new Error(`primitive '${name}': ${(e as Error).message}`);
  }
  const allowed = kind === 'constant' ? [] : kind === 'unary' ? ['a'] : ['a', 'b'];
  const used = collectVars(formula);
  const bad = used.filter((v) => !allowed.includes(v));
  if (bad.length) throw new Error(`primitive '${name}' uses ${bad.join(', ')}; ${kind === 'constant' ? 'a constant uses no variable' : `a ${kind} primitive may use only ${allowed.join(' and ')}`}`);
  return Object.freeze({ name, kind, formula, commutative: false, printed: name });
}

function collectVars(t: Expr): string[] {
  if (t.kind === 'var') return [t.name];
  if (t.kind === 'op') return [...new Set(t.args.flatMap(collectVars))];
  return [];
}
