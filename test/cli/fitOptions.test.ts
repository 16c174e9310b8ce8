import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args';
import { fitSpec, fitSpecFromArgs } from '../../src/cli/commands/fit';
import { DESCRIBED_APART, showNumber } from '../../src/cli/commands/trainOptionsHelp';
import { main } from '../../src/cli/main';
import { DEFAULT_TRAIN_OPTIONS, FIT_DEFAULTS, TRAIN_OPTION_GROUPS, type TrainOptions, optionFlag } from '../../src/core/train/options';
import { buildFitJob } from '../../src/node/train/fitJob';
import { parseTrainInput } from '../../src/node/train/trainRequest';

async function help(): Promise<string> {
  let out = '';
  expect(await main(['fit', '--help'], { out: (t) => { out += t; }, err: () => undefined })).toBe(0);
  return out;
}

describe('emlw fit --help', () => {
  it('lists every trainer option with its default, by group, in lines a terminal shows whole', async () => {
    const text = await help();
    for (const line of text.split('\n')) expect(line.length, line).toBeLessThanOrEqual(110);
    const section = text.slice(text.indexOf('Trainer options'), text.indexOf('Improvements over the reference'));
    expect(section.length).toBeGreaterThan(0);
    for (const g of TRAIN_OPTION_GROUPS) {
      for (const k of g.keys) {
        if (DESCRIBED_APART.includes(g.title)) expect(text).toContain(`--${optionFlag(k)} `);
        else expect(section).toContain(`--${optionFlag(k)} ${showNumber(DEFAULT_TRAIN_OPTIONS[k])}`);
      }
      if (!DESCRIBED_APART.includes(g.title)) expect(section).toMatch(new RegExp(`\\n  ${g.title} +--`));
    }
    // every flag shown is one the command takes
    for (const m of text.matchAll(/--([a-z0-9-]+)/g)) expect(fitSpec, m[0]).toHaveProperty(m[1]!);
  });

  it('writes numbers as one types them', () => {
    expect(showNumber(1e-6)).toBe('1e-6');
    expect(showNumber(1e300)).toBe('1e300');
    expect(showNumber(0.001)).toBe('0.001');
    expect(showNumber(4200)).toBe('4200');
    expect(showNumber(0)).toBe('0');
    for (const v of Object.values(DEFAULT_TRAIN_OPTIONS)) expect(Number(showNumber(v))).toBe(v);
  });
});

describe('fit defaults', () => {
  it('are the same for emlw fit and for a fit the hosts start (the Fit view), when nothing is set', () => {
    const cli = buildFitJob(fitSpecFromArgs(parseArgs(['--target', 'eml_depth2'], fitSpec)));
    const host = parseTrainInput({ source: { kind: 'target', name: 'eml_depth2' }, depth: 2 }, null);
    expect(host).toMatchObject({ init: FIT_DEFAULTS.init, seeds: FIT_DEFAULTS.seeds, seed0: FIT_DEFAULTS.seed0, options: {} });
    expect(cli.plan.map((r) => [r.seed, r.strategy])).toEqual(
      Array.from({ length: FIT_DEFAULTS.seeds }, (_, i) => ['biased', 'uniform', 'xy_biased', 'random_hot'].map((s) => [FIT_DEFAULTS.seed0 + i, s])).flat(),
    );
    expect(cli.options).toEqual(DEFAULT_TRAIN_OPTIONS);
    const dataset = parseTrainInput({ source: { kind: 'dataset', datasetId: 'd', x: ['x'], y: 'f' }, depth: 1 }, null);
    expect(dataset.source).toMatchObject({ testFraction: FIT_DEFAULTS.testFraction });
  });

  it('takes every trainer option by its flag name', () => {
    const args = (Object.keys(DEFAULT_TRAIN_OPTIONS) as Array<keyof TrainOptions>).flatMap((k) => [`--${optionFlag(k)}`, String(DEFAULT_TRAIN_OPTIONS[k])]);
    expect(fitSpecFromArgs(parseArgs(['--target', 'eml_depth2', ...args], fitSpec)).options).toEqual(DEFAULT_TRAIN_OPTIONS);
  });
});
