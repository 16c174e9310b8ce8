// ULP distance between two doubles: |ord(a) − ord(b)| where ord maps the IEEE-754 bit pattern onto
// a monotone integer line (negative numbers bitwise-complemented, non-negative ones offset by 2^63).

const F = new Float64Array(1);
const U = new BigUint64Array(F.buffer);
const SIGN = 1n << 63n;

function ordinal(x: number): bigint {
  F[0] = x;
  const bits = U[0]!;
  return bits & SIGN ? (~bits) & (SIGN * 2n - 1n) : bits | SIGN;
}

/** Returns the number of representable doubles between a and b (0 when equal; NaN if either is NaN). */
export function ulpDistance(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  const d = ordinal(a) - ordinal(b);
  return Number(d < 0n ? -d : d);
}
