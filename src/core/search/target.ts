// Search targets: a constant (a number or a formula without variables) or a function of one or two
// variables, parsed from the infix syntax and valued at the probe points.

import { evaluate } from '../evaluate';
import { type Expr, variables } from '../expr';
import { parseInfix } from '../syntax/parseInfix';
import { type ProbeSet, showProbeValue } from './probes';

/** What the search looks for. */
export interface SearchTarget {
  readonly kind: 'const' | 'fn';
  /** The text the user gave. */
  readonly text: string;
  readonly expr: Expr;
  /** Its variables, sorted ([] for a constant). */
  readonly variables: readonly string[];
}

/** Returns the constant target written as a number or a formula without variables (2, -2, 1/2, pi, sqrt(2)). */
export function constantTarget(text: string): SearchTarget {
  const expr = parseTargetText(text, 'constant');
  const vars = variables(expr);
  if (vars.length) throw new Error(`the constant target '${text}' uses the variable ${vars.join(', ')}; use --fn for functions`);
  return { kind: 'const', text, expr, variables: [] };
}

/** Returns the function target written as a formula in one or two variables (ln(x), x*y). */
export function functionTarget(text: string): SearchTarget {
  const expr = parseTargetText(text, 'function');
  const vars = variables(expr);
  if (vars.length === 0) throw new Error(`the function target '${text}' has no variable; use --const for constants`);
  if (vars.length > 2) throw new Error(`the function target '${text}' has ${vars.length} variables (${vars.join(', ')}); at most two are supported`);
  return { kind: 'fn', text, expr, variables: vars };
}

function parseTargetText(text: string, what: string): Expr {
  if (text.trim() === '') throw new Error(`the ${what} target is empty`);
  try {
    return parseInfix(text);
  } catch (e) {
    throw new Error(`malformed ${what} target '${text}': ${(e as Error).message}`);
  }
}

/** Returns the target's values at the probe points (2·P numbers); throws when it is not finite at one of them. */
export function targetValues(t: SearchTarget, probes: ProbeSet): Float64Array {
  const out = new Float64Array(2 * probes.points.length);
  probes.points.forEach((pt, p) => {
    const v = evaluate(t.expr, pt, { semantics: 'ieee' });
    if (!v.defined) {
      const where = Object.keys(pt).length ? ` at ${Object.entries(pt).map(([k, x]) => `${k} = ${showProbeValue(x)}`).join(', ')}` : '';
      throw new Error(`the target '${t.text}' is not a finite number${where}`);
    }
    out[2 * p] = v.re;
    out[2 * p + 1] = v.im;
  });
  return out;
}
