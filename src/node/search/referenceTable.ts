// The rows of the shortest-form table the app searches: every calculator primitive of the built-in reference
// size table (src/core/reference/primitives-k.json) with its formula and reference columns.

import { builtinPrimitiveSizes } from '../../core/reference/primitiveSizes';
import type { PrimitiveRow } from '../../core/search/shortestTable';

export interface ReferenceTable {
  readonly rows: readonly PrimitiveRow[];
  /** Whether the rows carry the reference columns (always, since the table ships with the engine). */
  readonly fromFile: boolean;
}

let cache: ReferenceTable | undefined;

/** Returns the table rows with their reference columns. */
export function referenceTable(): ReferenceTable {
  return (cache ??= { rows: builtinPrimitiveSizes(), fromFile: true });
}
