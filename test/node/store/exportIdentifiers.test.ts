// Identifier tests: formula names that are keywords, names the export files use, variables of the formulas
// or each other's derived names (a and a_eml), and variables that are Python keywords or look like temporaries,
// still give files where every formula is its own working function: checked by importing the JavaScript,
// running the Python, compiling the C, and reading the SymPy and Mathematica assignments.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileToEml } from '../../../src/core/compile';
import { parseInfix, printInfix, printLatex } from '../../../src/core/syntax';
import { buildExport } from '../../../src/node/store';
import { formulaIdentifiers, pythonVariableNames } from '../../../src/node/store/exportIdentifiers';
import type { FormulaRecord } from '../../../src/shared/project';
import { hasProgram, jsShape, python3, wolframParts } from '../../helpers/languageReaders';

const CLASHING = [
  'a', 'a_eml', 'a_eml_eml', 'a_2', 'x', 'class', 'debugger', 'await', 'Math', 'Number', 'None', 'goto', 'main', 'cmath', 'math',
  'complex', 'symbols', 'sin', 'log', 'E', 'lambda', 'eml_exp', 't_0', '', '42', 'α', 'EML', 'aEML',
];
/** A formula over variables that are Python keywords, look like temporaries or private names, or are not ASCII. */
const ODD_VARIABLES = 'ln(lambda) + None*t3 + _x - v_x + α*E + main';
const oddValue = (v: Record<string, number>): number => Math.log(v['lambda']!) + v['None']! * v['t3']! + v['_x']! - v['v_x']! + v['α']! * v['E']! + v['main']!;
const ODD_POINT: Record<string, number> = { E: 0.7, None: 1.3, _x: 0.4, lambda: 2.2, main: -0.6, t3: 0.9, v_x: 0.25, α: 1.1 };
/** The order of the export's parameters: the variables sorted. */
const ODD_ARGS = Object.keys(ODD_POINT).sort().map((k) => ODD_POINT[k]!);

function record(text: string, name: string, i: number): FormulaRecord {
  const formula = parseInfix(text);
  const r = compileToEml(formula, { mode: 'paper' });
  return {
    id: `id-${i}`, name, source: { syntax: 'infix', text }, infix: printInfix(formula), latex: printLatex(formula),
    compile: { mode: 'paper', prefer: 'robust', K: r.K, depth: r.depth, leaves: r.leaves, semantics: r.semantics },
    provenance: { kind: 'compile', runId: null, seed: null, settings: {}, rulesUsed: r.rulesUsed, appVersion: '0.1.0' },
    verification: null, tags: [], notes: '', createdAt: '2026-03-04T05:06:07.089Z', updatedAt: '2026-03-04T05:06:07.089Z',
  };
}

const records = [...CLASHING.map((n, i) => record('ln(x)', n, i)), record(ODD_VARIABLES, 'odd', CLASHING.length)];
const meta = { projectName: 'P', appVersion: '0.1.0', at: '2026-03-04T05:06:07.089Z' };
const content = (format: 'js' | 'python' | 'sympy' | 'mathematica'): string => buildExport(records, format, meta)[0]!.content;

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function write(files: ReadonlyArray<{ name: string; content: string }>): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'eml-idents-'));
  dirs.push(dir);
  return files.map((f) => {
    writeFileSync(join(dir, f.name), f.content);
    return join(dir, f.name);
  });
}

const PYTHON = hasProgram('python3');

describe('formulaIdentifiers and pythonVariableNames', () => {
  const ids = formulaIdentifiers(CLASHING, ['x', 'y']);

  it('gives ASCII identifiers, distinct with their derived names, and never a variable', () => {
    const code = ids.flatMap((i) => [i.code, `${i.code}_eml`, `${i.code}_eml_text`]);
    const m = ids.flatMap((i) => [i.mathematica, `${i.mathematica}EML`]);
    for (const i of ids) {
      expect(i.code).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
      expect(i.mathematica).toMatch(/^[a-z][A-Za-z0-9]*$/);
    }
    expect(new Set(code).size).toBe(code.length);
    expect(new Set(m).size).toBe(m.length);
    expect(code).not.toContain('x');
    expect(m).not.toContain('x');
    // a name that is already a fine identifier is kept
    expect(ids[0]).toEqual({ code: 'a', mathematica: 'a' });
  });

  it('is never a JavaScript reserved word (the TypeScript parser reads each as an exported const)', () => {
    for (const i of ids) expect(jsShape(`export const ${i.code} = 1;`)).not.toContain('error');
  });

  it.skipIf(!PYTHON)('is never a Python keyword (python3 keyword.kwlist), nor is any Python variable name', () => {
    const keywords = JSON.parse(execFileSync(python3(), ['-I', '-S', '-c', 'import json, keyword; print(json.dumps(keyword.kwlist))'], { encoding: 'utf8' })) as string[];
    const variables = pythonVariableNames(['x', 'lambda', 'None', 't3', '_x', 'v_x', 'α', 'E', 'sin', 'v__x']);
    const names = [...ids.map((i) => i.code), ...variables.values()];
    for (const n of names) expect(keywords).not.toContain(n);
    expect(new Set(variables.values()).size).toBe(variables.size);
    expect(variables.get('x')).toBe('x');
    for (const v of variables.values()) expect(v).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });
});

describe('exports of clashing names', () => {
  it('js: every formula and EML tree is its own export and computes its formula', async () => {
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(content('js')).toString('base64')}`)) as Record<string, (...a: number[]) => { re: number }>;
    expect(Object.keys(mod)).toHaveLength(2 * records.length);
    const odd = Object.keys(mod).filter((k) => k.startsWith('odd'));
    expect(odd).toEqual(['odd', 'odd_eml']);
    for (const [k, f] of Object.entries(mod)) {
      const want = k.startsWith('odd') ? oddValue(ODD_POINT) : Math.LN2;
      expect(Math.abs(f(...(k.startsWith('odd') ? ODD_ARGS : [2])).re - want), k).toBeLessThan(1e-12);
    }
  });

  it.skipIf(!PYTHON)('python: every EML function is its own and computes its formula (standard library only)', () => {
    const [file] = write([{ name: 'export.py', content: content('python') }]);
    const driver = `exec(compile(open(${JSON.stringify(file)}, 'rb').read(), 'export.py', 'exec'))\nimport json\n` +
      `print(json.dumps({k: v(*(${JSON.stringify(ODD_ARGS)} if k.startswith('odd') else [2.0])).real for k, v in list(globals().items()) if k.endswith('_eml') and not k.startswith('_')}))`;
    const out = JSON.parse(execFileSync(python3(), ['-I', '-S', '-c', driver], { encoding: 'utf8' })) as Record<string, number>;
    expect(Object.keys(out)).toHaveLength(records.length);
    for (const [k, v] of Object.entries(out)) expect(Math.abs(v - (k.startsWith('odd') ? oddValue(ODD_POINT) : Math.LN2)), k).toBeLessThan(1e-12);
  });

  it.skipIf(!PYTHON)('sympy: each formula is assigned once, to a name no expression reads', () => {
    const [file] = write([{ name: 'sympy_export.py', content: content('sympy') }]);
    const script = [
      'import ast, json, sys',
      'tree = ast.parse(open(sys.argv[1], "rb").read())',
      'assigned = []',
      'for s in tree.body:',
      '    if isinstance(s, ast.Assign) and not (isinstance(s.value, ast.Call) and getattr(s.value.func, "id", "") == "symbols"):',
      '        assigned += [t.id for t in s.targets if isinstance(t, ast.Name)]',
      'read = sorted({n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)})',
      'print(json.dumps({"assigned": assigned, "read": read}))',
    ].join('\n');
    const { assigned, read } = JSON.parse(execFileSync(python3(), ['-I', '-S', '-c', script, file!], { encoding: 'utf8' })) as { assigned: string[]; read: string[] };
    expect(assigned.length).toBeGreaterThanOrEqual(2 * records.length);
    expect(new Set(assigned).size).toBe(assigned.length);
    expect(assigned.filter((a) => read.includes(a))).toEqual([]);
  });

  it('mathematica: each formula is assigned once, to a lower-case symbol that is not a variable', () => {
    const { code } = wolframParts(content('mathematica'));
    const lhs = [...code.matchAll(/^([A-Za-z][A-Za-z0-9]*) = /gm)].map((m) => m[1]!);
    expect(lhs).toHaveLength(2 * records.length);
    expect(new Set(lhs).size).toBe(lhs.length);
    for (const s of lhs) expect(s).toMatch(/^[a-z]/);
    for (const v of ['x', 'lambda', 'None', 't3', 'main', 'E']) expect(lhs).not.toContain(v);
  });

  it.skipIf(!hasProgram('gcc'))('c: the units named like C keywords, <math.h> functions, helpers or temporaries compile', () => {
    const picked = records.filter((r) => ['sin', 'log', 'main', 'goto', 'eml_exp', 't_0', 'complex', 'odd', ''].includes(r.name));
    const files = write(buildExport(picked, 'c', meta));
    execFileSync('gcc', ['-std=c11', '-Wall', '-Wextra', '-Werror', '-pedantic', '-fsyntax-only', ...files]);
  });
});
