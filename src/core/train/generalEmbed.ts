// Manual starts of the general master tree: any EML tree whose leaves are 1, variables or real constants
// (0.5, -2, pi …), at any depth up to the layout's, laid onto the gates and mixes as ±k logits and onto the
// constants as values. A formula that is not such a tree is compiled to pure EML first, its numbers kept as
// constant leaves (compiled as placeholder variables, then put back), so x*0.5 starts as a 17-node tree, not
// as the compiler's construction of 0.5 from ones.

import { compileToEml } from '../compile';
import { type Expr, ONE, apply, eml, num, variable } from '../expr';
import { printInfix } from '../syntax';
import { constColumn, type GeneralLayout } from './generalLayout';
import { nodeIndex } from './layout';

const REAL_CONSTANTS: Readonly<Record<string, number>> = { e: Math.E, pi: Math.PI, phi: (1 + Math.sqrt(5)) / 2 };

/** Returns the value of a constant leaf (a number other than the leaf 1, −number, or e, pi, phi), else undefined. */
export function constantLeafValue(t: Expr): number | undefined {
  if (t.kind === 'num') return t.value === 1 ? undefined : t.value;
  if (t.kind === 'const') return REAL_CONSTANTS[t.name];
  if (t.kind === 'op' && t.op === 'neg' && t.args[0]!.kind === 'num') return -t.args[0]!.value;
  return undefined;
}

/** Returns the leaf of a real constant: the number, or neg(number) below zero. */
export function constantLeaf(c: number): Expr {
  if (!Number.isFinite(c)) throw new Error(`train: a constant leaf must be finite, got ${c}`);
  return c < 0 ? apply('neg', num(-c)) : num(Object.is(c, -0) ? 0 : c);
}

/** True when t is an EML tree over the leaf 1, variables and real constants. */
export function isEmlWithConstants(t: Expr): boolean {
  if (t.kind === 'var' || (t.kind === 'num' && t.value === 1) || constantLeafValue(t) !== undefined) return true;
  return t.kind === 'op' && t.op === 'eml' && isEmlWithConstants(t.args[0]!) && isEmlWithConstants(t.args[1]!);
}

/** Returns the EML depth of a tree over 1, variables and constants: constant leaves (−2 included) count as leaves. */
export function emlDepth(t: Expr): number {
  return t.kind === 'op' && t.op === 'eml' ? 1 + Math.max(emlDepth(t.args[0]!), emlDepth(t.args[1]!)) : 0;
}

/** Returns the size K (RPN tokens) of a tree over 1, variables and constants: a constant leaf (−2 included) is one token. */
export function emlSize(t: Expr): number {
  return t.kind === 'op' && t.op === 'eml' ? 1 + emlSize(t.args[0]!) + emlSize(t.args[1]!) : 1;
}

/** Returns an EML tree over 1, variables and constants for a formula: itself when it is one, else compiled with its numbers kept as leaves. */
export function toGeneralEml(formula: Expr): Expr {
  if (isEmlWithConstants(formula)) return formula;
  const values: number[] = [];
  const hole = (k: number) => `__c${k}`;
  const strip = (t: Expr): Expr => {
    const c = t.kind === 'const' && t.name === 'e' ? undefined : constantLeafValue(t);
    if (c !== undefined) { values.push(c); return variable(hole(values.length - 1)); }
    return t.kind === 'op' ? apply(t.op, ...t.args.map(strip)) : t;
  };
  const compiled = compileToEml(strip(formula), { mode: 'paper' }).eml;
  const fill = (t: Expr): Expr => {
    if (t.kind === 'var' && t.name.startsWith('__c')) return constantLeaf(values[Number(t.name.slice(3))]!);
    return t.kind === 'op' ? eml(fill(t.args[0]!), fill(t.args[1]!)) : t;
  };
  return fill(compiled);
}

/**
 * Returns the parameters that make the general tree compute `tree` (any formula; see toGeneralEml): gates ±k
 * (+k: the input's leaf), mixes +k on the chosen column and −k elsewhere, the constants of constant leaves;
 * unused inputs default to the leaf 1 with constant `defaultConstant`.
 */
export function embedGeneralTree(layout: GeneralLayout, formula: Expr, varNames: readonly string[], k: number, defaultConstant = 1): Float64Array {
  const t = toGeneralEml(formula);
  if (t.kind !== 'op') throw new Error(`train: a manual start must be an eml node, got '${printInfix(t)}'`);
  const d = emlDepth(t);
  if (d > layout.depth) throw new Error(`train: the start formula needs depth ${d}, more than the master tree's depth ${layout.depth}`);
  const C = layout.choices, p = new Float64Array(layout.params);
  for (let i = 0; i < layout.leaves; i++) {
    for (let c = 0; c < C; c++) p[i * C + c] = c === 0 ? k : -k;
    p[layout.constOffset + i] = defaultConstant;
  }
  for (let j = 0; j < layout.gates; j++) p[layout.gateOffset + j] = k;
  const setMix = (i: number, column: number) => { for (let c = 0; c < C; c++) p[i * C + c] = c === column ? k : -k; };
  const walk = (n: Expr, level: number, pos: number) => {
    const node = nodeIndex(layout.depth, level, pos);
    (n as Extract<Expr, { kind: 'op' }>).args.forEach((arg, side) => {
      const i = 2 * node + side;
      if (arg.kind === 'op' && arg.op === 'eml') {
        p[layout.gateOffset + i - layout.firstGated] = -k; // depth was checked: this input has a child
        walk(arg, level + 1, 2 * pos + side);
        return;
      }
      if (arg.kind === 'var') {
        const col = varNames.indexOf(arg.name);
        if (col < 0) throw new Error(`train: variable '${arg.name}' is not an input of the data (inputs: ${varNames.join(', ')})`);
        setMix(i, col + 1);
      } else if (arg === ONE || (arg.kind === 'num' && arg.value === 1)) setMix(i, 0);
      else {
        setMix(i, constColumn(layout));
        p[layout.constOffset + i] = constantLeafValue(arg)!;
      }
    });
  };
  walk(t, 0, 0);
  return p;
}
