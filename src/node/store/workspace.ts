// The host's projects: where new ones are created, which one is open, the recent list, and
// create / open / rename / delete. Stores stay open while the current view or a job holds them
// (reference counts), so a job keeps writing its results after the user switches projects.
// Projects are named by their real folder; the listing reads each project.json once per change of it.

import { realpath, rm, readdir, rename, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { ProjectSummary, WorkspaceInfo } from '../../shared/project';
import { PROJECT_EXTENSION, PROJECT_FILE, ProjectStore, readProjectFile } from './projectStore';
import { RecentList } from './recentList';
import { nameCharProblem } from './nameRule';
import { StoreError } from './storeError';
import { describeFsError, type StoreFs } from './storeFs';

export interface WorkspaceOptions {
  /** Folder new projects are created in (and listed from). */
  readonly projectsDir: string;
  /** Folder of the host's own files (recent.json). */
  readonly configDir: string;
  readonly now?: () => number;
  /** File-system calls for writes (tests inject failing ones). */
  readonly fs?: StoreFs;
}

export const MAX_PROJECT_NAME = 120;
/** Most UTF-16 units of a project folder's name before the suffix (" 2") and .emlw. */
export const MAX_FOLDER_STEM = 80;

/** Returns the project name trimmed, or throws StoreError 'refused' naming what is wrong with it. */
export function checkProjectName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new StoreError('refused', 'a project name must not be empty');
  if (trimmed.length > MAX_PROJECT_NAME) throw new StoreError('refused', `a project name must be at most ${MAX_PROJECT_NAME} characters`);
  const problem = nameCharProblem(trimmed);
  if (problem) throw new StoreError('refused', `a project name ${problem}`);
  return trimmed;
}

/** Returns `s` cut to at most `max` UTF-16 units without splitting a surrogate pair. */
function cutAtCodePoint(s: string, max: number): string {
  if (s.length <= max) return s;
  const last = s.charCodeAt(max - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? max - 1 : max);
}

/**
 * Returns the folder name of a project called `name`: letters, digits, '-', '_', '.' and single spaces,
 * at most MAX_FOLDER_STEM UTF-16 units cut between code points (a lone half of a surrogate pair would be
 * stored as U+FFFD and list under another name), then .emlw.
 */
export function projectFolderName(name: string): string {
  const stem = cutAtCodePoint(
    checkProjectName(name)
      .replace(/[^\p{L}\p{N}._-]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .replace(/^[.\s-]+/, ''),
    MAX_FOLDER_STEM,
  ).replace(/[.\s]+$/, '');
  return (stem === '' ? 'project' : stem) + PROJECT_EXTENSION;
}

/** Returns the real path of `path` (symlinks resolved), or `path` resolved when it does not exist. */
async function realFolder(path: string): Promise<string> {
  try {
    return await realpath(resolve(path));
  } catch {
    return resolve(path);
  }
}

function summaryOf(path: string, data: ProjectStore['data']): ProjectSummary {
  return { path, name: data.name, formulas: data.formulas.length, runs: data.runs.length, updatedAt: data.updatedAt, error: null };
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

export class Workspace {
  readonly projectsDir: string;
  readonly recent: RecentList;
  private readonly now: () => number;
  private readonly fs: StoreFs | undefined;
  /** Listing summaries by folder, with the identity, size and time of the project.json they were read from. */
  private readonly summaries = new Map<string, { stamp: string; summary: ProjectSummary }>();
  private currentStore: ProjectStore | null = null;
  private readonly holds = new Map<ProjectStore, number>();
  private readonly listeners = new Set<(path: string) => void>();
  private readonly unsubscribe = new Map<ProjectStore, () => void>();

  constructor(options: WorkspaceOptions) {
    this.projectsDir = resolve(options.projectsDir);
    this.now = options.now ?? Date.now;
    this.fs = options.fs;
    this.recent = new RecentList(resolve(options.configDir), this.now, ...(options.fs ? [options.fs] : []));
  }

  private storeOptions(): { now: () => number; fs?: StoreFs } {
    return { now: this.now, ...(this.fs ? { fs: this.fs } : {}) };
  }

  /** The open project, or null. */
  get current(): ProjectStore | null {
    return this.currentStore;
  }

  /** Returns the current project or throws StoreError 'refused' (no project open). */
  requireCurrent(): ProjectStore {
    if (!this.currentStore) throw new StoreError('refused', 'no project is open: create or open one first');
    return this.currentStore;
  }

  /** Calls `listener` with the folder of any project whose data changed; returns the unsubscribe function. */
  onProjectChange(listener: (path: string) => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private watch(store: ProjectStore): void {
    if (this.unsubscribe.has(store)) return;
    this.unsubscribe.set(
      store,
      store.onChange((s) => {
        for (const l of this.listeners) l(s.dir);
      }),
    );
  }

  /** Keeps `store` open until release() (a job writing to it). */
  retain(store: ProjectStore): void {
    this.holds.set(store, (this.holds.get(store) ?? 0) + 1);
  }

  /** Drops one hold; closes the store when neither the view nor a job holds it. */
  async release(store: ProjectStore): Promise<void> {
    const n = (this.holds.get(store) ?? 0) - 1;
    if (n > 0) {
      this.holds.set(store, n);
      return;
    }
    this.holds.delete(store);
    if (store !== this.currentStore) await this.closeStore(store);
  }

  private busy(store: ProjectStore): boolean {
    return (this.holds.get(store) ?? 0) > 0;
  }

  private async closeStore(store: ProjectStore): Promise<void> {
    this.unsubscribe.get(store)?.();
    this.unsubscribe.delete(store);
    await store.close();
  }

  private async setCurrent(store: ProjectStore | null): Promise<void> {
    const previous = this.currentStore;
    this.currentStore = store;
    if (store) {
      this.watch(store);
      await this.recent.touch(store.dir, store.data.name);
    }
    if (previous && previous !== store && !this.busy(previous)) await this.closeStore(previous);
  }

  /** Returns the summary of the project folder `path` for the listing, or null when it holds no project. */
  private async listed(path: string): Promise<ProjectSummary | null> {
    const open = await ProjectStore.find(path);
    if (open) return summaryOf(open.dir, open.data);
    let info;
    try {
      info = await stat(join(path, PROJECT_FILE));
    } catch {
      return null;
    }
    const stamp = `${info.dev}:${info.ino}:${info.size}:${info.mtimeMs}`;
    const hit = this.summaries.get(path);
    if (hit?.stamp === stamp) return hit.summary;
    let summary: ProjectSummary;
    try {
      summary = summaryOf(path, await readProjectFile(path));
    } catch (e) {
      if (e instanceof StoreError && e.code === 'missing') return null;
      summary = { path, name: basename(path, PROJECT_EXTENSION), formulas: 0, runs: 0, updatedAt: null, error: (e as Error).message };
    }
    this.summaries.set(path, { stamp, summary });
    return summary;
  }

  /** Returns the projects folder listing, the recent list and the open project. */
  async info(): Promise<WorkspaceInfo> {
    const projects: ProjectSummary[] = [];
    const folder = await realFolder(this.projectsDir);
    let names: string[] = [];
    try {
      names = (await readdir(folder)).filter((n) => n.endsWith(PROJECT_EXTENSION)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const seen = new Set(names.map((n) => join(folder, n)));
    for (const path of this.summaries.keys()) if (!seen.has(path)) this.summaries.delete(path);
    for (const n of names) {
      const summary = await this.listed(join(folder, n));
      if (summary) projects.push(summary);
    }
    const recent = await this.recent.list();
    const current = this.currentStore ? summaryOf(this.currentStore.dir, this.currentStore.data) : null;
    return { projectsDir: this.projectsDir, current, recent, projects, recentError: this.recent.error };
  }

  /** Creates a project named `name` in the projects folder and makes it current. */
  async create(name: string): Promise<ProjectStore> {
    const clean = checkProjectName(name);
    const folder = projectFolderName(clean);
    let dir = join(this.projectsDir, folder);
    for (let k = 2; await exists(dir); k++) {
      dir = join(this.projectsDir, folder.slice(0, -PROJECT_EXTENSION.length) + ` ${k}` + PROJECT_EXTENSION);
    }
    const store = await ProjectStore.create(dir, clean, this.storeOptions());
    await this.setCurrent(store);
    return store;
  }

  /** Opens the project folder `path` (absolute) and makes it current. */
  async open(path: string): Promise<ProjectStore> {
    if (!isAbsolute(path)) throw new StoreError('refused', `a project path must be absolute, got '${path}'`);
    const store = await ProjectStore.open(path, this.storeOptions());
    await this.setCurrent(store);
    return store;
  }

  /** Closes the current project (it stays open while a job still writes to it). */
  async close(): Promise<void> {
    await this.setCurrent(null);
  }

  /** Renames the project in `path`: its name and its folder (same parent); returns its new summary. */
  async rename(path: string, name: string): Promise<ProjectSummary> {
    if (!isAbsolute(path)) throw new StoreError('refused', `a project path must be absolute, got '${path}'`);
    const clean = checkProjectName(name);
    const from = await realFolder(path);
    const to = join(dirname(from), projectFolderName(clean));
    const open = await ProjectStore.find(from);
    const wasCurrent = open !== undefined && this.currentStore === open;
    if (open && this.busy(open)) throw new StoreError('busy', `${from} cannot be renamed while a job writes to it`);
    if (to !== from && (await exists(to))) throw new StoreError('exists', `${to} already exists`);
    const store = open ?? (await ProjectStore.open(from, this.storeOptions()));
    await store.update((d) => {
      d.name = clean;
    });
    if (wasCurrent) this.currentStore = null;
    await this.closeStore(store);
    if (to !== from) {
      try {
        await rename(from, to);
      } catch (e) {
        if (wasCurrent) await this.setCurrent(await ProjectStore.open(from, this.storeOptions()));
        throw new StoreError('write', `could not rename ${from} to ${to}: ${describeFsError(e)}; the project keeps its folder`);
      }
    }
    await this.recent.rename(from, to, clean);
    if (wasCurrent) await this.setCurrent(await ProjectStore.open(to, this.storeOptions()));
    for (const l of this.listeners) l(to);
    return summaryOf(to, (this.currentStore?.dir === to ? this.currentStore.data : await readProjectFile(to)));
  }

  /** Deletes the project folder `path` (a *.emlw folder holding project.json) and everything in it. */
  async delete(path: string): Promise<void> {
    if (!isAbsolute(path)) throw new StoreError('refused', `a project path must be absolute, got '${path}'`);
    const dir = await realFolder(path);
    if (!dir.endsWith(PROJECT_EXTENSION)) throw new StoreError('refused', `${dir} is not a project folder (*${PROJECT_EXTENSION})`);
    if (!(await exists(join(dir, PROJECT_FILE)))) throw new StoreError('refused', `${dir} is not a project folder (no ${PROJECT_FILE})`);
    const open = await ProjectStore.find(dir);
    if (open && this.busy(open)) throw new StoreError('busy', `${dir} cannot be deleted while a job writes to it`);
    // taking the lock proves no other process has it open
    const store = open ?? (await ProjectStore.open(dir, this.storeOptions()).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'locked') throw e;
      return undefined;
    }));
    if (store) {
      if (this.currentStore === store) this.currentStore = null;
      await this.closeStore(store);
    }
    try {
      await rm(dir, { recursive: true, force: true });
    } catch (e) {
      throw new StoreError('write', `could not delete ${dir}: ${describeFsError(e)}`);
    }
    await this.recent.remove(dir);
  }

  /** Closes every store (host shutdown). */
  async shutdown(): Promise<void> {
    const stores = new Set([...this.holds.keys(), ...(this.currentStore ? [this.currentStore] : [])]);
    this.currentStore = null;
    this.holds.clear();
    await Promise.all([...stores].map((s) => this.closeStore(s)));
  }
}
