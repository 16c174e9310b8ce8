import { describe, expect, it } from 'vitest';
import { ONE, apply, eml, equals, variable } from '../../../src/core/expr';
import { parseEml, printEml } from '../../../src/core/syntax';
import { parseErrorOf } from './helpers';

const x = variable('x');

describe('parseEml', () => {
  it.each([
    ['eml(1, eml(x, 1))', eml(ONE, eml(x, ONE))],
    ['EML[1, EML[x, 1]]', eml(ONE, eml(x, ONE))],
    ['EML[1,EML[x,1]]', eml(ONE, eml(x, ONE))],
    ['EML(1, eml[x, 1])', eml(ONE, eml(x, ONE))],
    ['eml(x, y)', eml(x, variable('y'))],
    ['1', ONE],
    ['1.0', ONE],
    ['x', x],
    [' eml ( 1 ,\n x ) ', eml(ONE, x)],
  ])('parseEml parses %j', (text, want) => {
    expect(equals(parseEml(text), want)).toBe(true);
  });

  it.each([
    ['eml(x, 2)', "expected eml, 1 or a variable at column 8, found '2'"],
    ['sin(x)', "expected eml, 1 or a variable at column 1, found 'sin'"],
    ['eml(pi, 1)', "expected eml, 1 or a variable at column 5, found 'pi'"],
    ['eml(E, 1)', "expected eml, 1 or a variable at column 5, found 'E'"],
    ['eml(x)', "expected ',' at column 6, found ')'"],
    ['eml(x, 1', "expected ')' at column 9, found end of input"],
    ['eml[1, x)', "expected ']' at column 9, found ')'"],
    ['eml(1, x, 1)', "expected ')' at column 9, found ','"],
    ['eml x', "expected '(' or '[' after 'eml' at column 5, found 'x'"],
    ['eml(1, x) + 1', "unexpected character '+' at column 11"],
    ['eml(1, x) x', "expected end of input at column 11, found 'x'"],
    ['eml(2, #)', "expected eml, 1 or a variable at column 5, found '2'"],
    ['', 'expected eml, 1 or a variable at column 1, found end of input'],
    ['eml(1, -x)', "unexpected character '-' at column 8"],
  ])('parseEml reports %j exactly', (text, message) => {
    expect(parseErrorOf(() => parseEml(text)).message).toBe(message);
  });

  it('parseEml tags its errors with the eml syntax', () => {
    expect(parseErrorOf(() => parseEml('eml(x, 2)'))).toMatchObject({ syntax: 'eml', pos: 7, column: 8, found: "'2'" });
  });
});

describe('printEml', () => {
  it('printEml writes call style and compact Mathematica style', () => {
    const t = eml(ONE, eml(x, ONE));
    expect(printEml(t)).toBe('eml(1, eml(x, 1))');
    expect(printEml(t, 'call')).toBe('eml(1, eml(x, 1))');
    expect(printEml(t, 'mathematica')).toBe('EML[1,EML[x,1]]');
  });

  it('printEml throws for a tree that is not pure EML', () => {
    expect(() => printEml(apply('sin', x))).toThrow(/not a pure EML tree/);
    expect(() => printEml(eml(x, apply('neg', ONE)))).toThrow(/not a pure EML tree/);
  });
});
