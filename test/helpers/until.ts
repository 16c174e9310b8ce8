// Waiting for a condition in tests (never for a fixed time): polls until a probe gives a value.

/** Resolves with the first value other than undefined that `f` returns (polling every 50 ms); rejects naming `what` after `ms`. */
export async function until<T>(what: string, f: () => Promise<T | undefined> | T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
