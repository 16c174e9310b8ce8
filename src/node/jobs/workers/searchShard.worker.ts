// One shard thread of a sharded search (src/node/search/parallelBackend.ts): answers the coordinator's requests
// one at a time with src/node/search/shardCore.ts.

import { parentPort } from 'node:worker_threads';
import { ShardCore } from '../../search/shardCore';
import type { ToShard } from '../../search/shardProtocol';

const port = parentPort;
if (!port) throw new Error('search shard: must run inside a worker thread');
const core = new ShardCore();

port.on('message', (msg: ToShard) => {
  if (msg.type === 'close') { port.close(); return; }
  port.postMessage(core.handle(msg));
});
