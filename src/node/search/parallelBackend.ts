// A SearchBackend spread over worker threads (one shard per thread, sharded by fingerprint; see enumerate.ts):
// every shard grows its slice of a level into SharedArrayBuffers, the coordinator merges the slices into the
// order one thread would have stored (levelStore.ts mergeShardSegments, so every level is the same for any
// number of threads), hands the level to every shard (and keeps it itself to rebuild trees), and match requests
// are split the same way. Cancellation raises a shared flag that every shard polls inside its loops.

import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BackendConfig, SearchBackend } from '../../core/search/backend';
import type { GrowStop, LevelStats } from '../../core/search/enumerate';
import { LevelStore, type Segment, mergeShardSegments } from '../../core/search/levelStore';
import { type MatchShape, type MatchTarget, mergeShardMatches } from '../../core/search/match';
import { workerPath } from '../jobs/runWorker';
import type { FromShard, ShardInit, ToShard } from './shardProtocol';

/** Returns the default number of shards: one per core. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

class Shard {
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
}

/** A backend whose enumeration and matching run on `threads` worker threads. */
export class ParallelBackend implements SearchBackend {
  readonly store: LevelStore;
  readonly lang: BackendConfig['lang'];
  private nextId = 1;
  private readonly ownBytes: number[];
  private readonly indexBytes: number[];
  private readonly flag: Int32Array;

  private constructor(config: BackendConfig, private readonly shardList: Shard[], stop: SharedArrayBuffer, private readonly shouldStop: () => boolean) {
    this.lang = config.lang;
    this.store = new LevelStore(config.lang.stride);
    this.ownBytes = shardList.map(() => 0);
    this.indexBytes = shardList.map(() => 0);
    this.flag = new Int32Array(stop);
  }

  /** Starts `threads` shard threads for the configuration; resolves once all are ready. */
  static async start(config: BackendConfig, shouldStop: () => boolean, threads = defaultThreads()): Promise<ParallelBackend> {
    if (!Number.isInteger(threads) || threads < 1 || threads > 64) throw new Error(`threads must be an integer from 1 to 64, got ${threads}`);
    const stop = new SharedArrayBuffer(4);
    const path = workerPath('searchShard');
    const shards = Array.from({ length: threads }, () => new Shard(new Worker(path)));
    const backend = new ParallelBackend(config, shards, stop, shouldStop);
    try {
      await Promise.all(shards.map((s, index) => {
        const init: ShardInit = {
          spec: config.spec, semantics: config.semantics, domain: config.domain, index, count: threads, stop,
          ...(config.quantizer ? { quantizer: config.quantizer } : {}),
        };
        return new Promise<void>((resolve, reject) => {
          const onMessage = (m: FromShard) => { if (m.type === 'ready') { s.worker.off('message', onMessage); resolve(); } };
          s.worker.on('message', onMessage);
          s.worker.once('error', reject);
          s.worker.postMessage({ type: 'init', init } satisfies ToShard);
        });
      }));
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
  private async all(make: (id: number) => ToShard): Promise<FromShard[]> {
    const id = this.nextId++;
    const watch = setInterval(() => { if (this.shouldStop()) Atomics.store(this.flag, 0, 1); }, 20);
    try {
      return await Promise.all(this.shardList.map((s) => s.request(id, make(id))));
    } finally {
      clearInterval(watch);
    }
  }

  async grow(K: number, maxBytes: number, expected = 0): Promise<LevelStats | { stopped: GrowStop }> {
    const replies = await this.all((id) => ({ type: 'grow', id, K, maxBytes, expected }));
    const stopped = replies.find((r) => r.type === 'stopped');
    if (stopped && stopped.type === 'stopped') return { stopped: stopped.reason };
    const grown: Segment[][] = [];
    const stats: LevelStats = { K, evaluated: 0, kept: 0 };
    replies.forEach((r, i) => {
      if (r.type !== 'grown') throw new Error(`search shard ${i}: unexpected reply ${r.type}`);
      grown.push(r.segments);
      stats.evaluated = Math.max(stats.evaluated, r.stats.evaluated);
      stats.kept += r.stats.kept;
      this.ownBytes[i] = r.ownBytes;
    });
    const segments = mergeShardSegments(grown, this.lang.stride, (bytes) => new SharedArrayBuffer(bytes));
    await this.all((id) => ({ type: 'commit', id, K, segments }));
    this.store.addLevel(K, segments);
    return stats;
  }

  async match(K: number, M: number, target: MatchTarget, limit: number): Promise<{ matches: MatchShape[]; complete: boolean }> {
    const replies = await this.all((id) => ({ type: 'match', id, K, M, values: target.values, tolerances: target.tolerances, limit }));
    const lists: Array<{ matches: MatchShape[]; keys: number[] }> = [];
    let complete = true, total = 0;
    replies.forEach((r, i) => {
      if (r.type !== 'matched') throw new Error(`search shard ${i}: unexpected reply ${r.type}`);
      lists.push(r);
      total += r.matches.length;
      complete &&= r.complete;
      this.indexBytes[i] = r.indexBytes;
    });
    const matches = mergeShardMatches(lists, limit);
    return { matches, complete: complete && total < limit };
  }

  bytes(): number {
    return this.store.bytes + this.ownBytes.reduce((a, b) => a + b, 0) + this.indexBytes.reduce((a, b) => a + b, 0);
  }

  async close(): Promise<void> {
    Atomics.store(this.flag, 0, 1);
    await Promise.all(this.shardList.map((s) => s.worker.terminate()));
  }
}
