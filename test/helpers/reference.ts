// Loads the shared reference tables (../shared/reference beside the repository) for tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export interface PrimitiveRow {
  name: string;
  arity: number;
  toolkitCompilerK: number | null;
  paperShortestK_extended: number | null;
  paperShortestK_ieee: number | null;
  bestKnownK_ieee: number | null;
}

const DIR = resolve(__dirname, '../../../shared/reference');

/** Returns the rows of primitives-k.json. */
export function primitiveTable(): PrimitiveRow[] {
  const path = resolve(DIR, 'primitives-k.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new Error(`reference table missing: ${path} (the shared reference folder must sit beside the repository)`);
  }
  return (JSON.parse(text) as { primitives: PrimitiveRow[] }).primitives;
}
