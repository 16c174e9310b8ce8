// A compiled scalar formula: a FlatTree over named inputs, evaluated at one complex point per call with the
// engine's rules (applyOp.ts), into preallocated registers. Search kernels use it for user-defined operators,
// feature functions and the top part of decomposed binary operators. Under 'strict' any non-finite input or
// intermediate makes the result NaN, as evaluate() does.

import { applyOpTo } from '../applyOp';
import { type Cx, cx } from '../complex';
import type { Expr } from '../expr';
import { CODE_LIT, CODE_VAR, type FlatTree, flatten, opOfCode } from '../flat';
import type { OpName } from '../ops';
import type { Semantics } from '../semantics';

/** A formula compiled for repeated scalar evaluation; `re`/`im` hold the last result. */
export class ScalarProgram {
  re = NaN;
  im = NaN;
  private readonly flat: FlatTree;
  private readonly ops: Array<OpName | null>;
  private readonly regRe: Float64Array;
  private readonly regIm: Float64Array;
  private readonly r: Cx = cx(0);

  constructor(readonly expr: Expr, readonly inputs: readonly string[], readonly semantics: Semantics) {
    this.flat = flatten(expr, inputs);
    this.ops = Array.from(this.flat.code, (c) => (c === CODE_LIT || c === CODE_VAR ? null : opOfCode(c)));
    this.regRe = new Float64Array(this.flat.count);
    this.regIm = new Float64Array(this.flat.count);
  }

  /** Evaluates with input k read from (inRe[offsets[k]], inIm[offsets[k]]); sets re/im; returns re. */
  run(values: Float64Array, offsets: ArrayLike<number>): number {
    const f = this.flat, rr = this.regRe, ri = this.regIm, strict = this.semantics === 'strict';
    for (let k = 0; k < f.count; k++) {
      const c = f.code[k]!;
      if (c === CODE_LIT) { rr[k] = f.litRe[k]!; ri[k] = f.litIm[k]!; continue; }
      if (c === CODE_VAR) {
        const o = offsets[f.arg0[k]!]!;
        rr[k] = values[o]!; ri[k] = values[o + 1]!;
      } else {
        const a = f.arg0[k]!, b = f.arg1[k]! < 0 ? a : f.arg1[k]!;
        applyOpTo(this.r, this.ops[k]!, rr[a]!, ri[a]!, rr[b]!, ri[b]!, this.semantics);
        rr[k] = this.r.re; ri[k] = this.r.im;
      }
      if (strict && !(Number.isFinite(rr[k]!) && Number.isFinite(ri[k]!))) { this.re = NaN; this.im = NaN; return NaN; }
    }
    this.re = rr[f.count - 1]!;
    this.im = ri[f.count - 1]!;
    return this.re;
  }
}
