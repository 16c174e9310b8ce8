// One complex float64 rule per operator of the table: the numeric meaning of every OpName.
// Both the scalar evaluator and the batched evaluator call `applyOpTo`, so they cannot disagree.
// eml(a, b) = exp(a) − ln(b) is the heart; every other rule is the usual principal-branch function.

import {
  type Cx, ccoshTo, ccosTo, cdivTo, cexpTo, clogTo, cmulTo, cpowTo, csinhTo, csinTo, csqrtTo, ctanhTo, ctanTo, cx,
} from './complex';
import { cacoshTo, cacosTo, casinhTo, casinTo, catanhTo, catanTo } from './complexInverse';
import type { OpName } from './ops';
import type { Semantics } from './semantics';

const S: Cx = cx(0), U: Cx = cx(0);

/** Writes op(a, b) into r (b is ignored for unary operators); allocates nothing. */
export function applyOpTo(r: Cx, op: OpName, ar: number, ai: number, br: number, bi: number, sem: Semantics): Cx {
  switch (op) {
    case 'eml': {
      cexpTo(S, ar, ai, sem);
      clogTo(U, br, bi, sem);
      r.re = S.re - U.re; r.im = S.im - U.im;
      return r;
    }
    case 'add': r.re = ar + br; r.im = ai + bi; return r;
    case 'sub': r.re = ar - br; r.im = ai - bi; return r;
    case 'mul': return cmulTo(r, ar, ai, br, bi);
    case 'div': return cdivTo(r, ar, ai, br, bi);
    case 'pow': return cpowTo(r, ar, ai, br, bi, sem);
    case 'neg': r.re = -ar; r.im = -ai; return r;
    case 'exp': return cexpTo(r, ar, ai, sem);
    case 'ln': return clogTo(r, ar, ai, sem);
    case 'log': {
      // log(b, z) = ln z / ln b: the first argument is the base
      clogTo(S, ar, ai, sem);
      clogTo(U, br, bi, sem);
      return cdivTo(r, U.re, U.im, S.re, S.im);
    }
    case 'sqrt': return csqrtTo(r, ar, ai);
    case 'sqr': return cmulTo(r, ar, ai, ar, ai);
    case 'inv': return cdivTo(r, 1, 0, ar, ai);
    case 'half': r.re = ar / 2; r.im = ai / 2; return r;
    case 'avg': r.re = (ar + br) / 2; r.im = (ai + bi) / 2; return r;
    case 'hypot': {
      if (ai === 0 && bi === 0) { r.re = Math.hypot(ar, br); r.im = 0; return r; }
      // √(a² + b²) = √((fa)² + (fb)²)/f with f a power of 2 near 1/max|part|: the squares neither overflow nor underflow
      const m = Math.max(Math.abs(ar), Math.abs(ai), Math.abs(br), Math.abs(bi));
      const f = (m > 1e150 && m < Infinity) || (m < 1e-150 && m > 0) ? 2 ** -Math.round(Math.log2(m)) : 1;
      cmulTo(S, ar * f, ai * f, ar * f, ai * f);
      cmulTo(U, br * f, bi * f, br * f, bi * f);
      csqrtTo(r, S.re + U.re, S.im + U.im);
      r.re /= f; r.im /= f;
      return r;
    }
    case 'sin': return csinTo(r, ar, ai);
    case 'cos': return ccosTo(r, ar, ai);
    case 'tan': return ctanTo(r, ar, ai);
    case 'sec': ccosTo(S, ar, ai); return cdivTo(r, 1, 0, S.re, S.im);
    case 'csc': csinTo(S, ar, ai); return cdivTo(r, 1, 0, S.re, S.im);
    case 'cot': csinTo(S, ar, ai); ccosTo(U, ar, ai); return cdivTo(r, U.re, U.im, S.re, S.im);
    case 'asin': return casinTo(r, ar, ai);
    case 'acos': return cacosTo(r, ar, ai);
    case 'atan': return catanTo(r, ar, ai);
    case 'asec': cdivTo(S, 1, 0, ar, ai); return cacosTo(r, S.re, S.im);
    case 'acsc': cdivTo(S, 1, 0, ar, ai); return casinTo(r, S.re, S.im);
    case 'acot': cdivTo(S, 1, 0, ar, ai); return catanTo(r, S.re, S.im);
    case 'sinh': return csinhTo(r, ar, ai);
    case 'cosh': return ccoshTo(r, ar, ai);
    case 'tanh': return ctanhTo(r, ar, ai);
    case 'asinh': return casinhTo(r, ar, ai);
    case 'acosh': return cacoshTo(r, ar, ai);
    case 'atanh': return catanhTo(r, ar, ai);
    case 'sigmoid': {
      if (ai === 0) { r.re = 1 / (1 + Math.exp(-ar)); r.im = 0; return r; }
      cexpTo(S, -ar, -ai, sem);
      return cdivTo(r, 1, 0, 1 + S.re, S.im);
    }
  }
}
