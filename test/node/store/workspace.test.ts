// Workspace tests: projects are created as <name>.emlw folders, listed with their counts (a corrupt one
// with its error), opened from the recent list, renamed (name and folder) and deleted; the recent list
// survives a restart and a corrupt one is reported and left alone; a job's hold keeps a project open.

import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PROJECT_FILE, ProjectStore, RECENT_FILE, StoreError, Workspace, projectFolderName, readProjectFile } from '../../../src/node/store';
import { failingFs } from '../../helpers/failingFs';

let base: string;
let ws: Workspace;
const make = (): Workspace => new Workspace({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-ws-'));
  ws = make();
});

afterEach(async () => {
  await ws.shutdown();
  await rm(base, { recursive: true, force: true });
});

describe('Workspace', () => {
  it('projectFolderName(name) keeps letters, digits, - and _, turns other runs into one space, and ends in .emlw', () => {
    expect(projectFolderName('Demo')).toBe('Demo.emlw');
    expect(projectFolderName('  Sheffer / basis: {1, EML}  ')).toBe('Sheffer basis 1 EML.emlw');
    expect(projectFolderName('fit_run-2.1')).toBe('fit_run-2.1.emlw');
    expect(projectFolderName('../../etc')).toBe('etc.emlw');
    expect(projectFolderName('Ökonomie 2')).toBe('Ökonomie 2.emlw');
    expect(() => projectFolderName('   ')).toThrow(/must not be empty/);
    expect(() => projectFolderName('a\u0000b')).toThrow(/control characters/);
  });

  it('create() makes a current project folder in the projects dir and lists it; a second with the same name gets a suffix', async () => {
    const a = await ws.create('Demo');
    expect(a.dir).toBe(join(base, 'projects', 'Demo.emlw'));
    expect(ws.current).toBe(a);
    const b = await ws.create('Demo');
    expect(b.dir).toBe(join(base, 'projects', 'Demo 2.emlw'));
    const info = await ws.info();
    expect(info.current?.path).toBe(b.dir);
    expect(info.projects.map((p) => p.name)).toEqual(['Demo', 'Demo']);
    expect(info.recent.map((r) => r.path)).toEqual([b.dir, a.dir]);
    // switching away closed the first store
    expect(a.closed).toBe(true);
  });

  it('info() lists a corrupt project with its error and does not touch it', async () => {
    const p = await ws.create('Broken');
    await ws.close();
    await writeFile(join(p.dir, PROJECT_FILE), '{oops');
    const info = await ws.info();
    expect(info.projects).toHaveLength(1);
    expect(info.projects[0]!.error).toMatch(/Broken\.emlw\/project\.json is not valid JSON/);
    await expect(ws.open(p.dir)).rejects.toThrow(/not valid JSON.*left untouched/);
    expect(await readFile(join(p.dir, PROJECT_FILE), 'utf8')).toBe('{oops');
  });

  it('the recent list survives a new workspace (host restart) and opens the project intact', async () => {
    const p = await ws.create('Keep');
    await p.update((d) => {
      d.notes.push({ id: 'n', text: 'kept', createdAt: 'a', updatedAt: 'b' });
    });
    await ws.shutdown();
    ws = make();
    const info = await ws.info();
    expect(info.recent.map((r) => r.name)).toEqual(['Keep']);
    const again = await ws.open(info.recent[0]!.path);
    expect(again.data.notes.map((n) => n.text)).toEqual(['kept']);
  });

  it('a corrupt recent.json is reported, left untouched, and the workspace still works', async () => {
    await mkdir(join(base, 'config'), { recursive: true });
    await writeFile(join(base, 'config', RECENT_FILE), '[garbage');
    const p = await ws.create('Still works');
    const info = await ws.info();
    expect(info.recentError).toMatch(/recent\.json cannot be read.*left untouched/);
    expect(info.recent).toEqual([]);
    expect(info.current?.path).toBe(p.dir);
    expect(await readFile(join(base, 'config', RECENT_FILE), 'utf8')).toBe('[garbage');
  });

  it('rename() changes the name and the folder, keeps the project open and the recent entry pointing at it', async () => {
    const p = await ws.create('Old');
    await p.update((d) => {
      d.notes.push({ id: 'n', text: 'x', createdAt: 'a', updatedAt: 'b' });
    });
    const summary = await ws.rename(p.dir, 'New name');
    expect(summary).toMatchObject({ name: 'New name', path: join(base, 'projects', 'New name.emlw') });
    await expect(stat(p.dir)).rejects.toThrow();
    expect(ws.current?.dir).toBe(summary.path);
    expect(ws.current?.data.notes).toHaveLength(1);
    expect((await readProjectFile(summary.path)).name).toBe('New name');
    expect((await ws.info()).recent[0]).toMatchObject({ path: summary.path, name: 'New name' });
  });

  it('rename() refuses a name whose folder exists, and delete() refuses folders that are not projects', async () => {
    const a = await ws.create('A');
    await ws.create('B');
    await expect(ws.rename(a.dir, 'B')).rejects.toThrow(/B\.emlw already exists/);
    await mkdir(join(base, 'projects', 'plain'));
    await expect(ws.delete(join(base, 'projects', 'plain'))).rejects.toThrow(/is not a project folder/);
    await mkdir(join(base, 'projects', 'empty.emlw'));
    await expect(ws.delete(join(base, 'projects', 'empty.emlw'))).rejects.toThrow(/no project\.json/);
    await expect(ws.delete('relative/path.emlw')).rejects.toThrow(/must be absolute/);
  });

  it('delete() removes the open project folder and its recent entry', async () => {
    const p = await ws.create('Gone');
    await ws.delete(p.dir);
    await expect(stat(p.dir)).rejects.toThrow();
    expect(ws.current).toBeNull();
    const info = await ws.info();
    expect(info.recent).toEqual([]);
    expect(info.projects).toEqual([]);
  });

  it('a held project stays open after close() and cannot be renamed or deleted until released', async () => {
    const p = await ws.create('Held');
    ws.retain(p);
    await ws.close();
    expect(ws.current).toBeNull();
    expect(p.closed).toBe(false);
    await p.update((d) => {
      d.name = 'Held';
    });
    await expect(ws.rename(p.dir, 'Other')).rejects.toThrow(StoreError);
    await expect(ws.delete(p.dir)).rejects.toThrow(/while a job writes to it/);
    await ws.release(p);
    expect(p.closed).toBe(true);
    expect(await ProjectStore.find(p.dir)).toBeUndefined();
  });

  it('create() and rename() refuse a name that is not one line of printable text, and nothing changes on disk', async () => {
    for (const bad of ['p\u2028globalThis.x = 1; //', 'a\nb', 'esc\u001b[31m', 'rtl\u202e']) {
      await expect(ws.create(bad)).rejects.toThrow(/a project name must be one line of printable text, but character \d+ is U\+[0-9A-F]{4}/);
    }
    expect((await ws.info()).projects).toEqual([]);
    const p = await ws.create('Kept');
    await expect(ws.rename(p.dir, 'x\u2029y')).rejects.toThrow(/U\+2029 \(paragraph separator\)/);
    expect((await readProjectFile(p.dir)).name).toBe('Kept');
    expect(ws.current?.dir).toBe(p.dir);
  });

  it('a recent list that cannot be saved is reported, and the project still opens', async () => {
    const disk = failingFs();
    const own = new Workspace({ projectsDir: join(base, 'projects'), configDir: join(base, 'config2'), fs: disk.fs });
    const a = await own.create('Alpha');
    const b = await own.create('Beta');
    disk.writeError = 'ENOSPC';
    disk.failPaths = /recent\.json/;
    expect((await own.open(a.dir)).dir).toBe(a.dir);
    const info = await own.info();
    expect(info.current?.path).toBe(a.dir);
    expect(info.recentError).toMatch(/could not save .*recent\.json: the disk is full \(ENOSPC\)/);
    // the list is as it was saved: Beta first
    expect(info.recent.map((r) => r.path)).toEqual([b.dir, a.dir]);
    disk.writeError = null;
    await own.open(b.dir);
    await own.open(a.dir);
    expect((await own.info()).recentError).toBeNull();
    expect((await own.info()).recent.map((r) => r.path)).toEqual([a.dir, b.dir]);
    await own.shutdown();
  });
});
