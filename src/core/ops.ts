// The operator table: the single source of truth for every operator and function the engine knows.
// Parsers, printers, evaluators and the compiler all read arity, precedence and spellings from here.
// Invariant: every OpName appears exactly once in OPS, and every alias maps to exactly one OpName.

/** Names of all operators (binary infix, unary prefix, and named functions, EML included). */
export type OpName =
  | 'eml'
  | 'add' | 'sub' | 'mul' | 'div' | 'pow' | 'neg'
  | 'exp' | 'ln' | 'log' | 'sqrt' | 'sqr' | 'inv' | 'half' | 'avg' | 'hypot'
  | 'sin' | 'cos' | 'tan' | 'sec' | 'csc' | 'cot'
  | 'asin' | 'acos' | 'atan' | 'asec' | 'acsc' | 'acot'
  | 'sinh' | 'cosh' | 'tanh'
  | 'asinh' | 'acosh' | 'atanh'
  | 'sigmoid';

/** Named constants a formula may contain (besides numbers and variables). */
export type ConstName = 'e' | 'pi' | 'i' | 'phi';

export type OpKind = 'infix' | 'prefix' | 'function';

export interface OpInfo {
  readonly name: OpName;
  readonly arity: 1 | 2;
  readonly kind: OpKind;
  /** Binding strength for infix/prefix operators; higher binds tighter. Functions bind tightest. */
  readonly precedence: number;
  /** 'left': a-b-c = (a-b)-c; 'right': a^b^c = a^(b^c). */
  readonly assoc: 'left' | 'right' | 'none';
  /** Infix symbol ('+', '^') or the canonical function name used by the infix syntax. */
  readonly infix: string;
  /** Mathematica head (Plus, Sin, ArcSinh, EML). */
  readonly mathematica: string;
  /** LaTeX: for functions the command (\sin) or \operatorname{..}; for infix ops unused. */
  readonly latex: string;
  /** Extra infix names accepted by the parser (ln/log, asin/arcsin ...). */
  readonly aliases: readonly string[];
  /** Extra Mathematica heads accepted by the parser. */
  readonly mathematicaAliases: readonly string[];
  /** commutative: f(a, b) = f(b, a). */
  readonly commutative: boolean;
}

function op(
  name: OpName, arity: 1 | 2, kind: OpKind, precedence: number, assoc: OpInfo['assoc'], infix: string,
  mathematica: string, latex: string, aliases: string[] = [], mathematicaAliases: string[] = [],
  commutative = false,
): OpInfo {
  return { name, arity, kind, precedence, assoc, infix, mathematica, latex, aliases, mathematicaAliases, commutative };
}

const FN = 100; // functions bind tighter than any infix operator

/** Precedence levels of the infix grammar (shared by parsers and printers). */
export const PREC = { add: 10, mul: 20, neg: 30, pow: 40, atom: FN } as const;

/** Every operator, in a fixed order (the order is part of hashing and JSON: append only). */
export const OPS: readonly OpInfo[] = [
  op('eml', 2, 'function', FN, 'none', 'eml', 'EML', '\\operatorname{eml}', ['EML'], []),
  op('add', 2, 'infix', PREC.add, 'left', '+', 'Plus', '+', [], [], true),
  op('sub', 2, 'infix', PREC.add, 'left', '-', 'Subtract', '-'),
  op('mul', 2, 'infix', PREC.mul, 'left', '*', 'Times', '\\cdot', [], [], true),
  op('div', 2, 'infix', PREC.mul, 'left', '/', 'Divide', '\\frac'),
  op('pow', 2, 'infix', PREC.pow, 'right', '^', 'Power', '^', ['**']),
  op('neg', 1, 'prefix', PREC.neg, 'none', '-', 'Minus', '-'),
  op('exp', 1, 'function', FN, 'none', 'exp', 'Exp', '\\exp'),
  op('ln', 1, 'function', FN, 'none', 'ln', 'Log', '\\ln', [], ['Ln']),
  op('log', 2, 'function', FN, 'none', 'log', 'Log', '\\log'),
  op('sqrt', 1, 'function', FN, 'none', 'sqrt', 'Sqrt', '\\sqrt'),
  op('sqr', 1, 'function', FN, 'none', 'sqr', 'Sqr', '\\operatorname{sqr}'),
  op('inv', 1, 'function', FN, 'none', 'inv', 'Inv', '\\operatorname{inv}'),
  op('half', 1, 'function', FN, 'none', 'half', 'Half', '\\operatorname{half}'),
  op('avg', 2, 'function', FN, 'none', 'avg', 'Avg', '\\operatorname{avg}', ['mean'], ['Mean'], true),
  op('hypot', 2, 'function', FN, 'none', 'hypot', 'Hypot', '\\operatorname{hypot}', [], [], true),
  op('sin', 1, 'function', FN, 'none', 'sin', 'Sin', '\\sin'),
  op('cos', 1, 'function', FN, 'none', 'cos', 'Cos', '\\cos'),
  op('tan', 1, 'function', FN, 'none', 'tan', 'Tan', '\\tan'),
  op('sec', 1, 'function', FN, 'none', 'sec', 'Sec', '\\sec'),
  op('csc', 1, 'function', FN, 'none', 'csc', 'Csc', '\\csc'),
  op('cot', 1, 'function', FN, 'none', 'cot', 'Cot', '\\cot'),
  op('asin', 1, 'function', FN, 'none', 'asin', 'ArcSin', '\\arcsin', ['arcsin']),
  op('acos', 1, 'function', FN, 'none', 'acos', 'ArcCos', '\\arccos', ['arccos']),
  op('atan', 1, 'function', FN, 'none', 'atan', 'ArcTan', '\\arctan', ['arctan']),
  op('asec', 1, 'function', FN, 'none', 'asec', 'ArcSec', '\\operatorname{arcsec}', ['arcsec']),
  op('acsc', 1, 'function', FN, 'none', 'acsc', 'ArcCsc', '\\operatorname{arccsc}', ['arccsc']),
  op('acot', 1, 'function', FN, 'none', 'acot', 'ArcCot', '\\operatorname{arccot}', ['arccot']),
  op('sinh', 1, 'function', FN, 'none', 'sinh', 'Sinh', '\\sinh'),
  op('cosh', 1, 'function', FN, 'none', 'cosh', 'Cosh', '\\cosh'),
  op('tanh', 1, 'function', FN, 'none', 'tanh', 'Tanh', '\\tanh'),
  op('asinh', 1, 'function', FN, 'none', 'asinh', 'ArcSinh', '\\operatorname{arsinh}', ['arsinh', 'arcsinh']),
  op('acosh', 1, 'function', FN, 'none', 'acosh', 'ArcCosh', '\\operatorname{arcosh}', ['arcosh', 'arccosh']),
  op('atanh', 1, 'function', FN, 'none', 'atanh', 'ArcTanh', '\\operatorname{artanh}', ['artanh', 'arctanh']),
  op('sigmoid', 1, 'function', FN, 'none', 'sigmoid', 'LogisticSigmoid', '\\sigma', ['logistic'], ['Sigmoid']),
];

const BY_NAME = new Map<OpName, OpInfo>(OPS.map((o) => [o.name, o]));

/** Returns the table entry of an operator. */
export function opInfo(name: OpName): OpInfo {
  const info = BY_NAME.get(name);
  if (!info) throw new Error(`ops: unknown operator ${name}`);
  return info;
}

/** Returns the index of an operator in OPS (stable; used for hashing and flat encodings). */
export function opIndex(name: OpName): number {
  return OPS.indexOf(opInfo(name));
}

const INFIX_FUNCTIONS = new Map<string, OpName>();
const MATHEMATICA_HEADS = new Map<string, OpName[]>();
for (const o of OPS) {
  if (o.kind === 'function') {
    INFIX_FUNCTIONS.set(o.infix, o.name);
    for (const a of o.aliases) INFIX_FUNCTIONS.set(a, o.name);
  }
  for (const h of [o.mathematica, ...o.mathematicaAliases]) {
    const list = MATHEMATICA_HEADS.get(h) ?? [];
    list.push(o.name);
    MATHEMATICA_HEADS.set(h, list);
  }
}

/** Returns the operator a function name of the infix syntax denotes (sin, ln, log, eml ...), or undefined. */
export function functionByInfixName(name: string): OpName | undefined {
  return INFIX_FUNCTIONS.get(name);
}

/** Returns the operators a Mathematica head may denote (Log → ln or log by arity), or undefined. */
export function opsByMathematicaHead(head: string): readonly OpName[] | undefined {
  return MATHEMATICA_HEADS.get(head);
}

/** Spellings of named constants. */
export const CONSTS: Readonly<Record<ConstName, { infix: string; mathematica: string; latex: string; value: number }>> = {
  e: { infix: 'e', mathematica: 'E', latex: 'e', value: Math.E },
  pi: { infix: 'pi', mathematica: 'Pi', latex: '\\pi', value: Math.PI },
  i: { infix: 'i', mathematica: 'I', latex: 'i', value: NaN },
  phi: { infix: 'phi', mathematica: 'GoldenRatio', latex: '\\varphi', value: (1 + Math.sqrt(5)) / 2 },
};

/** Returns the constant an infix identifier denotes (pi, e, i, phi/golden_ratio), or undefined. */
export function constByInfixName(name: string): ConstName | undefined {
  switch (name) {
    case 'e': return 'e';
    case 'pi': case 'π': return 'pi';
    case 'i': return 'i';
    case 'phi': case 'golden_ratio': case 'φ': return 'phi';
    default: return undefined;
  }
}

/** Returns the constant a Mathematica symbol denotes (E, Pi, I, GoldenRatio), or undefined. */
export function constByMathematicaName(name: string): ConstName | undefined {
  switch (name) {
    case 'E': return 'e';
    case 'Pi': return 'pi';
    case 'I': return 'i';
    case 'GoldenRatio': return 'phi';
    default: return undefined;
  }
}
