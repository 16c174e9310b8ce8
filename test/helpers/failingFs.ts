// A file system for the store that works like the real one until a test makes it fail: writes then
// put half their data on disk and throw (as when a disk fills up mid-write), or folders cannot be
// made (as in a folder without write permission). Running as root, chmod cannot make a folder
// read-only, so tests inject the errors here instead.

import { nodeFs, type StoreFs } from '../../src/node/store';

export interface FailingFs {
  readonly fs: StoreFs;
  /** The error code writeFile throws (null: writes work). */
  writeError: string | null;
  /** How many more writes fail while writeError is set (Infinity by default). */
  failNext: number;
  /** Only writes to paths matching this fail (null: any path). */
  failPaths: RegExp | null;
  /** The error code mkdir throws (null: it works). */
  mkdirError: string | null;
  /** Number of writeFile calls that failed. */
  failures: number;
}

function fsError(code: string, call: string, path: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated failure, ${call} '${path}'`), { code });
}

/** Returns a switchable failing file system (every switch off). */
export function failingFs(): FailingFs {
  const state: FailingFs = {
    writeError: null,
    failNext: Infinity,
    failPaths: null,
    mkdirError: null,
    failures: 0,
    fs: {
      ...nodeFs,
      writeFile: (async (path: string, data: string | Uint8Array, options?: object) => {
        if (state.writeError === null || state.failNext <= 0 || (state.failPaths && !state.failPaths.test(path))) {
          return await nodeFs.writeFile(path, data, options as never);
        }
        state.failNext--;
        state.failures++;
        await nodeFs.writeFile(path, data.slice(0, Math.floor(data.length / 2)), options as never);
        throw fsError(state.writeError, 'write', path);
      }) as StoreFs['writeFile'],
      mkdir: (async (path: string, options?: object) => {
        if (state.mkdirError !== null) throw fsError(state.mkdirError, 'mkdir', path);
        return await nodeFs.mkdir(path, options as never);
      }) as StoreFs['mkdir'],
    },
  };
  return state;
}
