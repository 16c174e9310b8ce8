// Expression metrics and rewrites on trees whose depth the input decides: all of them are iterative.

import { describe, expect, it } from 'vitest';
import { ONE, depth, eml, equals, hash, isPureEml, leafCount, size, substitute, variable, variables } from '../../src/core/expr';
import { parseInfix, parseRpn, printInfix } from '../../src/core/syntax';

const N = 30_000;
const sumText = (leaf: string) => Array.from({ length: N }, () => leaf).join(' + ');

describe('expr on deep trees', () => {
  it('size, depth, leafCount, hash and equals measure a 30000-term sum (30000 levels deep)', () => {
    const t = parseInfix(sumText('x'));
    expect(size(t)).toBe(2 * N - 1);
    expect(depth(t)).toBe(N - 1);
    expect(leafCount(t)).toBe(N);
    const u = parseInfix(sumText('x'));
    expect(hash(u)).toBe(hash(t));
    expect(equals(u, t)).toBe(true);
    expect(equals(parseInfix(`${sumText('x')} + y`), parseInfix(`${sumText('x')} + x`))).toBe(false);
  });

  it('substitute rewrites every leaf of a 30000-term sum and shares the replacement', () => {
    const t = substitute(parseInfix(sumText('x')), { x: parseInfix('sin(y)') });
    expect(equals(t, parseInfix(sumText('sin(y)')))).toBe(true);
    expect(variables(t)).toEqual(['y']);
    expect(printInfix(t).length).toBe(N * 'sin(y) + '.length - 3);
  });

  it('isPureEml decides on an EML chain 30000 levels deep', () => {
    const chain = parseRpn(`x${' 1 EML'.repeat(N)}`);
    expect(isPureEml(chain)).toBe(true);
    expect(isPureEml(eml(parseRpn(`x${' 1 EML'.repeat(N)} neg`), ONE))).toBe(false);
    expect(isPureEml(eml(variable('y'), ONE))).toBe(true);
  });
});
