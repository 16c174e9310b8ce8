// Timing helper for benchmarks: repeats a function until enough time has passed and keeps the best
// per-call time of several rounds (the least disturbed by the rest of the machine).

/** Returns the best seconds per call of f over `rounds` rounds of at least `minSeconds` each. */
export function timeBest(f: () => void, rounds = 3, minSeconds = 0.3): number {
  f(); // warm-up (JIT)
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    let calls = 0;
    const t0 = performance.now();
    let elapsed = 0;
    do { f(); calls++; elapsed = (performance.now() - t0) / 1000; } while (elapsed < minSeconds);
    best = Math.min(best, elapsed / calls);
  }
  return best;
}
