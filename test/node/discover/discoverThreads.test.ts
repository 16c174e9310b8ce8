import { describe, expect, it } from 'vitest';
import { TWELVE_LAWS, sampleLaw } from '../../../src/core/discover/benchmarkPack';
import { discover } from '../../../src/core/discover/discover';
import { modelFromJson, modelToJson } from '../../../src/core/discover/modelJson';
import { numericFormula, placeholder } from '../../../src/core/discover/model';
import { substitute } from '../../../src/core/expr';
import { createRng } from '../../../src/core/rng';
import { parseInfix, printInfix } from '../../../src/core/syntax';
import { discoverThreads, engineGroups } from '../../../src/node/discover/discoverThreads';

const law = (id: string) => TWELVE_LAWS.find((l) => l.id === id)!;

describe('engineGroups(engines, threads)', () => {
  it.each([
    [['calculator', 'constant', 'eml'], 1, [['calculator', 'constant', 'eml']]],
    [['calculator', 'constant', 'eml'], 2, [['eml'], ['calculator', 'constant']]],
    [['calculator', 'constant', 'eml'], 3, [['eml'], ['calculator'], ['constant']]],
    [['eml'], 4, [['eml']]],
    [['calculator', 'constant'], 2, [['calculator'], ['constant']]],
    [['calculator', 'constant', 'eml', 'trainer'], 2, [['eml'], ['calculator', 'constant', 'trainer']]],
    [['calculator', 'constant', 'eml', 'trainer'], 3, [['eml'], ['calculator', 'trainer'], ['constant']]],
  ] as const)('splits %j over %d thread(s) as %j', (engines, threads, groups) => {
    expect(engineGroups(engines as never, threads)).toEqual(groups);
  });
});

describe('models as plain data', () => {
  it('round-trip with their placeholders, exact constants and values', () => {
    const m = { structure: substitute(parseInfix('a*exp(x) + b'), { a: placeholder(0), b: placeholder(1) }), constants: [{ value: 0.5, exact: parseInfix('1/2') }, { value: -3.25 }], origin: 'constant' as const };
    const back = modelFromJson(JSON.parse(JSON.stringify(modelToJson(m))));
    expect(printInfix(numericFormula(back))).toBe(printInfix(numericFormula(m)));
    expect(printInfix(back.constants[0]!.exact!)).toBe('1/2');
    expect(back.origin).toBe('constant');
    expect(() => modelFromJson({ structure: { var: 'x' }, constants: [{ value: NaN }], origin: 'eml' } as never)).toThrow(/constant 0 .* not a finite number/);
  });
});

describe('discoverThreads(options)', () => {
  it('splits the engines over two worker threads and ranks what both found, as one search would', async () => {
    const data = sampleLaw(law('product'), 200, 0, createRng(4));
    const notes: string[] = [];
    const report = await discoverThreads({ data, timeLimitMs: 120_000, now: () => performance.now(), threads: 2, onProgress: (p) => notes.push(p.engine) });
    expect(report.best?.formula).toBe('x*y');
    expect(report.best?.exactWithinNoise).toBe(true);
    expect(report.engines.map((e) => e.name).sort()).toEqual(['calculator', 'constant', 'eml', 'trainer']);
    // the trainer has nothing to start from once x·y is exact: it may or may not have reported
    expect([...new Set(notes)].filter((n) => n !== 'trainer').sort()).toEqual(['calculator', 'constant', 'eml', 'rank']);
    // the same law in this thread gives the same best formula and K
    const single = discover({ data, timeLimitMs: 120_000, now: () => performance.now(), engines: ['calculator'] });
    expect(single.best?.formula).toBe(report.best?.formula);
    expect(single.best?.K).toBe(report.best?.K);
  });

  it('stops both threads when cancelled and reports the cancellation', async () => {
    const data = sampleLaw(law('normal density'), 300, 0.05, createRng(4));
    const controller = new AbortController();
    const run = discoverThreads({ data, timeLimitMs: 600_000, now: () => performance.now(), threads: 2, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(run).rejects.toThrow(/cancelled/);
  });
});
