// The LaTeX printer for display: \frac{a}{b}, \sqrt{x}, x^{2}, \sin\left(x\right), \log_{b}\left(z\right),
// \exp\left(x\right) (so that e^{x} always means the constant e raised to x), \operatorname{eml}\left(a, b\right).
// Commands come from the ops table; parentheses follow parens.ts, except that \frac and exponents group by braces.

import { type OpName, CONSTS, opInfo } from '../ops';
import { type Expr, formatNumber } from '../expr';
import { emit, type Piece } from './emit';
import { needsParens, type Side } from './parens';

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu',
  'xi', 'rho', 'sigma', 'tau', 'upsilon', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi',
  'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega',
]);

function latexName(s: string): string {
  if ([...s].length === 1) return s;
  if (GREEK.has(s)) return `\\${s}`;
  return `\\mathrm{${s.replace(/_/g, '\\_')}}`;
}

/** Returns the LaTeX of a variable name: x, x_{1} (for x1 and x_1), \alpha, v_{\mathrm{max}}, \mathrm{rate}. */
export function latexVariable(name: string): string {
  const digits = /^(.*?[^_0-9])_?([0-9]+)$/.exec(name);
  if (digits) return `${latexName(digits[1]!)}_{${digits[2]}}`;
  const cut = name.indexOf('_', 1);
  if (cut > 0 && cut < name.length - 1) return `${latexName(name.slice(0, cut))}_{${latexName(name.slice(cut + 1))}}`;
  return latexName(name);
}

/** Returns the LaTeX of a non-negative number: 0.5, or 1.5 \times 10^{-7} for exponent forms. */
export function latexNumber(value: number): string {
  const s = formatNumber(value);
  const e = s.indexOf('e');
  return e < 0 ? s : `${s.slice(0, e)} \\times 10^{${s.slice(e + 1).replace('+', '')}}`;
}

const LEFT = '\\left(';
const RIGHT = '\\right)';

function wrap(parent: OpName, child: Expr, side: Side): Piece[] {
  const pow = parent === 'pow';
  if (parent === 'div' || (pow && side === 'right')) return [child]; // grouped by braces
  let parens: boolean;
  if (child.kind === 'num') parens = pow && formatNumber(child.value).includes('e');
  else if (child.kind !== 'op') parens = false;
  else if (child.op === 'div') parens = pow; // \frac is an atom, except as a base
  else if (opInfo(child.op).kind === 'prefix') parens = side === 'right' || needsParens(parent, child.op, side);
  else parens = needsParens(parent, child.op, side);
  return parens ? [LEFT, child, RIGHT] : [child];
}

function call(command: string, args: readonly Expr[]): Piece[] {
  const pieces: Piece[] = [command, LEFT];
  args.forEach((a, k) => {
    if (k > 0) pieces.push(', ');
    pieces.push(a);
  });
  pieces.push(RIGHT);
  return pieces;
}

/** Returns conventional LaTeX for t (`\frac{1}{x} + \sin\left(x\right)^{2}`); for display, not parsed back. */
export function printLatex(t: Expr): string {
  return emit(t, (n) => {
    switch (n.kind) {
      case 'num': return [latexNumber(n.value)];
      case 'var': return [latexVariable(n.name)];
      case 'const': return [CONSTS[n.name].latex];
      case 'op': {
        const info = opInfo(n.op);
        const [a, b] = n.args as [Expr, Expr];
        switch (n.op) {
          case 'div': return [`${info.latex}{`, a, '}{', b, '}'];
          case 'pow': return [...wrap('pow', a, 'left'), `${info.latex}{`, b, '}'];
          case 'sqrt': return [`${info.latex}{`, a, '}'];
          case 'log': return [`${info.latex}_{`, a, '}', ...call('', [b])];
          default:
            if (info.kind === 'function') return call(info.latex, n.args);
            if (info.kind === 'prefix') return [info.latex, ...wrap(n.op, a, 'right')];
            return [...wrap(n.op, a, 'left'), ` ${info.latex} `, ...wrap(n.op, b, 'right')];
        }
      }
    }
  });
}
