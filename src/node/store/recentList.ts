// The recently opened projects (recent.json in the host's configuration folder), kept by one lowdb Low.
// Newest first, at most MAX_RECENT entries. A corrupt or foreign file is reported and left as it is:
// the list then stays empty for this session and is never written. A change is written first and kept
// only when the write succeeded; a failed write is reported in `error` (opening a project does not fail
// because its recent entry could not be saved).

import { join } from 'node:path';
import { Low } from 'lowdb';
import type { RecentProject } from '../../shared/project';
import { AtomicJsonFile } from './jsonFile';
import { StoreError } from './storeError';
import { describeFsError, nodeFs, type StoreFs } from './storeFs';

export const RECENT_FILE = 'recent.json';
export const MAX_RECENT = 12;
const RECENT_SCHEMA = 'eml-workbench/recent';
const MAX_RECENT_BYTES = 1024 * 1024;

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
  private writeProblem: string | null = null;
  private writes: Promise<void> = Promise.resolve();

  constructor(
    readonly configDir: string,
    private readonly now: () => number = Date.now,
    private readonly fs: StoreFs = nodeFs,
  ) {}

  get file(): string {
    return join(this.configDir, RECENT_FILE);
  }

  /** Why the list could not be read, or why its last change could not be saved; null when neither. */
  get error(): string | null {
    return this.problem ?? this.writeProblem;
  }

  private load(): Promise<void> {
    this.loading ??= (async () => {
      const adapter = new AtomicJsonFile<RecentData>(this.file, { maxBytes: MAX_RECENT_BYTES, what: 'the recent-projects list', fs: this.fs });
      let initial: RecentData = { schema: RECENT_SCHEMA, version: 1, recent: [] };
      try {
        const parsed = await adapter.readValue();
        if (parsed !== null && !isRecentData(parsed.value)) {
          this.problem = `store: ${this.file} is not a recent-projects list of this version; it was left untouched`;
          return;
        }
        if (parsed !== null) initial = parsed.value as RecentData;
      } catch (e) {
        const why = e instanceof StoreError ? e.message.replace(/^store: /, '') : `${(e as Error).message}; it was left untouched`;
        this.problem = `store: ${this.file} cannot be read: ${why}`;
        return;
      }
      this.db = new Low<RecentData>(adapter, initial);
    })();
    return this.loading;
  }

  /** Returns the entries, newest first. */
  async list(): Promise<RecentProject[]> {
    await this.load();
    return this.db ? [...this.db.data.recent] : [];
  }

  private change(fn: (recent: RecentProject[]) => RecentProject[]): Promise<void> {
    // changes are written one after another, each on top of the last one that was saved
    this.writes = this.writes.then(async () => {
      await this.load();
      const db = this.db;
      if (!db) return;
      const next: RecentData = { ...db.data, recent: fn(db.data.recent).slice(0, MAX_RECENT) };
      try {
        await this.fs.mkdir(this.configDir, { recursive: true });
        await db.adapter.write(next);
      } catch (e) {
        this.writeProblem = e instanceof StoreError ? e.message : `store: could not save ${this.file}: ${describeFsError(e)}`;
        return;
      }
      db.data = next;
      this.writeProblem = null;
    });
    return this.writes;
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
