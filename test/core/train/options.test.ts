import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAIN_OPTIONS, FIT_DEFAULTS, INIT_CHOICES, TRAIN_OPTION_GROUPS, type TrainOptions, optionFlag, optionKey, parseOptionText,
} from '../../../src/core/train/options';

const KEYS = Object.keys(DEFAULT_TRAIN_OPTIONS) as Array<keyof TrainOptions>;

describe('trainer option names', () => {
  it('writes every option key in kebab case, and reads both spellings back to the key', () => {
    expect(optionFlag('hardTriggerCount')).toBe('hard-trigger-count');
    expect(optionFlag('lr')).toBe('lr');
    for (const k of KEYS) {
      expect(optionFlag(k)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(optionKey(optionFlag(k))).toBe(k);
      expect(optionKey(k)).toBe(k);
    }
    expect(new Set(KEYS.map(optionFlag)).size).toBe(KEYS.length);
    expect(optionKey('hard-trigger')).toBeUndefined();
    expect(optionKey('toString')).toBeUndefined();
    expect(optionKey('__proto__')).toBeUndefined();
  });

  it('groups every option exactly once', () => {
    const grouped = TRAIN_OPTION_GROUPS.flatMap((g) => g.keys);
    expect([...grouped].sort()).toEqual([...KEYS].sort());
    expect(new Set(grouped).size).toBe(grouped.length);
    // the improvements are exactly the options the reference lacks: all off (0) by default, except the threshold
    // that only matters once restartAfter is set
    const improvements = TRAIN_OPTION_GROUPS.find((g) => g.title === 'improvements')!.keys;
    for (const k of improvements) if (k !== 'restartBelow') expect(DEFAULT_TRAIN_OPTIONS[k] === 0 || (k === 'searchStride' && DEFAULT_TRAIN_OPTIONS[k] === 1)).toBe(true);
  });

  it('parses "name=value, …" with flag names or keys, and names what is wrong', () => {
    expect(parseOptionText('lr=0.02, hard-trigger-count=5; searchIters=300')).toEqual({ lr: 0.02, hardTriggerCount: 5, searchIters: 300 });
    expect(parseOptionText('  ')).toEqual({});
    expect(() => parseOptionText('hard-trigger=5')).toThrow(/“hard-trigger” is not a trainer option \(options: search-iters, hardening-iters, lr,/);
    expect(() => parseOptionText('lr')).toThrow(/“lr” is not name=value \(e\.g\. hard-trigger-count=5\)/);
    expect(() => parseOptionText('lr=fast')).toThrow(/lr: “fast” is not a number/);
    expect(() => parseOptionText('lr=')).toThrow(/lr: “” is not a number/);
  });
});

describe('fit defaults', () => {
  it('are the reference trainer\'s: every init strategy, 8 seeds from 137', () => {
    expect(FIT_DEFAULTS).toEqual({ init: 'all', seeds: 8, seed0: 137, testFraction: 0.2 });
    expect(INIT_CHOICES).toContain(FIT_DEFAULTS.init);
  });
});
