// A SearchBackend spread over threads (one shard per thread): shard 0 runs in the coordinator's own thread (which
// would otherwise wait), the others in shard threads (jobs/workers/searchShard.worker.ts); both answer with
// shardCore.ts. A level is grown in three steps (see
// enumerate.ts): the shards claim its work units from a shared counter and keep every admissible candidate; each
// shard then decides, for the fingerprints it owns, which row keeps a new value; and each closes the gaps in its rows.
// The coordinator lays the units' rows out in unit order (the level one thread stores, whatever the thread count)
// and hands the level to every shard; nothing is copied, every array lives in a SharedArrayBuffer. A match request
// goes to every shard, which claim blocks of its scan items from the same shared counter (a shard that falls behind
// takes fewer). Cancellation raises a shared flag that every shard polls inside its loops.
// Every request is recorded in `rounds` with its wall time and each shard's CPU time (the bench reads them).

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BackendConfig, SearchBackend } from '../../core/search/backend';
import type { GrowStop, LevelStats } from '../../core/search/enumerate';
import { LevelStore, type Segment } from '../../core/search/levelStore';
import { type MatchShape, type MatchTarget, mergeShardMatches } from '../../core/search/match';
import { levelCandidates } from '../../core/search/workUnits';
import { workerPath } from '../jobs/runWorker';
import { ShardCore } from './shardCore';
import { CONTROL, type FromShard, type ShardInit, type ShardRequest, type ToShard } from './shardProtocol';

/** Returns the default number of shards: one per core. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

/** Work units per shard and level (more balance the shards better; each adds a segment to the level). */
const UNITS_PER_SHARD = 16;
/** Fewest candidates in a unit (smaller levels are not worth cutting finer). */
const MIN_UNIT = 1 << 12;

/** One request answered by every shard: its wall time, and each shard's CPU time (NaN where unknown) and wall time. */
export interface ShardRound {
  step: ToShard['type'];
  K: number;
  wallMs: number;
  cpuMs: number[];
  shardWallMs: number[];
}

type Reply<T extends FromShard['type']> = Extract<FromShard, { type: T }>;

/** Where a shard's requests go: a shard thread, or the coordinator's own thread. */
interface ShardLink {
  request(id: number, msg: ShardRequest): Promise<FromShard>;
  close(): Promise<void>;
}

/** The shard that runs in the coordinator's thread. Its work starts in a microtask, so that the requests to the shard
 * threads, made in the same turn, are already posted when this thread gets busy. */
class LocalShard implements ShardLink {
  constructor(private readonly core: ShardCore) {}
  request(_id: number, msg: ShardRequest): Promise<FromShard> {
    // a copy, as a shard thread gets one (SharedArrayBuffers stay shared)
    const copy = structuredClone(msg);
    return Promise.resolve().then(() => {
      const reply = this.core.handle(copy);
      if (reply.type === 'error') throw new Error(reply.message);
      return reply;
    });
  }
  close(): Promise<void> {
    return Promise.resolve();
  }
}

class Shard implements ShardLink {
  private readonly pending = new Map<number, { resolve: (m: FromShard) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(readonly worker: Worker) {
    worker.on('message', (m: FromShard) => {
      const id = 'id' in m ? m.id : -1;
      const p = this.pending.get(id);
      if (!p) return;
      this.pending.delete(id);
      if (m.type === 'error') p.reject(new Error(m.message));
      else p.resolve(m);
    });
    const fail = (e: Error) => {
      this.failure = e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    worker.on('error', (e) => fail(e));
    worker.on('exit', (code) => fail(new Error(`search shard exited with code ${code}`)));
  }

  request(id: number, msg: ToShard): Promise<FromShard> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(msg);
    });
  }

  /** Sends the init message; resolves when the shard is ready. */
  init(init: ShardInit): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const onMessage = (m: FromShard) => {
        if (m.type === 'ready') { this.worker.off('message', onMessage); resolve(); } else if (m.type === 'error') reject(new Error(m.message));
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', reject);
      this.worker.postMessage({ type: 'init', init } satisfies ToShard);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** A backend whose enumeration and matching run on `threads` worker threads. */
export class ParallelBackend implements SearchBackend {
  readonly store: LevelStore;
  readonly lang: BackendConfig['lang'];
  /** Every request so far (see ShardRound). */
  readonly rounds: ShardRound[] = [];
  private nextId = 1;
  private readonly control: Int32Array;
  /** Bytes of each shard's stored fingerprints and of its match indexes. */
  private readonly setBytes: number[];
  private readonly indexBytes: number[];

  /** The index of the shard that runs in the coordinator's thread (its CPU is part of that thread's). */
  readonly localShard = 0;

  private constructor(config: BackendConfig, private readonly shardList: ShardLink[], control: SharedArrayBuffer, private readonly shouldStop: () => boolean) {
    this.lang = config.lang;
    this.store = new LevelStore(config.lang.stride);
    this.setBytes = shardList.map(() => 0);
    this.indexBytes = shardList.map(() => 0);
    this.control = new Int32Array(control);
  }

  /** Starts `threads` shards for the configuration (shard 0 in this thread, threads − 1 shard threads); resolves once all are ready. */
  static async start(config: BackendConfig, shouldStop: () => boolean, threads = defaultThreads()): Promise<ParallelBackend> {
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new Error(`threads must be an integer from 1 to 64, got ${threads}`);
    const control = new SharedArrayBuffer(4 * CONTROL.length);
    const initFor = (index: number): ShardInit => ({
      spec: config.spec, semantics: config.semantics, domain: config.domain, index, count: threads, control,
      ...(config.quantizer ? { quantizer: config.quantizer } : {}), ...(config.simd === false ? { simd: false } : {}),
    });
    const path = threads > 1 ? workerPath('searchShard') : '';
    const remote = Array.from({ length: threads - 1 }, () => new Shard(new Worker(path)));
    const core = new ShardCore(shouldStop);
    const backend = new ParallelBackend(config, [new LocalShard(core), ...remote], control, shouldStop);
    try {
      // the shard threads boot while this thread prepares its own shard
      const ready = Promise.all(remote.map((s, i) => s.init(initFor(i + 1))));
      const local = core.handle({ type: 'init', init: initFor(0) });
      if (local.type === 'error') throw new Error(local.message);
      await ready;
    } catch (e) {
      await backend.close();
      throw e;
    }
    return backend;
  }

  get shards(): number {
    return this.shardList.length;
  }

  /** Sends one request to every shard; raises the stop flag as soon as shouldStop() answers true. */
  private async all(K: number, make: (id: number) => ShardRequest): Promise<FromShard[]> {
    const id = this.nextId++;
    const watch = setInterval(() => { if (this.shouldStop()) Atomics.store(this.control, CONTROL.stop, 1); }, 20);
    const t0 = performance.now();
    try {
      const first = make(id);
      const replies = await Promise.all(this.shardList.map((s, i) => s.request(id, i === 0 ? first : make(id))));
      this.rounds.push({ step: first.type, K, wallMs: performance.now() - t0, cpuMs: replies.map((r) => r.cpuMs ?? NaN), shardWallMs: replies.map((r) => r.wallMs ?? NaN) });
      return replies;
    } finally {
      clearInterval(watch);
    }
  }

  /** Sends one request to every shard and checks that each answers with `type`. */
  private async each<T extends FromShard['type']>(type: T, K: number, make: (id: number) => ShardRequest): Promise<Array<Reply<T>>> {
    const replies = await this.all(K, make);
    return replies.map((r, i) => {
      if (r.type !== type) throw new Error(`search shard ${i}: unexpected reply ${r.type} (expected ${type})`);
      return r as Reply<T>;
    });
  }

  async grow(K: number, maxBytes: number, expected = 0): Promise<LevelStats | { stopped: GrowStop }> {
    const perUnit = Math.max(MIN_UNIT, Math.ceil(levelCandidates(this.store, this.lang, K) / (this.shards * UNITS_PER_SHARD)));
    Atomics.store(this.control, CONTROL.claim, 0);
    Atomics.store(this.control, CONTROL.abort, 0);
    const budget = maxBytes - this.indexBytes.reduce((a, b) => a + b, 0);
    const replies = await this.all(K, (id) => ({ type: 'grow', id, K, maxBytes: budget, expected, perUnit }));
    const stops = replies.flatMap((r) => (r.type === 'stopped' ? [r.reason] : []));
    if (stops.length) return { stopped: stops.includes('memoryLimit') ? 'memoryLimit' : stops[0]! };
    const stats: LevelStats = { K, evaluated: 0, kept: 0 };
    const tables = replies.map((r, i) => {
      if (r.type !== 'grown') throw new Error(`search shard ${i}: unexpected reply ${r.type}`);
      stats.evaluated += r.stats.evaluated;
      return r.table;
    });
    const deduped = await this.each('deduped', K, (id) => ({ type: 'dedup', id, tables }));
    deduped.forEach((r, i) => { this.setBytes[i] = r.setBytes; });
    const finished = await this.each('finished', K, (id) => ({ type: 'finish', id, K }));
    const byUnit: Segment[][] = [];
    for (const r of finished) for (const u of r.units) byUnit[u.unit] = u.segments;
    const segments = byUnit.flat();
    for (const s of segments) stats.kept += s.count;
    await this.each('committed', K, (id) => ({ type: 'commit', id, K, segments }));
    this.store.addLevel(K, segments);
    return stats;
  }

  async match(K: number, M: number, target: MatchTarget, limit: number): Promise<{ matches: MatchShape[]; complete: boolean }> {
    Atomics.store(this.control, CONTROL.claim, 0);
    const replies = await this.each('matched', K, (id) => ({ type: 'match', id, K, M, values: target.values, tolerances: target.tolerances, limit }));
    let complete = true, total = 0;
    replies.forEach((r, i) => {
      total += r.matches.length;
      complete &&= r.complete;
      this.indexBytes[i] = r.indexBytes;
    });
    const matches = mergeShardMatches(replies, limit);
    return { matches, complete: complete && total < limit };
  }

  bytes(): number {
    let b = this.store.bytes;
    for (let i = 0; i < this.shards; i++) b += this.setBytes[i]! + this.indexBytes[i]!;
    return b;
  }

  async close(): Promise<void> {
    Atomics.store(this.control, CONTROL.stop, 1);
    await Promise.all(this.shardList.map((s) => s.close()));
  }
}
