// Export size limits: the estimate made before printing is never below what the printers write (every
// format, trees of K 1 to 40,000, long variable names); an export over MAX_EXPORT_BYTES is refused with
// a clear error before anything is printed (the bundle of one K ≈ 162,000 tree used to print 423 MB, of
// two a RangeError) and before anything is written.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileToEml } from '../../../src/core/compile';
import { parseInfix, printInfix, printLatex } from '../../../src/core/syntax';
import { EXPORTS_DIR, MAX_EXPORT_BYTES, MAX_TEXT_K, StoreError, buildExport, estimateExportBytes, writeExport } from '../../../src/node/store';
import { EXPORT_FORMATS } from '../../../src/shared/library';
import type { FormulaRecord } from '../../../src/shared/project';

const meta = { projectName: 'Sizes', appVersion: '0.1.0', at: '2026-03-04T05:06:07.089Z' };

function item(text: string, name = text): { record: FormulaRecord; formula: ReturnType<typeof parseInfix>; eml: ReturnType<typeof parseInfix> } {
  const formula = parseInfix(text);
  const r = compileToEml(formula, { mode: 'paper' });
  const record: FormulaRecord = {
    id: `id-${name}`, name, source: { syntax: 'infix', text }, infix: printInfix(formula), latex: printLatex(formula),
    compile: { mode: 'paper', prefer: 'robust', K: r.K, depth: r.depth, leaves: r.leaves, semantics: r.semantics },
    provenance: { kind: 'compile', runId: null, seed: null, settings: {}, rulesUsed: r.rulesUsed, appVersion: '0.1.0' },
    verification: null, tags: ['t'], notes: 'n', createdAt: meta.at, updatedAt: meta.at,
  };
  return { record, formula, eml: r.eml };
}

const bytesOf = (files: ReadonlyArray<{ content: string }>): number => files.reduce((s, f) => s + Buffer.byteLength(f.content), 0);

let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-export-size-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('export size', () => {
  const texts = [
    'x', '1', 'pi', 'exp(x)', 'sin(x)', 'x^x^x^x', 'ln(ln(ln(y)))', 'sqrt(x+y)*atan(x/y)', 'sin(sin(sin(x)))',
    'alpha_long_variable_name*beta_other_long_name + gamma_third',
    'x+y+z+w+v+u+t+s+r+q+p+o+n+m+l+k+j+i+h+g+f+e+d+c+b+a', 'sin(cos(tan(asin(acos(x)))))', 'tan(tan(tan(tan(x))))',
  ];
  const items = texts.map((t) => item(t));

  it.each(EXPORT_FORMATS.map((f) => [f]))('estimateExportBytes() is never below the printed size (%s)', (format) => {
    for (const x of items) {
      const estimate = estimateExportBytes([x], format, MAX_TEXT_K);
      if (estimate > MAX_EXPORT_BYTES) continue;
      const printed = bytesOf(buildExport([x.record], format, meta));
      expect(estimate, `${format} of ${x.record.name}`).toBeGreaterThanOrEqual(printed);
    }
    // and for all of them at once (where the limit allows)
    const fitting = items.filter((x) => estimateExportBytes([x], format, MAX_TEXT_K) <= MAX_EXPORT_BYTES / items.length);
    expect(estimateExportBytes(fitting, format, MAX_TEXT_K)).toBeGreaterThanOrEqual(bytesOf(buildExport(fitting.map((x) => x.record), format, meta)));
  });

  it('a bundle of one K ≈ 162,000 formula, and of two, is refused with its estimated size and the limit', () => {
    const big = item('tan(tan(tan(tan(tan(x)))))', 'big');
    expect(big.record.compile.K).toBeGreaterThan(150_000);
    for (const records of [[big.record], [big.record, { ...big.record, id: 'id-big2', name: 'big2' }]]) {
      let error: unknown;
      try {
        buildExport(records, 'bundle', meta);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('tooLarge');
      expect((error as StoreError).message).toMatch(
        new RegExp(`the bundle export of ${records.length} formula\\(s\\) could be up to [\\d.]+ MB, more than the 32\\.0 MB limit; export fewer formulas at once, or use a format that prints shared subtrees once`),
      );
    }
    // the formats that share repeated subtrees print it in a few kilobytes
    expect(bytesOf(buildExport([big.record], 'js', meta))).toBeLessThan(100_000);
  });

  it('writeExport() refuses files over the limit and writes none of them', async () => {
    const files = [
      { name: 'a.txt', mediaType: 'text/plain', content: 'x'.repeat(MAX_EXPORT_BYTES / 2) },
      { name: 'b.txt', mediaType: 'text/plain', content: 'y'.repeat(MAX_EXPORT_BYTES / 2 + 1) },
    ];
    await expect(writeExport(base, files)).rejects.toThrow(/export: the files would be 32\.0 MB, more than the 32\.0 MB limit/);
    await expect(readdir(join(base, EXPORTS_DIR))).rejects.toThrow(/ENOENT/);
    const written = await writeExport(base, [files[0]!]);
    expect(written.map((f) => f.path)).toEqual([join(base, EXPORTS_DIR, 'a.txt')]);
    expect(await readdir(join(base, EXPORTS_DIR))).toEqual(['a.txt']);
  });
});
