import { describe, expect, it } from 'vitest';
import { ONE, apply, constant, eml, equals, num, variable } from '../../../src/core/expr';
import { exprFromJson, exprToJson, parseInfix, printJson } from '../../../src/core/syntax';
import { parseErrorOf } from './helpers';

const x = variable('x');

describe('exprToJson / exprFromJson', () => {
  it('exprToJson writes the compact shape', () => {
    const t = apply('add', eml(ONE, x), apply('mul', num(0.5), constant('pi')));
    expect(exprToJson(t)).toEqual({
      op: 'add',
      args: [
        { op: 'eml', args: [{ num: '1' }, { var: 'x' }] },
        { op: 'mul', args: [{ num: '0.5' }, { const: 'pi' }] },
      ],
    });
  });

  it('printJson equals JSON.stringify of exprToJson', () => {
    const t = parseInfix('sin(x)^2 + log(2, .5) - e^-x');
    expect(printJson(t)).toBe(JSON.stringify(exprToJson(t)));
    expect(equals(exprFromJson(JSON.parse(printJson(t))), t)).toBe(true);
  });

  it('exprToJson shares the JSON object of a shared subtree', () => {
    const s = apply('sin', x);
    const j = exprToJson(apply('mul', s, s)) as { args: readonly unknown[] };
    expect(j.args[0]).toBe(j.args[1]);
  });

  it('exprFromJson accepts a plain JSON number for num', () => {
    expect(equals(exprFromJson({ num: 2.5 }), num(2.5))).toBe(true);
  });

  it.each<[unknown, string]>([
    [{ op: 'eml', args: [{ num: '1' }, { op: 'foo', args: [] }] }, "$.args[1].op: unknown operator 'foo'"],
    [{ op: 'eml', args: [{ num: '1' }] }, '$.args: eml takes 2 arguments, got 1'],
    [{ op: 'neg' }, '$.args: expected an array of arguments, found none'],
    [{ num: '-1' }, "$.num: expected a non-negative decimal number, found '-1'"],
    [{ num: '1e999' }, "$.num: expected a non-negative decimal number, found '1e999'"],
    [{ num: -1 }, '$.num: expected a non-negative decimal number, found number -1'],
    [{ var: 'x', y: 1 }, "$: unexpected key 'y'"],
    [{ var: 'a b' }, "$.var: expected a variable name (letters, digits, _), found 'a b'"],
    [{ const: 'tau' }, "$.const: unknown constant 'tau'"],
    [{ num: '1', var: 'x' }, '$: expected exactly one of the keys num, var, const, op, found num, var'],
    [[], '$: expected an object with a num, var, const or op key, found an array'],
    [null, '$: expected an object with a num, var, const or op key, found null'],
    [{ op: 'sin', args: [{ op: 'cos', args: [7] }] }, '$.args[0].args[0]: expected an object with a num, var, const or op key, found number 7'],
    [{}, '$: expected an object with a num, var, const or op key, found none'],
  ])('exprFromJson reports %j with its path', (value, message) => {
    const e = parseErrorOf(() => exprFromJson(value));
    expect(e.message).toBe(message);
    expect(e.syntax).toBe('json');
  });

  it('exprFromJson rejects a cyclic value', () => {
    const node: { op: string; args: unknown[] } = { op: 'neg', args: [] };
    node.args.push(node);
    expect(parseErrorOf(() => exprFromJson(node)).message).toBe('$.args[0]: the tree contains a cycle');
  });

  it('exprFromJson handles a deep chain without recursion', () => {
    let j: unknown = { var: 'x' };
    for (let k = 0; k < 50_000; k++) j = { op: 'neg', args: [j] };
    const t = exprFromJson(j);
    expect(t.kind === 'op' && t.op).toBe('neg');
    expect(printJson(t).length).toBe(50_000 * '{"op":"neg","args":[]}'.length + '{"var":"x"}'.length);
  });
});
