// A project on disk: a folder (*.emlw) with project.json, kept by one lowdb `Low` per file and per process
// (a registry returns the same store for the same folder; a lock file keeps other processes out).
// Writes are atomic (lowdb's writer writes a temporary file, then renames it) and coalesce under load,
// so every update is on disk when its promise resolves. A file that is corrupt, invalid or from a newer
// version raises StoreError on open and is never written.

import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { ArrayRef, ProjectData, ProjectSnapshot } from '../../shared/project';
import { readArrayFile, writeArrayFile } from './arrayFiles';
import { checkProjectJsonDepth } from './jsonDepth';
import { acquireLock, type ProcessLock } from './processLock';
import { migrateProject, newProjectData, validateProject } from './projectSchema';
import { StoreError } from './storeError';

export const PROJECT_FILE = 'project.json';
export const PROJECT_EXTENSION = '.emlw';

export interface StoreOptions {
  /** Clock for timestamps (tests inject one). */
  readonly now?: () => number;
}

const stores = new Map<string, ProjectStore>();
const opening = new Map<string, Promise<ProjectStore>>();

function isoAt(now: () => number): string {
  return new Date(now()).toISOString();
}

/** Reads and parses project.json without lowdb's fallback to defaults: a missing file is 'missing', bad JSON 'corrupt'. */
async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new StoreError('missing', `${file} does not exist (not a project folder)`);
    throw new StoreError('corrupt', `${file} cannot be read (${code ?? (e as Error).message}); the file was left untouched`);
  }
  checkProjectJsonDepth(text, file);
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    const why = text.trim() === '' ? 'the file is empty' : (e as Error).message;
    throw new StoreError('corrupt', `${file} is not valid JSON (${why}); the file was left untouched`);
  }
}

/** Returns the validated (and, in memory only, migrated) data of the project in `dir`, without locking or writing. */
export async function readProjectFile(dir: string): Promise<ProjectData> {
  const file = join(resolve(dir), PROJECT_FILE);
  const { data } = migrateProject(await readJson(file), file);
  return validateProject(data, file);
}

export class ProjectStore {
  private readonly pending = new Set<Promise<void>>();
  private readonly listeners = new Set<(store: ProjectStore) => void>();
  private isClosed = false;

  private constructor(
    /** Absolute path of the project folder. */
    readonly dir: string,
    private readonly db: Low<ProjectData>,
    private readonly lock: ProcessLock,
    private readonly now: () => number,
  ) {}

  /** Absolute path of project.json. */
  get file(): string {
    return join(this.dir, PROJECT_FILE);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  /** The live data; read it, change it only through update(). */
  get data(): Readonly<ProjectData> {
    return this.db.data;
  }

  /** Returns a deep copy of the data with the folder path, safe to hand out. */
  snapshot(): ProjectSnapshot {
    return { path: this.dir, data: structuredClone(this.db.data) };
  }

  /**
   * Applies `fn` to the data and writes the file; resolves with fn's result once this change is on disk.
   * `fn` must be synchronous and should validate before it mutates (a throw leaves nothing written).
   */
  async update<T>(fn: (data: ProjectData) => T): Promise<T> {
    if (this.isClosed) throw new StoreError('closed', `${this.dir} was closed`);
    const result = fn(this.db.data);
    this.db.data.updatedAt = isoAt(this.now);
    await this.track(this.db.write());
    for (const listener of this.listeners) listener(this);
    return result;
  }

  /** Calls `listener` after every update that reached the disk; returns the unsubscribe function. */
  onChange(listener: (store: ProjectStore) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Writes an array to a sibling file; store the returned reference with update() (the file exists first). */
  async writeArray(name: string, values: Float64Array): Promise<ArrayRef> {
    if (this.isClosed) throw new StoreError('closed', `${this.dir} was closed`);
    return await writeArrayFile(this.dir, name, values);
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
      await Promise.allSettled([...this.pending]);
    } finally {
      stores.delete(this.dir);
      await this.lock.release();
    }
  }

  private track(p: Promise<void>): Promise<void> {
    this.pending.add(p);
    const done = (): void => {
      this.pending.delete(p);
    };
    p.then(done, done);
    return p;
  }

  /** Returns the open store of `dir` if this process has one. */
  static find(dir: string): ProjectStore | undefined {
    return stores.get(resolve(dir));
  }

  /** Creates a new project in `dir` (which must not exist or be empty) and returns it open. */
  static async create(dir: string, name: string, options: StoreOptions = {}): Promise<ProjectStore> {
    const abs = resolve(dir);
    const now = options.now ?? Date.now;
    try {
      const entries = await readdir(abs);
      if (entries.length > 0) throw new StoreError('exists', `${abs} already exists and is not empty`);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOTDIR') throw new StoreError('exists', `${abs} already exists as a file`);
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    await mkdir(abs, { recursive: true });
    const lock = await acquireLock(abs);
    try {
      const data = newProjectData(randomUUID(), name, isoAt(now));
      const db = new Low<ProjectData>(new JSONFile<ProjectData>(join(abs, PROJECT_FILE)), data);
      await db.write();
      const store = new ProjectStore(abs, db, lock, now);
      stores.set(abs, store);
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }

  /**
   * Opens the project in `dir`: takes the lock, reads, migrates and validates project.json. Runs left
   * 'running' by a host that stopped are marked 'interrupted'. Returns the same store when already open here.
   */
  static async open(dir: string, options: StoreOptions = {}): Promise<ProjectStore> {
    const abs = resolve(dir);
    const open = stores.get(abs);
    if (open) return open;
    const inFlight = opening.get(abs);
    if (inFlight) return await inFlight;
    const p = ProjectStore.openFresh(abs, options.now ?? Date.now);
    opening.set(abs, p);
    try {
      return await p;
    } finally {
      opening.delete(abs);
    }
  }

  private static async openFresh(abs: string, now: () => number): Promise<ProjectStore> {
    const file = join(abs, PROJECT_FILE);
    try {
      if (!(await stat(abs)).isDirectory()) throw new StoreError('missing', `${abs} is not a folder`);
    } catch (e) {
      if (e instanceof StoreError) throw e;
      throw new StoreError('missing', `${abs} does not exist`);
    }
    const lock = await acquireLock(abs);
    try {
      const { data: migrated, migrated: changed } = migrateProject(await readJson(file), file);
      const data = validateProject(migrated, file);
      let normalised = false;
      for (const run of data.runs) {
        if (run.status === 'running') {
          run.status = 'interrupted';
          run.error = 'the host stopped before the run ended';
          normalised = true;
        }
      }
      const db = new Low<ProjectData>(new JSONFile<ProjectData>(file), data);
      if (changed || normalised) await db.write();
      const store = new ProjectStore(abs, db, lock, now);
      stores.set(abs, store);
      return store;
    } catch (e) {
      await lock.release();
      throw e;
    }
  }
}

/** Closes every store this process has open (host shutdown). */
export async function closeAllStores(): Promise<void> {
  await Promise.all([...stores.values()].map((s) => s.close()));
}
