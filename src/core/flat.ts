// FlatTree: an expression stored as typed arrays in postfix order, with common subexpressions merged.
// Invariant: the children of node k have indices < k, and the root is the last node (count − 1).
// Example: eml(eml(x, 1), 1) with x bound to variable 0 becomes
//   0: var 0     1: lit 1     2: eml(0, 1)     3: eml(2, 1)        (the leaf 1 is stored once)
// `size` keeps the tree size K of the original expression (shared nodes counted per occurrence).

import { type Expr, size as treeSize, variables as treeVariables } from './expr';
import { CONSTS, OPS, type OpName, opIndex } from './ops';

/** Code of a literal node (value in litRe/litIm). */
export const CODE_LIT = 0;
/** Code of a variable node (variable index in arg0). */
export const CODE_VAR = 1;
/** Code offset of operator nodes: code = CODE_OP + index in OPS. */
export const CODE_OP = 2;
/** Code of eml nodes. */
export const CODE_EML = CODE_OP + opIndex('eml');

export interface FlatTree {
  readonly count: number;
  readonly code: Uint8Array;
  readonly arg0: Int32Array;
  readonly arg1: Int32Array;
  readonly litRe: Float64Array;
  readonly litIm: Float64Array;
  /** Variable names, in the order of input planes. */
  readonly variables: readonly string[];
  /** Tree size K of the source expression. */
  readonly size: number;
}

/** Returns the operator name of an operator code. */
export function opOfCode(code: number): OpName {
  return OPS[code - CODE_OP]!.name;
}

/** Returns t as a FlatTree; `vars` fixes the variable order (default: sorted names in t). */
export function flatten(t: Expr, vars: readonly string[] = treeVariables(t)): FlatTree {
  const varIndex = new Map(vars.map((v, i) => [v, i] as const));
  const code: number[] = [], a0: number[] = [], a1: number[] = [], lr: number[] = [], li: number[] = [];
  const byKey = new Map<string, number>();
  const byNode = new Map<Expr, number>();
  const add = (key: string, c: number, x: number, y: number, re: number, im: number): number => {
    const hit = byKey.get(key);
    if (hit !== undefined) return hit;
    const k = code.length;
    code.push(c); a0.push(x); a1.push(y); lr.push(re); li.push(im);
    byKey.set(key, k);
    return k;
  };
  // iterative postfix walk (trees may be deep); a node is emitted after its children
  const stack: Array<{ n: Expr; visited: boolean }> = [{ n: t, visited: false }];
  while (stack.length) {
    const top = stack[stack.length - 1]!;
    const n = top.n;
    if (byNode.has(n)) { stack.pop(); continue; }
    if (n.kind === 'op' && !top.visited) {
      top.visited = true;
      for (let i = n.args.length - 1; i >= 0; i--) if (!byNode.has(n.args[i]!)) stack.push({ n: n.args[i]!, visited: false });
      continue;
    }
    stack.pop();
    let k: number;
    switch (n.kind) {
      case 'num': k = add(`n${n.value}`, CODE_LIT, -1, -1, n.value, 0); break;
      case 'const': {
        const re = n.name === 'i' ? 0 : CONSTS[n.name].value, im = n.name === 'i' ? 1 : 0;
        k = add(`n${re},${im}`, CODE_LIT, -1, -1, re, im);
        break;
      }
      case 'var': {
        const v = varIndex.get(n.name);
        if (v === undefined) throw new Error(`flatten: variable '${n.name}' is not in the variable list [${vars.join(', ')}]`);
        k = add(`v${v}`, CODE_VAR, v, -1, 0, 0);
        break;
      }
      case 'op': {
        const x = byNode.get(n.args[0]!)!, y = n.args.length > 1 ? byNode.get(n.args[1]!)! : -1;
        const c = CODE_OP + opIndex(n.op);
        k = add(`o${c},${x},${y}`, c, x, y, 0, 0);
      }
    }
    byNode.set(n, k);
  }
  return {
    count: code.length,
    code: Uint8Array.from(code),
    arg0: Int32Array.from(a0),
    arg1: Int32Array.from(a1),
    litRe: Float64Array.from(lr),
    litIm: Float64Array.from(li),
    variables: vars.slice(),
    size: treeSize(t),
  };
}
