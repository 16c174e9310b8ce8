// What the store refuses to read or write: a project.json (or an array file) that is a FIFO is refused at
// once instead of blocking a thread of Node's file I/O pool forever; a project.json over
// MAX_PROJECT_BYTES is refused on open and in the listing with its size and the limit; a change that
// would grow it past the limit is refused and changes nothing. The listing follows project.json changes.

import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_PROJECT_BYTES, PROJECT_FILE, ProjectStore, StoreError, Workspace } from '../../../src/node/store';

let base: string;
let ws: Workspace;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-limits-'));
  ws = new Workspace({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
});

afterEach(async () => {
  await ws.shutdown();
  await rm(base, { recursive: true, force: true });
});

async function storeError(p: Promise<unknown>): Promise<StoreError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(StoreError);
  return e as StoreError;
}

describe('files the store will not read', () => {
  it('a FIFO named project.json is refused at once, on open and in the listing', async () => {
    const p = await ws.create('Piped');
    await ws.close();
    const file = join(p.dir, PROJECT_FILE);
    await unlink(file);
    execFileSync('mkfifo', [file]);
    const e = await storeError(ws.open(p.dir));
    expect(e.code).toBe('refused');
    expect(e.message).toMatch(/project\.json is a FIFO, not a regular file; the project was not read/);
    const info = await ws.info();
    expect(info.projects).toHaveLength(1);
    expect(info.projects[0]!.error).toMatch(/is a FIFO, not a regular file/);
    // the host's file I/O still works afterwards (a blocked pool would stall this read)
    expect(JSON.parse(await readFile(join(base, 'config', 'recent.json'), 'utf8')).recent).toHaveLength(1);
  });

  it('an array file that is a FIFO is refused when read', async () => {
    const store = await ws.create('Arrays');
    const ref = await store.writeArray('x', new Float64Array([1, 2, 3]));
    await unlink(join(store.dir, ref.file));
    execFileSync('mkfifo', [join(store.dir, ref.file)]);
    const e = await storeError(store.readArray(ref));
    expect(e.message).toMatch(/\.f64 is a FIFO, not a regular file/);
  });

  it(`a project.json over ${MAX_PROJECT_BYTES / 2 ** 20} MB is refused with its size and the limit, and left as it is`, async () => {
    const p = await ws.create('Huge');
    await ws.close();
    const file = join(p.dir, PROJECT_FILE);
    // a sparse file: the size is what counts, it is never read
    await truncate(file, MAX_PROJECT_BYTES + 1);
    const e = await storeError(ws.open(p.dir));
    expect(e.code).toBe('tooLarge');
    expect(e.message).toMatch(/project\.json is 32\.0 MB, more than the 32\.0 MB this version reads; the project was not read/);
    expect((await ws.info()).projects[0]!.error).toMatch(/more than the 32\.0 MB this version reads/);
  });

  it('a change that would grow project.json past the limit is refused and changes nothing', async () => {
    const store = await ws.create('Growing');
    await store.update((d) => d.notes.push({ id: 'small', text: 'ok', createdAt: 'c', updatedAt: 'u' }));
    const before = await readFile(store.file, 'utf8');
    const e = await storeError(store.update((d) => d.notes.push({ id: 'big', text: 'x'.repeat(MAX_PROJECT_BYTES), createdAt: 'c', updatedAt: 'u' })));
    expect(e.code).toBe('tooLarge');
    expect(e.message).toMatch(/the project would grow to 32\.0 MB, more than the 32\.0 MB limit of .*project\.json; the change was not saved/);
    expect(store.data.notes.map((n) => n.id)).toEqual(['small']);
    expect(await readFile(store.file, 'utf8')).toBe(before);
  });
});

describe('Workspace.info() listing', () => {
  it('reads a project again when its project.json changed, and not its old summary', async () => {
    const p = await ws.create('First');
    await ws.close();
    expect((await ws.info()).projects.map((x) => x.name)).toEqual(['First']);
    const d = JSON.parse(await readFile(join(p.dir, PROJECT_FILE), 'utf8')) as { name: string };
    d.name = 'Second name, longer';
    await writeFile(join(p.dir, PROJECT_FILE), JSON.stringify(d));
    expect((await ws.info()).projects.map((x) => x.name)).toEqual(['Second name, longer']);
    const opened = await ProjectStore.open(p.dir);
    await opened.update((x) => (x.name = 'Third'));
    expect((await ws.info()).projects.map((x) => x.name)).toEqual(['Third']);
    await opened.close();
  });
});
