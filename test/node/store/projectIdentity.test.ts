// A project is one folder however it is reached: through a symlink, or through the path the listing
// gives for a name cut at 80 UTF-16 units inside a surrogate pair. In this process every path finds the
// one open store; another process (a second host) is refused by the lock through any of them.

import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { bundleFixture } from '../../helpers/bundleFixture';
import { MAX_FOLDER_STEM, PROJECT_EXTENSION, ProjectStore, Workspace, projectFolderName, readProjectFile } from '../../../src/node/store';

let base: string;
let racerFile: string;
let ws: Workspace;

beforeAll(async () => {
  racerFile = await bundleFixture(resolve(__dirname, 'fixtures/lockRacer.ts'), await mkdtemp(join(tmpdir(), 'eml-ident-bin-')), 'lockRacer');
});

afterAll(async () => {
  await rm(join(racerFile, '..'), { recursive: true, force: true });
});

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-ident-'));
  ws = new Workspace({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
});

afterEach(async () => {
  await ws.shutdown();
  await rm(base, { recursive: true, force: true });
});

/** Asks a fresh child process (the real store, bundled) to open `dir`; returns its answer. */
async function openElsewhere(dir: string): Promise<{ held: boolean; error: string | null }> {
  const child: ChildProcess = fork(racerFile, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  try {
    return await new Promise((r) => {
      child.on('message', (m: { type: string; held: boolean; error: string | null }) => {
        if (m.type === 'ready') child.send({ type: 'open', dir });
        if (m.type === 'opened') r(m);
      });
    });
  } finally {
    child.kill('SIGKILL');
  }
}

const lonelySurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe('one project, many paths', () => {
  it('a symlink to an open project finds the same store here and is refused in another process', async () => {
    const store = await ws.create('Linked');
    const link = join(base, 'link.emlw');
    await symlink(store.dir, link);
    expect(await ProjectStore.find(link)).toBe(store);
    expect(await ProjectStore.open(link)).toBe(store);
    expect((await ws.open(link)).dir).toBe(store.dir);
    // a second host: refused through the link and through the real path alike
    for (const path of [link, store.dir]) {
      const answer = await openElsewhere(path);
      expect(answer.held).toBe(false);
      expect(answer.error).toMatch(new RegExp(`open in another process \\(pid ${process.pid}\\)`));
    }
    // saves made through either path land in the one file
    await (await ProjectStore.open(link)).update((d) => d.notes.push({ id: 'via-link', text: 't', createdAt: 'c', updatedAt: 'u' }));
    await store.update((d) => d.notes.push({ id: 'via-real', text: 't', createdAt: 'c', updatedAt: 'u' }));
    expect((await readProjectFile(store.dir)).notes.map((n) => n.id)).toEqual(['via-link', 'via-real']);
  });

  it('projectFolderName() cuts at 80 UTF-16 units between code points, never inside a surrogate pair', () => {
    // U+20000, a CJK letter outside the BMP: one character, two UTF-16 units
    const pair = '\u{20000}';
    for (let before = 76; before <= 82; before++) {
      const folder = projectFolderName('a'.repeat(before) + pair.repeat(3));
      const stem = folder.slice(0, -PROJECT_EXTENSION.length);
      expect(stem.length).toBeLessThanOrEqual(MAX_FOLDER_STEM);
      expect(lonelySurrogate.test(folder)).toBe(false);
      // as many whole characters as fit
      expect(stem.length).toBeGreaterThanOrEqual(MAX_FOLDER_STEM - 1);
    }
    expect(projectFolderName('a'.repeat(79) + pair)).toBe('a'.repeat(79) + PROJECT_EXTENSION);
    expect(projectFolderName('a'.repeat(78) + pair)).toBe('a'.repeat(78) + pair + PROJECT_EXTENSION);
    // a cut that ends in a space or a dot drops them
    expect(projectFolderName('a'.repeat(79) + ' b')).toBe('a'.repeat(79) + PROJECT_EXTENSION);
  });

  it('a name cut inside a surrogate pair lists under the path it was created at, and that path finds the open store', async () => {
    const store = await ws.create('a'.repeat(79) + '\u{20000} and more');
    expect(store.dir.endsWith('a'.repeat(79) + PROJECT_EXTENSION)).toBe(true);
    const listed = (await ws.info()).projects.map((p) => p.path);
    expect(listed).toEqual([store.dir]);
    expect(await readdir(join(base, 'projects'))).toEqual([store.dir.slice(join(base, 'projects').length + 1)]);
    expect(await ProjectStore.open(listed[0]!)).toBe(store);
    const answer = await openElsewhere(listed[0]!);
    expect(answer.held).toBe(false);
    expect(answer.error).toMatch(/open in another process/);
  });
});
