// Loads the reference tables the repository ships (src/core/reference) for tests.
import primitives from '../../src/core/reference/primitives-k.json';
import sweep from '../../src/core/reference/paper-trainer-sweep.json';
import feynman from '../../src/core/reference/feynman-le3.json';

export interface PrimitiveRow {
  name: string;
  arity: number;
  toolkitCompilerK: number | null;
  paperShortestK_extended: number | null;
  paperShortestK_ieee: number | null;
  bestKnownK_ieee: number | null;
}

/** Returns the rows of primitives-k.json. */
export function primitiveTable(): PrimitiveRow[] {
  return (primitives as unknown as { primitives: PrimitiveRow[] }).primitives;
}

/** Returns the jobs of paper-trainer-sweep.json. */
export function paperSweepTable(): Array<Record<string, number | string>> {
  return (sweep as unknown as { jobs: Array<Record<string, number | string>> }).jobs;
}

/** Returns the equations of feynman-le3.json. */
export function feynmanTable(): Array<{ id: string; formula: string; variables: Array<{ name: string; lo: number; hi: number }> }> {
  return feynman.equations;
}
