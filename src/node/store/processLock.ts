// One writer per project: a lock file (project.lock) holding the owner's pid, created atomically
// (written under a temporary name, then hard-linked into place, which fails if it exists).
// A lock whose process is gone (killed, crashed) is stale and taken over; a live one is refused.
// Known limit: two processes taking over the same stale lock at the same instant can both succeed.

import { hostname } from 'node:os';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { StoreError } from './storeError';

export const LOCK_FILE = 'project.lock';

interface LockContent {
  pid: number;
  host: string;
  since: string;
}

/** True when a process with this pid exists (EPERM means it exists but belongs to someone else). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readLock(file: string): Promise<LockContent | undefined> {
  try {
    const v = JSON.parse(await readFile(file, 'utf8')) as Partial<LockContent>;
    return typeof v.pid === 'number' && typeof v.host === 'string' ? (v as LockContent) : undefined;
  } catch {
    return undefined;
  }
}

const held = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const file of held) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
  });
}

/** A held project lock; release() removes the lock file. */
export interface ProcessLock {
  readonly file: string;
  release(): Promise<void>;
}

/** Returns the lock of the project folder `dir` for this process; throws StoreError 'locked' when a live process holds it. */
export async function acquireLock(dir: string): Promise<ProcessLock> {
  const file = join(dir, LOCK_FILE);
  const content: LockContent = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const temp = join(dir, `.${LOCK_FILE}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  await writeFile(temp, JSON.stringify(content));
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(temp, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) {
          if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new StoreError('locked', `${dir} is being opened by another process`);
          throw e;
        }
        const owner = await readLock(file);
        if (owner && owner.host !== content.host) {
          throw new StoreError('locked', `${dir} is open on another machine (${owner.host}, pid ${owner.pid}); remove ${LOCK_FILE} there if that is stale`);
        }
        if (owner && owner.host === content.host && owner.pid !== process.pid && isAlive(owner.pid)) {
          throw new StoreError('locked', `${dir} is open in another process (pid ${owner.pid}); close it there first`);
        }
        if (owner && owner.pid === process.pid && held.has(file)) {
          throw new StoreError('locked', `${dir} is already open in this process`);
        }
        // stale: its process is gone (or the file is unreadable): take it over
        await unlink(file).catch(() => undefined);
      }
    }
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  held.add(file);
  installExitHook();
  return {
    file,
    async release() {
      if (!held.delete(file)) return;
      const owner = await readLock(file);
      if (owner?.pid === process.pid) await unlink(file).catch(() => undefined);
    },
  };
}
