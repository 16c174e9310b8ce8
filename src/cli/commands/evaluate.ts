// `emlw eval`: the value of a formula at a point, in float64 under a chosen semantics, and optionally
// at arbitrary precision.

import { type ComplexInput, evaluate } from '../../core/evaluate';
import { variables } from '../../core/expr';
import { evaluatePrecise } from '../../core/precise/evaluatePrecise';
import { SEMANTICS, type Semantics } from '../../core/semantics';
import { parseFormula, type TextSyntax } from '../../core/syntax';
import { type OptionSpec, type ParsedArgs, UsageError, flag, option } from '../args';
import type { Io } from '../output';
import { SYNTAXES } from './compile';

export const evalSpec: Record<string, OptionSpec> = {
  at: {}, semantics: { choices: SEMANTICS }, digits: {}, syntax: { choices: SYNTAXES },
  json: { boolean: true }, help: { boolean: true },
};

export const evalHelp = `Usage: emlw eval "<formula>" [--at x=0.5,y=2] [options]

Evaluates a formula (conventional or EML) in complex float64 arithmetic, principal branch.

Options:
  --at NAME=VALUE,...          variable values; a value is real (0.5, -2, 1e-3) or complex (1+2i, -0.5i)
  --semantics ieee|extended|strict   ieee (default): plain IEEE-754; extended: the paper's extended reals
                               (C99 complex special values); strict: any non-finite step is undefined.
                               Branch cuts are the same in all three (the paper's, Mathematica's):
                               ln(-1-0i) = i*pi, asin(2) = pi/2 - 1.317i; write -0 as e.g. x=-4-0i
  --digits N                   also evaluate with N significant digits (arbitrary precision, N <= 1000),
                               under the same semantics
  --syntax infix|mathematica|eml|rpn   input syntax (default infix)
  --json                       print { input, at, semantics, re, im, defined, precise? }
`;

const NUM = String.raw`(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const REAL = new RegExp(String.raw`^[+-]?${NUM}$`);
const FULL = new RegExp(String.raw`^([+-]?${NUM})([+-])(${NUM})?i$`);
const IMAG = new RegExp(String.raw`^([+-]?)(${NUM})?i$`);

/** Returns the complex number written as "0.5", "-2", "1+2i", "-0.5i" or "i". */
export function parseComplexLiteral(text: string): { re: number; im: number } {
  const s = text.replace(/\s+/g, '');
  if (REAL.test(s)) return { re: Number(s), im: 0 };
  let m = FULL.exec(s);
  if (m) return { re: Number(m[1]), im: (m[2] === '-' ? -1 : 1) * (m[3] === undefined ? 1 : Number(m[3])) };
  m = IMAG.exec(s);
  if (m) return { re: 0, im: (m[1] === '-' ? -1 : 1) * (m[2] === undefined ? 1 : Number(m[2])) };
  throw new UsageError(`'${text}' is not a number (expected e.g. 0.5, -2, 1+2i or 3i)`);
}

/** Returns the bindings of an --at list such as "x=0.5,y=1+2i". */
export function parseAt(text: string): Record<string, { re: number; im: number }> {
  const out: Record<string, { re: number; im: number }> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--at: '${part}' should look like NAME=VALUE`);
    const name = part.slice(0, eq).trim();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new UsageError(`--at: '${name}' is not a variable name`);
    if (name in out) throw new UsageError(`--at: '${name}' is given twice`);
    try {
      out[name] = parseComplexLiteral(part.slice(eq + 1));
    } catch (e) {
      throw new UsageError(`--at ${name}: ${(e as Error).message}`);
    }
  }
  return out;
}

/** Formats a complex float64 as "a", "bi" or "a + bi". */
export function formatComplex(re: number, im: number): string {
  if (im === 0 && !Object.is(im, -0)) return String(re);
  if (re === 0 && Number.isFinite(im)) return `${im}i`;
  return `${re} ${im < 0 || Object.is(im, -0) ? '-' : '+'} ${Math.abs(im)}i`;
}

/** Runs `emlw eval`; returns the exit code. */
export function runEval(args: ParsedArgs, io: Io): number {
  if (args.positionals.length !== 1) throw new UsageError('eval takes exactly one formula (quote it)');
  const text = args.positionals[0]!;
  const t = parseFormula(text, option(args, 'syntax', 'infix') as TextSyntax);
  const at = parseAt(option(args, 'at', ''));
  const missing = variables(t).filter((v) => !(v in at));
  if (missing.length) throw new UsageError(`no value for ${missing.map((v) => `'${v}'`).join(', ')} (use --at ${missing[0]}=...)`);
  const semantics = option(args, 'semantics', 'ieee') as Semantics;
  const digitsText = args.options.get('digits');
  let digits: number | undefined;
  if (typeof digitsText === 'string') {
    digits = Number(digitsText);
    if (!Number.isInteger(digits) || digits < 1 || digits > 1000) throw new UsageError(`--digits must be an integer from 1 to 1000, got '${digitsText}'`);
  }
  const v = evaluate(t, at as Record<string, ComplexInput>, { semantics });
  const precise = digits === undefined ? undefined : evaluatePrecise(t, at, { digits, semantics });
  if (flag(args, 'json')) {
    io.out(JSON.stringify({
      input: text, at, semantics, re: jsonNumber(v.re), im: jsonNumber(v.im), defined: v.defined,
      ...(v.undefinedAt ? { undefined_at: v.undefinedAt } : {}),
      ...(precise ? { digits, precise } : {}),
    }, null, 2) + '\n');
    return 0;
  }
  io.out(`${formatComplex(v.re, v.im)}${v.defined ? '' : `   (undefined under '${semantics}'${v.undefinedAt ? `: first non-finite step at ${v.undefinedAt}` : ''})`}\n`);
  if (precise) {
    const why = precise.undefinedAt ? `; undefined under 'strict': first non-finite step at ${precise.undefinedAt}` : '';
    io.out(`${precise.im === '0' ? precise.re : `${precise.re} + (${precise.im})i`}   (${digits} digits${why})\n`);
  }
  return 0;
}

function jsonNumber(x: number): number | string {
  return Number.isFinite(x) ? x : String(x);
}
