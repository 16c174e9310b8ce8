import { describe, expect, it } from 'vitest';
import { compileToEml } from '../../../src/core/compile';
import { PRIMITIVE_FORMULAS } from '../../../src/core/compile/primitives';
import { SEARCHED_FORMS } from '../../../src/core/compile/searchedForms';
import { evaluate } from '../../../src/core/evaluate';
import { size, substitute, variable } from '../../../src/core/expr';
import { parseInfix } from '../../../src/core/syntax';
import { primitiveTable } from '../../helpers/reference';

const xy = { a: variable('x'), b: variable('y') };

describe('searched forms as compiler templates', () => {
  it.each(SEARCHED_FORMS.map((f) => [f.primitive, f.semantics, f.K, f.template] as const))(
    '%s (%s, K %i) is a tree of its size equal to the primitive at generic points', (name, semantics, K, template) => {
      const tree = substitute(parseInfix(template), xy);
      expect(size(tree)).toBe(K);
      const formula = parseInfix(PRIMITIVE_FORMULAS[name]!);
      for (const pt of [{ x: 0.5772156649015329, y: 1.2824271291006226 }, { x: 1.7, y: 0.35 }]) {
        const got = evaluate(tree, pt, { semantics: semantics === 'strict' ? 'strict' : 'extended' }), want = evaluate(formula, pt);
        expect(got.defined).toBe(true);
        expect(Math.abs(got.re - want.re) + Math.abs(got.im - want.im)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want.re)));
      }
    });

  it('the compiler reaches the best known size of every primitive the search reached and that has a rule', () => {
    const table = new Map(primitiveTable().map((r) => [r.name, r]));
    for (const name of ['exp', 'ln', 'neg', 'inv', 'sqr', 'sub', 'add', 'mul', 'div']) {
      const best = table.get(name)!.bestKnownK_ieee!;
      const searched = Math.min(...SEARCHED_FORMS.filter((f) => f.primitive === name).map((f) => f.K));
      const shortest = compileToEml(parseInfix(PRIMITIVE_FORMULAS[name]!), { prefer: 'shortest' }).K;
      expect(shortest, name).toBeLessThanOrEqual(best);
      expect(shortest, name).toBe(searched);
    }
    // by default (robust forms only) every one but x + y, whose shortest forms overflow for x + y beyond ~745
    for (const name of ['sqr', 'mul', 'div']) expect(compileToEml(parseInfix(PRIMITIVE_FORMULAS[name]!)).K, name).toBe(17);
    expect(SEARCHED_FORMS.find((f) => f.primitive === 'add')!.edge).toMatch(/wide arguments/);
    expect(compileToEml(parseInfix('x^y')).K).toBeLessThanOrEqual(table.get('pow')!.bestKnownK_ieee!);
  });
});
