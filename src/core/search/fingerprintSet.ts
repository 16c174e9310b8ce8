// The set of fingerprints seen so far: open addressing with linear probing over one Uint32Array of (h1, h2)
// pairs, the slot chosen by h1. (0, 0) marks an empty slot, so a fingerprint equal to it is stored as (0, 1).
// Invariant: the load factor stays ≤ 0.8 (probe runs stay short); nothing is ever removed.

/** Returns the slot count that holds n fingerprints at load ≤ 0.8: the smallest power of two ≥ `cap` that does. */
function capacityFor(n: number, cap = 1 << 4): number {
  while (n * 5 > cap * 4) cap *= 2;
  return cap;
}

/** A growable set of 64-bit fingerprints (h1, h2). */
export class FingerprintSet {
  private slots: Uint32Array;
  private mask: number;
  private count = 0;

  constructor(initialCapacity = 1 << 10) {
    const cap = capacityFor(initialCapacity);
    this.slots = new Uint32Array(2 * cap);
    this.mask = cap - 1;
  }

  /** Returns the number of fingerprints in the set. */
  get size(): number {
    return this.count;
  }

  /** Returns the bytes held by the set. */
  get bytes(): number {
    return this.slots.byteLength;
  }

  /** Returns the bytes a set holds once `n` fingerprints are in it (grown from the default size, or reserved). */
  static bytesFor(n: number): number {
    return 8 * capacityFor(Math.max(n, 1 << 10));
  }

  /** Makes room for `n` fingerprints in total without rehashing on the way. */
  reserve(n: number): void {
    const cap = capacityFor(n, this.mask + 1);
    if (cap !== this.mask + 1) this.rehash(cap);
  }

  /** Inserts (h1, h2); returns true when it was new. */
  insert(h1: number, h2: number): boolean {
    if (h1 === 0 && h2 === 0) h2 = 1;
    const slots = this.slots, mask = this.mask;
    let i = h1 & mask;
    for (;;) {
      const a = slots[2 * i]!, b = slots[2 * i + 1]!;
      if (a === h1 && b === h2) return false;
      if (a === 0 && b === 0) break;
      i = (i + 1) & mask;
    }
    slots[2 * i] = h1;
    slots[2 * i + 1] = h2;
    if (++this.count * 5 > (mask + 1) * 4) this.rehash(2 * (mask + 1));
    return true;
  }

  /** True when (h1, h2) is in the set. */
  has(h1: number, h2: number): boolean {
    if (h1 === 0 && h2 === 0) h2 = 1;
    const slots = this.slots, mask = this.mask;
    let i = h1 & mask;
    for (;;) {
      const a = slots[2 * i]!, b = slots[2 * i + 1]!;
      if (a === h1 && b === h2) return true;
      if (a === 0 && b === 0) return false;
      i = (i + 1) & mask;
    }
  }

  private rehash(cap: number): void {
    const old = this.slots;
    const slots = new Uint32Array(2 * cap);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 2) {
      const a = old[j]!, b = old[j + 1]!;
      if (a === 0 && b === 0) continue;
      let i = a & mask;
      while (slots[2 * i] !== 0 || slots[2 * i + 1] !== 0) i = (i + 1) & mask;
      slots[2 * i] = a;
      slots[2 * i + 1] = b;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
