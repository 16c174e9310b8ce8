// The host's projects: where new ones are created, which one is open, the recent list, and
// create / open / rename / delete. Stores stay open while the current view or a job holds them
// (reference counts), so a job keeps writing its results after the user switches projects.

import { rm, readdir, rename, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import type { ProjectSummary, WorkspaceInfo } from '../../shared/project';
import { PROJECT_EXTENSION, PROJECT_FILE, ProjectStore, readProjectFile } from './projectStore';
import { RecentList } from './recentList';
import { nameCharProblem } from './nameRule';
import { StoreError } from './storeError';

export interface WorkspaceOptions {
  /** Folder new projects are created in (and listed from). */
  readonly projectsDir: string;
  /** Folder of the host's own files (recent.json). */
  readonly configDir: string;
  readonly now?: () => number;
}

export const MAX_PROJECT_NAME = 120;

/** Returns the project name trimmed, or throws StoreError 'refused' naming what is wrong with it. */
export function checkProjectName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') throw new StoreError('refused', 'a project name must not be empty');
  if (trimmed.length > MAX_PROJECT_NAME) throw new StoreError('refused', `a project name must be at most ${MAX_PROJECT_NAME} characters`);
  const problem = nameCharProblem(trimmed);
  if (problem) throw new StoreError('refused', `a project name ${problem}`);
  return trimmed;
}

/** Returns the folder name of a project called `name`: letters, digits, '-', '_', '.' and single spaces, then .emlw. */
export function projectFolderName(name: string): string {
  const stem = checkProjectName(name)
    .replace(/[^\p{L}\p{N}._-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 80);
  return (stem === '' ? 'project' : stem) + PROJECT_EXTENSION;
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
  private currentStore: ProjectStore | null = null;
  private readonly holds = new Map<ProjectStore, number>();
  private readonly listeners = new Set<(path: string) => void>();
  private readonly unsubscribe = new Map<ProjectStore, () => void>();

  constructor(options: WorkspaceOptions) {
    this.projectsDir = resolve(options.projectsDir);
    this.now = options.now ?? Date.now;
    this.recent = new RecentList(resolve(options.configDir), this.now);
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

  /** Returns the projects folder listing, the recent list and the open project. */
  async info(): Promise<WorkspaceInfo> {
    const projects: ProjectSummary[] = [];
    let names: string[] = [];
    try {
      names = (await readdir(this.projectsDir)).filter((n) => n.endsWith(PROJECT_EXTENSION)).sort();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    for (const n of names) {
      const path = join(this.projectsDir, n);
      const open = ProjectStore.find(path);
      if (open) {
        projects.push(summaryOf(path, open.data));
        continue;
      }
      try {
        projects.push(summaryOf(path, await readProjectFile(path)));
      } catch (e) {
        if (e instanceof StoreError && e.code === 'missing') continue;
        projects.push({ path, name: basename(n, PROJECT_EXTENSION), formulas: 0, runs: 0, updatedAt: null, error: (e as Error).message });
      }
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
    const store = await ProjectStore.create(dir, clean, { now: this.now });
    await this.setCurrent(store);
    return store;
  }

  /** Opens the project folder `path` (absolute) and makes it current. */
  async open(path: string): Promise<ProjectStore> {
    if (!isAbsolute(path)) throw new StoreError('refused', `a project path must be absolute, got '${path}'`);
    const store = await ProjectStore.open(path, { now: this.now });
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
    const from = resolve(path);
    const to = join(dirname(from), projectFolderName(clean));
    const wasCurrent = this.currentStore?.dir === from;
    const open = ProjectStore.find(from);
    if (open && this.busy(open)) throw new StoreError('busy', `${from} cannot be renamed while a job writes to it`);
    if (to !== from && (await exists(to))) throw new StoreError('exists', `${to} already exists`);
    const store = open ?? (await ProjectStore.open(from, { now: this.now }));
    await store.update((d) => {
      d.name = clean;
    });
    if (wasCurrent) this.currentStore = null;
    await this.closeStore(store);
    if (to !== from) await rename(from, to);
    await this.recent.rename(from, to, clean);
    if (wasCurrent) await this.setCurrent(await ProjectStore.open(to, { now: this.now }));
    for (const l of this.listeners) l(to);
    return summaryOf(to, (this.currentStore?.dir === to ? this.currentStore.data : await readProjectFile(to)));
  }

  /** Deletes the project folder `path` (a *.emlw folder holding project.json) and everything in it. */
  async delete(path: string): Promise<void> {
    if (!isAbsolute(path)) throw new StoreError('refused', `a project path must be absolute, got '${path}'`);
    const dir = resolve(path);
    if (!dir.endsWith(PROJECT_EXTENSION)) throw new StoreError('refused', `${dir} is not a project folder (*${PROJECT_EXTENSION})`);
    if (!(await exists(join(dir, PROJECT_FILE)))) throw new StoreError('refused', `${dir} is not a project folder (no ${PROJECT_FILE})`);
    const open = ProjectStore.find(dir);
    if (open && this.busy(open)) throw new StoreError('busy', `${dir} cannot be deleted while a job writes to it`);
    // taking the lock proves no other process has it open
    const store = open ?? (await ProjectStore.open(dir, { now: this.now }).catch((e: unknown) => {
      if (e instanceof StoreError && e.code === 'locked') throw e;
      return undefined;
    }));
    if (store) {
      if (this.currentStore === store) this.currentStore = null;
      await this.closeStore(store);
    }
    await rm(dir, { recursive: true, force: true });
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
