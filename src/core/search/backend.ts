// Where an enumeration runs: the recognizer talks to a SearchBackend that grows levels and matches targets.
// LocalBackend runs one shard in the calling thread; src/node/search shards the same work over worker
// threads behind the same interface (every shard grows its slice of each level; the store holds them all).

import type { Semantics } from '../semantics';
import { type CompiledLanguage } from './compiledLanguage';
import { type Domain, Enumerator, type GrowStop, type LevelStats } from './enumerate';
import type { Quantizer } from './fingerprint';
import type { LanguageSpec } from './language';
import type { LevelStore } from './levelStore';
import { type MatchShape, type MatchTarget, Matcher } from './match';

/** What a backend is built from (the spec is what other threads rebuild the language from). */
export interface BackendConfig {
  readonly spec: LanguageSpec;
  readonly lang: CompiledLanguage;
  readonly semantics: Semantics;
  readonly domain: Domain;
  readonly quantizer?: Quantizer;
  /** False: the enumeration's node features with the scalar functions (EnumeratorOptions.simd; default true). */
  readonly simd?: boolean;
}

/** The engine operations the recognizer needs, possibly spread over several threads. */
export interface SearchBackend {
  /** Every stored level (all shards' segments), for rebuilding trees. */
  readonly store: LevelStore;
  readonly lang: CompiledLanguage;
  /** Number of shards working in parallel. */
  readonly shards: number;
  /** Grows level K on every shard and stores it; resolves with the level's statistics, or why it stopped. */
  grow(K: number, maxBytes: number, expected?: number): Promise<LevelStats | { stopped: GrowStop }>;
  /** Matches the target among trees of size K built from the stored levels ≤ M (see match.ts). */
  match(K: number, M: number, target: MatchTarget, limit: number): Promise<{ matches: MatchShape[]; complete: boolean }>;
  /** Bytes held by all shards (levels, fingerprint sets, match indexes). */
  bytes(): number;
  /** Frees the backend's threads and memory. */
  close(): Promise<void>;
}

/** A backend running in the calling thread; `shouldStop` is polled inside long loops. */
export class LocalBackend implements SearchBackend {
  readonly shards = 1;
  readonly lang: CompiledLanguage;
  private readonly enumerator: Enumerator;
  private readonly matcher: Matcher;

  constructor(config: BackendConfig, private readonly shouldStop: () => boolean = () => false) {
    this.lang = config.lang;
    this.enumerator = new Enumerator(config.lang, {
      domain: config.domain, ...(config.quantizer ? { quantizer: config.quantizer } : {}), ...(config.simd === false ? { simd: false } : {}),
    });
    this.matcher = new Matcher(this.enumerator.store, config.lang, config.domain);
  }

  get store(): LevelStore {
    return this.enumerator.store;
  }

  async grow(K: number, maxBytes: number, expected?: number): Promise<LevelStats | { stopped: GrowStop }> {
    const r = this.enumerator.grow(K, { shouldStop: this.shouldStop, maxBytes: maxBytes - this.matcher.bytes, ...(expected ? { expected } : {}) });
    if ('stopped' in r) return r;
    this.enumerator.commit(K, r.segments);
    return r.stats;
  }

  async match(K: number, M: number, target: MatchTarget, limit: number): Promise<{ matches: MatchShape[]; complete: boolean }> {
    return this.matcher.match(K, M, target, limit, this.shouldStop);
  }

  bytes(): number {
    return this.enumerator.bytes + this.matcher.bytes;
  }

  async close(): Promise<void> {
    // nothing to free beyond garbage
  }
}
