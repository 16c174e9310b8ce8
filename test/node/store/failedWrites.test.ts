// Failed writes change nothing and are reported: on a full disk (an injected file system whose writes
// put half their data down and then fail with ENOSPC) an update rejects with a 'write' error, the data
// in memory and the file on disk stay as they were, no temporary file is left, and every update that
// was reported saved is on disk. A folder that cannot be written opens read-only.

import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ARRAYS_DIR, LOCK_DIR, PROJECT_FILE, ProjectStore, StoreError, readProjectFile } from '../../../src/node/store';
import type { NoteRecord } from '../../../src/shared/project';
import { failingFs } from '../../helpers/failingFs';

let base: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-fail-'));
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const note = (id: string): NoteRecord => ({ id, text: `note ${id}`, createdAt: 'c', updatedAt: 'u' });

/** Returns what `p` rejects with (or undefined when it resolves). */
async function rejection(p: Promise<unknown>): Promise<unknown> {
  return await p.then(
    () => undefined,
    (e: unknown) => e,
  );
}

/** Names in `dir` (recursively, one level of folders) that are temporary files. */
async function tempFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const name of await readdir(dir)) {
    if (name.endsWith('.tmp')) out.push(name);
    if (name === ARRAYS_DIR) for (const n of await readdir(join(dir, name))) if (n.endsWith('.tmp')) out.push(`${name}/${n}`);
  }
  return out;
}

describe('ProjectStore on a full disk', () => {
  it('update() rejects with the write error and leaves memory, the file and the folder as they were', async () => {
    const disk = failingFs();
    const dir = join(base, 'full.emlw');
    const store = await ProjectStore.create(dir, 'Full', { fs: disk.fs });
    await store.update((d) => {
      d.notes.push(note('kept'));
    });
    const before = structuredClone(store.data);
    const fileBefore = await readFile(join(dir, PROJECT_FILE), 'utf8');
    disk.writeError = 'ENOSPC';
    const error = await rejection(
      store.update((d) => {
        d.notes.push(note('lost'));
        d.name = 'Renamed';
      }),
    );
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('write');
    expect((error as StoreError).message).toMatch(/could not save .*project\.json: the disk is full \(ENOSPC\)/);
    expect(disk.failures).toBe(1);
    // memory, file and folder unchanged
    expect(store.data).toEqual(before);
    expect(await readFile(join(dir, PROJECT_FILE), 'utf8')).toBe(fileBefore);
    expect(await tempFiles(dir)).toEqual([]);
    // once there is room again, the next change is saved alone: the failed one never reappears
    disk.writeError = null;
    await store.update((d) => {
      d.notes.push(note('after'));
    });
    expect(store.data.notes.map((n) => n.id)).toEqual(['kept', 'after']);
    expect(store.data.name).toBe('Full');
    await store.close();
    const disk2 = await readProjectFile(dir);
    expect(disk2.notes.map((n) => n.id)).toEqual(['kept', 'after']);
    expect(disk2.name).toBe('Full');
  });

  it('every update reported saved is on disk and none reported failed is, when writes fail now and then', async () => {
    const disk = failingFs();
    const dir = join(base, 'flaky.emlw');
    const store = await ProjectStore.create(dir, 'Flaky', { fs: disk.fs });
    const saved = new Set<string>();
    const failed = new Set<string>();
    for (let burst = 0; burst < 30; burst++) {
      // the first update of a burst is written alone, the other six queue behind it and share the next
      // write: fail neither, the first, or both (ENOSPC, then EIO)
      disk.writeError = burst % 3 === 2 ? 'EIO' : 'ENOSPC';
      disk.failNext = burst % 3;
      await Promise.all(
        Array.from({ length: 7 }, (_, k) => {
          const id = `b${burst}-${k}`;
          return store
            .update((d) => {
              d.notes.push(note(id));
            })
            .then(
              () => saved.add(id),
              () => failed.add(id),
            );
        }),
      );
    }
    // bursts with one failure lost only their first update: the queued ones were applied again and saved
    expect(saved.has('b1-0')).toBe(false);
    expect(saved.has('b1-1')).toBe(true);
    expect(saved.size).toBeGreaterThan(0);
    expect(failed.size).toBeGreaterThan(0);
    expect(saved.size + failed.size).toBe(30 * 7);
    // memory holds exactly the saved ones, and so does the file
    expect(new Set(store.data.notes.map((n) => n.id))).toEqual(saved);
    await store.close();
    expect(new Set((await readProjectFile(dir)).notes.map((n) => n.id))).toEqual(saved);
    expect(await tempFiles(dir)).toEqual([]);
  });

  it('a change that throws half-way is dropped while the changes queued beside it are saved', async () => {
    const dir = join(base, 'throw.emlw');
    const store = await ProjectStore.create(dir, 'Throw');
    const results = await Promise.allSettled([
      store.update((d) => d.notes.push(note('a'))),
      store.update((d) => {
        d.notes.push(note('half'));
        throw new Error('changed its mind');
      }),
      store.update((d) => d.notes.push(note('b'))),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(store.data.notes.map((n) => n.id)).toEqual(['a', 'b']);
    await store.close();
    expect((await readProjectFile(dir)).notes.map((n) => n.id)).toEqual(['a', 'b']);
  });

  it('the data it hands out cannot be changed without a write', async () => {
    const store = await ProjectStore.create(join(base, 'frozen.emlw'), 'Frozen');
    await store.update((d) => d.notes.push(note('n')));
    expect(() => {
      (store.data.notes as NoteRecord[]).push(note('sneaky'));
    }).toThrow(TypeError);
    expect(() => {
      (store.data.notes[0] as { text: string }).text = 'edited';
    }).toThrow(TypeError);
    expect(store.data.notes.map((n) => n.text)).toEqual(['note n']);
    await store.close();
  });

  it('writeArray() on a full disk rejects and leaves no partial file', async () => {
    const disk = failingFs();
    const dir = join(base, 'arrays.emlw');
    const store = await ProjectStore.create(dir, 'Arrays', { fs: disk.fs });
    disk.writeError = 'ENOSPC';
    const error = await rejection(store.writeArray('x', new Float64Array(1000)));
    expect((error as StoreError).code).toBe('write');
    expect((error as StoreError).message).toMatch(/arrays\/.*\.f64: the disk is full/);
    expect(await readdir(join(dir, ARRAYS_DIR))).toEqual([]);
    await store.close();
  });

  it('open() removes the temporary files a killed writer left (its own and an older version\'s)', async () => {
    const dir = join(base, 'leftovers.emlw');
    await (await ProjectStore.create(dir, 'Left')).close();
    await writeFile(join(dir, '.project.json.tmp'), '{"half');
    await writeFile(join(dir, '.project.json.0123456789ab.tmp'), '{"half');
    await (await ProjectStore.create(join(base, 'other.emlw'), 'O')).close();
    const store = await ProjectStore.open(dir);
    await store.writeArray('a', new Float64Array(4));
    await writeFile(join(dir, ARRAYS_DIR, '.x.f64.0123456789ab.tmp'), 'partial');
    await store.close();
    await (await ProjectStore.open(dir)).close();
    expect(await tempFiles(dir)).toEqual([]);
  });
});

describe('ProjectStore in a folder that cannot be written', () => {
  for (const code of ['EACCES', 'EROFS']) {
    it(`opens read-only (${code}): the data reads as on disk, changes are refused by name, nothing is written`, async () => {
      const dir = join(base, `ro-${code}.emlw`);
      const store = await ProjectStore.create(dir, 'RO');
      await store.update((d) => {
        d.notes.push(note('n1'));
        d.runs.push({
          id: 'r1', kind: 'verify', label: 'v', status: 'running', createdAt: 'a', endedAt: null, progress: { done: 1, total: 2 },
          error: null, arrays: [], settings: { suite: 'unary', mode: 'paper', semantics: 'extended', digits: 40 }, results: [], summary: null,
        });
      });
      await store.close();
      const fileBefore = await readFile(join(dir, PROJECT_FILE), 'utf8');
      const disk = failingFs();
      disk.mkdirError = code;
      const ro = await ProjectStore.open(dir, { fs: disk.fs });
      expect(ro.readOnly).toMatch(new RegExp(`cannot be written: .*\\(${code}\\)`));
      expect(ro.snapshot().readOnly).toBe(ro.readOnly);
      // as on disk: a run another host may still be running is not marked interrupted here
      expect(ro.data.notes.map((n) => n.id)).toEqual(['n1']);
      expect(ro.data.runs[0]!.status).toBe('running');
      const error = await rejection(ro.update((d) => d.notes.push(note('n2'))));
      expect((error as StoreError).code).toBe('readonly');
      expect((error as StoreError).message).toMatch(/is open read-only .*the change was not saved/);
      await expect(ro.writeArray('a', new Float64Array(2))).rejects.toThrow(/open read-only/);
      await ro.close();
      expect(await readFile(join(dir, PROJECT_FILE), 'utf8')).toBe(fileBefore);
      expect(await readdir(dir)).not.toContain(LOCK_DIR);
    });
  }

  it('a writable project reports readOnly null', async () => {
    const store = await ProjectStore.create(join(base, 'rw.emlw'), 'RW');
    expect(store.readOnly).toBeNull();
    expect(store.snapshot().readOnly).toBeNull();
    await store.close();
  });
});
