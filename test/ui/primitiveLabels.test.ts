// Tests of the Compile view's subtree naming (renderer/src/tree/primitiveLabels.ts), in plain Node: every
// named subtree evaluates like its primitive applied to the subtrees bound to the primitive's variables,
// constants win over functions, larger forms over smaller ones, and a hole binds one subtree everywhere.

import { describe, expect, it } from 'vitest';
import { compileToEml } from '../../src/core/compile';
import { PRIMITIVE_FORMULAS } from '../../src/core/compile/primitives';
import { evaluate } from '../../src/core/evaluate';
import { apply, num, variable, type Expr } from '../../src/core/expr';
import type { OpName } from '../../src/core/ops';
import { parseInfix } from '../../src/core/syntax';
import { exprToDag, primitivePatterns } from '../../src/node/api';
import type { PrimitivePattern, TreeDag } from '../../src/shared/compile';
import { subtreeSizes } from '../../src/renderer/src/tree/displayTree';
import { labelPrimitives } from '../../src/renderer/src/tree/primitiveLabels';

function nodeExprs(dag: TreeDag): Expr[] {
  const built: Expr[] = [];
  for (const n of dag.nodes) {
    if ('op' in n) built.push(apply(n.op as OpName, ...n.args.map((a) => built[a]!)));
    else if ('num' in n) built.push(num(n.num));
    else if ('var' in n) built.push(variable(n.var));
    else throw new Error('no constants in pure EML trees');
  }
  return built;
}

const compiled = (text: string, mode: 'paper' | 'ieee-safe' = 'paper'): TreeDag => exprToDag(compileToEml(parseInfix(text), { mode }).eml);

describe('labelPrimitives(tree, patterns)', () => {
  it.each([
    ['sin(x)', 'paper'],
    ['x*y + 1/x', 'paper'],
    ['sqrt(x) - ln(y)', 'ieee-safe'],
  ] as const)('every named subtree of %s (%s) evaluates like its primitive at the values of its bound subtrees', (text, mode) => {
    const dag = compiled(text, mode);
    const labels = labelPrimitives(dag, primitivePatterns(mode, 'robust'));
    const exprs = nodeExprs(dag);
    const at = { x: 0.61, y: 1.37 };
    let compared = 0;
    for (const [node, label] of labels) {
      const value = evaluate(exprs[node]!, at, { semantics: 'extended' });
      const args = label.args.map((a) => evaluate(exprs[a]!, at, { semantics: 'extended' }));
      if (!value.defined || args.some((a) => !a.defined)) continue;
      const bindings = Object.fromEntries(args.map((a, i) => [i === 0 ? 'x' : 'y', { re: a.re, im: a.im }]));
      const want = evaluate(parseInfix(PRIMITIVE_FORMULAS[label.primitive]!), bindings, { semantics: 'extended' });
      const scale = Math.max(1, Math.hypot(want.re, want.im));
      expect(Math.hypot(value.re - want.re, value.im - want.im) / scale, `${label.text} at node ${node}`).toBeLessThan(1e-9);
      compared++;
    }
    expect(compared).toBeGreaterThan(3);
  });

  it('names the root of a compiled primitive after it, with its variables', () => {
    const patterns = primitivePatterns('paper', 'robust');
    for (const [text, label] of [
      ['sin(x)', 'sin(x)'],
      ['ln(x)', 'ln(x)'],
      ['exp(y)', 'exp(y)'],
      ['x - y', 'sub(x, y)'],
      ['log(x, y)', 'log(x, y)'],
      ['pi', 'π'],
    ]) {
      const dag = compiled(text!);
      expect(labelPrimitives(dag, patterns).get(dag.root)?.text, text).toBe(label);
    }
  });

  it('prefers a constant to a function with a leaf argument: ln(1) is named 0', () => {
    const dag = compiled('ln(1)');
    const label = labelPrimitives(dag, primitivePatterns('paper', 'robust')).get(dag.root);
    expect(label).toEqual({ primitive: '0', text: '0', detail: '0', args: [] });
  });

  it('binds a variable that occurs twice to the same subtree only', () => {
    const twice: PrimitivePattern = { name: 'twice', formula: 'eml(x, x)', arity: 1, K: 3, tree: exprToDag(parseInfix('eml(x, x)')) };
    const a = parseInfix('eml(1, 1)');
    const same = exprToDag(apply('eml', a, parseInfix('eml(1, 1)')));
    const differ = exprToDag(apply('eml', a, parseInfix('eml(1, y)')));
    // eml(1, 1) is itself twice(1), and its text nests
    expect(labelPrimitives(same, [twice]).get(same.root)?.text).toBe('twice(twice(1))');
    expect(labelPrimitives(differ, [twice]).has(differ.root)).toBe(false);
  });

  it('spells out in the detail what the label abbreviates as ·, nested names in full and unnamed subtrees as ⟨K n⟩', () => {
    const patterns = primitivePatterns('paper', 'robust');
    let abbreviated = 0;
    for (const text of ['x - y/2', 'sin(x)', 'x*y', 'sqrt(x + 1)']) {
      const dag = compiled(text);
      const sizes = subtreeSizes(dag);
      const labels = labelPrimitives(dag, patterns);
      const argDetail = (a: number): string => {
        const n = dag.nodes[a]!;
        if ('num' in n) return n.num;
        if ('var' in n) return n.var;
        return labels.get(a)?.detail ?? `⟨K ${sizes[a]}⟩`;
      };
      for (const label of labels.values()) {
        expect(label.detail, label.text).not.toContain('·');
        if (label.text.includes('·')) abbreviated++;
        // the primitive applied to the details of its arguments
        if (label.args.length > 0) expect(label.detail).toBe(`${label.text.slice(0, label.text.indexOf('('))}(${label.args.map(argDetail).join(', ')})`);
        else expect(label.detail).toBe(label.text);
      }
    }
    expect(abbreviated).toBeGreaterThan(0);
  });

  it('leaves leaves and unmatched nodes unnamed', () => {
    const dag = exprToDag(parseInfix('eml(eml(x, y), eml(y, x))'));
    const labels = labelPrimitives(dag, primitivePatterns('paper', 'robust'));
    dag.nodes.forEach((n, i) => {
      if (!('op' in n)) expect(labels.has(i)).toBe(false);
    });
    expect(labels.has(dag.root)).toBe(false);
  });
});
