// The package manifest: the Node.js versions it declares are ones every installed package supports (else
// `npm ci` warns EBADENGINE on a Node the manifest claims to support).
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const json = (f: string) => JSON.parse(readFileSync(join(root, f), 'utf8')) as Record<string, unknown>;

type Version = [number, number, number];
const parse = (v: string): Version => {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(v.trim());
  if (!m) throw new Error(`not a version: '${v}'`);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
};
const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** True when version v satisfies an engines range made of `||` alternatives of `>=X`, `^X` or `X` (other forms throw). */
function satisfies(v: Version, range: string): boolean {
  return range.split('||').some((alt) => {
    const a = alt.trim();
    let m: RegExpExecArray | null;
    if ((m = /^>=\s*(\S+)$/.exec(a))) return cmp(v, parse(m[1]!)) >= 0;
    if ((m = /^\^\s*(\S+)$/.exec(a))) { const b = parse(m[1]!); return v[0] === b[0] && cmp(v, b) >= 0; }
    if (/^\d+(\.\d+){0,2}$/.test(a)) { const b = parse(a); return v[0] === b[0] && (a.split('.').length < 2 || v[1] === b[1]) && (a.split('.').length < 3 || v[2] === b[2]); }
    throw new Error(`engines range '${range}': unsupported form '${a}'`);
  });
}

describe('package.json engines', () => {
  it('names a lowest Node.js version that every installed package supports', () => {
    const declared = (json('package.json')['engines'] as { node: string }).node;
    const m = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(declared);
    expect(m, `engines.node '${declared}' is a '>=' range`).not.toBeNull();
    const lowest = parse(m![1]!);
    const packages = json('package-lock.json')['packages'] as Record<string, { engines?: { node?: string } | string[] }>;
    expect((packages['']!.engines as { node: string }).node).toBe(declared);
    const unsupported: string[] = [];
    for (const [path, p] of Object.entries(packages)) {
      const node = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      if (path !== '' && node && !satisfies(lowest, node)) unsupported.push(`${path.replace(/^.*node_modules\//, '')} (${node})`);
    }
    expect(unsupported).toEqual([]);
  });

  it('reads the range forms of the lock file', () => {
    expect(satisfies([22, 12, 0], '>= 22.12.0')).toBe(true);
    expect(satisfies([20, 0, 0], '>=22.12.0')).toBe(false);
    expect(satisfies([22, 12, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([23, 0, 0], '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(false);
    expect(satisfies([22, 12, 0], '^12.20.0 || ^14.13.1 || >=16.0.0')).toBe(true);
    expect(() => satisfies([22, 0, 0], '~22.1')).toThrow(/unsupported form/);
  });
});
