// Crash safety of the project store: a process writing a project (many concurrent updates and array files)
// is killed with SIGKILL 100 times, each time right after it acknowledged its k-th batch, i.e. while the
// next batch is being written. After every kill the project must open, validate, keep every write
// acknowledged before the kill, and reference only complete array files.

import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleFixture } from '../../helpers/bundleFixture';
import { ProjectStore, arrayFileIntact, readProjectFile, referencedArrays } from '../../../src/node/store';

const KILLS = 100;
let base: string;
let writer: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-kill-'));
  // a self-contained bundle (lowdb included), so the child needs nothing from the repository
  writer = await bundleFixture(resolve(__dirname, 'fixtures/killWriter.ts'), base, 'killWriter');
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Runs the writer, kills it on its `acks`-th acknowledgement (mid-write of the next batch); returns the last acknowledged count. */
function runAndKill(dir: string, acks: number): Promise<{ acked: number; ready: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let acked = -1;
    let ready = -1;
    let pending = '';
    let errors = '';
    let seen = 0;
    child.stderr.on('data', (c: Buffer) => (errors += c.toString()));
    child.stdout.on('data', (c: Buffer) => {
      pending += c.toString();
      let nl: number;
      while ((nl = pending.indexOf('\n')) !== -1) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        const [word, n] = line.split(' ');
        if (word === 'ready') ready = Number(n);
        else if (word === 'ack' && seen < acks) {
          acked = Number(n);
          if (++seen === acks) child.kill('SIGKILL');
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code ?? signal} before the kill: ${errors}`));
      else resolvePromise({ acked, ready });
    });
  });
}

/** Kills the writer of one project `kills` times; returns the notes on disk and the writes left unacknowledged by kills. */
async function killRepeatedly(dir: string, kills: number, offset: number): Promise<{ notes: number; unacknowledged: number }> {
  await (await ProjectStore.create(dir, 'Crash')).close();
  let previous = 0;
  let unacknowledged = 0;
  for (let k = 0; k < kills; k++) {
    // kill on the 1st to 5th acknowledgement, while the next batch is being written
    const { acked, ready } = await runAndKill(dir, 1 + ((k + offset) % 5));
    const data = await readProjectFile(dir);
    const notes = data.notes.length;
    expect(ready).toBe(previous);
    expect(acked).toBeGreaterThan(previous);
    expect(notes).toBeGreaterThanOrEqual(acked);
    // notes come in order n0, n1, …: none lost in the middle, none duplicated
    expect(data.notes.map((n) => n.id)).toEqual(Array.from({ length: notes }, (_, i) => `n${i}`));
    for (const ref of referencedArrays(data)) expect(await arrayFileIntact(dir, ref)).toBe(true);
    unacknowledged += notes - acked;
    previous = notes;
  }
  return { notes: previous, unacknowledged };
}

describe('project store under SIGKILL', () => {
  it(`leaves a readable project with every acknowledged write after each of ${KILLS} kills during writes`, async () => {
    // four projects killed in parallel, a quarter of the kills each (process start-up dominates the time)
    const lanes = 4;
    const results = await Promise.all(
      Array.from({ length: lanes }, (_, lane) => killRepeatedly(join(base, `crash-${lane}.emlw`), KILLS / lanes, lane * 7)),
    );
    for (const r of results) expect(r.notes).toBeGreaterThan((KILLS / lanes) * 8);
    const extra = results.reduce((s, r) => s + r.unacknowledged, 0);
    console.log(`${KILLS} kills: notes per project ${results.map((r) => r.notes).join(', ')}; ${extra} writes reached the disk after their batch's last acknowledgement`);
  });
});
