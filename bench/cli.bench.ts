// Start-up of the `emlw` command: wall time of whole child processes (median of 5 runs, with the spread), beside
// `node -e 0` (the baseline: Node's own start-up) measured in the same run, `npx --version` (npm's own start-up)
// and `npm exec -c true` (what npx costs before any command it runs; `npx emlw` pays it too). Goals from the
// product brief: `npx emlw --help` <= 0.5 s and `node bin/emlw.mjs recognize --const 2` <= 0.3 s. The load
// average is printed with the figures: on a shared machine every process start slows down with it, the ratios
// much less.

import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { appRoot } from '../src/node/jobs/runWorker';

const RUNS = 5;

interface Timing { median: number; min: number; max: number }

/** Wall seconds of `command args` run RUNS times from the repository root (median, min, max); throws if it fails. */
function wall(command: string, args: readonly string[]): Timing {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(command, args, { cwd: appRoot(), stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    times.push((performance.now() - t0) / 1000);
    if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr ?? r.error?.message}`);
  }
  times.sort((a, b) => a - b);
  return { median: times[RUNS >> 1]!, min: times[0]!, max: times[RUNS - 1]! };
}

const s = (t: number): string => `${t.toFixed(3)} s`;

/** Returns the printed report. */
export function report(): string {
  const bin = join(appRoot(), 'bin/emlw.mjs');
  const load = loadavg()[0]!.toFixed(1);
  const rows: Array<[string, Timing, Timing | null, number | null]> = [];
  const base = wall(process.execPath, ['-e', '0']);
  rows.push(['node -e 0 (baseline)', base, null, null]);
  rows.push(['node bin/emlw.mjs --help', wall(process.execPath, [bin, '--help']), base, null]);
  rows.push(['node bin/emlw.mjs recognize --const 2', wall(process.execPath, [bin, 'recognize', '--const', '2', '--quiet']), base, 0.3]);
  rows.push(['npx --version (npm start-up)', wall('npx', ['--version']), base, null]);
  const exec = wall('npm', ['exec', '-c', 'true']);
  rows.push(['npm exec -c true (npx running nothing)', exec, base, null]);
  const npxHelp = wall('npx', ['emlw', '--help']);
  rows.push(['npx emlw --help', npxHelp, base, 0.5]);
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = rows.map(([name, t, b, goal]) => `${name.padEnd(width)}  median ${s(t.median)} (${t.min.toFixed(3)}–${t.max.toFixed(3)})`
    + (b ? `  ${(t.median / b.median).toFixed(2)}x baseline` : '') + (goal !== null ? `  (goal <= ${goal} s)` : '')
    + (t === npxHelp ? `, ${(t.median / exec.median).toFixed(2)}x npm exec` : ''));
  return [`median of ${RUNS} runs each; load average ${load} (1 min) at the start, ${loadavg()[0]!.toFixed(1)} at the end`, ...lines].join('\n');
}
