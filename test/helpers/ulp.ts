// Distances in units in the last place, for the tests of the vectorised functions and kernels.

const scratch = new Float64Array(1), hi = new Uint32Array(scratch.buffer);

/** The ulp of a double (2^-1074 for zero and subnormals). */
export function ulp(x: number): number {
  scratch[0] = x;
  const e = (hi[1]! >>> 20) & 0x7ff;
  return e === 0 ? 2 ** -1074 : 2 ** (e - 1075);
}

/** Distance in ulps of got from want; 0 when both are the same special value (sign of zero included), Infinity when only one is. */
export function ulpDistance(got: number, want: number): number {
  if (Number.isNaN(want) || Number.isNaN(got)) return Number.isNaN(want) && Number.isNaN(got) ? 0 : Infinity;
  if (!Number.isFinite(want) || !Number.isFinite(got)) return got === want ? 0 : Infinity;
  if (want === 0 && got === 0) return Object.is(want, got) ? 0 : Infinity;
  return Math.abs(got - want) / ulp(want);
}
