// CPU time of the calling thread (not the whole process): what a worker thread really computed, whatever else
// the machine runs. Linux exposes it in /proc/thread-self/schedstat (nanoseconds on a CPU); elsewhere the
// answer is NaN, and callers print it as unknown.

import { readFileSync } from 'node:fs';

let available = process.platform === 'linux';

/** Returns the CPU milliseconds the calling thread has run so far, or NaN where the platform does not tell. */
export function threadCpuMs(): number {
  if (!available) return NaN;
  try {
    const text = readFileSync('/proc/thread-self/schedstat', 'utf8');
    const ns = Number(text.slice(0, text.indexOf(' ')));
    if (Number.isFinite(ns)) return ns / 1e6;
  } catch {
    // not mounted or not readable: stop asking
  }
  available = false;
  return NaN;
}
