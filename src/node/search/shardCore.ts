// One shard's side of a sharded search (parallelBackend.ts), independent of where it runs: in a shard thread
// (jobs/workers/searchShard.worker.ts, messages over its port) or in the coordinator's own thread (the backend's
// local shard, called directly). Grows the work units of each level it claims into SharedArrayBuffers, owns its
// part of the stored fingerprints, stores every level, and matches the blocks of scan items it claims. Handles one
// request at a time and answers it with the CPU and wall time it took.

import { compileLanguage } from '../../core/search/compiledLanguage';
import { Enumerator } from '../../core/search/enumerate';
import { buildLanguage } from '../../core/search/language';
import { Matcher, isEmlShaped } from '../../core/search/match';
import { planUnits } from '../../core/search/workUnits';
import { threadCpuMs } from '../threadCpu';
import { CONTROL, type FromShard, type ShardRequest } from './shardProtocol';

export class ShardCore {
  private enumerator: Enumerator | null = null;
  private matcher: Matcher | null = null;
  private control: Int32Array | null = null;
  /** Claims the next work unit or block of scan items (one function for every request, so its call sites stay optimized). */
  private readonly claim = (): number => Atomics.add(this.control!, CONTROL.claim, 1);
  private readonly shouldStop = (): boolean => {
    const c = this.control;
    if (c === null) return false;
    if (Atomics.load(c, CONTROL.stop) !== 0) return true;
    // a shard in the coordinator's thread also asks the job itself (the coordinator cannot raise the flag while
    // its thread runs this shard), and passes a stop on to the other shards
    if (this.extraStop?.()) { Atomics.store(c, CONTROL.stop, 1); return true; }
    return false;
  };
  private readonly levelStop = (): boolean => this.shouldStop() || (this.control !== null && Atomics.load(this.control, CONTROL.abort) !== 0);

  constructor(private readonly extraStop?: () => boolean) {}

  /** Answers one request (every request but 'close'). */
  handle(msg: ShardRequest): FromShard {
    const cpu0 = threadCpuMs(), wall0 = performance.now();
    const timed = (m: FromShard): FromShard => ({ ...m, cpuMs: threadCpuMs() - cpu0, wallMs: performance.now() - wall0 });
    const id = 'id' in msg ? msg.id : -1;
    try {
      return timed(this.answer(msg));
    } catch (e) {
      return timed({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
    }
  }

  private answer(msg: ShardRequest): FromShard {
    switch (msg.type) {
      case 'init': {
        const { init } = msg;
        const lang = compileLanguage(buildLanguage(init.spec), init.semantics);
        this.control = new Int32Array(init.control);
        this.enumerator = new Enumerator(lang, {
          domain: init.domain, shard: { index: init.index, count: init.count },
          allocate: (bytes) => new SharedArrayBuffer(bytes),
          ...(init.quantizer ? { quantizer: init.quantizer } : {}), ...(init.simd === false ? { simd: false } : {}),
        });
        if (isEmlShaped(lang)) {
          this.matcher = new Matcher(this.enumerator.store, lang, init.domain, { index: init.index, count: init.count, claim: this.claim });
        }
        return { type: 'ready' };
      }
      case 'grow': {
        const en = this.enumerator!, c = this.control!;
        const units = planUnits(en.store, en.lang, msg.K, msg.perUnit);
        const r = en.growSlice(msg.K, units, this.claim, { shouldStop: this.levelStop, maxBytes: msg.maxBytes, expected: msg.expected });
        if ('stopped' in r) {
          if (r.stopped === 'memoryLimit') Atomics.store(c, CONTROL.abort, 1);
          return { type: 'stopped', id: msg.id, reason: r.stopped };
        }
        return { type: 'grown', id: msg.id, table: r.table, stats: r.stats };
      }
      case 'dedup': {
        const dropped = this.enumerator!.dedupSlice(msg.tables);
        return { type: 'deduped', id: msg.id, dropped, setBytes: this.enumerator!.set.bytes };
      }
      case 'finish':
        return { type: 'finished', id: msg.id, units: this.enumerator!.finishSlice(msg.K) };
      case 'commit':
        this.enumerator!.commit(msg.K, msg.segments);
        return { type: 'committed', id: msg.id };
      case 'match': {
        if (!this.matcher) throw new Error('search shard: this language has no meet-in-the-middle matcher');
        const r = this.matcher.match(msg.K, msg.M, { values: msg.values, tolerances: msg.tolerances }, msg.limit, this.shouldStop);
        return { type: 'matched', id: msg.id, matches: r.matches, keys: r.keys, complete: r.complete, indexBytes: this.matcher.bytes };
      }
    }
  }
}
