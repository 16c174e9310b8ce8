// Shared test helpers for the syntax tests: a seeded PRNG for the fuzzers and fast-check arbitraries
// of expression trees over the ops table (leaves: numbers, variables, constants) and of pure EML trees.

import fc from 'fast-check';
import { type Expr, ONE, apply, constant, eml, num, variable } from '../../../src/core/expr';
import { type ConstName, OPS } from '../../../src/core/ops';
import { ParseError } from '../../../src/core/syntax';
import { createRng } from '../../../src/core/rng';

/** Returns a seeded PRNG giving floats in [0, 1) (the engine's generator). */
export const prng = createRng;

/** Returns a random element of list. */
export function pick<T>(rnd: () => number, list: readonly T[]): T {
  return list[Math.floor(rnd() * list.length)]!;
}

/** Variable names that are plain variables in every syntax (not a function, constant or RPN operator). */
export const SAFE_VARS = ['x', 'y', 'z', 't', 'x1', 'y_2', 'alpha', 'θ', 'foo_bar', '_u'];

/** Numbers whose printed forms are tricky: exponents, tiny/huge values, the spelling '.5'. */
export const TRICKY_NUMBERS: readonly Expr[] = [
  num(0), num(1), num(2), num(0.5), num(1e-7), num(1e21), num(5e-324), num(Number.MAX_VALUE), num(123456789.125),
  num('.5'), num('2.5E+3'), num('0.50'), num('1.'), num('1e-3'), num('007'),
];

const numberArb: fc.Arbitrary<Expr> = fc.oneof(
  fc.nat(1000).map((v) => num(v)),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }).map((v) => num(v)),
  fc.constantFrom(...TRICKY_NUMBERS),
);

const leafArb: fc.Arbitrary<Expr> = fc.oneof(
  numberArb,
  fc.constantFrom(...SAFE_VARS).map(variable),
  fc.constantFrom<ConstName>('e', 'pi', 'i', 'phi').map(constant),
);

const INFIX_OPS = OPS.filter((o) => o.kind !== 'function');
const FUNCTION_OPS = OPS.filter((o) => o.kind === 'function');

/** Arbitrary trees over the whole ops table (operators weighted towards the infix/prefix ones). */
export const exprArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 7, depthSize: 'small' },
    { arbitrary: leafArb, weight: 3 },
    {
      arbitrary: fc.tuple(fc.constantFrom(...INFIX_OPS), tie('expr'), tie('expr'))
        .map(([o, a, b]) => (o.arity === 1 ? apply(o.name, a) : apply(o.name, a, b))),
      weight: 4,
    },
    {
      arbitrary: fc.tuple(fc.constantFrom(...FUNCTION_OPS), tie('expr'), tie('expr'))
        .map(([o, a, b]) => (o.arity === 1 ? apply(o.name, a) : apply(o.name, a, b))),
      weight: 2,
    },
  ),
})).expr;

/** Arbitrary pure EML trees: eml nodes over the leaf 1 and variables. */
export const pureEmlArb: fc.Arbitrary<Expr> = fc.letrec<{ expr: Expr }>((tie) => ({
  expr: fc.oneof(
    { maxDepth: 9, depthSize: 'small' },
    fc.oneof(fc.constant(ONE), fc.constantFrom(...SAFE_VARS).map(variable)),
    fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => eml(a, b)),
  ),
})).expr;

/** Returns the ParseError thrown by f (fails the test if f returns or throws something else). */
export function parseErrorOf(f: () => unknown): ParseError {
  try {
    f();
  } catch (e) {
    if (e instanceof ParseError) return e;
    throw e;
  }
  throw new Error('expected a ParseError, but the call returned');
}
