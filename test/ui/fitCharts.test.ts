// Tests of the Fit charts' pure parts, in plain Node: run colours that never repeat, log-axis ticks a round
// and small number of decades apart, the Pareto loss axis with its row for exact fits, and the sweep
// heatmap drawn at a fixed size per cell.

import { schemeTableau10 } from 'd3';
import { describe, expect, it } from 'vitest';
import { MAX_TRAIN_SEEDS } from '../../src/shared/train';
import { decadeText, logTicks } from '../../src/renderer/src/components/fit/logTicks';
import { paretoAxis } from '../../src/renderer/src/components/fit/paretoAxis';
import { runColour } from '../../src/renderer/src/components/fit/runColours';
import { layoutSweep, SWEEP_CELL } from '../../src/renderer/src/components/fit/sweepLayout';

describe('runColour(index)', () => {
  it('starts with Tableau 10 and gives every run of a fit its own colour, past 10 seeds too', () => {
    expect(Array.from({ length: 10 }, (_, i) => runColour(i))).toEqual([...schemeTableau10]);
    // four strategies per seed ('all' inits) at the most seeds a fit takes
    const n = 4 * MAX_TRAIN_SEEDS;
    const colours = Array.from({ length: n }, (_, i) => runColour(i));
    expect(new Set(colours).size).toBe(n);
    expect(runColour(10)).not.toBe(runColour(0));
  });

  it('keeps neighbouring runs past the tenth far apart in hue', () => {
    const hue = (c: string): number => Number(/^hsl\(([\d.]+) /.exec(c)![1]);
    for (let i = 10; i < 60; i++) {
      const d = Math.abs(hue(runColour(i)) - hue(runColour(i + 1)));
      expect(Math.min(d, 360 - d)).toBeGreaterThan(60);
    }
  });
});

describe('logTicks(lo, hi, maxTicks)', () => {
  it.each([
    [1e-3, 1e2, 8, [1e-3, 1e-2, 1e-1, 1, 10, 100]],
    [1e-32, 1e2, 8, [1e-30, 1e-25, 1e-20, 1e-15, 1e-10, 1e-5, 1]],
    [1e-12, 1e1, 6, [1e-12, 1e-9, 1e-6, 1e-3, 1]],
  ])('ticks [%d, %d] with at most %i labels at a round step of decades', (lo, hi, max, want) => {
    const t = logTicks(lo, hi, max);
    expect(t.length).toBeLessThanOrEqual(max);
    if (want.length) expect(t.map((v) => Math.round(Math.log10(v)))).toEqual(want.map((v) => Math.round(Math.log10(v))));
  });

  it('never puts more than maxTicks labels, and steps by 1, 2, 3, 5, 10 or 20 decades', () => {
    for (let lo = -40; lo <= 0; lo += 3) {
      for (let span = 1; span <= 45; span += 2) {
        const t = logTicks(10 ** lo, 10 ** (lo + span), 6).map((v) => Math.round(Math.log10(v)));
        expect(t.length).toBeGreaterThan(0);
        expect(t.length).toBeLessThanOrEqual(6);
        if (t.length > 1) expect([1, 2, 3, 5, 10, 20]).toContain(t[1]! - t[0]!);
      }
    }
    expect(decadeText(1e-3)).toBe('1e-3');
    expect(decadeText(100)).toBe('100');
  });
});

describe('paretoAxis(losses)', () => {
  it('puts exact fits (loss 0) on their own row and spans only the other losses, a decade per tick', () => {
    // the case: snapped MSE 40.7 and 0.12 beside exact recoveries
    const a = paretoAxis([0, 0, 40.7, 0.12, 0]);
    expect(a.zeroRow).toBe(true);
    expect([a.lo, a.hi]).toEqual([0.1, 100]);
    expect(a.ticks.map((v) => Math.round(Math.log10(v)))).toEqual([-1, 0, 1, 2]);
  });

  it('keeps ticks at most 2 decades apart over twelve decades, and needs no 0 row without exact fits', () => {
    const a = paretoAxis([3e-11, 2e-4, 5.5]);
    expect(a.zeroRow).toBe(false);
    const e = a.ticks.map((v) => Math.round(Math.log10(v)));
    for (let i = 1; i < e.length; i++) expect(e[i]! - e[i - 1]!).toBeLessThanOrEqual(2);
    expect(a.lo).toBeLessThanOrEqual(3e-11);
    expect(a.hi).toBeGreaterThanOrEqual(5.5);
  });
});

describe('layoutSweep(cells)', () => {
  it('sizes a 2 × 2 sweep by its cells, not by the panel: a small figure whose text is drawn at its own size', () => {
    const cells = [2, 3].flatMap((depth) => ['biased', 'uniform'].map((init) => ({ depth, init })));
    const l = layoutSweep(cells);
    expect(l.width).toBeLessThan(360);
    expect(l.height).toBeLessThan(150);
    expect(l.fontSize).toBeGreaterThanOrEqual(12);
    expect(l.fontSize).toBeLessThanOrEqual(14);
    for (const c of l.cells) {
      expect(c.width).toBeLessThanOrEqual(SWEEP_CELL.width);
      expect(c.height).toBeGreaterThan(l.fontSize * 2);
    }
    expect(l.columns.map((c) => c.init)).toEqual(['biased', 'uniform']);
    expect(l.rows.map((r) => r.depth)).toEqual([2, 3]);
  });
});
