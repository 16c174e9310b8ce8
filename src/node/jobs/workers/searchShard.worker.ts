// One shard of a sharded search (src/node/search/parallelBackend.ts): grows the work units of each level it
// claims into SharedArrayBuffers, owns its part of the stored fingerprints, stores every level, and matches the
// blocks of scan items it claims. Answers one request at a time, each with the CPU time it took.

import { parentPort } from 'node:worker_threads';
import { compileLanguage } from '../../../core/search/compiledLanguage';
import { Enumerator } from '../../../core/search/enumerate';
import { buildLanguage } from '../../../core/search/language';
import { Matcher, isEmlShaped } from '../../../core/search/match';
import { planUnits } from '../../../core/search/workUnits';
import { CONTROL, type FromShard, type ToShard } from '../../search/shardProtocol';
import { threadCpuMs } from '../../threadCpu';

const port = parentPort;
if (!port) throw new Error('search shard: must run inside a worker thread');

let enumerator: Enumerator | null = null;
let matcher: Matcher | null = null;
let control: Int32Array | null = null;
/** Claims the next work unit or block of scan items (one function for every request, so its call sites stay optimized). */
const claim = (): number => Atomics.add(control!, CONTROL.claim, 1);
const shouldStop = (): boolean => control !== null && Atomics.load(control, CONTROL.stop) !== 0;
const levelStop = (): boolean => shouldStop() || (control !== null && Atomics.load(control, CONTROL.abort) !== 0);
let cpu0 = 0, wall0 = 0;
const post = (m: FromShard): void => port.postMessage({ ...m, cpuMs: threadCpuMs() - cpu0, wallMs: performance.now() - wall0 });

port.on('message', (msg: ToShard) => {
  const id = 'id' in msg ? msg.id : -1;
  cpu0 = threadCpuMs();
  wall0 = performance.now();
  try {
    switch (msg.type) {
      case 'init': {
        const { init } = msg;
        const lang = compileLanguage(buildLanguage(init.spec), init.semantics);
        control = new Int32Array(init.control);
        enumerator = new Enumerator(lang, {
          domain: init.domain, shard: { index: init.index, count: init.count },
          allocate: (bytes) => new SharedArrayBuffer(bytes),
          ...(init.quantizer ? { quantizer: init.quantizer } : {}),
        });
        if (isEmlShaped(lang)) {
          matcher = new Matcher(enumerator.store, lang, init.domain, { index: init.index, count: init.count, claim });
        }
        post({ type: 'ready' });
        return;
      }
      case 'grow': {
        const en = enumerator!, c = control!;
        const units = planUnits(en.store, en.lang, msg.K, msg.perUnit);
        const r = en.growSlice(msg.K, units, claim, { shouldStop: levelStop, maxBytes: msg.maxBytes, expected: msg.expected });
        if ('stopped' in r) {
          if (r.stopped === 'memoryLimit') Atomics.store(c, CONTROL.abort, 1);
          post({ type: 'stopped', id, reason: r.stopped });
        } else post({ type: 'grown', id, table: r.table, stats: r.stats });
        return;
      }
      case 'dedup': {
        const dropped = enumerator!.dedupSlice(msg.tables);
        post({ type: 'deduped', id, dropped, setBytes: enumerator!.set.bytes });
        return;
      }
      case 'finish':
        post({ type: 'finished', id, units: enumerator!.finishSlice(msg.K) });
        return;
      case 'commit':
        enumerator!.commit(msg.K, msg.segments);
        post({ type: 'committed', id });
        return;
      case 'match': {
        if (!matcher) throw new Error('search shard: this language has no meet-in-the-middle matcher');
        const r = matcher.match(msg.K, msg.M, { values: msg.values, tolerances: msg.tolerances }, msg.limit, shouldStop);
        post({ type: 'matched', id, matches: r.matches, keys: r.keys, complete: r.complete, indexBytes: matcher.bytes });
        return;
      }
      case 'close':
        port.close();
        return;
    }
  } catch (e) {
    post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) });
  }
});
