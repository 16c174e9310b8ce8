// FeatureIndex: bucket queries over one level's feature values return a superset of the nodes in the interval,
// for any bucket width (a width far below the double spacing of the values must not stall the bucket counter).

import { describe, expect, it } from 'vitest';
import { FeatureIndex } from '../../../src/core/search/featureIndex';
import type { Level, Segment } from '../../../src/core/search/levelStore';

/** A level of one segment whose nodes have the given real feature values (stride 2: re, im). */
function levelOf(values: readonly number[]): Level {
  const n = values.length;
  const seg: Segment = {
    count: n, features: Float64Array.from(values.flatMap((v) => [v, 0])), code: new Uint16Array(n),
    left: new Int32Array(n).fill(-1), right: new Int32Array(n).fill(-1), deps: new Uint8Array(n),
  };
  return { K: 1, base: 100, count: n, segments: [seg], offsets: [100] };
}

// 2000 values spread over 1e-3 .. 1e7 in magnitude, both signs, and a few special ones
const VALUES = [
  ...Array.from({ length: 1000 }, (_, k) => 1e-3 * 10 ** (k / 100)), ...Array.from({ length: 1000 }, (_, k) => -1.37e-3 * 10 ** (k / 100)),
  0, 5e5 + 1e-9, 1e300, Number.MIN_VALUE,
];

describe('FeatureIndex', () => {
  it.each([2 ** -38, 2 ** -46, 2 ** -60, 2 ** -994])('with bucket width %d, a query near a value finds it, every node within, and few others', (width) => {
    const ix = new FeatureIndex(levelOf(VALUES), 2, 0, width);
    const out = new Int32Array(VALUES.length);
    let most = 0;
    VALUES.forEach((v, i) => {
      // the matcher's interval: the tolerance (below the width) plus rounding slack of a few ulps of the value
      const d = width / 4 + 8 * 2 ** -52 * Math.abs(v);
      const n = ix.candidates(v - d, v + d, out);
      const ids = Array.from(out.subarray(0, Math.min(n, out.length)));
      expect(ids).toContain(100 + i);
      VALUES.forEach((w, j) => { if (Math.abs(w - v) <= d) expect(ids).toContain(100 + j); });
      most = Math.max(most, n);
    });
    // never the whole level: buckets are never finer than the spacing of the doubles they hold
    expect(most).toBeLessThanOrEqual(4);
  });

  it('refuses a bucket width that is not a positive number', () => {
    expect(() => new FeatureIndex(levelOf(VALUES), 2, 0, 0)).toThrow(/bucket width must be positive/);
  });
});
