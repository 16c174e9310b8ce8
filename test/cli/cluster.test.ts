// `emlw worker` processes and `--queue` submitters against a real redis-server: a worker killed with
// SIGKILL mid-run loses nothing (the run is retried elsewhere and counted once), Ctrl-C of a submitter
// removes its waiting runs and stops its active one, a worker runs --concurrency runs at once and hands
// them back when stopped, and a queued sweep reports the same counts as a local one plus its cluster.

import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { QUEUE_NAME } from '../../src/node/cluster/protocol';
import { runTrainJobOnQueue } from '../../src/node/cluster/trainOnQueue';
import { buildFitJob } from '../../src/node/train/fitJob';
import { type RedisServer, startRedis } from '../helpers/redisServer';
import { until } from '../helpers/until';

const EMLW = resolve(__dirname, '../../bin/emlw.mjs');

let server: RedisServer;
let queue: Queue;
const children: ChildProcess[] = [];

beforeAll(async () => {
  server = await startRedis();
  queue = new Queue(QUEUE_NAME, { connection: new Redis(server.url, { maxRetriesPerRequest: null }) });
});

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
});

afterAll(async () => {
  await queue?.close();
  (queue?.opts.connection as Redis | undefined)?.disconnect();
  await server?.stop();
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const code = await main(argv, { out: (t) => { out += t; }, err: (t) => { err += t; } });
  return { code, out, err };
}

interface Proc {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `re` in the output (waiting for it); rejects if the process ends first. */
  waitFor(re: RegExp): Promise<RegExpMatchArray>;
  exited(): Promise<number | null>;
}

function start(args: string[]): Proc {
  const child = spawn(process.execPath, [EMLW, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout!.on('data', (b: Buffer) => { text += b.toString(); });
  child.stderr!.on('data', (b: Buffer) => { text += b.toString(); });
  const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => text,
    waitFor: (re) => until(`${re} in the output of emlw ${args.join(' ')}`, () => {
      const m = text.match(re);
      if (m) return m;
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`emlw ${args.join(' ')} ended before ${re}:\n${text}`);
      return undefined;
    }),
    exited: () => exit,
  };
}

/** Starts `emlw worker` with short locks (a dead worker's runs return within a few seconds); resolves once it is ready. */
async function startWorker(id: string, concurrency = 1): Promise<Proc> {
  const p = start(['worker', '--queue', server.url, '--id', id, '--concurrency', String(concurrency), '--lock-ms', '2000', '--stalled-ms', '500']);
  await p.waitFor(new RegExp(`worker ${id} on `));
  return p;
}

/** A fit of 8 runs (2 seeds × 4 strategies) at depth 2 whose runs take long enough to be killed mid-run. */
const FIT = ['fit', '--target', 'eml_depth2', '--seeds', '2', '--search-iters', '1500', '--hardening-iters', '500', '--patience', '1500', '--json', '--quiet'];

describe('emlw worker and --queue', () => {
  it('a worker killed with SIGKILL mid-run loses nothing: its run is retried by another worker and counted once', async () => {
    const a = await startWorker('wa');
    const b = await startWorker('wb');
    const submitted = run(...FIT, '--queue', server.url);
    const [, killedJob] = await a.waitFor(/ (\S+) train run \d+: seed \d+ \w+: started/);
    a.child.kill('SIGKILL');
    await a.exited();
    const c = await startWorker('wc');
    const queued = await submitted;
    const here = await run(...FIT, '--workers', '2');
    expect(queued.code).toBe(here.code);
    const [report, local] = [JSON.parse(queued.out), JSON.parse(here.out)];
    expect(report.per_seed).toEqual(local.per_seed);
    expect(report.formulas).toEqual(local.formulas);
    // the killed run was finished by another worker; wa is credited only with the runs it finished
    expect(a.output()).not.toMatch(new RegExp(`${killedJob} .*: done`));
    expect(b.output() + c.output()).toMatch(new RegExp(`${killedJob} .*: done`));
    const runsOf = (id: string): number => report.cluster.workers.find((w: { id: string }) => w.id === id)?.runs ?? 0;
    expect(runsOf('wa')).toBe((a.output().match(/: done in/g) ?? []).length);
    expect(report.cluster.workers.reduce((s: number, w: { runs: number }) => s + w.runs, 0)).toBe(8);
    expect(report.cluster.workers.filter((w: { runs: number }) => w.runs > 0).length).toBeGreaterThanOrEqual(2);
    expect(report.cluster.queue).toBe(server.url);
  });

  it('Ctrl-C of a submitter removes its waiting runs and stops its active run; the worker stays up', async () => {
    const w = await startWorker('wi');
    // a run that would fit its target at once must not switch to hardening or stop early: it has to be active when Ctrl-C comes
    const submitter = start([...FIT, '--search-iters', '200000', '--patience', '200000', '--hard-trigger-mse', '0', '--early-stop-count', '1000000', '--queue', server.url]);
    const [, activeJob] = await w.waitFor(/ (\S+) train run \d+: seed \d+ \w+: started/);
    expect(await queue.getWaitingCount()).toBe(7);
    submitter.child.kill('SIGINT');
    await submitter.exited();
    await w.waitFor(new RegExp(`${activeJob} .*: cancelled by its submitter`));
    await until('an empty queue', async () => {
      const n = await queue.getJobCounts('wait', 'active', 'prioritized', 'delayed');
      return Object.values(n).every((v) => v === 0) ? true : undefined;
    });
    expect(w.child.exitCode).toBeNull();
    w.child.kill('SIGINT');
    expect(await w.exited()).toBe(0);
    expect(w.output()).toMatch(/worker wi stopped/);
  });

  it('a worker runs --concurrency runs at once, and on Ctrl-C hands them back to the queue for another worker', async () => {
    const job = buildFitJob({ source: { kind: 'target', name: 'eml_depth2' }, seeds: 1, options: { searchIters: 1500, hardeningIters: 500, patience: 1500 } });
    const w = await startWorker('wd', 2);
    const queued = runTrainJobOnQueue(server.url, job);
    await w.waitFor(/started \(2 active\)/);
    w.child.kill('SIGINT');
    expect(await w.exited()).toBe(0);
    expect(w.output().match(/handed back to the queue/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    const handedBack = (w.output().match(/handed back to the queue/g) ?? []).length;
    const finishedByWd = (w.output().match(/: done in/g) ?? []).length;
    const e = await startWorker('we', 2);
    const out = await queued;
    expect(out.results.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    expect(out.cluster.workers).toEqual([...(finishedByWd ? [{ id: 'wd', runs: finishedByWd }] : []), { id: 'we', runs: 4 - finishedByWd }]);
    expect(handedBack + finishedByWd).toBeLessThanOrEqual(4);
    e.child.kill('SIGINT');
    await e.exited();
  });

  it('emlw sweep --queue gives the counts of the local sweep and reports its cluster', async () => {
    const w = await startWorker('ws', 2);
    const flags = ['sweep', '--paper', '--only', 'd2', '--search-iters', '40', '--hardening-iters', '20', '--patience', '40', '--json', '--quiet'];
    const queued = await run(...flags, '--queue', server.url);
    const local = await run(...flags, '--workers', '2');
    const [q, l] = [JSON.parse(queued.out), JSON.parse(local.out)];
    expect(q.jobs.map((j: { successes: number; runs: number }) => [j.successes, j.runs])).toEqual(l.jobs.map((j: { successes: number; runs: number }) => [j.successes, j.runs]));
    expect(q.jobs[0].metrics.per_seed).toEqual(l.jobs[0].metrics.per_seed);
    expect(q.cluster).toEqual({ queue: server.url, workers: [{ id: 'ws', runs: 32 }] });
    expect(l.cluster).toBeUndefined();
    w.child.kill('SIGINT');
    await w.exited();
  });

  it.each([
    [['fit', '--target', 'eml_depth2', '--queue', 'localhost:6379'], /emlw fit: error: --queue 'localhost:6379' is not a Redis URL/],
    [['sweep', '--paper', '--only', 'd2', '--queue', 'redis://127.0.0.1:1'], /emlw sweep: error: cannot reach Redis at redis:\/\/127\.0\.0\.1:1 \(connect ECONNREFUSED/],
    [['worker'], /emlw worker: error: --queue redis:\/\/HOST:PORT is required/],
    [['worker', '--queue', 'redis://127.0.0.1:6379', '--concurrency', '0'], /--concurrency must be an integer from 1 to 256, got 0/],
    [['fit', '--target', 'eml_depth2', '--queue', 'redis://127.0.0.1:6379', '--slots', '2'], /--slots sets this machine's threads; with --queue each worker's --concurrency does/],
  ])('emlw %j refuses with a message naming the problem', async (argv, re) => {
    const r = await run(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(re);
  });
});
