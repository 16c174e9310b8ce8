// Hostile names in every export format: formula names, tags and project names built to break out of a comment
// or string (line ends of every language, comment closers, quotes, backslashes, escapes, a coding cookie) are
// exported next to the same formulas under plain names, and each file must have the same structure as its
// plain twin when the language reads it: python3's ast for Python and SymPy, the TypeScript parser (and an
// import) for JavaScript, gcc for C, and lexers written from the language rules for Mathematica and LaTeX
// (test/helpers/languageReaders.ts). Names are kept exactly where a format can hold them (bundle, Mathematica).

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToEml } from '../../../src/core/compile';
import { parseInfix, printInfix, printLatex } from '../../../src/core/syntax';
import { buildExport } from '../../../src/node/store';
import type { ExportFormat } from '../../../src/shared/library';
import { EXPORT_FORMATS } from '../../../src/shared/library';
import type { FormulaRecord } from '../../../src/shared/project';
import {
  ANY_LINE_END,
  cWithoutComments,
  hasProgram,
  jsShape,
  python3,
  pythonShapes,
  texCommands,
  wolframParts,
  wolframStringValue,
} from '../../helpers/languageReaders';

/** Names that try to run code: each comment says what it attacks. */
const HOSTILE_NAMES = [
  'a\nimport os; os.system("touch INJECTED")', // newline + Python (python, sympy, rpn, latex %)
  'a\r\nraise SystemExit(66)', // CRLF
  'a\rraise SystemExit(66)', // lone CR (a Python line end)
  'a\u0085raise SystemExit(66)', // NEL
  'a\vb\fraise SystemExit(66)', // vertical tab, form feed
  'a *) Run["touch INJECTED"] (* b', // closes a Mathematica comment
  '(* opens a nested Mathematica comment', // nesting
  'a\\:002a) Run["touch INJECTED"] (\\:002a', // Mathematica character escapes spelling *)
  'a\u2028globalThis.INJECTED = 1; //', // U+2028 ends a JavaScript // comment
  'a\u2029globalThis.INJECTED = 2; //', // U+2029
  'a */ globalThis.INJECTED = 3; /* b', // closes a JSDoc or C comment
  '*/ int INJECTED = 1; /*', // C
  '/', // could join a preceding * into */
  '*', // could join a following / into */
  'a"; raise SystemExit(66); b = "', // double quotes
  "a'; raise SystemExit(66); b = '", // single quotes
  'back\\slash\\', // trailing backslash (a C line splice)
  'trigraph ??/', // C trigraph for backslash
  'nul\u0000byte', // NUL (Python refuses a source holding one)
  'esc\u001b[31mred\u001b[0m', // terminal escape
  '\\input{/etc/passwd} 100% $x^2$ #1 ~ _ & {', // TeX commands and specials
  'a\n\n\\input{/etc/passwd}\n%', // TeX: new paragraph, a command, a comment
  '^^J\\input{/etc/passwd}', // TeX ^^ notation
  'rtl \u202e)"]INJECTED[" (\u202c', // bidirectional override
  'lone \ud800 surrogate', // unpaired surrogate
  '+AAo-raise SystemExit(66)', // UTF-7 for a newline (with a project declaring coding: utf-7)
  'a\nformula: 6 6 +', // a fake RPN line
  '`${globalThis.INJECTED = 4}`', // template literal
  'class', // identifiers: keywords and names the files use
  'Math',
  'cmath',
  'sin',
  'x', // the formula's own variable
];

const HOSTILE_TAGS = ['t\n\\input{/etc/passwd}', '}\\end{document}', '%\u2028x'];

/** Project names: one declares a coding cookie (Python reads it on line 1 or 2), one breaks every comment. */
const HOSTILE_PROJECTS = [
  '-*- coding: utf-7 -*-',
  'p\u2028globalThis.INJECTED = 5; //\n*) Run["touch INJECTED"] (*\n\\input{/etc/passwd} */',
];

const AT = '2026-03-04T05:06:07.089Z';

/** A library record of ln(x) (paper mode) with the given name and tags. */
function record(name: string, tags: string[]): FormulaRecord {
  const formula = parseInfix('ln(x)');
  const r = compileToEml(formula, { mode: 'paper' });
  return {
    id: `id-${tags.length}-${name.length}`,
    name,
    source: { syntax: 'infix', text: 'ln(x)' },
    infix: printInfix(formula),
    latex: printLatex(formula),
    compile: { mode: 'paper', prefer: 'robust', K: r.K, depth: r.depth, leaves: r.leaves, semantics: r.semantics },
    provenance: { kind: 'compile', runId: null, seed: null, settings: { mode: 'paper' }, rulesUsed: r.rulesUsed, appVersion: '0.1.0' },
    verification: null,
    tags,
    notes: '',
    createdAt: AT,
    updatedAt: AT,
  };
}

const hostile = HOSTILE_NAMES.map((n, i) => record(n, [HOSTILE_TAGS[i % HOSTILE_TAGS.length]!]));
const plain = HOSTILE_NAMES.map((_, i) => record(`n${i}`, ['t']));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'eml-inject-'));
  dirs.push(dir);
  return dir;
}

/** Writes files into a fresh folder and returns their paths. */
function writeAll(files: ReadonlyArray<{ name: string; content: string }>): string[] {
  const dir = tempDir();
  return files.map((f) => {
    const path = join(dir, f.name);
    writeFileSync(path, f.content);
    return path;
  });
}

const PYTHON = hasProgram('python3');
const GCC = hasProgram('gcc');

describe('the reported injections, one at a time', () => {
  const meta = (projectName: string) => ({ projectName, appVersion: '0.1.0', at: AT });

  it.skipIf(!PYTHON)('python and sympy: a name with a newline stays a comment (the export runs, no SystemExit)', () => {
    for (const format of ['python', 'sympy'] as const) {
      const text = buildExport([record('a\nraise SystemExit(66) #', [])], format, meta('P'))[0]!.content;
      const [b, g] = pythonShapes(writeAll([{ name: 'b.py', content: text }, { name: 'g.py', content: buildExport([record('a', [])], format, meta('P'))[0]!.content }]));
      expect(b, format).toBe(g);
    }
    const [file] = writeAll([{ name: 'x.py', content: buildExport([record('a\nraise SystemExit(66) #', [])], 'python', meta('P'))[0]!.content }]);
    expect(() => execFileSync(python3(), ['-I', '-S', file!])).not.toThrow();
  });

  it.skipIf(!PYTHON)('python: a project name cannot declare the coding of the file (UTF-7 would decode +AAo- to a newline)', () => {
    const [file] = writeAll([{ name: 'x.py', content: buildExport([record('+AAo-raise SystemExit(66) #', [])], 'python', meta('-*- coding: utf-7 -*-'))[0]!.content }]);
    expect(() => execFileSync(python3(), ['-I', '-S', file!])).not.toThrow();
  });

  it('mathematica: a name containing *) leaves no code outside comments and strings', () => {
    const text = buildExport([record('a *) Run["touch INJECTED"] (* b', [])], 'mathematica', meta('P'))[0]!.content;
    expect(wolframParts(text).code).not.toContain('Run[');
  });

  it('js: a project name with U+2028 stays in its comment (importing the module sets nothing)', async () => {
    const text = buildExport([record('a', [])], 'js', meta('p\u2028globalThis.INJECTED_JS = 1; //'))[0]!.content;
    await import(`data:text/javascript;base64,${Buffer.from(text).toString('base64')}`);
    expect((globalThis as { INJECTED_JS?: unknown }).INJECTED_JS).toBeUndefined();
  });
});

describe.each(HOSTILE_PROJECTS.map((p) => [JSON.stringify(p), p]))('exports of hostile names in project %s', (_label, project) => {
  const build = (format: ExportFormat, records: FormulaRecord[], projectName: string) =>
    buildExport(records, format, { projectName, appVersion: '0.1.0', at: AT });
  const pair = (format: ExportFormat) => ({ bad: build(format, hostile, project), good: build(format, plain, 'P') });

  it.each(EXPORT_FORMATS.map((f) => [f]))('%s: no name adds a line, under any language\'s line ends', (format) => {
    const { bad, good } = pair(format);
    expect(bad.length).toBe(good.length);
    bad.forEach((f, i) => expect(f.content.split(ANY_LINE_END).length).toBe(good[i]!.content.split(ANY_LINE_END).length));
  });

  it('latex: TeX obeys the same commands as in the plain export (names, tags and project only print)', () => {
    const { bad, good } = pair('latex');
    expect(texCommands(bad[0]!.content)).toEqual(texCommands(good[0]!.content));
  });

  it('mathematica: the same code and comments as the plain export, names kept exactly in ::usage strings', () => {
    const { bad, good } = pair('mathematica');
    const b = wolframParts(bad[0]!.content);
    const g = wolframParts(good[0]!.content);
    expect(bad[0]!.content).toMatch(/^[\x20-\x7e\n]*$/);
    expect(b.comments).toEqual(g.comments);
    const blank = (code: string): string => code.replace(/[A-Za-z$][A-Za-z0-9$]*/g, 'ID');
    expect(blank(b.code)).toBe(blank(g.code));
    const usages = b.strings.map(wolframStringValue);
    expect(usages[0]).toContain(`project "${project}"`);
    HOSTILE_NAMES.forEach((n, i) => expect(usages[i + 1]!.startsWith(`${n.replace(/[\ud800-\udfff]/g, '\ufffd')}: K = `)).toBe(true));
  });

  it.skipIf(!PYTHON)('sympy and python: python3 parses the same program as the plain export', () => {
    for (const format of ['sympy', 'python'] as const) {
      const { bad, good } = pair(format);
      const [b, g] = pythonShapes(writeAll([{ name: 'bad.py', content: bad[0]!.content }, { name: 'good.py', content: good[0]!.content }]));
      expect(b, format).not.toMatch(/^SyntaxError/);
      expect(b, format).toBe(g);
    }
  });

  it.skipIf(!PYTHON)('python: the export runs cleanly and every formula function computes ln', () => {
    const [file] = writeAll([{ name: 'export.py', content: pair('python').bad[0]!.content }]);
    const driver = `exec(compile(open(${JSON.stringify(file)}, 'rb').read(), 'export.py', 'exec'))\n` +
      "import json\nprint(json.dumps({k: abs(v(2.0)) for k, v in list(globals().items()) if k.endswith('_eml') and not k.startswith('_')}))";
    const cwd = tempDir();
    const out = JSON.parse(execFileSync(python3(), ['-I', '-S', '-c', driver], { cwd, encoding: 'utf8' })) as Record<string, number>;
    expect(Object.keys(out)).toHaveLength(HOSTILE_NAMES.length);
    for (const v of Object.values(out)) expect(v).toBeCloseTo(Math.LN2, 14);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('js: the TypeScript parser reads the plain program, and importing it runs nothing else', async () => {
    const { bad, good } = pair('js');
    expect(jsShape(bad[0]!.content)).toEqual(jsShape(good[0]!.content));
    const g = globalThis as { INJECTED?: unknown };
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(bad[0]!.content).toString('base64')}`)) as Record<string, (x: number) => { re: number }>;
    expect(g.INJECTED).toBeUndefined();
    expect(Object.keys(mod)).toHaveLength(2 * HOSTILE_NAMES.length);
    for (const f of Object.values(mod)) expect(f(2).re).toBeCloseTo(Math.LN2, 14);
  });

  it.skipIf(!GCC)('c: gcc sees the plain units once comments are gone', () => {
    const { bad, good } = pair('c');
    // all units in one file, split by marker declarations: a comment left open would swallow a marker
    const units = (files: typeof bad): string[] => {
      const [file] = writeAll([{ name: 'all.c', content: files.map((f, i) => `${f.content}\nint split_marker_${i};\n`).join('') }]);
      const blanked = files.reduce((text, f) => text.replace(new RegExp(`\\b${/-([A-Za-z0-9_]+)\.c$/.exec(f.name)![1]!}\\b`, 'g'), 'ID'), cWithoutComments(file!));
      return blanked.split(/int split_marker_\d+;/);
    };
    expect(units(bad)).toEqual(units(good));
  });

  it('rpn: the formula and eml lines are those of the plain export; names stay in # comments', () => {
    const { bad, good } = pair('rpn');
    const data = (text: string): string[] => text.split(ANY_LINE_END).filter((l) => !l.startsWith('#'));
    expect(data(bad[0]!.content)).toEqual(data(good[0]!.content));
  });

  it('bundle: JSON keeps every name, tag and the project exactly, with no separator or control raw', () => {
    const text = pair('bundle').bad[0]!.content;
    const bundle = JSON.parse(text) as { project: string; formulas: Array<{ record: FormulaRecord }> };
    expect(bundle.project).toBe(project);
    expect(bundle.formulas.map((f) => f.record.name)).toEqual(HOSTILE_NAMES);
    expect(bundle.formulas.map((f) => f.record.tags)).toEqual(hostile.map((r) => r.tags));
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/);
  });
});

it.skipIf(!GCC)('c: the units with C comment closers, splices, trigraphs and controls compile with gcc -Wall -Wextra -Werror', () => {
  const picked = hostile.filter((r) => /\*|\/|\\|\?\?|[\u0000-\u001f]/.test(r.name));
  expect(picked.length).toBeGreaterThan(8);
  const files = buildExport(picked, 'c', { projectName: HOSTILE_PROJECTS[1]!, appVersion: '0.1.0', at: AT });
  execFileSync('gcc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-pedantic', '-fsyntax-only', ...writeAll(files)]);
});
