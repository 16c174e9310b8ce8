// A project on disk: a folder (*.emlw) with project.json, kept by one lowdb `Low` per folder and per
// process. A project is known by its real folder (device and inode), so a symlink or another spelling of
// its path finds the same store; a lock folder keeps other processes out (processLock.ts).
// Writes come first: an update is applied to a draft copy, the draft is written (atomically, coalescing
// the updates that arrive meanwhile), and only then does it become the data everyone reads. A failed
// write rejects its updates and leaves memory and disk as they were. A file that is corrupt, invalid,
// too large or from a newer version raises StoreError on open and is never written. A folder that cannot
// be written opens read-only.

import { randomUUID } from 'node:crypto';
import { readdir, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import type { ArrayRef, ProjectData, ProjectSnapshot } from '../../shared/project';
import { ARRAYS_DIR, readArrayFile, writeArrayFile } from './arrayFiles';
import { checkProjectJsonDepth } from './jsonDepth';
import { AtomicJsonFile } from './jsonFile';
import { acquireLock, type LockOptions, type ProcessLock } from './processLock';
import { migrateProject, newProjectData, validateProject } from './projectSchema';
import { StoreError } from './storeError';
import { describeFsError, errorCode, nodeFs, type StoreFs } from './storeFs';
import { removeTempFiles } from './writeAtomic';

export const PROJECT_FILE = 'project.json';
export const PROJECT_EXTENSION = '.emlw';
/** Largest project.json this version reads or writes (datasets and curves live in array files beside it). */
export const MAX_PROJECT_BYTES = 32 * 1024 * 1024;

export interface StoreOptions {
  /** Clock for timestamps (tests inject one). */
  readonly now?: () => number;
  /** File-system calls for writes (tests inject failing ones). */
  readonly fs?: StoreFs;
  /** How often the lock's marker is refreshed and checked (tests shorten it). */
  readonly heartbeatMs?: number;
}

/** Open stores by the device and inode of their folder. */
const stores = new Map<string, ProjectStore>();
const opening = new Map<string, Promise<ProjectStore>>();

function isoAt(now: () => number): string {
  return new Date(now()).toISOString();
}

function projectFile(dir: string, fs?: StoreFs): AtomicJsonFile<ProjectData> {
  return new AtomicJsonFile<ProjectData>(join(dir, PROJECT_FILE), {
    maxBytes: MAX_PROJECT_BYTES,
    what: 'the project',
    checkText: checkProjectJsonDepth,
    ...(fs ? { fs } : {}),
  });
}

/** lowdb's Low over project.json: the committed data and the adapter that writes it. */
type ProjectDb = Low<ProjectData> & { readonly adapter: AtomicJsonFile<ProjectData> };

function projectDb(dir: string, fs: StoreFs, data: ProjectData): ProjectDb {
  return new Low<ProjectData>(projectFile(dir, fs), data) as ProjectDb;
}

/** Returns the real path of the folder `dir` and its identity (device:inode); throws StoreError 'missing'. */
async function identify(dir: string): Promise<{ real: string; key: string }> {
  const abs = resolve(dir);
  let real: string;
  try {
    real = await realpath(abs);
  } catch {
    throw new StoreError('missing', `${abs} does not exist`);
  }
  const info = await stat(real);
  if (!info.isDirectory()) throw new StoreError('missing', `${abs} is not a folder`);
  return { real, key: info.ino > 0 ? `${info.dev}:${info.ino}` : real };
}

/** Reads, migrates (in memory) and validates project.json of the real folder `dir`. */
async function readData(dir: string): Promise<{ data: ProjectData; migrated: boolean }> {
  const file = join(dir, PROJECT_FILE);
  const raw = await projectFile(dir).readValue();
  if (raw === null) throw new StoreError('missing', `${file} does not exist (not a project folder)`);
  const { data, migrated } = migrateProject(raw.value, file);
  return { data: validateProject(data, file), migrated };
}

/** Returns the validated (and, in memory only, migrated) data of the project in `dir`, without locking or writing. */
export async function readProjectFile(dir: string): Promise<ProjectData> {
  return (await readData(resolve(dir))).data;
}

function lockOptions(options: StoreOptions, onLost: (why: string) => void): LockOptions {
  return { onLost, ...(options.fs ? { fs: options.fs } : {}), ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}) };
}

/** Freezes `value` and everything in it, so that the committed data cannot change without a write. */
function deepFreeze<T>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || Object.isFrozen(v)) continue;
    Object.freeze(v);
    for (const child of Object.values(v)) stack.push(child);
  }
  return value;
}

interface Pending {
  readonly fn: (data: ProjectData) => unknown;
  result: unknown;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

export class ProjectStore {
  private readonly listeners = new Set<(store: ProjectStore) => void>();
  private isClosed = false;
  /** Updates applied to `draft`, waiting for the next write. */
  private queued: Pending[] = [];
  /** The data being written, then the committed data plus the queued updates. */
  private draft: ProjectData | null = null;
  private inFlight: ProjectData | null = null;
  /** The text of the committed and of the in-flight data as written (a draft is parsed from it: cheaper than a deep copy). */
  private committedText: string | null = null;
  private inFlightText: string | null = null;
  private writing: Promise<void> | null = null;
  private lostReason: string | null = null;

  private constructor(
    /** Real path of the project folder. */
    readonly dir: string,
    private readonly key: string,
    private readonly db: ProjectDb,
    private readonly lock: ProcessLock | null,
    private readonly now: () => number,
    private readonly fs: StoreFs,
    /** Why the project is open read-only (its folder cannot be written), or null. */
    readonly readOnly: string | null,
    /** The text of db.data as written, when this process wrote it. */
    text: string | null,
  ) {
    deepFreeze(db.data);
    this.committedText = text;
  }

  /** Absolute path of project.json. */
  get file(): string {
    return join(this.dir, PROJECT_FILE);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The data as it is on disk (frozen); change it only through update(). */
  get data(): Readonly<ProjectData> {
    return this.db.data;
  }

  /** Why changes cannot be saved (read-only, lock lost), or null. */
  get readOnlyReason(): string | null {
    return this.readOnly ?? this.lostReason;
  }

  /** Returns a deep copy of the data with the folder path, safe to hand out. */
  snapshot(): ProjectSnapshot {
    return { path: this.dir, data: structuredClone(this.db.data), readOnly: this.readOnlyReason };
  }

  private checkWritable(): void {
    if (this.isClosed) throw new StoreError('closed', `${this.dir} was closed`);
    if (this.readOnly) throw new StoreError('readonly', `${this.dir} is open read-only (${this.readOnly}); the change was not saved`);
    if (this.lostReason) throw new StoreError('locked', `${this.lostReason}; the change was not saved (open the project again)`);
  }

  /**
   * Applies `fn` to a copy of the data, writes it, and resolves with fn's result once the change is on
   * disk; only then does `data` show it. `fn` must be synchronous and change only the data it is given.
   * A throw from `fn`, or a failed write (StoreError 'write', 'tooLarge'), rejects and changes nothing.
   */
  update<T>(fn: (data: ProjectData) => T): Promise<T> {
    try {
      this.checkWritable();
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<T>((resolvePromise, rejectPromise) => {
      const entry: Pending = { fn, result: undefined, resolve: resolvePromise as (v: unknown) => void, reject: rejectPromise };
      this.draft ??= this.freshDraft();
      try {
        entry.result = fn(this.draft);
      } catch (e) {
        // its half-made changes must not reach the disk: rebuild the draft from the other updates
        this.rebuildDraft();
        rejectPromise(e);
        return;
      }
      this.queued.push(entry);
      this.pump();
    });
  }

  /** Returns a changeable copy of the newest data (in flight, else committed). */
  private freshDraft(): ProjectData {
    const text = this.inFlight ? this.inFlightText : this.committedText;
    return text !== null ? (JSON.parse(text) as ProjectData) : structuredClone(this.inFlight ?? this.db.data);
  }

  /** Applies the queued updates again to a fresh copy of the newest data (after a throw or a failed write). */
  private rebuildDraft(): void {
    for (;;) {
      const draft = this.freshDraft();
      const failed = this.queued.findIndex((p) => {
        try {
          p.result = p.fn(draft);
          return false;
        } catch {
          return true;
        }
      });
      if (failed === -1) {
        this.draft = this.queued.length > 0 ? draft : null;
        return;
      }
      const [p] = this.queued.splice(failed, 1);
      p!.reject(new StoreError('refused', 'a change could not be applied after an earlier one failed; it was not saved'));
    }
  }

  private pump(): void {
    if (this.writing || this.queued.length === 0) return;
    const batch = this.queued;
    const data = this.draft!;
    this.queued = [];
    this.draft = null;
    this.inFlight = data;
    this.inFlightText = null;
    data.updatedAt = isoAt(this.now);
    // the next batch starts once this one has settled (writeBatch may also settle without waiting)
    this.writing = this.writeBatch(batch, data).finally(() => {
      this.writing = null;
      this.pump();
    });
  }

  private async writeBatch(batch: Pending[], data: ProjectData): Promise<void> {
    let error: unknown = null;
    let text: string | null = null;
    try {
      if (this.lostReason) throw new StoreError('locked', `${this.lostReason}; the change was not saved (open the project again)`);
      text = this.db.adapter.serialize(data);
      this.inFlightText = text;
      await this.db.adapter.writeText(text);
    } catch (e) {
      error = e;
    }
    this.inFlight = null;
    this.inFlightText = null;
    if (error === null) {
      this.db.data = deepFreeze(data);
      this.committedText = text;
      for (const p of batch) p.resolve(p.result);
      for (const listener of this.listeners) listener(this);
    } else {
      for (const p of batch) p.reject(error);
      // the updates queued meanwhile were applied on top of the failed ones: apply them to what is on disk
      if (this.queued.length > 0) this.rebuildDraft();
    }
  }

  /** Calls `listener` after every write that reached the disk; returns the unsubscribe function. */
  onChange(listener: (store: ProjectStore) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Writes an array to a sibling file; store the returned reference with update() (the file exists first). */
  async writeArray(name: string, values: Float64Array): Promise<ArrayRef> {
    this.checkWritable();
    return await writeArrayFile(this.dir, name, values, this.fs);
  }

  /** Returns the values of an array this project references. */
  readArray(ref: ArrayRef): Promise<Float64Array> {
    return readArrayFile(this.dir, ref);
  }

  /** Waits for pending writes, releases the lock and forgets the store; later updates fail. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.listeners.clear();
    try {
      while (this.writing) await this.writing;
    } finally {
      stores.delete(this.key);
      await this.lock?.release();
    }
  }

  /** Returns the open store of the folder `dir` (any path to it) if this process has one. */
  static async find(dir: string): Promise<ProjectStore | undefined> {
    try {
      return stores.get((await identify(dir)).key);
    } catch {
      return undefined;
    }
  }

  /** Creates a new project in `dir` (which must not exist or be empty) and returns it open. */
  static async create(dir: string, name: string, options: StoreOptions = {}): Promise<ProjectStore> {
    const abs = resolve(dir);
    const now = options.now ?? Date.now;
    const fs = options.fs ?? nodeFs;
    try {
      const entries = await readdir(abs);
      if (entries.length > 0) throw new StoreError('exists', `${abs} already exists and is not empty`);
    } catch (e) {
      if (errorCode(e) === 'ENOTDIR') throw new StoreError('exists', `${abs} already exists as a file`);
      if (errorCode(e) !== 'ENOENT') throw e;
    }
    try {
      await fs.mkdir(abs, { recursive: true });
    } catch (e) {
      throw new StoreError('write', `could not create ${abs}: ${describeFsError(e)}`);
    }
    const { real, key } = await identify(abs);
    let store: ProjectStore | undefined;
    const lock = await acquireLock(real, lockOptions(options, (why) => store?.markLost(why)));
    try {
      // checked again under the lock: another process may have created a project here meanwhile
      if ((await readdir(real)).includes(PROJECT_FILE)) throw new StoreError('exists', `${real} already holds a project`);
      const db = projectDb(real, fs, newProjectData(randomUUID(), name, isoAt(now)));
      const text = db.adapter.serialize(db.data);
      await db.adapter.writeText(text);
      store = new ProjectStore(real, key, db, lock, now, fs, null, text);
      stores.set(key, store);
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  /**
   * Opens the project in `dir`: takes the lock, reads, migrates and validates project.json. Runs left
   * 'running' or 'queued' by a host that stopped are marked 'interrupted'. A folder that cannot be
   * written opens read-only, as it is on disk. Returns the same store when already open here.
   */
  static async open(dir: string, options: StoreOptions = {}): Promise<ProjectStore> {
    const { real, key } = await identify(dir);
    const open = stores.get(key);
    if (open) return open;
    const inFlight = opening.get(key);
    if (inFlight) return await inFlight;
    const p = ProjectStore.openFresh(real, key, options);
    opening.set(key, p);
    try {
      return await p;
    } finally {
      opening.delete(key);
    }
  }

  private static async openFresh(real: string, key: string, options: StoreOptions): Promise<ProjectStore> {
    const fs = options.fs ?? nodeFs;
    let store: ProjectStore | undefined;
    let lock: ProcessLock | null = null;
    let readOnly: string | null = null;
    try {
      lock = await acquireLock(real, lockOptions(options, (why) => store?.markLost(why)));
    } catch (e) {
      if (!(e instanceof StoreError && e.code === 'readonly')) throw e;
      readOnly = e.message.replace(/^store: /, '');
    }
    try {
      const { data, migrated } = await readData(real);
      const db = projectDb(real, fs, data);
      let text: string | null = null;
      if (!readOnly) {
        for (const d of [real, join(real, ARRAYS_DIR)]) await removeTempFiles(d, fs);
        let normalised = false;
        for (const run of data.runs) {
          if (run.status === 'running' || run.status === 'queued') {
            run.status = 'interrupted';
            run.error = 'the host stopped before the run ended';
            normalised = true;
          }
        }
        if (migrated || normalised) {
          text = db.adapter.serialize(data);
          await db.adapter.writeText(text);
        }
      }
      store = new ProjectStore(real, key, db, lock, options.now ?? Date.now, fs, readOnly, text);
      stores.set(key, store);
      return store;
    } catch (e) {
      await lock?.release();
      throw e;
    }
  }

  /** The lock was taken away: no further writes (the holder process learns it at its next heartbeat). */
  private markLost(why: string): void {
    this.lostReason ??= why;
    for (const listener of this.listeners) listener(this);
  }
}

/** Closes every store this process has open (host shutdown). */
export async function closeAllStores(): Promise<void> {
  await Promise.all([...stores.values()].map((s) => s.close()));
}
