// Arbitrary text (a formula or project name, a tag, a formula's source) made inert where an export writes it:
// inside a comment or a string literal of the target language. Every function here returns text that cannot
// end its comment or string, cannot start a new line for any reader of the language, and leaves the rest of
// the file read exactly as it would be without it. The exporters put user text nowhere else.
//
// Unsafe characters (UNSAFE_CHAR) are the ones no export writes raw: C0 and C1 controls and DEL (they include
// \n, \r, \v, \f and U+0085 NEL, which Python, C, TeX or editors take as line ends), U+2028 and U+2029 (line ends
// in JavaScript), the bidirectional-text controls (they make code display in an order other than the one it
// runs in) and unpaired surrogates (not encodable in UTF-8).

/** One unsafe character; the lookarounds make a surrogate unsafe only when it is unpaired. */
const UNSAFE_CHAR =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const UNSAFE_CHARS = new RegExp(UNSAFE_CHAR.source, 'g');

/** Returns `\uXXXX` for a UTF-16 code unit (the spelling JavaScript, JSON and Python share). */
const u4 = (ch: string): string => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** Returns the first unsafe character of `text` (its UTF-16 index and code unit), or null when there is none. */
export function firstUnsafeChar(text: string): { index: number; code: number } | null {
  const m = UNSAFE_CHAR.exec(text);
  return m ? { index: m.index, code: m[0].charCodeAt(0) } : null;
}

/** Returns `text` with each unsafe character written as a visible `\uXXXX` (so a comment shows what was there). */
export function visibleEscapes(text: string): string {
  return text.replace(UNSAFE_CHARS, u4);
}

/**
 * Returns `text` for a comment that runs to the end of its line: Python and SymPy `#`, LaTeX `%`, the RPN
 * export's `#`. Only a line end can close such a comment, and no unsafe character is left raw. (A backslash
 * does not continue a Python or TeX comment; the Python exports keep user text off the coding-cookie lines.)
 */
export function lineCommentText(text: string): string {
  return visibleEscapes(text);
}

/**
 * Returns `text` for a C-family comment: JavaScript/TypeScript `//` and `/* … *\/`, C `/* … *\/`. Line ends
 * (including U+2028/U+2029) are escaped, every `*\/` and `/*` is split by a space, and a leading `/` or
 * trailing `*` is padded so the text cannot form a closer with the characters around it.
 */
export function cCommentText(text: string): string {
  return visibleEscapes(text)
    .replace(/\*(?=\/)/g, '* ')
    .replace(/\/(?=\*)/g, '/ ')
    .replace(/^\//, ' /')
    .replace(/\*$/, '* ');
}

/**
 * Returns a double-quoted string literal of `text` that JSON, JavaScript and Python 3 all read back as
 * exactly `text`: `\` and `"` are escaped, unsafe characters are written `\uXXXX` (an unpaired surrogate
 * stays one, as `\udXXX`), everything else is written as itself.
 */
export function quotedString(text: string): string {
  return `"${text.replace(/[\\"]/g, (ch) => `\\${ch}`).replace(UNSAFE_CHARS, u4)}"`;
}

/**
 * Returns a Wolfram Language string literal of `text`, in ASCII only: `\` and `"` are escaped, other
 * characters outside printable ASCII are written `\:xxxx` (or `\|xxxxxx` above U+FFFF); an unpaired
 * surrogate becomes U+FFFD. Every backslash of the input is doubled, so no escape sequence can form.
 */
export function mathematicaString(text: string): string {
  let out = '"';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '\\' || ch === '"') out += `\\${ch}`;
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c > 0xffff) out += `\\|${c.toString(16).padStart(6, '0')}`;
    else out += `\\:${(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c).toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

/** TeX's special characters and what prints each in running text. */
const LATEX_SPECIAL: Readonly<Record<string, string>> = {
  '\\': '\\textbackslash{}', '^': '\\textasciicircum{}', '~': '\\textasciitilde{}',
  '{': '\\{', '}': '\\}', $: '\\$', '&': '\\&', '#': '\\#', _: '\\_', '%': '\\%',
};

/**
 * Returns `text` as LaTeX running text (for a heading, a paragraph or \texttt): TeX's special characters
 * print as themselves, tabs and line ends become spaces (so no blank line can end a paragraph inside an
 * argument), and the other unsafe characters print as visible `\uXXXX`.
 */
export function latexText(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]/g, ' ')
    .replace(UNSAFE_CHARS, u4)
    .replace(/[\\^~{}$&#_%]/g, (ch) => LATEX_SPECIAL[ch]!);
}

/**
 * Returns JSON text with the characters JSON allows raw inside strings but JavaScript before ES2019, terminals
 * or editors mishandle (DEL and C1 controls, U+2028/U+2029, bidirectional controls) written `\uXXXX`; it
 * parses to the same value. (JSON.stringify already escapes C0 controls and unpaired surrogates, and these
 * characters can only occur inside strings of JSON text.)
 */
export function jsonText(json: string): string {
  return json.replace(/[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, u4);
}
