import { describe, expect, it } from 'vitest';
import { Fingerprinter, roundHalfAway } from '../../../src/core/search/fingerprint';
import { FingerprintSet } from '../../../src/core/search/fingerprintSet';

const fpOf = (f: Fingerprinter, ...parts: number[]): string => {
  f.hash(Float64Array.from(parts), 0);
  return `${f.h1}:${f.h2}`;
};

describe('Fingerprinter', () => {
  it('gives equal vectors equal fingerprints and merges rounding noise below the quantum', () => {
    const f = new Fingerprinter(2, 'ieee');
    expect(fpOf(f, 1.5, 0, -2.25, 0.5)).toBe(fpOf(f, 1.5, 0, -2.25, 0.5));
    // 1e-15 relative noise is far below the 2^-40 quantum (values chosen away from a rounding boundary)
    expect(fpOf(f, 1.5 * (1 + 1e-15), 1e-17, -2.25, 0.5)).toBe(fpOf(f, 1.5, 0, -2.25, 0.5));
    expect(fpOf(f, 1.5 * (1 + 1e-9), 0, -2.25, 0.5)).not.toBe(fpOf(f, 1.5, 0, -2.25, 0.5));
    // every probe counts
    expect(fpOf(f, 1.5, 0, -2.25, 0.5)).not.toBe(fpOf(f, 1.5, 0, -2.25, 0.75));
  });

  it('distinguishes signed zeros only under extended semantics, where they choose the side of a cut', () => {
    const ext = new Fingerprinter(1, 'extended'), ieee = new Fingerprinter(1, 'ieee');
    expect(fpOf(ext, -1, -0)).not.toBe(fpOf(ext, -1, 0));
    expect(fpOf(ext, -1, -1e-20)).toBe(fpOf(ext, -1, -0));
    expect(fpOf(ieee, -1, -0)).toBe(fpOf(ieee, -1, 0));
  });

  it('keeps non-finite parts apart and quantises the finite part beside them', () => {
    const f = new Fingerprinter(1, 'extended');
    const keys = [[Infinity, 0.5], [Infinity, 0.7], [-Infinity, 0.5], [-Infinity, NaN], [Infinity, NaN], [-Infinity, 0], [1, 0]].map((p) => fpOf(f, ...p));
    expect(new Set(keys).size).toBe(keys.length);
    expect(fpOf(f, Infinity, 0.5)).toBe(fpOf(f, Infinity, 0.5 * (1 + 1e-16)));
  });

  it('absolute keys round halves away from zero and saturate like the reference\'s i64 key', () => {
    expect(roundHalfAway(-2.5)).toBe(-3);
    expect(roundHalfAway(2.5)).toBe(3);
    const f = new Fingerprinter(1, 'ieee', { kind: 'absolute', scale: 1e12 });
    expect(fpOf(f, 0.1234567890123, 0)).toBe(fpOf(f, 0.12345678901234, 0));
    expect(fpOf(f, 0.123456789012, 0)).not.toBe(fpOf(f, 0.123456789013, 0));
    // beyond 2^63 / 1e12 every value shares one key, as in the reference
    expect(fpOf(f, 1e8, 0)).toBe(fpOf(f, 3e9, 0));
  });

  it('rejects a bad probe count or quantizer', () => {
    expect(() => new Fingerprinter(0, 'ieee')).toThrow(/probes/);
    expect(() => new Fingerprinter(1, 'ieee', { kind: 'relative', bits: 60 })).toThrow(/bits/);
    expect(() => new Fingerprinter(1, 'ieee', { kind: 'absolute', scale: -1 })).toThrow(/scale/);
  });
});

describe('FingerprintSet', () => {
  it('inserts once, finds what it holds and keeps everything across growth and reserve', () => {
    const s = new FingerprintSet(4);
    const items: Array<[number, number]> = [];
    for (let i = 1; i <= 5000; i++) items.push([Math.imul(i, 0x9e3779b1) >>> 0, (i * 7919) >>> 0]);
    items.push([0, 0]);
    for (const [a, b] of items) expect(s.insert(a, b)).toBe(true);
    s.reserve(20000);
    for (const [a, b] of items) {
      expect(s.has(a, b)).toBe(true);
      expect(s.insert(a, b)).toBe(false);
    }
    expect(s.size).toBe(items.length);
    expect(s.has(12345, 67890)).toBe(false);
  });
});
