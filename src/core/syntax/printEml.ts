// The pure-EML printer: eml(1, eml(x, 1)) or, Mathematica style, EML[1,EML[x,1]].
// Accepts only pure EML trees (eml nodes over the leaf 1 and variables) and throws for anything else;
// emission is iterative (see emit.ts), so compiled trees of any depth print in O(output size).

import { opInfo } from '../ops';
import type { Expr } from '../expr';
import { emit } from './emit';

/** Output style of printEml: eml(a, b) calls, or compact Mathematica EML[a,b]. */
export type EmlStyle = 'call' | 'mathematica';

/**
 * Returns the text of a pure EML tree (`eml(1, eml(x, 1))`); throws an Error when t is not pure. With
 * `numbers`, numeric leaves (fitted constants such as 0.5) are allowed and printed as decimals.
 */
export function printEml(t: Expr, style: EmlStyle = 'call', opts: { numbers?: boolean } = {}): string {
  const info = opInfo('eml');
  const [open, sep, close] = style === 'call' ? [`${info.infix}(`, ', ', ')'] : [`${info.mathematica}[`, ',', ']'];
  return emit(t, (n) => {
    if (n.kind === 'op' && n.op === 'eml') return [open, n.args[0]!, sep, n.args[1]!, close];
    if (n.kind === 'num' && (n.value === 1 || opts.numbers)) return [n.value === 1 ? '1' : n.text];
    if (n.kind === 'var') return [n.name];
    const what = n.kind === 'op' ? `operator ${n.op}` : n.kind === 'num' ? `number ${n.text}` : `constant ${n.name}`;
    throw new Error(`printEml: not a pure EML tree (contains ${what})`);
  });
}
