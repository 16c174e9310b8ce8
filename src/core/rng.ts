// Seeded randomness for the engine: core code never calls Math.random(); it receives an Rng made here,
// so every search, initialisation and benchmark input is reproducible from its seed.
// Generator: mulberry32 (32-bit state, period 2^32), plus a Box–Muller normal draw.

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** Returns a seeded generator of uniform numbers in [0, 1). */
export function createRng(seed: number): Rng {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a standard normal draw (Box–Muller) from rng. */
export function normal(rng: Rng): number {
  let u = rng();
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Returns an integer uniform in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}
