// The recently opened projects (recent.json in the host's configuration folder), kept by one lowdb Low.
// Newest first, at most MAX_RECENT entries. A corrupt or foreign file is reported and left as it is:
// the list then stays empty for this session and is never written.

import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { RecentProject } from '../../shared/project';

export const RECENT_FILE = 'recent.json';
export const MAX_RECENT = 12;
const RECENT_SCHEMA = 'eml-workbench/recent';

interface RecentData {
  schema: typeof RECENT_SCHEMA;
  version: 1;
  recent: RecentProject[];
}

function isRecentData(v: unknown): v is RecentData {
  if (typeof v !== 'object' || v === null) return false;
  const d = v as Partial<RecentData>;
  return (
    d.schema === RECENT_SCHEMA &&
    d.version === 1 &&
    Array.isArray(d.recent) &&
    d.recent.every((r) => typeof r?.path === 'string' && typeof r.name === 'string' && typeof r.openedAt === 'string')
  );
}

export class RecentList {
  private db: Low<RecentData> | undefined;
  private loading: Promise<void> | undefined;
  private problem: string | null = null;

  constructor(
    readonly configDir: string,
    private readonly now: () => number = Date.now,
  ) {}

  get file(): string {
    return join(this.configDir, RECENT_FILE);
  }

  /** Why the list could not be read, or null. */
  get error(): string | null {
    return this.problem;
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      let initial: RecentData = { schema: RECENT_SCHEMA, version: 1, recent: [] };
      try {
        const parsed = JSON.parse(await readFile(this.file, 'utf8')) as unknown;
        if (!isRecentData(parsed)) {
          this.problem = `store: ${this.file} is not a recent-projects list of this version; it was left untouched`;
          return;
        }
        initial = parsed;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
          this.problem = `store: ${this.file} cannot be read (${(e as Error).message}); it was left untouched`;
          return;
        }
      }
      this.db = new Low<RecentData>(new JSONFile<RecentData>(this.file), initial);
    })();
    return this.loading;
  }

  /** Returns the entries, newest first. */
  async list(): Promise<RecentProject[]> {
    await this.load();
    return this.db ? [...this.db.data.recent] : [];
  }

  private async change(fn: (recent: RecentProject[]) => RecentProject[]): Promise<void> {
    await this.load();
    if (!this.db) return;
    this.db.data.recent = fn(this.db.data.recent).slice(0, MAX_RECENT);
    await mkdir(this.configDir, { recursive: true });
    await this.db.write();
  }

  /** Puts `path` first. */
  touch(path: string, name: string): Promise<void> {
    const entry: RecentProject = { path, name, openedAt: new Date(this.now()).toISOString() };
    return this.change((r) => [entry, ...r.filter((e) => e.path !== path)]);
  }

  /** Drops `path`. */
  remove(path: string): Promise<void> {
    return this.change((r) => r.filter((e) => e.path !== path));
  }

  /** Points the entry of `from` at `to` with a new name. */
  rename(from: string, to: string, name: string): Promise<void> {
    return this.change((r) => r.map((e) => (e.path === from ? { ...e, path: to, name } : e)));
  }
}
