// The reference size table of calculator primitives (primitives-k.json, the repository's own copy of the
// published figures): the toolkit compiler's K, the paper's shortest K under extended reals and without
// infinities, and the best published IEEE size. `parsePrimitiveSizes` validates any such table.

import { PRIMITIVE_FORMULAS } from '../compile/primitives';
import type { PrimitiveRow } from '../search/shortestTable';
import table from './primitives-k.json';

/** Returns the rows of a primitives-k table (parsed JSON), each with its formula; throws naming the bad field. */
export function parsePrimitiveSizes(data: unknown, source: string): PrimitiveRow[] {
  const prims = (data as { primitives?: unknown } | null | undefined)?.primitives;
  if (!Array.isArray(prims)) throw new Error(`${source}: field 'primitives' must be an array`);
  return prims.map((p: Record<string, unknown>, i: number) => {
    if (!p || typeof p !== 'object' || typeof p.name !== 'string' || typeof p.arity !== 'number') {
      throw new Error(`${source}: primitives[${i}] needs a string 'name' and a number 'arity'`);
    }
    const formula = Object.hasOwn(PRIMITIVE_FORMULAS, p.name) ? PRIMITIVE_FORMULAS[p.name] : undefined;
    if (!formula) throw new Error(`${source}: primitives[${i}] '${p.name}' has no known formula`);
    const num = (k: string): number | null => (typeof p[k] === 'number' ? (p[k] as number) : null);
    return {
      name: p.name, arity: p.arity, formula, toolkitCompilerK: num('toolkitCompilerK'), paperShortestK_extended: num('paperShortestK_extended'),
      paperShortestK_ieee: num('paperShortestK_ieee'), bestKnownK_ieee: num('bestKnownK_ieee'),
    };
  });
}

/** Returns the built-in reference rows (primitives-k.json shipped with the engine). */
export function builtinPrimitiveSizes(): PrimitiveRow[] {
  return parsePrimitiveSizes(table, 'primitives-k.json');
}
