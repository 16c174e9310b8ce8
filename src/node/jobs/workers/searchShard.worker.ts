// One shard of a sharded search (src/node/search/parallelBackend.ts): owns its slice of the fingerprint space
// and its match indexes, grows its segments of each level into SharedArrayBuffers, and stores every shard's
// segments so that all of them read the same levels. Answers one request at a time.

import { parentPort } from 'node:worker_threads';
import { compileLanguage } from '../../../core/search/compiledLanguage';
import { Enumerator } from '../../../core/search/enumerate';
import { buildLanguage } from '../../../core/search/language';
import { Matcher, isEmlShaped } from '../../../core/search/match';
import type { FromShard, ToShard } from '../../search/shardProtocol';

const port = parentPort;
if (!port) throw new Error('search shard: must run inside a worker thread');

let enumerator: Enumerator | null = null;
let matcher: Matcher | null = null;
let stopFlag: Int32Array | null = null;
const shouldStop = (): boolean => stopFlag !== null && Atomics.load(stopFlag, 0) !== 0;
const post = (m: FromShard): void => port.postMessage(m);

port.on('message', (msg: ToShard) => {
  const id = 'id' in msg ? msg.id : -1;
  try {
    switch (msg.type) {
      case 'init': {
        const { init } = msg;
        const lang = compileLanguage(buildLanguage(init.spec), init.semantics);
        stopFlag = new Int32Array(init.stop);
        enumerator = new Enumerator(lang, {
          domain: init.domain, shard: { index: init.index, count: init.count },
          allocate: (bytes) => new SharedArrayBuffer(bytes),
          ...(init.quantizer ? { quantizer: init.quantizer } : {}),
        });
        if (isEmlShaped(lang)) {
          matcher = new Matcher(enumerator.store, lang, init.domain, { index: init.index, count: init.count });
        }
        post({ type: 'ready' });
        return;
      }
      case 'grow': {
        const r = enumerator!.grow(msg.K, { shouldStop, maxBytes: msg.maxBytes, expected: msg.expected });
        if ('stopped' in r) post({ type: 'stopped', id, reason: r.stopped });
        else post({ type: 'grown', id, segments: r.segments, stats: r.stats, ownBytes: enumerator!.ownBytes });
        return;
      }
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
