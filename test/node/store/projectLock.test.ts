// The project lock's judgement of a lock it finds: a table of holders (gone, zombie, pid reused, another
// machine, restarted machine, old heartbeat) and, with real processes, that a zombie or a reused pid no
// longer blocks a project while a live holder always does, even with an old heartbeat. A holder whose
// marker is removed learns it and stops writing.

import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, unlink, utimes, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOCK_DIR, ProjectStore, STALE_MS, StoreError, acquireLock, judgeLock, probeProcess, type LockOwner, type ProcessProbe } from '../../../src/node/store';
import { bootId } from '../../../src/node/store/processIdentity';

let base: string;
const children: ChildProcess[] = [];

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-lock-'));
});

afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await rm(base, { recursive: true, force: true });
});

/** Polls `f` every 10 ms until it returns true (the test's own time limit bounds the wait). */
async function until(f: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await f())) await new Promise((r) => setTimeout(r, 10));
}

const site = { host: 'here', boot: 'boot-1' };
const owner = (o: Partial<LockOwner> = {}): LockOwner => ({ pid: 4242, host: 'here', boot: 'boot-1', start: 'boot-1/100', since: 'x', ...o });
const probe = (o: Partial<ProcessProbe> = {}): ProcessProbe => ({ alive: true, zombie: false, start: 'boot-1/100', ...o });
const old = STALE_MS + 1;

describe('judgeLock(owner, site, probe, age)', () => {
  const rows: Array<[string, Partial<LockOwner> | undefined, ProcessProbe | undefined, number | null, boolean, RegExp]> = [
    ['an unreadable marker is stale', undefined, undefined, 0, true, /cannot be read/],
    ['the live process that took it holds it', owner(), probe(), 0, false, /open in another process \(pid 4242\)/],
    ['...even when its heartbeat is old (it may be suspended)', owner(), probe(), old, false, /open in another process/],
    ['a process that has ended holds nothing', owner(), probe({ alive: false }), 0, true, /has ended/],
    ['a zombie (exited, not reaped) holds nothing', owner(), probe({ zombie: true }), 0, true, /has exited/],
    ['a pid reused by a process started at another time holds nothing', owner(), probe({ start: 'boot-1/999' }), 0, true, /now belongs to another process/],
    ['a lock from before a restart is stale', owner({ boot: 'boot-0' }), probe(), 0, true, /restarted/],
    ['another machine with a fresh heartbeat holds it', owner({ host: 'there' }), undefined, 1000, false, /another machine \(there, pid 4242\)/],
    ['another machine silent for longer than STALE_MS does not', owner({ host: 'there' }), undefined, old, true, /has not refreshed it/],
    ['without process start times, a live pid with a fresh heartbeat holds it', owner({ start: null }), probe({ start: null }), 1000, false, /open in another process/],
    ['without process start times, a silent pid is taken to be reused', owner({ start: null }), probe({ start: null }), old, true, /has not refreshed it/],
    ['an older version\'s lock file (no heartbeat) with a live pid holds it', { pid: 4242, host: 'here' }, probe(), null, false, /open in another process/],
  ];
  it.each(rows)('%s', (_name, o, p, age, stale, why) => {
    const v = judgeLock(o, site, p, age);
    expect(v.stale).toBe(stale);
    expect(v.why).toMatch(why);
  });
});

/** Writes a lock marker for `o` into the project folder `dir`, as a holder would. */
async function plantLock(dir: string, o: LockOwner): Promise<string> {
  await mkdir(join(dir, LOCK_DIR));
  const marker = join(dir, LOCK_DIR, `owner-${randomUUID()}.json`);
  await writeFile(marker, JSON.stringify(o));
  return marker;
}

async function here(pid: number): Promise<LockOwner> {
  return { pid, host: hostname(), boot: await bootId(), start: (await probeProcess(pid)).start, since: new Date().toISOString() };
}

function sleeper(): ChildProcess {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(c);
  return c;
}

describe('ProjectStore.open() against locks left by other processes', () => {
  it('takes over a lock whose holder exited but was never reaped (a zombie)', async () => {
    const dir = join(base, 'zombie.emlw');
    await (await ProjectStore.create(dir, 'Z')).close();
    // sh starts a short-lived child, then becomes `sleep`, which never reaps it: the child stays a zombie
    const sh = spawn('sh', ['-c', `${JSON.stringify(process.execPath)} -e "" & echo $!; exec sleep 60`], { stdio: ['ignore', 'pipe', 'ignore'] });
    children.push(sh);
    const pid = await new Promise<number>((r) => sh.stdout!.once('data', (b: Buffer) => r(Number(b.toString().trim()))));
    await until(async () => (await probeProcess(pid)).zombie);
    // its own identity, as it would have written it while alive
    await plantLock(dir, await here(pid));
    expect((await probeProcess(pid)).alive).toBe(true);
    const store = await ProjectStore.open(dir);
    await store.update((d) => d.notes.push({ id: 'n', text: 't', createdAt: 'c', updatedAt: 'u' }));
    await store.close();
  });

  it('takes over a lock whose pid now belongs to another process, and refuses one whose process is the holder', async () => {
    const dir = join(base, 'reused.emlw');
    await (await ProjectStore.create(dir, 'R')).close();
    const other = sleeper();
    await until(async () => (await probeProcess(other.pid!)).alive);
    const real = await here(other.pid!);
    // the holder's process is alive and is the one that took the lock: refused, even with an hour-old heartbeat
    const marker = await plantLock(dir, real);
    const hourAgo = new Date(Date.now() - 3600_000);
    await utimes(marker, hourAgo, hourAgo);
    const refused = await ProjectStore.open(dir).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(StoreError);
    expect((refused as StoreError).code).toBe('locked');
    expect((refused as StoreError).message).toMatch(new RegExp(`open in another process \\(pid ${other.pid}\\)`));
    // the same pid with another start time: the holder died and the pid was given to `other`
    await unlink(marker);
    await rm(join(dir, LOCK_DIR), { recursive: true });
    await plantLock(dir, { ...real, start: `${real.boot}/1` });
    const store = await ProjectStore.open(dir);
    expect(await readdir(join(dir, LOCK_DIR))).toHaveLength(1);
    await store.close();
  });

  it('refuses a lock folder holding something else, naming it', async () => {
    const dir = join(base, 'odd.emlw');
    await (await ProjectStore.create(dir, 'O')).close();
    await mkdir(join(dir, LOCK_DIR));
    await writeFile(join(dir, LOCK_DIR, 'notes.txt'), 'x');
    await expect(ProjectStore.open(dir)).rejects.toThrow(/project\.lock holds unexpected files \(notes\.txt\)/);
  });
});

describe('a holder whose lock is taken away', () => {
  it('learns it at its next heartbeat, and its store refuses every later write by name', async () => {
    const dir = join(base, 'lost.emlw');
    await mkdir(dir);
    let told: string | null = null;
    const lock = await acquireLock(dir, { heartbeatMs: 5, onLost: (why) => (told = why) });
    const [marker] = await readdir(join(dir, LOCK_DIR));
    await unlink(join(dir, LOCK_DIR, marker!));
    await until(() => told !== null);
    expect(told).toMatch(/was removed by another process/);
    expect(lock.lost).toBe(told);
    await lock.release();

    const storeDir = join(base, 'lost-store.emlw');
    const store = await ProjectStore.create(storeDir, 'Lost', { heartbeatMs: 5 });
    await store.update((d) => d.notes.push({ id: 'a', text: 't', createdAt: 'c', updatedAt: 'u' }));
    await rm(join(storeDir, LOCK_DIR), { recursive: true });
    await until(() => store.readOnlyReason !== null);
    expect(store.snapshot().readOnly).toMatch(/was removed by another process/);
    await expect(store.update((d) => d.notes.push({ id: 'b', text: 't', createdAt: 'c', updatedAt: 'u' }))).rejects.toThrow(/removed by another process; the change was not saved/);
    expect(store.data.notes.map((n) => n.id)).toEqual(['a']);
    await store.close();
  });
});
