// The file-system calls through which the store changes the disk. Production uses node:fs/promises;
// tests inject failing ones (a full disk, a read-only folder) to check that a failed write changes
// nothing and is reported. Reads go to node:fs directly: they never change what is saved.

import { mkdir, rename, rm, rmdir, unlink, utimes, writeFile } from 'node:fs/promises';

/** The writing half of node:fs/promises that the store uses. */
export interface StoreFs {
  readonly writeFile: typeof writeFile;
  readonly rename: typeof rename;
  readonly unlink: typeof unlink;
  readonly mkdir: typeof mkdir;
  readonly rmdir: typeof rmdir;
  readonly rm: typeof rm;
  readonly utimes: typeof utimes;
}

/** The real file system. */
export const nodeFs: StoreFs = { writeFile, rename, unlink, mkdir, rmdir, rm, utimes };

/** The error code of a failed file-system call ('' when it has none). */
export function errorCode(e: unknown): string {
  return (e as NodeJS.ErrnoException | undefined)?.code ?? '';
}

/** True for the errors a folder or volume that may not be written gives. */
export function isPermissionError(e: unknown): boolean {
  const code = errorCode(e);
  return code === 'EACCES' || code === 'EPERM' || code === 'EROFS';
}

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the volume is read-only',
  EIO: 'input/output error',
};

/** Returns a short reason for a failed file-system call ("the disk is full (ENOSPC)"). */
export function describeFsError(e: unknown): string {
  const code = errorCode(e);
  const reason = REASONS[code];
  return reason ? `${reason} (${code})` : e instanceof Error ? e.message : String(e);
}
