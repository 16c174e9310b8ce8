import { describe, expect, it } from 'vitest';
import { decodePlain, encodePlain } from '../../../src/node/cluster/plainData';

/** Encodes, sends through JSON text (as the queue stores it) and decodes. */
const roundTrip = (v: unknown): unknown => decodePlain(JSON.parse(JSON.stringify(encodePlain(v))));

describe('plainData', () => {
  it.each([
    ['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity], ['-0', -0], ['0', 0], ['smallest subnormal', 5e-324],
    ['largest double', Number.MAX_VALUE], ['0.1 + 0.2', 0.1 + 0.2], ['-1e-300', -1e-300],
  ])('encodePlain/decodePlain keep %s bit for bit through JSON', (_name, n) => {
    expect(Object.is(roundTrip(n), n)).toBe(true);
  });

  it('encodePlain/decodePlain keep a Float64Array with special values, in nested objects and arrays', () => {
    const a = new Float64Array([1.5, NaN, -0, Infinity, -Infinity, 5e-324, Math.PI]);
    const back = roundTrip({ x: [a, { y: a.subarray(2, 5) }], s: 'text', b: true, n: null }) as { x: [Float64Array, { y: Float64Array }]; s: string; b: boolean; n: null };
    expect(back.x[0]).toBeInstanceOf(Float64Array);
    expect([...back.x[0]].map((v, i) => Object.is(v, a[i]))).toEqual([...a].map(() => true));
    expect([...back.x[1].y].map((v, i) => Object.is(v, a[i + 2]))).toEqual([true, true, true]);
    expect(back).toMatchObject({ s: 'text', b: true, n: null });
  });

  it('encodePlain drops undefined fields as JSON does', () => {
    expect(encodePlain({ a: 1, b: undefined })).toEqual({ a: 1 });
  });

  it.each([
    ['a function', { f: () => 1 }, /\$\.f is a function/],
    ['a class instance', { d: [new Date(0)] }, /\$\.d\[0\] is a Date object/],
    ['a bigint', { n: 1n }, /\$\.n is a bigint/],
    ['a reserved key', { $num: 'NaN' }, /reserved/],
  ])('encodePlain refuses %s, naming its path', (_name, v, re) => {
    expect(() => encodePlain(v)).toThrow(re);
  });

  it('decodePlain refuses malformed tags', () => {
    expect(() => decodePlain({ $num: 'Nope' })).toThrow(/malformed tagged number/);
    expect(() => decodePlain({ $f64: 'AAA=' })).toThrow(/not a whole number of float64/);
  });
});
