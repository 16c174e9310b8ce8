// What a queue worker can execute: a run kind turns a run's plain input into its result, the same result
// the local path gives for that run (runs are deterministic). The job that submits runs owns gathering,
// dedup and retry; a kind only executes one run. Kinds are registered in runKinds.ts.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { workerPath } from '../jobs/runWorker';

/** What a run may use while it executes. */
export interface RunContext<P> {
  /** Aborted when the run must stop (its submitter cancelled, or the worker shuts down). */
  readonly signal: AbortSignal;
  /** Reports progress to the submitter (throttled by the worker). */
  readonly onProgress: (p: P) => void;
}

/** One kind of run: input I, result R, progress events P. */
export interface RunKind<I, R, P> {
  /** The bundled worker (dist/workers/<bundle>.mjs) that executes the run; its hash is the engine build. */
  readonly bundle: string;
  /** Returns the checked input of a decoded run; throws naming the bad field. */
  check(input: unknown): I;
  /** Returns a few words naming a run, for the worker's log. */
  describe(input: I): string;
  /** Executes one run; rejects with JobStopped when cancelled or failed. */
  execute(input: I, ctx: RunContext<P>): Promise<R>;
}

const builds = new Map<string, string>();

/**
 * Returns the files a bundled module is made of: itself and every chunk it imports, statically or with import(),
 * followed through relative paths (scripts/build-cli.mjs splits the worker bundles into shared chunks), sorted.
 */
export function bundleFiles(entry: string): string[] {
  const files = new Set<string>();
  const walk = (f: string): void => {
    if (files.has(f)) return;
    files.add(f);
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)"(\.{1,2}\/[^"]+\.mjs)"/g)) {
      const chunk = resolve(dirname(f), m[1]!);
      if (existsSync(chunk)) walk(chunk);
    }
  };
  walk(resolve(entry));
  return [...files].sort();
}

/** Returns the first 16 hex digits of the SHA-256 of a bundled module with every chunk it loads (bundleFiles). */
export function bundleHash(entry: string): string {
  const h = createHash('sha256');
  for (const f of bundleFiles(entry)) h.update(`${relative(dirname(resolve(entry)), f)}\n`).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

/** Returns the engine build of a kind: the hash of its worker bundle and every chunk that bundle loads. */
export function engineBuild(kind: RunKind<unknown, unknown, unknown>): string {
  let b = builds.get(kind.bundle);
  if (!b) {
    b = bundleHash(workerPath(kind.bundle));
    builds.set(kind.bundle, b);
  }
  return b;
}
