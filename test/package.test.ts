// The package manifest: the Node.js versions it declares are ones every installed package supports (else
// `npm ci` warns EBADENGINE on a Node the manifest claims to support). The one exception is Electron's npm
// package and the installer only it uses: they declare Node 22.12, though the app runs on the Node that
// Electron bundles and everything else runs on Node 20.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const json = (f: string) => JSON.parse(readFileSync(join(root, f), 'utf8')) as Record<string, unknown>;

type Version = [number, number, number];
/** A set of versions from lo (included) to hi (excluded; null = no end). */
type Interval = { lo: Version; hi: Version | null };

const parse = (v: string): Version => {
  const m = /^(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(v.trim());
  if (!m) throw new Error(`not a version: '${v}'`);
  return [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
};
const cmp = (a: Version, b: Version): number => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];

/** The versions of an engines range made of `||` alternatives of `>=X`, `^X` or `X` (other forms throw). */
function intervals(range: string): Interval[] {
  return range.split('||').map((alt) => {
    const a = alt.trim();
    let m: RegExpExecArray | null;
    if ((m = /^>=\s*(\S+)$/.exec(a))) return { lo: parse(m[1]!), hi: null };
    if ((m = /^\^\s*(\S+)$/.exec(a))) { const lo = parse(m[1]!); return { lo, hi: [lo[0] + 1, 0, 0] as Version }; }
    if (/^\d+(\.\d+){0,2}$/.test(a)) {
      const lo = parse(a);
      const parts = a.split('.').length;
      const hi: Version = parts === 1 ? [lo[0] + 1, 0, 0] : parts === 2 ? [lo[0], lo[1] + 1, 0] : [lo[0], lo[1], lo[2] + 1];
      return { lo, hi };
    }
    throw new Error(`engines range '${range}': unsupported form '${a}'`);
  });
}

function satisfies(v: Version, range: string): boolean {
  return intervals(range).some((i) => cmp(v, i.lo) >= 0 && (i.hi === null || cmp(v, i.hi) < 0));
}

/**
 * True when every version in `inner` is in `outer`. Both are unions of intervals closed below and open above, so
 * whether a version belongs to either changes only at an interval's end: checking those ends decides it.
 */
function within(inner: string, outer: string): boolean {
  const ends = [...intervals(inner), ...intervals(outer)].flatMap((i) => (i.hi ? [i.lo, i.hi] : [i.lo]));
  return ends.every((v) => !satisfies(v, inner) || satisfies(v, outer));
}

/** Electron's npm package (it downloads the binary) and the packages of its installer. */
const ELECTRON_INSTALLER = ['electron', '@electron/get', '@electron-internal/extract-zip'];

describe('package.json engines', () => {
  const declared = (json('package.json')['engines'] as { node: string }).node;
  const packages = json('package-lock.json')['packages'] as Record<string, {
    version?: string; engines?: { node?: string } | string[]; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string>;
  }>;
  const nameOf = (path: string) => path.replace(/^.*node_modules\//, '');

  it('claims only Node.js versions that every installed package supports, Node 20 among them', () => {
    expect((packages['']!.engines as { node: string }).node).toBe(declared);
    expect(satisfies([20, 20, 2], declared), `engines.node '${declared}' takes Node 20.20.2`).toBe(true);
    const unsupported: string[] = [];
    for (const [path, p] of Object.entries(packages)) {
      const node = p.engines && !Array.isArray(p.engines) ? p.engines.node : undefined;
      if (path !== '' && node && !within(declared, node)) unsupported.push(`${nameOf(path)}@${p.version} (${node})`);
    }
    expect(unsupported.filter((u) => !ELECTRON_INSTALLER.some((e) => u.startsWith(`${e}@`)))).toEqual([]);
  });

  it('leaves out only Electron\'s installer, which nothing but electron requires', () => {
    for (const [path, p] of Object.entries(packages)) {
      const deps = Object.keys({ ...p.dependencies, ...p.optionalDependencies });
      const installer = deps.filter((d) => d !== 'electron' && ELECTRON_INSTALLER.includes(d));
      if (installer.length > 0) expect(nameOf(path), `${nameOf(path)} requires ${installer.join(', ')}`).toBe('electron');
    }
  });

  it('reads the range forms of the lock file', () => {
    expect(satisfies([22, 12, 0], '>= 22.12.0')).toBe(true);
    expect(satisfies([20, 0, 0], '>=22.12.0')).toBe(false);
    expect(satisfies([22, 12, 0], '^20.19.0 || >=22.12.0')).toBe(true);
    expect(satisfies([23, 0, 0], '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(false);
    expect(satisfies([22, 12, 0], '^12.20.0 || ^14.13.1 || >=16.0.0')).toBe(true);
    expect(satisfies([13, 7, 0], '^6 || >=13.7')).toBe(true);
    expect(satisfies([13, 6, 9], '^6 || >=13.7')).toBe(false);
    expect(() => satisfies([22, 0, 0], '~22.1')).toThrow(/unsupported form/);
  });

  it('tells when one range holds every version of another', () => {
    expect(within('^20.19.0 || ^22.13.0 || >=24.0.0', '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(true);
    expect(within('^20.19.0 || ^22.13.0 || >=24.0.0', '^20.19.0 || >=22.12.0')).toBe(true);
    expect(within('>=20.19', '^20.0.0 || ^22.0.0 || >=24.0.0')).toBe(false); // Node 23
    expect(within('^20.19.0 || >=22.12.0', '^20.19.0 || ^22.13.0 || >=23.5.0')).toBe(false); // 22.12, 23.0
    expect(within('^20.18.0', '>=20.18.1')).toBe(false);
    expect(within('^20.19.0', '>=20')).toBe(true);
    expect(within('^20.19.0', '>=22.12.0')).toBe(false);
  });
});
