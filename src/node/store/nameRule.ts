// What a name may contain: the names of projects and formulas and the tags of formulas are one line of
// printable text. Refused: control characters (tab, line feed, carriage return, NUL, escape, DEL, C1 controls
// such as U+0085 next line), U+2028 line separator and U+2029 paragraph separator, the bidirectional-text
// controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and unpaired surrogates. Every other
// character, in any script, emoji included, is allowed. The API checks this on save, the project schema
// when a project file is read; the exports escape names anyway (src/core/syntax/embedText.ts).

import { firstUnsafeChar } from '../../core/syntax/embedText';

/** The longest name (UTF-16 units) the API saves. */
export const MAX_NAME = 120;

const CHAR_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL', 0x09: 'tab', 0x0a: 'line feed', 0x0b: 'vertical tab', 0x0c: 'form feed', 0x0d: 'carriage return',
  0x1b: 'escape', 0x7f: 'delete', 0x85: 'next line', 0x2028: 'line separator', 0x2029: 'paragraph separator',
};

function describeChar(code: number): string {
  if (CHAR_NAMES[code]) return CHAR_NAMES[code];
  if (code >= 0xd800 && code <= 0xdfff) return 'an unpaired surrogate';
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return 'a control character';
  return 'a bidirectional-text control';
}

/** Returns why `name` cannot be a name because of a character in it (naming the character and where), or null. */
export function nameCharProblem(name: string): string | null {
  const bad = firstUnsafeChar(name);
  if (!bad) return null;
  const code = `U+${bad.code.toString(16).toUpperCase().padStart(4, '0')}`;
  return (
    `must be one line of printable text, but character ${bad.index + 1} is ${code} (${describeChar(bad.code)}); ` +
    'control characters, line and paragraph separators, bidirectional-text controls and unpaired surrogates are not allowed'
  );
}
