// Export tests: every format is checked against an independent reference — the JavaScript module is
// imported and compared with Math.*, the Mathematica and RPN lines are parsed back to the compiled trees,
// the bundle's trees are read back, the LaTeX is a complete document — and files land in exports/.

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileToEml } from '../../../src/core/compile';
import { equals, size } from '../../../src/core/expr';
import { exprFromJson, parseInfix, parseMathematica, parseRpn, printInfix, printLatex } from '../../../src/core/syntax';
import { MAX_TEXT_K, buildExport, writeExport } from '../../../src/node/store';
import type { FormulaRecord } from '../../../src/shared/project';

const meta = { projectName: 'Demo', appVersion: '0.1.0', at: '2026-03-04T05:06:07.089Z' };

/** A library record of an infix formula compiled in `mode`. */
function record(text: string, name = text, mode: 'paper' | 'ieee-safe' = 'paper'): FormulaRecord {
  const formula = parseInfix(text);
  const r = compileToEml(formula, { mode });
  return {
    id: `id-${name}`,
    name,
    source: { syntax: 'infix', text },
    infix: printInfix(formula),
    latex: printLatex(formula),
    compile: { mode, prefer: 'robust', K: r.K, depth: r.depth, leaves: r.leaves, semantics: r.semantics },
    provenance: { kind: 'compile', runId: null, seed: null, settings: { mode }, rulesUsed: r.rulesUsed, appVersion: '0.1.0' },
    verification: null,
    tags: ['trig'],
    notes: '',
    createdAt: meta.at,
    updatedAt: meta.at,
  };
}

const eml = (text: string, mode: 'paper' | 'ieee-safe' = 'paper') => compileToEml(parseInfix(text), { mode }).eml;

describe('buildExport', () => {
  const records = [record('sin(x)'), record('x*y', 'product'), record('ln(x)', 'class')];

  it('latex: a complete document with each formula, its K and a breakable EML form', () => {
    const [file] = buildExport(records, 'latex', meta);
    expect(file!.name).toBe('formulas-20260304-050607Z.tex');
    const tex = file!.content;
    expect(tex).toMatch(/^% Exported from EML Workbench 0\.1\.0/);
    expect(tex).toContain('\\documentclass{article}');
    expect(tex.trimEnd().endsWith('\\end{document}')).toBe(true);
    expect(tex).toContain('\\[\n  \\sin\\left(x\\right)\n\\]');
    expect(tex).toContain(`K = ${records[0]!.compile.K}, depth ${records[0]!.compile.depth}`);
    // braces balance, and the EML form uses plain parentheses so TeX can break it across lines
    expect([...tex].filter((c) => c === '{').length).toBe([...tex].filter((c) => c === '}').length);
    const emlLine = tex.split('\n').find((l) => l.startsWith('$\\operatorname{eml}'))!;
    expect(emlLine).not.toContain('\\left(');
    expect(emlLine.split('\\allowbreak').length - 1).toBe(size(eml('sin(x)')) - (size(eml('sin(x)')) + 1) / 2);
  });

  it('js: the module computes each formula and its EML tree like Math.* does', async () => {
    const [file] = buildExport(records, 'js', meta);
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(file!.content).toString('base64')}`)) as Record<
      string,
      (...a: number[]) => { re: number; im: number }
    >;
    for (const x of [0.3, 1.7, -2.4]) {
      expect(mod['sin_x']!(x).re).toBeCloseTo(Math.sin(x), 14);
      expect(Math.abs(mod['sin_x_eml']!(x).re - Math.sin(x))).toBeLessThan(1e-12);
      expect(Math.abs(mod['product_eml']!(x, 2.5).re - x * 2.5)).toBeLessThan(1e-12);
    }
    expect(Math.abs(mod['class__eml']!(3).re - Math.log(3))).toBeLessThan(1e-14);
  });

  it('mathematica and rpn: every line parses back to the formula and to its EML tree', () => {
    const wl = buildExport(records, 'mathematica', meta)[0]!.content;
    const rpn = buildExport(records, 'rpn', meta)[0]!.content;
    expect(wl).toContain('EML[a_, b_] := Exp[a] - Log[b];');
    const idents = ['sinx', 'product', 'class'];
    records.forEach((r, i) => {
      const formulaLine = wl.split('\n').find((l) => l.startsWith(`${idents[i]} = `))!;
      const emlLine = wl.split('\n').find((l) => l.startsWith(`${idents[i]}EML = `))!;
      expect(equals(parseMathematica(formulaLine.slice(idents[i]!.length + 3, -1)), parseInfix(r.source.text))).toBe(true);
      expect(equals(parseMathematica(emlLine.slice(idents[i]!.length + 6, -1)), eml(r.source.text))).toBe(true);
    });
    const lines = rpn.split('\n');
    const formulas = lines.filter((l) => l.startsWith('formula: ')).map((l) => parseRpn(l.slice(9)));
    const trees = lines.filter((l) => l.startsWith('eml: ')).map((l) => parseRpn(l.slice(5)));
    records.forEach((r, i) => {
      expect(equals(formulas[i]!, parseInfix(r.source.text))).toBe(true);
      expect(equals(trees[i]!, eml(r.source.text))).toBe(true);
    });
  });

  it('bundle: one JSON file holding each record, its forms and an EML tree that reads back', () => {
    const bundle = JSON.parse(buildExport(records, 'bundle', meta)[0]!.content) as {
      format: string;
      formulas: Array<{ record: FormulaRecord; emlTree: unknown; latex: string }>;
    };
    expect(bundle.format).toBe('eml-workbench/formula-bundle');
    expect(bundle.formulas.map((f) => f.record.id)).toEqual(records.map((r) => r.id));
    bundle.formulas.forEach((f, i) => {
      expect(equals(exprFromJson(f.emlTree), eml(records[i]!.source.text))).toBe(true);
      expect(f.latex).toBe(records[i]!.latex);
    });
  });

  it('sympy: each formula, then its EML form as an expression (ieee trees) or as text (trees that need ln 0 = -oo)', () => {
    const sympy = buildExport(records, 'sympy', meta)[0]!.content;
    expect(sympy).toContain('x, y = symbols("x y")');
    expect(sympy).toMatch(/^sin_x = sin\(x\)$/m);
    // sin in paper mode needs the extended reals, ln(x) does not
    expect(records[0]!.compile.semantics).toBe('extended');
    expect(records[2]!.compile.semantics).toBe('ieee');
    expect(sympy).toMatch(/^sin_x_eml_text = "\(?exp\(/m);
    expect(sympy).toMatch(/^class__eml = \(?exp\(1\) - log\(/m);
  });

  it('python: one cmath function per EML tree with a temporary per unique node, and lambdify for the formula', () => {
    const python = buildExport(records, 'python', meta)[0]!.content;
    const body = (name: string): string[] => {
      const lines = python.split('\n');
      const start = lines.indexOf(lines.find((l) => l.startsWith(`def ${name}(`))!);
      const out: string[] = [];
      for (let i = start + 1; i < lines.length && lines[i]!.startsWith('    '); i++) out.push(lines[i]!);
      return out;
    };
    expect(python).toMatch(/^def product_eml\(x, y\):$/m);
    const lnBody = body('class__eml');
    // ln(x) = eml(1, eml(eml(1, x), 1)): unique nodes 1, x and three eml nodes, then the return
    expect(lnBody).toEqual(['    t0 = complex(1)', '    t1 = complex(x)', '    t2 = _eml(t0, t1)', '    t3 = _eml(t2, t0)', '    t4 = _eml(t0, t3)', '    return t4']);
    expect(python).toMatch(/^ {4}product = _sympy\.lambdify\(\[x, y\], _sympy\.sympify\("x\*y"\), modules='mpmath'\)$/m);
  });

  it('c: one translation unit per formula, named after it, over the formula variables', () => {
    const files = buildExport(records, 'c', meta);
    expect(files.map((f) => f.name)).toEqual(['formulas-20260304-050607Z-sin_x.c', 'formulas-20260304-050607Z-product.c', 'formulas-20260304-050607Z-class_.c']);
    expect(files[1]!.content).toContain('double complex product(double complex x, double complex y) {');
    expect(files[2]!.content).toContain('double complex class_(double complex x) {');
  });

  it('names become distinct identifiers; trees above MAX_TEXT_K are left out of the text formats only', async () => {
    // cot nested until its EML tree passes the limit (shared subtrees keep the compilation cheap)
    let nested = 'x';
    let depth = 0;
    while (compileToEml(parseInfix(nested), { mode: 'paper' }).K <= MAX_TEXT_K) {
      nested = `cot(${nested})`;
      depth++;
    }
    const big = record(nested, 'sin(x)');
    expect(big.compile.K).toBeGreaterThan(MAX_TEXT_K);
    const two = [records[0]!, big];
    const js = buildExport(two, 'js', meta)[0]!.content;
    expect(js).toContain('export const sin_x = ');
    expect(js).toContain('export const sin_x_2_eml = ');
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`)) as Record<string, (x: number) => { re: number }>;
    let want = 0.9;
    for (let i = 0; i < depth; i++) want = 1 / Math.tan(want);
    expect(Math.abs(mod['sin_x_2_eml']!(0.9).re - want)).toBeLessThan(1e-6 * Math.max(1, Math.abs(want)));
    const rpn = buildExport(two, 'rpn', meta)[0]!.content;
    expect(rpn).toContain(`# eml omitted: K = ${big.compile.K}`);
    expect(() => buildExport([], 'latex', meta)).toThrow(/select at least one formula/);
  });
});

describe('writeExport', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'eml-export-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes each file into <project>/exports and returns its path', async () => {
    const files = await writeExport(dir, buildExport([record('sin(x)')], 'latex', meta));
    expect(files[0]!.path).toBe(join(dir, 'exports', 'formulas-20260304-050607Z.tex'));
    expect(await readFile(files[0]!.path, 'utf8')).toBe(files[0]!.content);
  });
});
