// `emlw worker --queue URL`: a queue worker on this machine (src/node/cluster/clusterWorker.ts). Runs until
// Ctrl-C or SIGTERM, printing one line per run; on the way out its active runs go back to the queue at once
// (a second Ctrl-C leaves at once: those runs return when their lock expires).

import { availableParallelism } from 'node:os';
import { DEFAULT_LOCK_MS, DEFAULT_STALLED_MS, type WorkerEvent, startClusterWorker } from '../../node/cluster/clusterWorker';
import { type OptionSpec, type ParsedArgs, UsageError, flag } from '../args';
import type { Io } from '../output';
import { queueFromArgs } from '../queueOption';
import { numberOption } from './fit';

export const workerSpec: Record<string, OptionSpec> = {
  queue: {}, concurrency: {}, id: {}, 'lock-ms': {}, 'stalled-ms': {}, json: { boolean: true }, help: { boolean: true },
};

export const workerHelp = `Usage: emlw worker --queue redis://HOST:PORT [--concurrency N] [options]

Takes runs from a Redis queue and executes them on this machine: the runs of every
emlw fit/sweep started with --queue URL on any machine that reaches the same Redis.
Each run gives exactly the result it gives locally. Runs until Ctrl-C; active runs then
go back to the queue for another worker. A worker that dies (kill -9, power loss) loses
nothing either: its runs return to the queue when their lock expires.

Options:
  --queue URL          the Redis queue (redis://[user:password@]HOST[:PORT][/DB])
  --concurrency N      runs at once, one thread each (default: every core, here ${availableParallelism()})
  --id NAME            this worker's name on the queue (default: host-pid)
  --lock-ms MS         lock of a run, renewed while it runs; a dead worker's runs return
                       after it (default ${DEFAULT_LOCK_MS})
  --stalled-ms MS      how often to look for runs of dead workers (default ${DEFAULT_STALLED_MS})
  --json               one JSON object per line instead of text
`;

function integerOption(args: ParsedArgs, name: string): number | undefined {
  const v = numberOption(args, name);
  if (v !== undefined && !Number.isInteger(v)) throw new UsageError(`--${name} must be an integer, got ${v}`);
  return v;
}

function describe(e: WorkerEvent): string {
  switch (e.kind) {
    case 'start': return `${e.job} ${e.run}: started (${e.active} active)`;
    case 'done': return `${e.job} ${e.run}: done in ${e.seconds.toFixed(1)} s (${e.active} active)`;
    case 'failed': return `${e.job}: failed: ${e.message}`;
    case 'stopped': return `${e.job} ${e.run}: ${e.why === 'cancelled' ? 'cancelled by its submitter' : 'handed back to the queue'}`;
    case 'problem': return `problem: ${e.message}`;
  }
}

/** Runs `emlw worker` until SIGINT or SIGTERM; returns the exit code. */
export async function runWorkerCommand(args: ParsedArgs, io: Io): Promise<number> {
  if (args.positionals.length) throw new UsageError(`worker takes no positional argument, got '${args.positionals[0]}'`);
  const queue = queueFromArgs(args);
  if (!queue) throw new UsageError('--queue redis://HOST:PORT is required');
  const concurrency = integerOption(args, 'concurrency') ?? availableParallelism();
  const json = flag(args, 'json');
  const line = (o: Record<string, unknown>, text: string) => io.out(json ? JSON.stringify({ time: new Date().toISOString(), ...o }) + '\n' : `${new Date().toISOString()} ${text}\n`);
  const worker = await startClusterWorker(queue, {
    concurrency, lockMs: integerOption(args, 'lock-ms'), stalledMs: integerOption(args, 'stalled-ms'), id: args.options.get('id') as string | undefined,
    onEvent: (e) => line(e, describe(e)),
  });
  line({ kind: 'ready', id: worker.id, queue: queue.display, concurrency }, `worker ${worker.id} on ${queue.display}: ${concurrency} run${concurrency === 1 ? '' : 's'} at a time; Ctrl-C stops`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.removeListener('SIGINT', stop);
      process.removeListener('SIGTERM', stop);
      // a second signal leaves at once
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await worker.close();
  line({ kind: 'closed', id: worker.id }, `worker ${worker.id} stopped`);
  return 0;
}
