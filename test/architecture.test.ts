// The layering of src/ as the architecture describes it, checked on the import statements themselves: which
// layer may import which (no upward imports; src/core pure; electron only in the Electron shell), and no import
// circles among the modules that run (type-only imports are erased, so they do not count).

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const files: string[] = [];
const walk = (d: string) => {
  for (const f of readdirSync(d)) {
    const p = join(d, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.tsx?$/.test(f) && !f.endsWith('.d.ts')) files.push(p);
  }
};
walk(join(root, 'src'));

interface Edge { from: string; spec: string; typeOnly: boolean }
const edges: Edge[] = files.flatMap((f) => {
  const text = readFileSync(f, 'utf8');
  const out: Edge[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/gm)) out.push({ from: f, spec: m[3]!, typeOnly: Boolean(m[2]) });
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push({ from: f, spec: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push({ from: f, spec: m[1]!, typeOnly: false });
  return out;
});

const layerOf = (abs: string): string => relative(join(root, 'src'), abs).split('/')[0]!;
/** The layer or package an import reaches: 'core', 'node', … for src/, 'node:' for Node built-ins, else the package. */
function target(e: Edge): string {
  if (e.spec.startsWith('.')) {
    const abs = resolve(dirname(e.from), e.spec);
    return abs.startsWith(join(root, 'src')) ? layerOf(abs) : `outside src: ${relative(root, abs)}`;
  }
  if (e.spec.startsWith('node:')) return 'node:';
  const parts = e.spec.split('/');
  return e.spec.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** What each layer may import besides itself. */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['decimal.js', 'ml-levenberg-marquardt'],
  shared: ['core'],
  node: ['core', 'shared', 'node:', 'bullmq', 'ioredis', 'lowdb', 'd3-dsv', 'decimal.js'],
  cli: ['core', 'shared', 'node', 'node:'],
  server: ['node', 'shared', 'core', 'node:'],
  main: ['node', 'shared', 'core', 'node:', 'electron'],
  preload: ['shared', 'electron'],
  renderer: ['core', 'shared', 'solid-js', 'd3', 'fflate', 'katex', 'd3-dsv'],
};

describe('src/ layering', () => {
  it('has the layers this test knows', () => {
    expect([...new Set(files.map(layerOf))].sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  it('imports only downwards: each layer from itself and the layers and packages it may use', () => {
    const bad = edges.filter((e) => {
      const from = layerOf(e.from), to = target(e);
      // import.meta / package.json reads outside src are data, not layers (e.g. the app root's package.json)
      if (to.startsWith('outside src:')) return !to.endsWith('package.json');
      return to !== from && !ALLOWED[from]!.includes(to);
    }).map((e) => `${relative(root, e.from)} imports ${e.spec}`);
    expect(bad).toEqual([]);
  });

  it('keeps electron in the Electron shell and Node built-ins out of src/core, src/shared and the renderer', () => {
    const offenders = edges.filter((e) => {
      const from = layerOf(e.from), to = target(e);
      return (to === 'electron' && from !== 'main' && from !== 'preload') || (to === 'node:' && ['core', 'shared', 'renderer'].includes(from));
    }).map((e) => `${relative(root, e.from)} imports ${e.spec}`);
    expect(offenders).toEqual([]);
  });

  it('has no import circles among the modules that run (type-only imports aside)', () => {
    const resolveFile = (e: Edge): string | null => {
      if (!e.spec.startsWith('.')) return null;
      const base = resolve(dirname(e.from), e.spec);
      return [`${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((c) => files.includes(c)) ?? null;
    };
    const graph = new Map<string, string[]>(files.map((f) => [f, []]));
    for (const e of edges) {
      if (e.typeOnly) continue;
      const to = resolveFile(e);
      if (to) graph.get(e.from)!.push(to);
    }
    // Tarjan's strongly connected components, iteratively
    const index = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
    const circles: string[][] = [];
    let next = 0;
    for (const start of files) {
      if (index.has(start)) continue;
      const work: Array<{ v: string; i: number }> = [{ v: start, i: 0 }];
      index.set(start, next); low.set(start, next); next++; stack.push(start); onStack.add(start);
      while (work.length > 0) {
        const top = work[work.length - 1]!, deps = graph.get(top.v)!;
        if (top.i < deps.length) {
          const w = deps[top.i++]!;
          if (!index.has(w)) {
            index.set(w, next); low.set(w, next); next++; stack.push(w); onStack.add(w);
            work.push({ v: w, i: 0 });
          } else if (onStack.has(w)) low.set(top.v, Math.min(low.get(top.v)!, index.get(w)!));
          continue;
        }
        work.pop();
        if (work.length > 0) { const parent = work[work.length - 1]!.v; low.set(parent, Math.min(low.get(parent)!, low.get(top.v)!)); }
        if (low.get(top.v) === index.get(top.v)) {
          const comp: string[] = [];
          let w: string;
          do { w = stack.pop()!; onStack.delete(w); comp.push(relative(root, w)); } while (w !== top.v);
          if (comp.length > 1) circles.push(comp.sort());
        }
      }
    }
    expect(circles).toEqual([]);
  });
});
