import { describe, expect, it } from 'vitest';
import { TWELVE_LAWS, sampleLaw } from '../../../src/core/discover/benchmarkPack';
import { prepareData } from '../../../src/core/discover/data';
import { numericFormula } from '../../../src/core/discover/model';
import { TrainerEngine, constantsOfTree } from '../../../src/core/discover/trainerEngine';
import { evaluate } from '../../../src/core/evaluate';
import { createRng } from '../../../src/core/rng';
import { parseInfix, printInfix } from '../../../src/core/syntax';

describe('constantsOfTree(tree)', () => {
  it('turns every numeric leaf other than 1 into a placeholder with its value, in reading order', () => {
    const { structure, constants } = constantsOfTree(parseInfix('eml(0.5, eml(x, -2.25))'));
    expect(printInfix(structure)).toBe('eml($0, eml(x, $1))');
    expect(constants.map((c) => c.value)).toEqual([0.5, -2.25]);
    expect(constantsOfTree(parseInfix('eml(1, x)')).constants).toEqual([]);
  });
});

describe('TrainerEngine', () => {
  it('trains from a near miss to the law and returns it as a model whose numeric formula fits the data', () => {
    const law = TWELVE_LAWS.find((l) => l.id === 'eml')!;
    const data = sampleLaw(law, 200, 0, createRng(3));
    const d = prepareData(data);
    // a near miss of exp(x) − ln(y): the right shape with a constant subtree in place of y
    const engine = new TrainerEngine(d, { starts: () => [parseInfix('eml(x, eml(y, 1.7))')] });
    expect(engine.nextCost()).toBeLessThan(Infinity);
    const step = engine.step(() => false);
    expect(step.models.length).toBeGreaterThan(0);
    const errors = step.models.map((m) => {
      const f = numericFormula(m);
      let worst = 0;
      for (let i = 0; i < data.target.length; i++) {
        const v = evaluate(f, { x: data.inputs[0]![i]!, y: data.inputs[1]![i]! });
        worst = Math.max(worst, Math.abs(v.re - data.target[i]!) + Math.abs(v.im));
      }
      return worst;
    });
    expect(Math.min(...errors)).toBeLessThan(1e-6);
    // a start is trained once: with no new near miss there is nothing left to do
    expect(engine.nextCost()).toBe(Infinity);
  });

  it('skips starts that are not eml nodes (a bare input or number)', () => {
    const data = sampleLaw(TWELVE_LAWS.find((l) => l.id === 'product')!, 50, 0, createRng(3));
    const engine = new TrainerEngine(prepareData(data), { starts: () => [parseInfix('x'), parseInfix('2.5')] });
    expect(engine.nextCost()).toBe(Infinity);
  });
});
