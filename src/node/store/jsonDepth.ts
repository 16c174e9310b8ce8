// How deeply a JSON text nests, measured on the text before it is parsed: JSON.parse copes with any depth,
// but cloning, validating or writing such a value back recurses once per level and overflows the stack.
// A project file nests a few levels; anything past MAX_PROJECT_JSON_DEPTH is refused with a clear error.

import { StoreError } from './storeError';

/** Deepest nesting of arrays and objects a project file may have (a real one has under 10). */
export const MAX_PROJECT_JSON_DEPTH = 64;

const OPEN_BRACE = 0x7b; // {
const OPEN_BRACKET = 0x5b; // [
const CLOSE_BRACE = 0x7d; // }
const CLOSE_BRACKET = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * Returns the deepest nesting of arrays and objects in a JSON text, counting only brackets outside strings,
 * and the offset where that depth is first reached (-1 when the text has no array or object). Stops as soon
 * as `limit` is exceeded. The text need not be valid JSON: parsing reports syntax errors afterwards.
 */
export function jsonNestingDepth(text: string, limit = Number.POSITIVE_INFINITY): { depth: number; offset: number } {
  let depth = 0;
  let deepest = 0;
  let offset = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        offset = i;
        if (deepest > limit) break;
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return { depth: deepest, offset };
}

/** Throws StoreError 'corrupt' naming `file` when its text nests deeper than MAX_PROJECT_JSON_DEPTH. */
export function checkProjectJsonDepth(text: string, file: string): void {
  const { depth, offset } = jsonNestingDepth(text, MAX_PROJECT_JSON_DEPTH);
  if (depth <= MAX_PROJECT_JSON_DEPTH) return;
  throw new StoreError(
    'corrupt',
    `${file} nests arrays or objects more than ${MAX_PROJECT_JSON_DEPTH} levels deep (level ${depth} at character ${offset}); ` +
      'a project file never does, so it was not loaded; the file was left untouched',
  );
}
