// Atomic file writes: the data goes to a temporary file of a fresh name beside the target (created
// exclusively, so nothing else's file is ever opened), which is then renamed over the target. A write
// that fails anywhere removes its temporary file and leaves the target as it was; the error says why.
// A process killed mid-write can leave a temporary file: removeTempFiles() clears them at open.

import { randomBytes } from 'node:crypto';
import { lstat, readdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StoreError } from './storeError';
import { describeFsError, errorCode, nodeFs, type StoreFs } from './storeFs';

/** Names of the temporary files the store writes (and of an older version's: `.project.json.tmp`). */
const TEMP_NAME = /^\..+\.tmp$/;
/** A folder another process is about to install as its lock: removed only when it is clearly abandoned. */
const LOCK_TEMP_NAME = /^\.project\.lock-.+\.tmp$/;
const ABANDONED_MS = 60 * 60 * 1000;

/** Writes `data` to `path` atomically; throws StoreError 'write' (the file unchanged, no temporary left) when it cannot. */
export async function writeFileAtomic(path: string, data: string | Uint8Array, fs: StoreFs = nodeFs): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await fs.writeFile(temp, data, { flag: 'wx' });
    await fs.rename(temp, path);
  } catch (e) {
    // 'wx' fails with EEXIST only when the name was taken before us: then the file is not ours to remove
    if (errorCode(e) !== 'EEXIST') await fs.unlink(temp).catch(() => undefined);
    throw new StoreError('write', `could not save ${path}: ${describeFsError(e)}; it was left as it was`);
  }
}

/**
 * Removes the temporary files a killed writer left in `dir` (hidden names ending in .tmp); call it only
 * while holding the project's lock. Another process's lock attempt (.project.lock-*.tmp) goes only when
 * it is an hour old: a live attempt lasts milliseconds.
 */
export async function removeTempFiles(dir: string, fs: StoreFs = nodeFs): Promise<void> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    const path = join(dir, name);
    try {
      const info = await lstat(path);
      if (LOCK_TEMP_NAME.test(name) && Date.now() - info.mtimeMs < ABANDONED_MS) continue;
      if (info.isDirectory()) await fs.rm(path, { recursive: true, force: true });
      else await fs.unlink(path);
    } catch {
      // gone meanwhile, or not ours to remove: leave it
    }
  }
}
