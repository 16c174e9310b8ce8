// Project store tests: project.json round trips through lowdb, 1,000 concurrent updates lose nothing,
// corrupt, invalid and newer files are reported by name and left byte for byte untouched, migrations run
// on load, one process holds a project at a time, and array files sit beside project.json.

import { spawn } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_SCHEMA, PROJECT_VERSION, type ProjectData } from '../../../src/shared/project';
import {
  LOCK_DIR,
  PROJECT_FILE,
  ProjectStore,
  StoreError,
  migrateProject,
  readProjectFile,
  validateProject,
} from '../../../src/node/store';

let base: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-store-'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

/** Expects `p` to reject with a StoreError of `code` whose message matches `pattern`. */
async function expectStoreError(p: Promise<unknown>, code: StoreError['code'], pattern: RegExp): Promise<void> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  expect((error as StoreError).message).toMatch(pattern);
}

describe('ProjectStore', () => {
  it('create() writes a valid project.json that open() reads back after close()', async () => {
    const dir = join(base, 'demo.emlw');
    const store = await ProjectStore.create(dir, 'Demo', { now: () => Date.UTC(2026, 0, 2) });
    expect(store.data.name).toBe('Demo');
    await store.close();
    const onDisk = JSON.parse(await readFile(join(dir, PROJECT_FILE), 'utf8')) as ProjectData;
    expect(onDisk).toMatchObject({ schema: PROJECT_SCHEMA, version: PROJECT_VERSION, name: 'Demo', createdAt: '2026-01-02T00:00:00.000Z' });
    expect(validateProject(onDisk, 'x')).toBe(onDisk);
    const again = await ProjectStore.open(dir);
    expect(again.data.id).toBe(onDisk.id);
    await again.close();
  });

  it('1,000 concurrent updates lose nothing, in memory and on disk', async () => {
    const dir = join(base, 'busy.emlw');
    const store = await ProjectStore.create(dir, 'Busy');
    const n = 1000;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        store.update((d) => {
          d.notes.push({ id: `note-${i}`, text: `note ${i}`, createdAt: 'now', updatedAt: 'now' });
          return i;
        }),
      ),
    );
    expect(results).toEqual(Array.from({ length: n }, (_, i) => i));
    expect(store.data.notes).toHaveLength(n);
    await store.close();
    const disk = await readProjectFile(dir);
    expect(new Set(disk.notes.map((x) => x.id))).toEqual(new Set(Array.from({ length: n }, (_, i) => `note-${i}`)));
  });

  it('open() reports a corrupt project.json by file name and never overwrites it', async () => {
    const dir = join(base, 'corrupt.emlw');
    await (await ProjectStore.create(dir, 'C')).close();
    const file = join(dir, PROJECT_FILE);
    for (const broken of ['{"schema": "eml-workbench/project", "version": 1, "na', '', 'null', '[1, 2]']) {
      await writeFile(file, broken);
      const before = await stat(file);
      await expectStoreError(ProjectStore.open(dir), broken === 'null' || broken === '[1, 2]' ? 'invalid' : 'corrupt', new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(await readFile(file, 'utf8')).toBe(broken);
      expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
      // the failed open released the lock
      await expect(stat(join(dir, LOCK_DIR))).rejects.toThrow();
    }
  });

  it('open() names the first invalid field and leaves the file untouched', async () => {
    const dir = join(base, 'invalid.emlw');
    const store = await ProjectStore.create(dir, 'Bad');
    await store.update((d) => {
      d.notes.push({ id: 'n1', text: 'ok', createdAt: 'a', updatedAt: 'b' });
    });
    await store.close();
    const file = join(dir, PROJECT_FILE);
    const cases: Array<[(d: Record<string, any>) => void, RegExp]> = [
      [(d) => (d['notes'][0].text = 42), /\$\.notes\[0\]\.text must be a string/],
      [(d) => (d['settings'].compileMode = 'fast'), /\$\.settings\.compileMode must be one of paper, ieee-safe/],
      [(d) => d['notes'].push({ ...d['notes'][0] }), /\$\.notes\[1\]\.id repeats the id 'n1'/],
      [(d) => (d['schema'] = 'something-else'), /\$\.schema must be 'eml-workbench\/project'/],
      [(d) => (d['runs'] = [{ id: 'r', kind: 'mystery' }]), /\$\.runs\[0\]\.label must be a string/],
      [(d) => delete d['formulas'], /\$\.formulas must be an array/],
    ];
    const good = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    for (const [spoil, message] of cases) {
      const d = structuredClone(good) as Record<string, any>;
      spoil(d);
      const text = JSON.stringify(d);
      await writeFile(file, text);
      await expectStoreError(ProjectStore.open(dir), 'invalid', message);
      expect(await readFile(file, 'utf8')).toBe(text);
    }
  });

  it('open() refuses a name or tag that is not one line of printable text, naming the file and the field, and leaves the file untouched', async () => {
    const dir = join(base, 'names.emlw');
    const store = await ProjectStore.create(dir, 'Names');
    const at = '2026-01-02T00:00:00.000Z';
    await store.update((d) => {
      d.formulas.push({
        id: 'f1', name: 'ln', source: { syntax: 'infix', text: 'ln(x)' }, infix: 'ln(x)', latex: '\\ln x',
        compile: { mode: 'paper', prefer: 'robust', K: 7, depth: 3, leaves: 4, semantics: 'ieee' },
        provenance: { kind: 'compile', runId: null, seed: null, settings: {}, rulesUsed: [], appVersion: '0.1.0' },
        verification: null, tags: ['log'], notes: 'two\nlines are fine in notes', createdAt: at, updatedAt: at,
      });
    });
    await store.close();
    const file = join(dir, PROJECT_FILE);
    const good = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    // the valid file opens (a line break in notes is fine)
    await (await ProjectStore.open(dir)).close();
    const cases: Array<[(d: Record<string, any>) => void, RegExp]> = [
      [(d) => (d['name'] = 'p\u2028globalThis.x = 1; //'), /\$\.name must be one line of printable text, but character 2 is U\+2028 \(line separator\)/],
      [(d) => (d['formulas'][0].name = 'a\nimport os'), /\$\.formulas\[0\]\.name must be one line of printable text, but character 2 is U\+000A \(line feed\)/],
      [(d) => (d['formulas'][0].name = 'rtl \u202e'), /\$\.formulas\[0\]\.name .* U\+202E \(a bidirectional-text control\)/],
      [(d) => (d['formulas'][0].name = 'half \ud800'), /\$\.formulas\[0\]\.name .* U\+D800 \(an unpaired surrogate\)/],
      [(d) => (d['formulas'][0].tags = ['ok', 'a\u0085b']), /\$\.formulas\[0\]\.tags\[1\] .* U\+0085 \(next line\)/],
    ];
    for (const [spoil, message] of cases) {
      const d = structuredClone(good) as Record<string, any>;
      spoil(d);
      const text = JSON.stringify(d);
      await writeFile(file, text);
      await expectStoreError(ProjectStore.open(dir), 'invalid', new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ${message.source}`));
      await expectStoreError(readProjectFile(dir), 'invalid', message);
      expect(await readFile(file, 'utf8')).toBe(text);
    }
  });

  it('open() refuses a file from a newer schema version without touching it', async () => {
    const dir = join(base, 'newer.emlw');
    await (await ProjectStore.create(dir, 'N')).close();
    const file = join(dir, PROJECT_FILE);
    const d = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    d['version'] = PROJECT_VERSION + 1;
    const text = JSON.stringify(d);
    await writeFile(file, text);
    await expectStoreError(ProjectStore.open(dir), 'newer', /newer version of EML Workbench \(schema version 2/);
    expect(await readFile(file, 'utf8')).toBe(text);
  });

  it('migrateProject() applies each step from the file version up to the target and validates the result', () => {
    const old = { schema: PROJECT_SCHEMA, version: 1, legacyName: 'X' };
    const steps = {
      1: (d: Record<string, unknown>) => ({ ...d, name: d['legacyName'], legacyName: undefined }),
      2: (d: Record<string, unknown>) => ({ ...d, tagged: true }),
    };
    const { data, migrated } = migrateProject(old, 'p.json', steps, 3);
    expect(migrated).toBe(true);
    expect(data).toMatchObject({ version: 3, name: 'X', tagged: true });
    expect(migrateProject({ schema: PROJECT_SCHEMA, version: 3 }, 'p.json', steps, 3).migrated).toBe(false);
    expect(() => migrateProject({ schema: PROJECT_SCHEMA, version: 1 }, 'p.json', { 1: steps[1] }, 3)).toThrow(/p\.json: \$\.version 2 has no migration to version 3/);
    expect(() => migrateProject({ schema: PROJECT_SCHEMA, version: 0 }, 'p.json', steps, 3)).toThrow(/\$\.version must be at least 1/);
  });

  it('open() marks runs left running by a stopped host as interrupted, and saves that', async () => {
    const dir = join(base, 'runs.emlw');
    const store = await ProjectStore.create(dir, 'R');
    await store.update((d) => {
      d.runs.push({
        id: 'r1', kind: 'verify', label: 'v', status: 'running', createdAt: 'a', endedAt: null, progress: { done: 3, total: 9 },
        error: null, arrays: [], settings: { suite: 'unary', mode: 'paper', semantics: 'extended', digits: 40 }, results: [], summary: null,
      });
    });
    await store.close();
    const again = await ProjectStore.open(dir);
    expect(again.data.runs[0]).toMatchObject({ status: 'interrupted', progress: { done: 3, total: 9 } });
    await again.close();
    expect((await readProjectFile(dir)).runs[0]!.status).toBe('interrupted');
  });

  it('open() returns the one store of a folder in this process, and close() ends updates', async () => {
    const dir = join(base, 'one.emlw');
    const a = await ProjectStore.create(dir, 'One');
    const [b, c] = await Promise.all([ProjectStore.open(dir), ProjectStore.open(dir)]);
    expect(b).toBe(a);
    expect(c).toBe(a);
    await a.close();
    await expectStoreError(a.update(() => undefined), 'closed', /was closed/);
  });

  it('a project held by another live process (an older version\'s lock file) is refused; a lock left by a dead process is taken over', async () => {
    const dir = join(base, 'locked.emlw');
    await (await ProjectStore.create(dir, 'L')).close();
    // a live process (a sleeping child) holds the lock
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    try {
      const { hostname } = await import('node:os');
      await writeFile(join(dir, LOCK_DIR), JSON.stringify({ pid: child.pid, host: hostname(), since: 'x' }));
      await expectStoreError(ProjectStore.open(dir), 'locked', new RegExp(`open in another process \\(pid ${child.pid}\\)`));
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    // now the same lock names a dead process
    const store = await ProjectStore.open(dir);
    const markers = await readdir(join(dir, LOCK_DIR));
    expect(markers).toHaveLength(1);
    expect(JSON.parse(await readFile(join(dir, LOCK_DIR, markers[0]!), 'utf8')).pid).toBe(process.pid);
    await store.close();
    await expect(stat(join(dir, LOCK_DIR))).rejects.toThrow();
  });

  it('arrays are written beside project.json and read back exactly; a truncated file is reported', async () => {
    const dir = join(base, 'arrays.emlw');
    const store = await ProjectStore.create(dir, 'A');
    const values = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1e-3 + (i === 7 ? -0 : 0));
    values[3] = Number.NaN;
    values[4] = Number.POSITIVE_INFINITY;
    const ref = await store.writeArray('loss', values);
    expect(ref).toMatchObject({ name: 'loss', length: 1000, dtype: 'float64' });
    expect(ref.file).toMatch(/^arrays\/[0-9a-f-]+\.f64$/);
    expect((await stat(join(dir, ref.file))).size).toBe(8000);
    const back = await store.readArray(ref);
    expect(Array.from(back)).toEqual(Array.from(values));
    expect(await readdir(join(dir, 'arrays'))).toEqual([ref.file.slice('arrays/'.length)]);
    await writeFile(join(dir, ref.file), Buffer.alloc(16));
    await expectStoreError(store.readArray(ref), 'corrupt', /holds 16 bytes, expected 8000/);
    await store.close();
  });

  it('create() refuses a folder that already has files', async () => {
    const dir = join(base, 'taken.emlw');
    await (await ProjectStore.create(dir, 'T')).close();
    await expectStoreError(ProjectStore.create(dir, 'T2'), 'exists', /already exists and is not empty/);
  });

  it('open() of a folder without project.json says so', async () => {
    await expectStoreError(ProjectStore.open(join(base, 'nothing.emlw')), 'missing', /does not exist/);
    await writeFile(join(base, 'file.emlw'), 'x');
    await expectStoreError(ProjectStore.open(join(base, 'file.emlw')), 'missing', /is not a folder/);
  });
});
