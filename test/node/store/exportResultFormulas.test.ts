// Export of formulas that results saved to the Library: a fit's snapped tree (source: the pure EML tree,
// infix: its conventional formula) exports the conventional formula as its LaTeX, not eml(…) calls, with the
// tree itself as its EML form; a discovered formula with a 16-digit fitted constant (source: the EML tree with
// a numeric leaf) exports in every format, and the exported JavaScript computes the formula and the tree alike.

import { describe, expect, it } from 'vitest';
import { emlWithNumericLeaves } from '../../../src/core/discover/model';
import { leafCount, size, depth } from '../../../src/core/expr';
import { parseInfix, printEml, printInfix, printLatex } from '../../../src/core/syntax';
import { buildExport } from '../../../src/node/store';
import { EXPORT_FORMATS } from '../../../src/shared/library';
import type { FormulaRecord } from '../../../src/shared/project';

const meta = { projectName: 'Results', appVersion: '0.1.0', at: '2026-03-04T05:06:07.089Z' };

function resultRecord(id: string, source: FormulaRecord['source'], infix: string, K: number, d: number, leaves: number): FormulaRecord {
  return {
    id, name: infix, source, infix, latex: printLatex(parseInfix(infix)),
    compile: { mode: 'ieee-safe', prefer: 'robust', K, depth: d, leaves, semantics: 'ieee' },
    provenance: { kind: 'run', runId: 'r1', seed: 1, settings: { run: 'Fit' }, rulesUsed: [], appVersion: '0.1.0' },
    verification: null, tags: [], notes: '', createdAt: meta.at, updatedAt: meta.at,
  };
}

const fit = resultRecord('fit', { syntax: 'eml', text: 'eml(1, eml(y, x))' }, 'e - ln(exp(y) - ln(x))', 5, 2, 3);
const numeric = parseInfix('0.3989422804014327 * exp(-(x^2) / 2)');
const tree = emlWithNumericLeaves(numeric);
const discovered = resultRecord('disc', { syntax: 'infix', text: printEml(tree, 'call', { numbers: true }) }, printInfix(numeric), size(tree), depth(tree), leafCount(tree));

describe('exports of saved results', () => {
  it("a fit's LaTeX is its conventional formula, with the snapped tree as its EML form", () => {
    const [file] = buildExport([fit], 'latex', meta);
    const tex = file!.content;
    expect(tex).toContain('\\[\n  e - \\ln\\left(\\exp\\left(y\\right) - \\ln\\left(x\\right)\\right)\n\\]');
    const display = tex.slice(tex.indexOf('\\['), tex.indexOf('\\]'));
    expect(display).not.toContain('operatorname');
    expect(tex).toContain('$\\operatorname{eml}(1,\\allowbreak \\operatorname{eml}(y,\\allowbreak x))$');
  });

  it('a discovered formula with a 16-digit constant exports in every format, its formula and tree computing alike', async () => {
    for (const format of EXPORT_FORMATS) expect(() => buildExport([fit, discovered], format, meta), format).not.toThrow();
    const [file] = buildExport([discovered], 'js', meta);
    const mod = (await import(`data:text/javascript;base64,${Buffer.from(file!.content).toString('base64')}`)) as Record<string, (...a: number[]) => unknown>;
    const names = Object.keys(mod).sort();
    expect(names).toHaveLength(2);
    const f = mod[names.find((n) => !n.endsWith('_eml'))!]!;
    const g = mod[names.find((n) => n.endsWith('_eml'))!]!;
    // both compute with complex values (re, im)
    for (const x of [-1.5, 0.3, 2]) {
      const want = 0.3989422804014327 * Math.exp(-(x * x) / 2);
      for (const [fn, digits] of [[f, 14], [g, 12]] as const) {
        const v = fn(x) as { re: number; im: number };
        expect(v.re).toBeCloseTo(want, digits);
        expect(Math.abs(v.im)).toBeLessThan(1e-12);
      }
    }
  });
});
