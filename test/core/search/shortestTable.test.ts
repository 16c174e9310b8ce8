import { describe, expect, it } from 'vitest';
import { PRIMITIVE_FORMULAS } from '../../../src/core/compile/primitives';
import { checkFormOnGrid, suiteCaseOf } from '../../../src/core/search/formGrid';
import { shortestTable } from '../../../src/core/search/shortestTable';
import { parseEml } from '../../../src/core/syntax';
import { primitiveTable } from '../../helpers/reference';

describe('shortestTable', () => {
  it('computes the minimal K of reachable primitives beside the reference columns', async () => {
    const rows = primitiveTable().filter((r) => ['0', '-1', 'e', 'ln', 'neg', 'sub', 'sqrt'].includes(r.name)).map((r) => ({ ...r, formula: PRIMITIVE_FORMULAS[r.name]! }));
    const t = await shortestTable({ rows, maxK: { 0: 17, 1: 17, 2: 11 }, forms: true });
    const K = (name: string, s: 'extended' | 'strict') => t.rows.find((r) => r.name === name)!.results[s]!.K;
    for (const r of t.rows) {
      // every primitive the search reached has exactly the reference's size for that column
      if (K(r.name, 'extended') !== null && r.paperShortestK_extended !== null) expect(K(r.name, 'extended')).toBe(r.paperShortestK_extended);
      if (K(r.name, 'strict') !== null && r.paperShortestK_ieee !== null) expect(K(r.name, 'strict')).toBe(r.paperShortestK_ieee);
    }
    expect(K('-1', 'extended')).toBe(15);
    expect(K('-1', 'strict')).toBe(17);
    // √x is far beyond K = 17: the table reports the decided lower bound
    const sqrt = t.rows.find((r) => r.name === 'sqrt')!.results.extended!;
    expect(sqrt.K).toBeNull();
    expect(sqrt.decidedUpTo).toBe(17);
    // every minimal −x form is listed with its grid check; at least one passes the Minus grid
    const neg = t.rows.find((r) => r.name === 'neg')!.results.strict!;
    expect(neg.forms.length).toBeGreaterThan(1);
    expect(neg.forms.some((f) => f.grid?.passed)).toBe(true);
  });
});

describe('checkFormOnGrid', () => {
  it('passes a form valid on the whole grid and names the first point where another fails', () => {
    const c = suiteCaseOf('ln', 1)!;
    // both are ln x at the probes; the second passes through exp(exp(x)), which overflows for x > 6.5
    const good = parseEml('eml(1, eml(eml(1, x), 1))');
    const overflowing = parseEml('eml(x, eml(eml(x, x), 1))');
    expect(checkFormOnGrid(good, c, 'extended')).toMatchObject({ passed: true });
    const bad = checkFormOnGrid(overflowing, c, 'extended');
    expect(bad.passed).toBe(false);
    expect(bad.failure).toBe('not finite at x = 6.625');
    expect(suiteCaseOf('2', 0)).toBeUndefined();
  });
});
