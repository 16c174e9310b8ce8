// Scalar complex evaluation of one expression at one point, under an explicit semantics.
// Shared subtrees (DAG nodes) are evaluated once per call, bottom-up without recursion (any depth). Under 'strict' the first non-finite
// intermediate makes the result undefined and names the operator where it happened.

import { applyOpTo } from './applyOp';
import { type Cx, cx, isFiniteCx } from './complex';
import type { Expr, OpNode } from './expr';
import { foldTree } from './foldTree';
import { CONSTS } from './ops';
import type { Semantics } from './semantics';

/** A complex input value: a real number or { re, im }. */
export type ComplexInput = number | { re: number; im: number };

/** The value of an expression at a point, with the semantics it was computed under. */
export interface Value {
  re: number;
  im: number;
  /** false when the value is not a finite complex number (or, under 'strict', when any intermediate was not). */
  defined: boolean;
  semantics: Semantics;
  /** Under 'strict': the operator whose result first was non-finite. */
  undefinedAt?: string;
}

export interface EvaluateOptions { semantics?: Semantics }

/** Returns the complex value of a named constant (e, pi, i, phi). */
export function constantValue(name: 'e' | 'pi' | 'i' | 'phi'): Cx {
  return name === 'i' ? cx(0, 1) : cx(CONSTS[name].value, 0);
}

class StrictUndefined { constructor(readonly at: string) {} }

/** Returns t evaluated at the given variable bindings (throws if a variable is unbound). */
export function evaluate(t: Expr, bindings: Readonly<Record<string, ComplexInput>> = {}, opts: EvaluateOptions = {}): Value {
  const sem = opts.semantics ?? 'ieee';
  const leaf = (n: Exclude<Expr, OpNode>): Cx => {
    switch (n.kind) {
      case 'num': return cx(n.value);
      case 'const': return constantValue(n.name);
      case 'var': {
        const b = bindings[n.name];
        if (b === undefined) throw new Error(`evaluate: no value given for variable '${n.name}'`);
        return typeof b === 'number' ? cx(b) : cx(b.re, b.im);
      }
    }
  };
  const node = (n: OpNode, args: Cx[]): Cx => {
    const a = args[0]!;
    const b = args.length > 1 ? args[1]! : a;
    const v = applyOpTo(cx(0), n.op, a.re, a.im, b.re, b.im, sem);
    if (sem === 'strict' && !isFiniteCx(v.re, v.im)) throw new StrictUndefined(n.op);
    return v;
  };
  try {
    const v = foldTree(t, new Map<Expr, Cx>(), leaf, node);
    return { re: v.re, im: v.im, defined: isFiniteCx(v.re, v.im), semantics: sem };
  } catch (e) {
    if (e instanceof StrictUndefined) return { re: NaN, im: NaN, defined: false, semantics: sem, undefinedAt: e.at };
    throw e;
  }
}
