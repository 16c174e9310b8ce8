import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleFiles, bundleHash } from '../../../src/node/cluster/runKind';
import { workerPath } from '../../../src/node/jobs/runWorker';

describe('engine build of a split worker bundle', () => {
  it('covers the entry and every chunk it loads, statically or with import(), and nothing else', () => {
    const dir = mkdtempSync(join(tmpdir(), 'emlw-bundle-'));
    mkdirSync(join(dir, 'chunks'));
    const file = (name: string, text: string) => writeFileSync(join(dir, name), text);
    file('entry.mjs', 'import { a } from "./chunks/a.mjs";\nimport "./chunks/side.mjs";\nexport const run = () => import("./chunks/task.mjs");\n');
    file('chunks/a.mjs', 'export const a = 1;\n');
    file('chunks/side.mjs', 'globalThis.x = 1;\n');
    file('chunks/task.mjs', 'import { b } from "./b.mjs";\nexport const t = b;\n');
    file('chunks/b.mjs', 'export const b = 2;\n');
    file('chunks/other.mjs', 'export const o = 3;\n');
    expect(bundleFiles(join(dir, 'entry.mjs')).map((f) => f.slice(dir.length + 1))).toEqual(
      ['chunks/a.mjs', 'chunks/b.mjs', 'chunks/side.mjs', 'chunks/task.mjs', 'entry.mjs']);
    const before = bundleHash(join(dir, 'entry.mjs'));
    expect(before).toMatch(/^[0-9a-f]{16}$/);
    file('chunks/other.mjs', 'export const o = 4;\n');
    expect(bundleHash(join(dir, 'entry.mjs'))).toBe(before);
    // a change deep in a chunk loaded on demand changes the build
    file('chunks/b.mjs', 'export const b = 3;\n');
    expect(bundleHash(join(dir, 'entry.mjs'))).not.toBe(before);
  });

  it('of the train worker includes the trainer, which its entry file alone may not hold', () => {
    const files = bundleFiles(workerPath('train'));
    expect(files.length).toBeGreaterThan(1);
    expect(files.some((f) => readFileSync(f, 'utf8').includes('// src/core/train/trainer.ts'))).toBe(true);
  });
});
