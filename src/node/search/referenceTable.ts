// The rows of the shortest-form table the app searches: every calculator primitive with its formula, and
// the reference columns (toolkit compiler, paper, best known) read from ../shared/reference/primitives-k.json
// beside the application when that file is present. Without it the rows still exist, with null columns.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PRIMITIVE_FORMULAS } from '../../core/compile/primitives';
import type { PrimitiveRow } from '../../core/search/shortestTable';
import { variables } from '../../core/expr';
import { parseInfix } from '../../core/syntax/parseInfix';
import { appRoot } from '../jobs/runWorker';

export interface ReferenceTable {
  readonly rows: readonly PrimitiveRow[];
  /** Whether the reference columns were read from the file. */
  readonly fromFile: boolean;
}

let cache: ReferenceTable | undefined;

/** Returns the path of the reference table file the app reads. */
export function referenceTableFile(): string {
  return resolve(appRoot(), '../shared/reference/primitives-k.json');
}

const num = (o: Record<string, unknown>, k: string): number | null => (typeof o[k] === 'number' ? (o[k] as number) : null);

/** Returns the table rows: the reference file's rows with their formulas, or every known primitive without reference columns. */
export function referenceTable(file: string = referenceTableFile()): ReferenceTable {
  if (cache && file === referenceTableFile()) return cache;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    parsed = undefined;
  }
  const prims = (parsed as { primitives?: unknown } | undefined)?.primitives;
  let table: ReferenceTable;
  if (Array.isArray(prims)) {
    const rows: PrimitiveRow[] = [];
    for (const p of prims as Array<Record<string, unknown>>) {
      const formula = typeof p['name'] === 'string' ? PRIMITIVE_FORMULAS[p['name']] : undefined;
      if (!formula || typeof p['arity'] !== 'number') continue;
      rows.push({
        name: p['name'] as string, arity: p['arity'], formula,
        toolkitCompilerK: num(p, 'toolkitCompilerK'), paperShortestK_extended: num(p, 'paperShortestK_extended'),
        paperShortestK_ieee: num(p, 'paperShortestK_ieee'), bestKnownK_ieee: num(p, 'bestKnownK_ieee'),
      });
    }
    table = { rows, fromFile: true };
  } else {
    table = {
      rows: Object.entries(PRIMITIVE_FORMULAS).map(([name, formula]) => ({
        name, arity: variables(parseInfix(formula)).length, formula,
        toolkitCompilerK: null, paperShortestK_extended: null, paperShortestK_ieee: null, bestKnownK_ieee: null,
      })),
      fromFile: false,
    };
  }
  if (file === referenceTableFile()) cache = table;
  return table;
}
