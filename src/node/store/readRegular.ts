// Reading a file the store owns (project.json, an array file, recent.json, a lock marker): only a regular
// file is read, and only up to a size limit. The file is opened without blocking and checked on the open
// descriptor, so a FIFO or a device put in its place is refused at once (a plain read of a FIFO waits
// for a writer forever and holds one of the few threads of Node's file I/O pool).

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { StoreError } from './storeError';

const MIB = 1024 * 1024;

/** Returns a size in words ("106.3 MB", "512 bytes"). */
export function sizeText(bytes: number): string {
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;
}

/**
 * Returns the bytes of the regular file `path`. Throws StoreError 'refused' when it is not a regular file
 * and 'tooLarge' when it holds more than `maxBytes`; other failures (a missing file) are rethrown as they are.
 */
export async function readRegularFile(path: string, maxBytes: number, what = 'the file'): Promise<Buffer> {
  // O_NONBLOCK lets the open of a FIFO return at once; on a regular file it changes nothing
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      const kind = info.isFIFO() ? 'a FIFO' : info.isDirectory() ? 'a folder' : info.isSocket() ? 'a socket' : 'a device or special file';
      throw new StoreError('refused', `${path} is ${kind}, not a regular file; ${what} was not read`);
    }
    if (info.size > maxBytes) {
      throw new StoreError('tooLarge', `${path} is ${sizeText(info.size)}, more than the ${sizeText(maxBytes)} this version reads; ${what} was not read`);
    }
    const bytes = await handle.readFile();
    if (bytes.length > maxBytes) {
      throw new StoreError('tooLarge', `${path} grew past ${sizeText(maxBytes)} while it was read; ${what} was not read`);
    }
    return bytes;
  } finally {
    await handle.close();
  }
}
