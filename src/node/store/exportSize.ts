// Size limits of formula exports. Before anything is printed, an export is measured from its trees (one
// pass over the unique nodes) and refused when its files would exceed MAX_EXPORT_BYTES: printing first
// could take gigabytes (a pretty-printed JSON tree grows with size × depth). After printing, the files
// are measured exactly before anything is written: that check is what guarantees the limit. The figures
// per token were measured on the printers and err on the large side (estimate / printed size between
// 1.3 and 5 on the test formulas), so an export near the limit may be refused early, never let through.

import type { Expr } from '../../core/expr';
import type { ExportFormat, ExportedFile } from '../../shared/library';
import type { FormulaRecord } from '../../shared/project';
import { sizeText } from './readRegular';
import { StoreError } from './storeError';

/** Largest export, all its files together. */
export const MAX_EXPORT_BYTES = 32 * 1024 * 1024;

/** A formula about to be exported: its record, the parsed formula and its EML tree. */
export interface ExportItem {
  readonly record: FormulaRecord;
  readonly formula: Expr;
  readonly eml: Expr;
}

interface TreeMeasure {
  /** RPN tokens (repeated subtrees counted each time). */
  readonly tokens: number;
  /** Sum over the tokens of their depth below the root. */
  readonly depthSum: number;
  /** Distinct nodes (repeated subtrees once). */
  readonly unique: number;
  /** Longest variable or constant name. */
  readonly longestName: number;
}

/** Measures a tree in one pass over its distinct nodes (a tree of 10^9 tokens with sharing is cheap). */
function measureTree(t: Expr): TreeMeasure {
  const size = new Map<Expr, number>();
  const below = new Map<Expr, number>();
  let longestName = 1;
  const stack: Expr[] = [t];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (size.has(n)) {
      stack.pop();
      continue;
    }
    if (n.kind !== 'op') {
      stack.pop();
      if (n.kind !== 'num') longestName = Math.max(longestName, n.name.length);
      size.set(n, 1);
      below.set(n, 0);
      continue;
    }
    const pending = n.args.filter((a) => !size.has(a));
    if (pending.length > 0) {
      stack.push(...pending);
      continue;
    }
    stack.pop();
    let s = 1;
    let d = 0;
    for (const a of n.args) {
      s += size.get(a)!;
      // every token of a child's subtree is one level deeper below n
      d += below.get(a)! + size.get(a)!;
    }
    size.set(n, s);
    below.set(n, d);
  }
  return { tokens: size.get(t)!, depthSum: below.get(t)!, unique: size.size, longestName };
}

/** Characters of a record's own text, each counted 16 times (the widest escape: \textbackslash{}). */
function recordText(r: FormulaRecord): number {
  const text = r.name.length + r.notes.length + r.source.text.length + r.infix.length + r.latex.length + r.tags.join(',').length;
  return 16 * text + 4096;
}

/** Returns an upper bound of the bytes the export of `items` in `format` prints; trees over `maxTextK` tokens are left out of the text formats. */
export function estimateExportBytes(items: readonly ExportItem[], format: ExportFormat, maxTextK: number): number {
  let total = 4096;
  for (const p of items) {
    const e = measureTree(p.eml);
    const f = measureTree(p.formula);
    const full = p.record.compile.K <= maxTextK;
    const perToken = (c: number): number => (full ? e.tokens * (c + e.longestName) : 0);
    const formula = f.tokens * (40 + f.longestName) + recordText(p.record);
    const shared = e.unique * (80 + e.longestName);
    switch (format) {
      case 'latex': total += formula + perToken(36); break;
      case 'mathematica': total += formula + perToken(10); break;
      case 'sympy': total += formula + perToken(18); break;
      case 'rpn': total += formula + perToken(8); break;
      case 'js':
      case 'c':
      case 'python': total += formula + shared + 8192; break;
      case 'bundle':
        // eml text and RPN, plus the pretty-printed tree: each node's lines are indented by about 20
        // columns per level it lies below the root
        total += 4 * formula + perToken(24 + 120) + (full ? 20 * e.depthSum : 0);
        break;
    }
  }
  return total;
}

function limitText(): string {
  return `more than the ${sizeText(MAX_EXPORT_BYTES)} limit; export fewer formulas at once, or use a format that prints shared subtrees once (js, c, python)`;
}

/** Throws StoreError 'tooLarge' when the export of `items` in `format` could exceed MAX_EXPORT_BYTES. */
export function checkExportEstimate(items: readonly ExportItem[], format: ExportFormat, maxTextK: number): void {
  const bytes = estimateExportBytes(items, format, maxTextK);
  if (bytes > MAX_EXPORT_BYTES) {
    throw new StoreError('tooLarge', `export: the ${format} export of ${items.length} formula(s) could be up to ${sizeText(bytes)}, ${limitText()}`);
  }
}

/** Throws StoreError 'tooLarge' when the printed files together exceed MAX_EXPORT_BYTES. */
export function checkExportFiles(files: ReadonlyArray<Omit<ExportedFile, 'path'>>): void {
  const bytes = files.reduce((s, f) => s + Buffer.byteLength(f.content), 0);
  if (bytes > MAX_EXPORT_BYTES) throw new StoreError('tooLarge', `export: the files would be ${sizeText(bytes)}, ${limitText()}`);
}
