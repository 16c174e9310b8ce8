// Nesting depth of project files: measured on the text (brackets inside strings do not count), compared
// with the depth of the parsed value; a project.json nested 100,000 levels deep is refused by name on open,
// over the API too (409, not a stack overflow), and left byte for byte untouched.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, createServices, dispatch, type Services } from '../../../src/node/api';
import { ProjectStore, StoreError, readProjectFile } from '../../../src/node/store';
import { jsonNestingDepth, MAX_PROJECT_JSON_DEPTH } from '../../../src/node/store/jsonDepth';

/** Depth of a parsed JSON value, by recursion (the independent reference for small values). */
function parsedDepth(v: unknown): number {
  if (Array.isArray(v)) return 1 + Math.max(0, ...v.map(parsedDepth));
  if (v !== null && typeof v === 'object') return 1 + Math.max(0, ...Object.values(v).map(parsedDepth));
  return 0;
}

describe('jsonNestingDepth', () => {
  it.each([
    ['', 0],
    ['42', 0],
    ['"[[{"', 0],
    ['{}', 1],
    ['[[],[[]]]', 3],
    ['{"a":{"b":[1,{"c":[]}]}}', 5],
    ['["[[[[", {"a": "}]"}]', 2],
    ['["\\"[[", "\\\\", []]', 2],
  ])('%s nests %i deep', (text, depth) => {
    expect(jsonNestingDepth(text).depth).toBe(depth);
  });

  it('agrees with the depth of the parsed value for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), (value) => {
        const text = JSON.stringify(value);
        expect(jsonNestingDepth(text).depth).toBe(parsedDepth(value));
      }),
      { numRuns: 300 },
    );
  });

  it('says where the deepest level starts and stops counting past the limit', () => {
    expect(jsonNestingDepth('{"a":[[1]]}')).toEqual({ depth: 3, offset: 6 });
    expect(jsonNestingDepth('[' .repeat(1000) + ']'.repeat(1000), 10)).toEqual({ depth: 11, offset: 10 });
  });
});

describe('a deeply nested project.json', () => {
  let base: string;
  let services: Services | undefined;

  beforeEach(async () => {
    base = await mkdtemp(join(tmpdir(), 'eml-deep-'));
  });

  afterEach(async () => {
    await services?.close();
    services = undefined;
    await rm(base, { recursive: true, force: true });
  });

  /** A real project whose project.json gains a field nested `levels` deep; returns its folder and bytes. */
  async function deepProject(levels: number): Promise<{ dir: string; bytes: Buffer }> {
    const dir = join(base, 'projects', 'Deep.emlw');
    const store = await ProjectStore.create(dir, 'Deep');
    await store.close();
    const file = join(dir, 'project.json');
    const data = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const text = JSON.stringify({ ...data, extra: '@' }).replace('"@"', '['.repeat(levels) + ']'.repeat(levels));
    await writeFile(file, text);
    return { dir, bytes: await readFile(file) };
  }

  it('is refused on open and on read, naming the file and the depth, and left untouched', async () => {
    const { dir, bytes } = await deepProject(100_000);
    for (const attempt of [() => ProjectStore.open(dir), () => readProjectFile(dir)]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('corrupt');
      expect((error as StoreError).message).toMatch(
        new RegExp(`Deep\\.emlw/project\\.json nests arrays or objects more than ${MAX_PROJECT_JSON_DEPTH} levels deep \\(level ${MAX_PROJECT_JSON_DEPTH + 1} at character \\d+\\)`),
      );
    }
    expect(await readFile(join(dir, 'project.json'))).toEqual(bytes);
  });

  it('answers eml:project:open with a 409 naming the problem, not an internal error', async () => {
    const { dir, bytes } = await deepProject(100_000);
    services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
    const handlers = createHandlers({ services });
    const error = await dispatch(handlers, 'eml:project:open', { path: dir }).then(
      () => undefined,
      (e: unknown) => e as { status: number; message: string },
    );
    expect(error?.status).toBe(409);
    expect(error?.message).toMatch(/^eml:project:open: store: .*project\.json nests arrays or objects more than 64 levels deep/);
    expect(await readFile(join(dir, 'project.json'))).toEqual(bytes);
  });

  it('opens a project whose extra field nests exactly as deep as allowed', async () => {
    // the project object itself is level 1, so the field adds MAX - 1 levels
    const { dir } = await deepProject(MAX_PROJECT_JSON_DEPTH - 1);
    const store = await ProjectStore.open(dir);
    expect(store.data.name).toBe('Deep');
    await store.close();
  });
});
