// The formula a researcher reads: a model's formula with its EML parts lowered to conventional operators
// (train/lower.ts) and tidied by named identities — x^2 for sqr(x), 1/x for inv(x), no multiplication by 1,
// no x + (−y), no 1 − 1 (numbers fold) — then checked against the EML tree on the data. A tidy step that
// changes a value at a data row is dropped, so the printed formula always equals the tree on the data.

import { evaluate } from '../evaluate';
import { type Expr, type OpNode, apply, equals, num, variables } from '../expr';
import { lowerEml, simplify } from '../train/lower';
import type { RowSet } from './data';
import { agreeOnRows, numberLeaf } from './model';

const isNum = (t: Expr, v?: number): t is Extract<Expr, { kind: 'num' }> => t.kind === 'num' && (v === undefined || t.value === v);
const isOp = (t: Expr, op: string): t is OpNode => t.kind === 'op' && t.op === op;

/** Returns the value of a numeric leaf or neg(numeric leaf), else undefined. */
function numericValue(t: Expr): number | undefined {
  if (t.kind === 'num') return t.value;
  if (isOp(t, 'neg') && t.args[0]!.kind === 'num') return -t.args[0]!.value;
  return undefined;
}

/**
 * Folds a subtree without inputs whose value (extended reals, as discovery measures) is a small integer:
 * exp(exp(e)/(e − ln 0)) → 1, where the tree reaches a number through ln 0 = −∞. π, e, √2 … stay as they are.
 */
function foldConstantSubtree(n: OpNode): Expr | undefined {
  if (variables(n).length > 0) return undefined;
  let v;
  try {
    v = evaluate(n, {}, { semantics: 'extended' });
  } catch {
    return undefined;
  }
  if (v.im !== 0 || !Number.isInteger(v.re) || Math.abs(v.re) > 1e6) return undefined;
  const out = v.re < 0 ? apply('neg', num(-v.re)) : num(Object.is(v.re, -0) ? 0 : v.re);
  return equals(out, n) ? undefined : out;
}

interface Tidy { readonly name: string; readonly apply: (n: OpNode) => Expr | undefined }

/** Folds + − × of two numbers when the result has a short decimal spelling (1 − 1 → 0), and / when it is an integer (6/3, not 1/2). */
function fold(n: OpNode): Expr | undefined {
  if (n.args.length !== 2) return undefined;
  const a = numericValue(n.args[0]!), b = numericValue(n.args[1]!);
  if (a === undefined || b === undefined) return undefined;
  let v: number;
  switch (n.op) {
    case 'add': v = a + b; break;
    case 'sub': v = a - b; break;
    case 'mul': v = a * b; break;
    case 'div': v = a / b; if (!Number.isInteger(v)) return undefined; break;
    default: return undefined;
  }
  return Number.isFinite(v) && String(Math.abs(v)).length <= 8 ? numberLeaf(v) : undefined;
}

/** Returns the signed terms of a sum (a + b − c …, through neg as well). */
function sumTerms(t: Expr, sign: 1 | -1, out: Array<{ sign: 1 | -1; term: Expr }>): void {
  if (t.kind === 'op' && t.op === 'add') { sumTerms(t.args[0]!, sign, out); sumTerms(t.args[1]!, sign, out); return; }
  if (t.kind === 'op' && t.op === 'sub') { sumTerms(t.args[0]!, sign, out); sumTerms(t.args[1]!, sign === 1 ? -1 : 1, out); return; }
  if (t.kind === 'op' && t.op === 'neg') { sumTerms(t.args[0]!, sign === 1 ? -1 : 1, out); return; }
  out.push({ sign, term: t });
}

/** Cancels equal terms of opposite sign in a sum and folds its numbers (e − ln y − e + ln x → ln x − ln y). */
function cancelTerms(n: OpNode): Expr | undefined {
  if (n.op !== 'add' && n.op !== 'sub') return undefined;
  const terms: Array<{ sign: 1 | -1; term: Expr }> = [];
  sumTerms(n, 1, terms);
  let changed = false;
  for (let i = 0; i < terms.length; i++) {
    for (let j = i + 1; j < terms.length; j++) {
      if (terms[i]!.sign !== terms[j]!.sign && equals(terms[i]!.term, terms[j]!.term)) {
        terms.splice(j, 1);
        terms.splice(i, 1);
        i--;
        changed = true;
        break;
      }
    }
  }
  let total = 0, numbers = 0;
  const rest = terms.filter((t) => {
    const v = numericValue(t.term);
    if (v === undefined) return true;
    total += t.sign * v;
    numbers++;
    return false;
  });
  if (!changed && numbers < 2) return undefined;
  if (numbers > 0 && total !== 0) rest.push(total > 0 ? { sign: 1, term: num(total) } : { sign: -1, term: num(-total) });
  rest.sort((a, b) => b.sign - a.sign);
  if (rest.length === 0) return num(0);
  let out: Expr = rest[0]!.sign === 1 ? rest[0]!.term : apply('neg', rest[0]!.term);
  for (const t of rest.slice(1)) out = apply(t.sign === 1 ? 'add' : 'sub', out, t.term);
  return equals(out, n) ? undefined : out;
}

/** The tidy identities, tried in order at every node. */
export const TIDY: readonly Tidy[] = [
  { name: 'cancel-terms', apply: cancelTerms },
  { name: 'sqr-to-power', apply: (n) => (n.op === 'sqr' ? apply('pow', n.args[0]!, num(2)) : undefined) },
  { name: 'inv-to-quotient', apply: (n) => (n.op === 'inv' ? apply('div', num(1), n.args[0]!) : undefined) },
  { name: 'half-to-quotient', apply: (n) => (n.op === 'half' ? apply('div', n.args[0]!, num(2)) : undefined) },
  { name: 'fold-numbers', apply: fold },
  { name: 'fold-constant-subtree', apply: foldConstantSubtree },
  {
    name: 'times-unit-fraction',
    apply: (n) => {
      // (1/q)·a → a/q for an integer q (0.5*x^2 → x^2/2)
      const [c, a] = isNum(n.args[0]!) ? [n.args[0]!, n.args[1]!] : [n.args[1]!, n.args[0]!];
      if (n.op !== 'mul' || !isNum(c) || c.value === 0 || c.value >= 1) return undefined;
      const q = 1 / c.value;
      return Number.isInteger(q) && q <= 1000 && 1 / q === c.value ? apply('div', a, num(q)) : undefined;
    },
  },
  {
    name: 'times-fraction',
    apply: (n) => {
      // (p/q)·a → p·a/q for numbers p, q (1/2*x^2 → x^2/2)
      if (n.op !== 'mul') return undefined;
      const [f, a] = isOp(n.args[0]!, 'div') ? [n.args[0], n.args[1]!] : isOp(n.args[1]!, 'div') ? [n.args[1], n.args[0]!] : [null, null];
      if (!f || !a || !isNum(f.args[0]!) || !isNum(f.args[1]!)) return undefined;
      return apply('div', isNum(f.args[0]!, 1) ? a : apply('mul', f.args[0]!, a), f.args[1]!);
    },
  },
  { name: 'times-one', apply: (n) => (n.op === 'mul' && isNum(n.args[0]!, 1) ? n.args[1]! : n.op === 'mul' && isNum(n.args[1]!, 1) ? n.args[0]! : undefined) },
  { name: 'over-one', apply: (n) => (n.op === 'div' && isNum(n.args[1]!, 1) ? n.args[0]! : undefined) },
  { name: 'plus-negative', apply: (n) => (n.op === 'add' && isOp(n.args[1]!, 'neg') ? apply('sub', n.args[0]!, n.args[1].args[0]!) : undefined) },
  { name: 'negative-plus', apply: (n) => (n.op === 'add' && isOp(n.args[0]!, 'neg') ? apply('sub', n.args[1]!, n.args[0].args[0]!) : undefined) },
  { name: 'minus-negative', apply: (n) => (n.op === 'sub' && isOp(n.args[1]!, 'neg') ? apply('add', n.args[0]!, n.args[1].args[0]!) : undefined) },
  { name: 'neg-neg', apply: (n) => (n.op === 'neg' && isOp(n.args[0]!, 'neg') ? n.args[0].args[0]! : undefined) },
  {
    name: 'pull-negation',
    apply: (n) => {
      if ((n.op === 'mul' || n.op === 'div') && isOp(n.args[0]!, 'neg')) return apply('neg', apply(n.op, n.args[0].args[0]!, n.args[1]!));
      if ((n.op === 'mul' || n.op === 'div') && isOp(n.args[1]!, 'neg')) return apply('neg', apply(n.op, n.args[0]!, n.args[1].args[0]!));
      return undefined;
    },
  },
  { name: 'times-reciprocal', apply: (n) => (n.op === 'mul' && isOp(n.args[1]!, 'div') && isNum(n.args[1].args[0]!, 1) ? apply('div', n.args[0]!, n.args[1].args[1]!) : undefined) },
  { name: 'reciprocal-times', apply: (n) => (n.op === 'mul' && isOp(n.args[0]!, 'div') && isNum(n.args[0].args[0]!, 1) ? apply('div', n.args[1]!, n.args[0].args[1]!) : undefined) },
  { name: 'plus-zero', apply: (n) => ((n.op === 'add' || n.op === 'sub') && isNum(n.args[1]!, 0) ? n.args[0]! : n.op === 'add' && isNum(n.args[0]!, 0) ? n.args[1]! : undefined) },
  { name: 'exp-of-minus-ln', apply: (n) => (n.op === 'exp' && isOp(n.args[0]!, 'neg') && isOp(n.args[0].args[0]!, 'ln') ? apply('div', num(1), n.args[0].args[0].args[0]!) : undefined) },
  { name: 'exp-of-ln', apply: (n) => (n.op === 'exp' && isOp(n.args[0]!, 'ln') ? n.args[0].args[0]! : undefined) },
  { name: 'ln-of-exp', apply: (n) => (n.op === 'ln' && isOp(n.args[0]!, 'exp') ? n.args[0].args[0]! : undefined) },
  { name: 'sqrt-of-exp', apply: (n) => (n.op === 'sqrt' && isOp(n.args[0]!, 'exp') ? apply('exp', apply('div', n.args[0].args[0]!, num(2))) : undefined) },
  { name: 'zero-minus', apply: (n) => (n.op === 'sub' && isNum(n.args[0]!, 0) ? apply('neg', n.args[1]!) : undefined) },
];

/** Returns t with the tidy identities applied bottom-up to a fixpoint (bounded). */
export function tidy(t: Expr): Expr {
  const pass = (n: Expr): Expr => {
    if (n.kind !== 'op') return n;
    const args = n.args.map(pass);
    let cur: Expr = args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args);
    for (let guard = 0; guard < 32 && cur.kind === 'op'; guard++) {
      const op = cur;
      let next: Expr | undefined;
      for (const rule of TIDY) { next = rule.apply(op); if (next) break; }
      if (!next) break;
      cur = pass(next);
    }
    return cur;
  };
  let cur = t;
  for (let k = 0; k < 8; k++) {
    const next = pass(cur);
    if (equals(next, cur)) break;
    cur = next;
  }
  return cur;
}

/** Returns the formula with every maximal eml subtree (over 1, the inputs and numbers) lowered to conventional operators (checked on the rows). */
export function lowerEmlParts(t: Expr, names: readonly string[], rows: RowSet): Expr {
  const memo = new Map<Expr, Expr>();
  const go = (n: Expr): Expr => {
    const hit = memo.get(n);
    if (hit) return hit;
    let out: Expr;
    if (n.kind !== 'op') out = n;
    else if (n.op === 'eml' && isPureEmlOverInputs(n)) out = lowerEml(n, names, rows.inputs).formula;
    else {
      const args = n.args.map(go);
      out = args.every((a, i) => a === n.args[i]) ? n : apply(n.op, ...args);
    }
    memo.set(n, out);
    return out;
  };
  return go(t);
}

function isPureEmlOverInputs(t: Expr): boolean {
  if (t.kind === 'num') return true;
  if (t.kind === 'var') return !t.name.startsWith('$');
  if (t.kind === 'const') return false;
  return t.op === 'eml' && isPureEmlOverInputs(t.args[0]!) && isPureEmlOverInputs(t.args[1]!);
}

/**
 * Returns the most readable conventional form of `formula` that still agrees with `reference` (the model's
 * EML tree) on the rows: lowered and tidied, else lowered only, else the formula as it is.
 */
export function conventionalFormula(formula: Expr, reference: Expr, names: readonly string[], rows: RowSet): Expr {
  const lowered = lowerEmlParts(formula, names, rows);
  const candidates = [tidy(simplify(lowered)), tidy(lowered), lowered, formula];
  for (const c of candidates) if (agreeOnRows(c, reference, names, rows)) return c;
  return formula;
}
