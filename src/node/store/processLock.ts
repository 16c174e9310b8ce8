// One writer per project. The lock is a folder, project.lock/, holding exactly one marker file named
// after its holder's random token (owner-<token>.json: pid, host, boot id, process start time, since).
//
// Why two processes never both hold it:
// - A lock is installed only by renaming a complete private folder (its marker inside) to project.lock.
//   That rename fails while project.lock holds a marker (on Linux and macOS it may replace an EMPTY
//   folder, which is no lock at all).
// - A lock is removed only by deleting its marker by name and then the folder with rmdir, which fails
//   unless the folder is empty. A process that judged token T stale can thus only ever delete T's
//   marker: if T was replaced meanwhile by a new holder's U, its unlink finds nothing and its rmdir
//   fails on U's marker. (proper-lockfile, whose lock is an empty folder, removes a stale lock with a
//   plain rmdir, which can remove a lock another process has just taken; the named marker closes that gap.)
// - So a live lock is lost only if its holder is judged stale wrongly. On the same machine with /proc
//   (Linux) a holder is stale only when its process has ended, is a zombie, or its pid now names a
//   process that started at another time, or the machine restarted since. Without /proc, and for a holder
//   on another machine (a shared folder), a holder is stale when its marker was not refreshed (every
//   HEARTBEAT_MS) for STALE_MS. A holder whose marker disappears learns it at its next refresh (onLost).

import { randomUUID } from 'node:crypto';
import { lstat, readdir, stat } from 'node:fs/promises';
import { rmdirSync, unlinkSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { bootId, probeProcess, type ProcessProbe } from './processIdentity';
import { readRegularFile } from './readRegular';
import { StoreError } from './storeError';
import { describeFsError, errorCode, isPermissionError, nodeFs, type StoreFs } from './storeFs';

export const LOCK_DIR = 'project.lock';
/** How often a holder refreshes its marker's time. */
export const HEARTBEAT_MS = 10_000;
/** A marker not refreshed for this long is stale when its process cannot be checked (another machine, no /proc). */
export const STALE_MS = 120_000;
const MARKER = /^owner-[0-9a-f-]{36}\.json$/;
const MAX_ATTEMPTS = 50;
/** rename() of a folder onto an existing one fails with one of these (EPERM and EACCES on Windows). */
const TAKEN = new Set(['ENOTEMPTY', 'EEXIST', 'ENOTDIR', 'EISDIR', 'EPERM', 'EACCES']);

/** What a lock marker says about its holder. */
export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly boot: string | null;
  readonly start: string | null;
  readonly since: string;
}

/** The verdict on a lock found in place: stale (may be taken over) or live, and why. */
export interface LockVerdict {
  readonly stale: boolean;
  readonly why: string;
}

/** Where the judging process runs. */
export interface LockSite {
  readonly host: string;
  readonly boot: string | null;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}

/**
 * Judges the holder of a lock. `probe` is what the system says about its pid (same host only), `ageMs`
 * how long ago its marker was refreshed, null for a lock that is never refreshed (an older version's file).
 */
export function judgeLock(owner: Partial<LockOwner> | undefined, site: LockSite, probe: ProcessProbe | undefined, ageMs: number | null, staleMs = STALE_MS): LockVerdict {
  if (!owner || typeof owner.pid !== 'number' || typeof owner.host !== 'string') return { stale: true, why: 'its marker cannot be read' };
  const pid = owner.pid;
  const expired = ageMs !== null && ageMs > staleMs;
  if (owner.host !== site.host) {
    return expired
      ? { stale: true, why: `its holder on ${owner.host} has not refreshed it for ${seconds(ageMs)}` }
      : { stale: false, why: `is open on another machine (${owner.host}, pid ${pid})` };
  }
  if (owner.boot && site.boot && owner.boot !== site.boot) return { stale: true, why: 'the machine has restarted since it was taken' };
  if (!probe || !probe.alive) return { stale: true, why: `its process (pid ${pid}) has ended` };
  if (probe.zombie) return { stale: true, why: `its process (pid ${pid}) has exited` };
  if (owner.start && probe.start && owner.start !== probe.start) return { stale: true, why: `pid ${pid} now belongs to another process` };
  if ((!owner.start || !probe.start) && expired) return { stale: true, why: `pid ${pid} has not refreshed it for ${seconds(ageMs)}` };
  return { stale: false, why: pid === process.pid ? 'is already open in this process' : `is open in another process (pid ${pid}); close it there first` };
}

async function readOwner(file: string): Promise<Partial<LockOwner> | undefined> {
  try {
    const v = JSON.parse((await readRegularFile(file, 64 * 1024, 'the lock')).toString('utf8')) as unknown;
    return typeof v === 'object' && v !== null ? (v as Partial<LockOwner>) : undefined;
  } catch (e) {
    if (errorCode(e) === 'ENOENT') throw e;
    return undefined;
  }
}

const ignore = (): undefined => undefined;

/**
 * Looks at the lock in place: returns when it is gone or was stale and has been removed (try again),
 * throws StoreError 'locked' when a live holder has it.
 */
async function clearIfStale(dir: string, site: LockSite, fs: StoreFs, staleMs: number): Promise<void> {
  const lockDir = join(dir, LOCK_DIR);
  let info;
  try {
    info = await lstat(lockDir);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return;
    throw e;
  }
  let owner: Partial<LockOwner> | undefined;
  let ageMs: number | null;
  let marker: string;
  if (info.isDirectory()) {
    const names = await readdir(lockDir).catch((e: unknown) => (errorCode(e) === 'ENOENT' ? null : Promise.reject(e)));
    if (names === null) return;
    if (names.length === 0) {
      // a lock half removed by a process that judged it stale: an empty folder holds nothing
      await fs.rmdir(lockDir).catch(ignore);
      return;
    }
    if (names.length !== 1 || !MARKER.test(names[0]!)) {
      throw new StoreError('locked', `${lockDir} holds unexpected files (${names.slice(0, 5).join(', ')}); if no EML Workbench has ${dir} open, delete that folder`);
    }
    marker = join(lockDir, names[0]!);
    try {
      ageMs = Date.now() - (await stat(marker)).mtimeMs;
      owner = await readOwner(marker);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return;
      throw e;
    }
  } else {
    // the lock file of an older version: { pid, host }, never refreshed
    marker = lockDir;
    ageMs = null;
    try {
      owner = await readOwner(lockDir);
    } catch {
      return;
    }
  }
  const probe = owner && owner.host === site.host && typeof owner.pid === 'number' ? await probeProcess(owner.pid) : undefined;
  const verdict = judgeLock(owner, site, probe, ageMs, staleMs);
  if (!verdict.stale) throw new StoreError('locked', `${dir} ${verdict.why}`);
  // only this marker goes: a lock taken meanwhile has another name, and rmdir leaves a folder that is not empty
  await fs.unlink(marker).catch(ignore);
  if (marker !== lockDir) await fs.rmdir(lockDir).catch(ignore);
}

const held = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const marker of held) {
      try {
        unlinkSync(marker);
        rmdirSync(join(marker, '..'));
      } catch {
        // already gone, or taken by another process
      }
    }
  });
}

/** A held project lock. */
export interface ProcessLock {
  /** The project folder. */
  readonly dir: string;
  /** Why the lock was lost (its marker was removed by another process), or null while it is held. */
  readonly lost: string | null;
  /** Removes the marker and the lock folder. */
  release(): Promise<void>;
}

export interface LockOptions {
  readonly fs?: StoreFs;
  /** Called once when the holder finds its marker gone. */
  readonly onLost?: (why: string) => void;
  readonly heartbeatMs?: number;
  readonly staleMs?: number;
}

/**
 * Takes the lock of the project folder `dir` (a real path) for this process. Throws StoreError 'locked'
 * when a live process holds it, 'readonly' when the folder cannot be written, 'write' on another failure.
 */
export async function acquireLock(dir: string, options: LockOptions = {}): Promise<ProcessLock> {
  const fs = options.fs ?? nodeFs;
  const site: LockSite = { host: hostname(), boot: await bootId() };
  const token = randomUUID();
  const owner: LockOwner = { pid: process.pid, host: site.host, boot: site.boot, start: (await probeProcess(process.pid)).start, since: new Date().toISOString() };
  const markerName = `owner-${token}.json`;
  const temp = join(dir, `.${LOCK_DIR}-${token}.tmp`);
  try {
    await fs.mkdir(temp);
    await fs.writeFile(join(temp, markerName), JSON.stringify(owner), { flag: 'wx' });
  } catch (e) {
    await fs.rm(temp, { recursive: true, force: true }).catch(ignore);
    if (isPermissionError(e)) throw new StoreError('readonly', `${dir} cannot be written: ${describeFsError(e)}`);
    throw new StoreError('write', `could not create the lock of ${dir}: ${describeFsError(e)}`);
  }
  const lockDir = join(dir, LOCK_DIR);
  let installed = false;
  try {
    for (let attempt = 0; !installed; attempt++) {
      if (attempt === MAX_ATTEMPTS) throw new StoreError('locked', `${dir} is being opened by other processes right now; try again`);
      try {
        await fs.rename(temp, lockDir);
        installed = true;
      } catch (e) {
        if (!TAKEN.has(errorCode(e))) throw new StoreError('write', `could not take the lock of ${dir}: ${describeFsError(e)}`);
        await clearIfStale(dir, site, fs, options.staleMs ?? STALE_MS);
      }
    }
  } finally {
    if (!installed) await fs.rm(temp, { recursive: true, force: true }).catch(ignore);
  }

  const marker = join(lockDir, markerName);
  held.add(marker);
  installExitHook();
  let lost: string | null = null;
  let released = false;
  const timer = setInterval(() => {
    const now = new Date();
    fs.utimes(marker, now, now).catch((e: unknown) => {
      if (released || lost !== null || errorCode(e) !== 'ENOENT') return;
      lost = `the lock of ${dir} was removed by another process`;
      options.onLost?.(lost);
    });
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  timer.unref();
  return {
    dir,
    get lost() {
      return lost;
    },
    async release() {
      if (released) return;
      released = true;
      clearInterval(timer);
      held.delete(marker);
      await fs.unlink(marker).catch(ignore);
      await fs.rmdir(lockDir).catch(ignore);
    },
  };
}
