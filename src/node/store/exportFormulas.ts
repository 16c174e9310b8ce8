// Export of library formulas to files in the project's exports/ folder: a LaTeX document, Mathematica,
// SymPy, JavaScript, C, Python, RPN, or a JSON bundle with every form. Each formula is re-read from its
// source text and recompiled with its recorded settings, then printed by the src/core/syntax printers; a
// source that is already an EML tree (a fit's snapped tree, a search hit, a discovered tree with numeric
// leaves) is its own EML form, and its conventional formula is the record's infix (equal to it by construction).
// Forms written out in full (LaTeX, Mathematica, SymPy, Python, RPN) skip EML trees above MAX_TEXT_K tokens.
// src/core has no Python printer: the Python export writes pure EML trees with the small emitter below.
// User text (names, tags, the project name, sources) appears only inside comments and string literals, through
// the escapers of src/core/syntax/embedText.ts; code uses identifiers from exportIdentifiers.ts, never names.

import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compileToEml } from '../../core/compile';
import type { Expr } from '../../core/expr';
import {
  parseFormula,
  printEml,
  printInfix,
  printLatex,
  printMathematica,
  printRpn,
} from '../../core/syntax';
import { cCommentText, jsonText, latexText, lineCommentText, mathematicaString, quotedString } from '../../core/syntax/embedText';
import { exprToJson } from '../../core/syntax/json';
import { isSympyBareSymbol, printC, printJs, printSympy } from '../../core/syntax/printCode';
import type { ExportFormat, ExportedFile } from '../../shared/library';
import type { FormulaRecord } from '../../shared/project';
import { formulaIdentifiers, pythonVariableNames } from './exportIdentifiers';
import { checkExportEstimate, checkExportFiles } from './exportSize';
import { StoreError } from './storeError';
import { writeFileAtomic } from './writeAtomic';

export const EXPORTS_DIR = 'exports';
/** Largest EML tree (RPN tokens) printed in full by the text formats. */
export const MAX_TEXT_K = 200_000;

/** What an export says about where it came from. */
export interface ExportMeta {
  readonly projectName: string;
  readonly appVersion: string;
  /** ISO time of the export. */
  readonly at: string;
}

/** A formula ready to print: its record, the parsed formula and its EML tree. */
interface Prepared {
  readonly record: FormulaRecord;
  readonly formula: Expr;
  readonly eml: Expr;
  readonly ident: string;
  readonly mathematicaIdent: string;
}

/**
 * True when t is an eml(a, b) tree over numbers and variables only (a named constant such as pi is a
 * formula to compile, and so is a lone leaf: its EML form is what the compiler makes of it).
 */
function isEmlTree(t: Expr): boolean {
  if (t.kind !== 'op') return false;
  const stack: Expr[] = [t];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.kind === 'const') return false;
    if (n.kind !== 'op') continue;
    if (n.op !== 'eml') return false;
    stack.push(...n.args);
  }
  return true;
}

/** Returns the formula and EML tree a record stands for (see the header). */
function formulaAndTree(r: FormulaRecord): { formula: Expr; eml: Expr } {
  const source = parseFormula(r.source.text, r.source.syntax);
  if (isEmlTree(source)) {
    let formula = source;
    try {
      formula = parseFormula(r.infix, 'infix');
    } catch {
      // an infix that does not read back: the tree is its own formula
    }
    return { formula, eml: source };
  }
  return { formula: source, eml: compileToEml(source, { mode: r.compile.mode, prefer: r.compile.prefer }).eml };
}

function prepare(records: readonly FormulaRecord[]): Prepared[] {
  const forms = records.map(formulaAndTree);
  const ids = formulaIdentifiers(records.map((r) => r.name), [...new Set(forms.flatMap((f) => collectVariables(f.formula)))]);
  return records.map((record, i) => ({ record, ...forms[i]!, ident: ids[i]!.code, mathematicaIdent: ids[i]!.mathematica }));
}

const fits = (p: Prepared): boolean => p.record.compile.K <= MAX_TEXT_K;

function describe(p: Prepared): string {
  const c = p.record.compile;
  return `K = ${c.K}, depth ${c.depth}, ${c.mode} mode, exact under '${c.semantics}' semantics`;
}

/** EML LaTeX that TeX can break across lines: plain parentheses and a break point after each comma. */
function breakableLatex(t: Expr): string {
  return printLatex(t).replaceAll('\\left(', '(').replaceAll('\\right)', ')').replaceAll(', ', ',\\allowbreak ');
}

function latexDocument(items: Prepared[], meta: ExportMeta): string {
  const lines = [
    `% ${lineCommentText(`Exported from EML Workbench ${meta.appVersion} on ${meta.at}: ${items.length} formula(s) of project "${meta.projectName}".`)}`,
    '% eml(x, y) = exp(x) - ln(y); K counts the RPN tokens of the pure EML tree (leaves 1 and variables).',
    '\\documentclass{article}',
    '\\usepackage{amsmath}',
    '\\usepackage[margin=2cm]{geometry}',
    '\\begin{document}',
    `\\section*{${latexText(meta.projectName)}: formulas}`,
    '',
  ];
  for (const p of items) {
    const r = p.record;
    lines.push(`\\subsection*{${latexText(r.name)}}`, '\\[', `  ${printLatex(p.formula)}`, '\\]');
    lines.push(`Pure EML form: ${latexText(describe(p))}.`);
    if (fits(p)) lines.push('{\\small\\raggedright', `$${breakableLatex(p.eml)}$`, '\\par}');
    else lines.push(`(The EML form has ${r.compile.K} tokens and is omitted; see the RPN or JavaScript export.)`);
    lines.push('', `Source: \\texttt{${latexText(r.source.text)}} (${r.source.syntax}), ${latexText(r.provenance.kind)} on ${latexText(r.createdAt)}.`);
    if (r.tags.length) lines.push(`Tags: ${latexText(r.tags.join(', '))}.`);
    if (r.verification) {
      const v = r.verification;
      lines.push(`Numeric check: ${v.compared}/${v.points} points, worst scaled error ${v.maxScaledError === null ? 'n/a' : v.maxScaledError.toExponential(2)} (${v.passed ? 'passed' : 'failed'}).`);
    }
    lines.push('');
  }
  lines.push('\\end{document}', '');
  return lines.join('\n');
}

function mathematicaFile(items: Prepared[], meta: ExportMeta): string {
  // names go into ::usage strings only: the language reads escapes even in comments, strings are exact
  const lines = [
    '(* Exported from EML Workbench. EML[x, y] = Exp[x] - Log[y]; forms compiled in paper mode rely on Log[0] = -Infinity. *)',
    "(* Each formula's usage message (?symbol) gives its name in the library and its EML size. *)",
    `EML::usage = ${mathematicaString(`EML[x, y] = Exp[x] - Log[y]. Exported from project "${meta.projectName}" by EML Workbench ${meta.appVersion} on ${meta.at}.`)};`,
    'EML[a_, b_] := Exp[a] - Log[b];',
    '',
  ];
  for (const p of items) {
    const m = p.mathematicaIdent;
    lines.push(`${m}::usage = ${mathematicaString(`${p.record.name}: ${describe(p)}`)};`, `${m} = ${printMathematica(p.formula)};`);
    lines.push(fits(p) ? `${m}EML = ${printMathematica(p.eml)};` : `(* EML form omitted: K = ${Number(p.record.compile.K)} *)`, '');
  }
  return lines.join('\n');
}

/** The symbols line of the SymPy file: the variables printSympy writes as bare names (it writes the others Symbol("…")). */
function pythonSymbols(items: Prepared[]): string {
  const names = [...new Set(items.flatMap((p) => collectVariables(p.formula)))].filter(isSympyBareSymbol).sort();
  return names.length ? `${names.join(', ')} = symbols(${quotedString(names.join(' '))})` : '';
}

/** The first lines of a Python file: a fixed coding cookie (so no user text can declare one), then the header. */
function pythonHeader(meta: ExportMeta): string[] {
  return ['# -*- coding: utf-8 -*-', `# ${lineCommentText(`Exported from EML Workbench ${meta.appVersion} on ${meta.at}: project "${meta.projectName}".`)}`];
}

function collectVariables(t: Expr): string[] {
  const out = new Set<string>();
  const stack = [t];
  const seen = new Set<Expr>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.kind === 'var') out.add(n.name);
    else if (n.kind === 'op') stack.push(...n.args);
  }
  return [...out];
}

function sympyFile(items: Prepared[], meta: ExportMeta): string {
  const lines = [
    ...pythonHeader(meta),
    '# SymPy expressions of each formula and, where SymPy can hold it, of its pure EML tree. Trees exact only',
    '# under the extended reals use ln 0 = -oo on purpose, which SymPy turns into zoo/nan: for those the EML',
    '# form is given as text (parse_expr(..., evaluate=False)); evaluate them with the Python export instead.',
    'from sympy import *',
    '',
    pythonSymbols(items),
    '',
  ];
  for (const p of items) {
    lines.push(`# ${lineCommentText(`${p.record.name}: ${describe(p)}`)}`, `${p.ident} = ${printSympy(p.formula)}`);
    if (!fits(p)) lines.push(`# EML form omitted: K = ${Number(p.record.compile.K)}`);
    else if (p.record.compile.semantics === 'ieee') lines.push(`${p.ident}_eml = ${printSympy(p.eml)}`);
    else lines.push(`${p.ident}_eml_text = ${quotedString(printSympy(p.eml))}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Unique nodes of a tree in postfix order, each with the slots of its arguments. */
function linearise(t: Expr): Array<{ node: Expr; args: number[] }> {
  const slot = new Map<Expr, number>();
  const out: Array<{ node: Expr; args: number[] }> = [];
  const stack: Expr[] = [t];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (slot.has(n)) {
      stack.pop();
      continue;
    }
    const pending = n.kind === 'op' ? n.args.filter((a) => !slot.has(a)) : [];
    if (pending.length > 0) {
      stack.push(...pending.reverse());
      continue;
    }
    stack.pop();
    slot.set(n, out.length);
    out.push({ node: n, args: n.kind === 'op' ? n.args.map((a) => slot.get(a)!) : [] });
  }
  return out;
}

/** Python source of a function computing a pure EML tree with cmath, one temporary per unique node. */
function pythonEmlFunction(name: string, params: readonly string[], t: Expr, py: ReadonlyMap<string, string>): string {
  const body = linearise(t).map(({ node, args }, k) => {
    switch (node.kind) {
      case 'num': return `    t${k} = complex(${node.value})`;
      case 'var': return `    t${k} = complex(${py.get(node.name)!})`;
      case 'const': throw new Error(`export: a pure EML tree has no named constant (${node.name})`);
      case 'op':
        if (node.op !== 'eml') throw new Error(`export: a pure EML tree has no '${node.op}' node`);
        return `    t${k} = _eml(t${args[0]}, t${args[1]})`;
    }
  });
  return [`def ${name}(${params.map((v) => py.get(v)!).join(', ')}):`, ...body, `    return t${body.length - 1}`].join('\n');
}

const PYTHON_PRELUDE = [
  'import cmath',
  'import math',
  '',
  '',
  'def _exp(z):',
  '    # exp(-inf + iy) = 0, and a real overflow gives +inf, as in the extended reals',
  '    if z.real == -math.inf:',
  '        return 0j',
  '    try:',
  '        return cmath.exp(z)',
  '    except OverflowError:',
  '        return complex(math.inf, 0.0) if z.imag == 0 else complex(math.nan, math.nan)',
  '',
  '',
  'def _ln(z):',
  '    # principal branch, Arg in (-pi, pi] (a zero imaginary part of either sign counts as +0); ln 0 = -inf',
  '    if z.imag == 0:',
  '        z = complex(z.real, 0.0)',
  '    if z == 0:',
  '        return complex(-math.inf, 0.0)',
  '    if math.isinf(z.real) or math.isinf(z.imag):',
  '        return complex(math.inf, math.atan2(z.imag, z.real))',
  '    return cmath.log(z)',
  '',
  '',
  'def _eml(a, b):',
  '    return _exp(a) - _ln(b)',
];

function pythonFile(items: Prepared[], meta: ExportMeta): string {
  const names = [...new Set(items.flatMap((p) => collectVariables(p.formula)))].sort();
  const py = pythonVariableNames(names);
  const lines = [
    ...pythonHeader(meta),
    '# For each formula: <name>_eml(...) computes its pure EML tree in complex double arithmetic with the',
    '# standard library (cmath; ln 0 = -inf, exp(-inf) = 0), and <name>(...) the formula itself through',
    "# SymPy's lambdify with mpmath (when SymPy is installed). Example: print(sin_x_eml(0.5), sin_x(0.5))",
    ...PYTHON_PRELUDE,
    '',
    '',
  ];
  for (const p of items) {
    const params = collectVariables(p.formula).sort();
    lines.push(`# ${lineCommentText(`${p.record.name}: ${describe(p)}`)}`);
    lines.push(fits(p) ? pythonEmlFunction(`${p.ident}_eml`, params, p.eml, py) : `# EML form omitted: K = ${Number(p.record.compile.K)}`, '', '');
  }
  lines.push('try:', '    import sympy as _sympy', 'except ImportError:', '    _sympy = None', '', 'if _sympy is not None:');
  for (const v of names) lines.push(`    ${py.get(v)!} = _sympy.Symbol(${quotedString(v)})`);
  if (names.length === 0) lines.push('    pass');
  for (const p of items) {
    const params = collectVariables(p.formula).sort().map((v) => py.get(v)!);
    lines.push(`    ${p.ident} = _sympy.lambdify([${params.join(', ')}], _sympy.sympify(${quotedString(printSympy(p.formula))}), modules='mpmath')`);
  }
  lines.push('');
  return lines.join('\n');
}

function jsFile(items: Prepared[], meta: ExportMeta): string {
  const lines = [
    `// ${cCommentText(`Exported from EML Workbench ${meta.appVersion} on ${meta.at}: project "${meta.projectName}".`)}`,
    '// Each formula and its pure EML tree as a function of its variables (numbers or { re, im }), returning',
    '// { re, im } in complex double arithmetic with principal branches (ln 0 = -Infinity).',
    '',
  ];
  for (const p of items) {
    lines.push(`/** ${cCommentText(`${p.record.name}: ${describe(p)}`)} */`);
    lines.push(`export const ${p.ident} = ${printJs(p.formula)};`, `export const ${p.ident}_eml = ${printJs(p.eml, { params: collectVariables(p.formula).sort() })};`, '');
  }
  return lines.join('\n');
}

function rpnFile(items: Prepared[], meta: ExportMeta): string {
  const lines = [`# ${lineCommentText(`Exported from EML Workbench ${meta.appVersion} on ${meta.at}: project "${meta.projectName}".`)}`, '# Per formula: its RPN, then the RPN of its pure EML tree (EML = eml(a, b)).', ''];
  for (const p of items) {
    lines.push(`# ${lineCommentText(`${p.record.name}: ${describe(p)}`)}`, `formula: ${printRpn(p.formula)}`, fits(p) ? `eml: ${printRpn(p.eml)}` : `# eml omitted: K = ${Number(p.record.compile.K)}`, '');
  }
  return lines.join('\n');
}

function bundleFile(items: Prepared[], meta: ExportMeta): string {
  return jsonText(JSON.stringify(
    {
      format: 'eml-workbench/formula-bundle',
      version: 1,
      project: meta.projectName,
      appVersion: meta.appVersion,
      exportedAt: meta.at,
      formulas: items.map((p) => ({
        record: p.record,
        infix: printInfix(p.formula),
        latex: printLatex(p.formula),
        mathematica: printMathematica(p.formula),
        sympy: printSympy(p.formula),
        eml: fits(p) ? printEml(p.eml, 'call', { numbers: true }) : null,
        emlRpn: fits(p) ? printRpn(p.eml) : null,
        emlTree: fits(p) ? exprToJson(p.eml) : null,
      })),
    },
    null,
    2,
  ));
}

const stamp = (iso: string): string => iso.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z').replace('T', '-');

/** Returns the files of an export (names without folders), built from the records in the given order. */
export function buildExport(records: readonly FormulaRecord[], format: ExportFormat, meta: ExportMeta): Array<Omit<ExportedFile, 'path'>> {
  if (records.length === 0) throw new StoreError('refused', 'select at least one formula to export');
  const items = prepare(records);
  checkExportEstimate(items, format, MAX_TEXT_K);
  const base = `formulas-${stamp(meta.at)}`;
  switch (format) {
    case 'latex': return [{ name: `${base}.tex`, mediaType: 'application/x-tex', content: latexDocument(items, meta) }];
    case 'mathematica': return [{ name: `${base}.wl`, mediaType: 'text/plain', content: mathematicaFile(items, meta) }];
    case 'sympy': return [{ name: `${base}-sympy.py`, mediaType: 'text/x-python', content: sympyFile(items, meta) }];
    case 'python': return [{ name: `${base}.py`, mediaType: 'text/x-python', content: pythonFile(items, meta) }];
    case 'js': return [{ name: `${base}.mjs`, mediaType: 'text/javascript', content: jsFile(items, meta) }];
    case 'rpn': return [{ name: `${base}-rpn.txt`, mediaType: 'text/plain', content: rpnFile(items, meta) }];
    case 'bundle': return [{ name: `${base}-bundle.json`, mediaType: 'application/json', content: bundleFile(items, meta) }];
    case 'c':
      // one translation unit per formula: each carries its own static helpers
      return items.map((p) => ({
        name: `${base}-${p.ident}.c`,
        mediaType: 'text/x-c',
        content:
          `/* ${cCommentText(`${p.record.name}: pure EML tree, ${describe(p)}. Exported from EML Workbench ${meta.appVersion} on ${meta.at}.`)} */\n` +
          printC(p.eml, { name: p.ident, params: collectVariables(p.formula).sort() }),
      }));
  }
}

/** Writes the files of an export into <dir>/exports/ (each atomically, none above the size limit) and returns them with their paths. */
export async function writeExport(dir: string, files: ReadonlyArray<Omit<ExportedFile, 'path'>>): Promise<ExportedFile[]> {
  checkExportFiles(files);
  const folder = join(dir, EXPORTS_DIR);
  await mkdir(folder, { recursive: true });
  const out: ExportedFile[] = [];
  for (const f of files) {
    const path = join(folder, f.name);
    await writeFileAtomic(path, f.content);
    out.push({ ...f, path });
  }
  return out;
}
