// The host's own settings (settings.json in its configuration folder), kept by one lowdb Low: today the
// run queue the app sends fits to. A missing file means the defaults; a corrupt or foreign file is an
// error naming the file, and it is never overwritten. Only a regular file is read (a FIFO is refused at
// once); writes go through a fresh temporary file that is removed when the write fails.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Low } from 'lowdb';
import type { ClusterSettings } from '../../shared/cluster';
import { AtomicJsonFile } from './jsonFile';
import { readRegularFile } from './readRegular';
import { StoreError } from './storeError';

const MAX_SETTINGS_BYTES = 1024 * 1024;

export const SETTINGS_FILE = 'settings.json';
const SETTINGS_SCHEMA = 'eml-workbench/settings';

interface SettingsData {
  schema: typeof SETTINGS_SCHEMA;
  version: 1;
  queue: string | null;
}

export class HostSettings {
  private db: Low<SettingsData> | undefined;

  constructor(readonly configDir: string) {}

  get file(): string {
    return join(this.configDir, SETTINGS_FILE);
  }

  /** Returns the settings store, reading the file once; throws StoreError naming the file when it cannot be used. */
  private async load(): Promise<Low<SettingsData>> {
    if (this.db) return this.db;
    let initial: SettingsData = { schema: SETTINGS_SCHEMA, version: 1, queue: null };
    let text: string | undefined;
    try {
      text = (await readRegularFile(this.file, MAX_SETTINGS_BYTES, 'the settings')).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreError('corrupt', `${this.file} cannot be read (${(e as Error).message}); it was left untouched`);
    }
    if (text !== undefined) {
      let v: unknown;
      try {
        v = JSON.parse(text);
      } catch (e) {
        throw new StoreError('corrupt', `${this.file} is not JSON (${(e as Error).message}); it was left untouched`);
      }
      const d = v as Partial<SettingsData> | null;
      if (typeof d !== 'object' || d === null || d.schema !== SETTINGS_SCHEMA) throw new StoreError('invalid', `${this.file} is not a settings file of EML Workbench; it was left untouched`);
      if (d.version !== 1) throw new StoreError('newer', `${this.file} has settings version ${String(d.version)}, this version reads 1; it was left untouched`);
      if (d.queue !== null && typeof d.queue !== 'string') throw new StoreError('invalid', `${this.file}: $.queue must be a string or null; it was left untouched`);
      initial = { schema: SETTINGS_SCHEMA, version: 1, queue: d.queue ?? null };
    }
    this.db = new Low<SettingsData>(new AtomicJsonFile<SettingsData>(this.file, { maxBytes: MAX_SETTINGS_BYTES, what: 'the settings' }), initial);
    return this.db;
  }

  /** Returns the cluster settings. */
  async cluster(): Promise<ClusterSettings> {
    return { queue: (await this.load()).data.queue };
  }

  /** Sets the queue URL (null: fits run on this machine) and writes the file (atomically: write, then rename). */
  async setQueue(queue: string | null): Promise<void> {
    const db = await this.load();
    const before = db.data.queue;
    db.data.queue = queue;
    try {
      await mkdir(this.configDir, { recursive: true });
      await db.write();
    } catch (e) {
      db.data.queue = before; // memory changes only after the write succeeded
      throw new StoreError('refused', `${this.file} cannot be written (${(e as Error).message})`);
    }
  }
}
