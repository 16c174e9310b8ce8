// Tests of the escapers that put user text into export files: for hand-picked hostile strings and for seeded
// random strings over the characters that matter, each result is read back by the language itself (JSON.parse,
// a JavaScript context, python3's ast, the TypeScript scanner, gcc's preprocessor) or by a lexer written from
// the language's rules (test/helpers/languageReaders.ts), and must stay inside its comment or string.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng, randomInt } from '../../../src/core/rng';
import {
  cCommentText,
  firstUnsafeChar,
  jsonText,
  latexText,
  lineCommentText,
  mathematicaString,
  quotedString,
} from '../../../src/core/syntax/embedText';
import {
  ANY_LINE_END,
  cWithoutComments,
  hasProgram,
  jsComments,
  jsShape,
  pythonShapes,
  python3,
  texCommands,
  wolframParts,
  wolframStringValue,
} from '../../helpers/languageReaders';

const HOSTILE = [
  '', 'plain name', 'a\nimport os', 'a\r\nb', 'a\rb', 'a\u2028b', 'a\u2029b', 'a\u0085b', 'a\vb\fc', 'nul\u0000', 'esc\u001b[31m',
  'del\u007f', 'c1\u009b', '*/', '/*', '*)', '(*', '(*)', '*/*', '/', '*', '\\', 'trailing\\', '"', "'", '\\"', '??/', 'a\\:002a)',
  '\\[Star])', '\u202eevil\u202c', '\u2066x\u2069', 'lone \ud800', 'lone \udc00 low', 'pair 😀', 'é α ∑', '%', '\\input{x}', '^^J',
  '${x}', '`x`', '</script>', '-*- coding: utf-7 -*-',
];

/** Seeded random strings over the characters the escapers care about. */
function randomStrings(count: number, seed: number): string[] {
  const alphabet = [
    'a', ' ', '*', '/', '(', ')', '\\', '"', "'", '\n', '\r', '\u2028', '\u2029', '\u0085', '\u0000', '\u001b', '\u202e', '\ud800',
    '\udc00', '😀', '%', '{', '}', '^', '$', '#', '?', ':', '|', '+', '-', 'é', '\t', '[', ']',
  ];
  const rng = createRng(seed);
  return Array.from({ length: count }, () => Array.from({ length: randomInt(rng, 13) }, () => alphabet[randomInt(rng, alphabet.length)]).join(''));
}

const CASES = [...HOSTILE, ...randomStrings(200, 20260501)];
const wellFormed = (s: string): string => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'eml-embed-'));
  dirs.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('firstUnsafeChar', () => {
  it('finds controls, line and paragraph separators, bidirectional controls and unpaired surrogates', () => {
    const unsafe = ['\u0000', '\t', '\n', '\v', '\f', '\r', '\u001b', '\u007f', '\u0085', '\u009f', '\u2028', '\u2029', '\u061c', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\ud800', '\udfff'];
    for (const ch of unsafe) expect(firstUnsafeChar(`ab${ch}c`), `U+${ch.charCodeAt(0).toString(16)}`).toEqual({ index: 2, code: ch.charCodeAt(0) });
  });

  it('accepts printable text in any script, emoji, no-break and zero-width joiners', () => {
    for (const s of ['sin(x) + 1', 'é α ∑ ж 漢字', '😀 👩‍🔬', 'a\u00a0b', 'a\u200db', '"quoted" \\ */ *) %']) expect(firstUnsafeChar(s)).toBeNull();
  });
});

describe('quotedString', () => {
  it('reads back as the same text in JSON and in JavaScript', () => {
    const context = createContext({});
    for (const s of CASES) {
      const q = quotedString(s);
      expect(JSON.parse(q)).toBe(s);
      expect(runInContext(q, context)).toBe(s);
      expect(firstUnsafeChar(q)).toBeNull();
    }
  });

  it.skipIf(!hasProgram('python3'))('reads back as the same text in Python (ast.literal_eval)', () => {
    const file = tempFile('strings.py', `[\n${CASES.map((s) => `  ${quotedString(s)},`).join('\n')}\n]\n`);
    const script = 'import ast, json, sys; print(json.dumps(ast.literal_eval(open(sys.argv[1], encoding="utf-8", errors="surrogatepass").read())))';
    const back = JSON.parse(execFileSync(python3(), ['-I', '-S', '-c', script, file], { encoding: 'utf8' })) as string[];
    expect(back).toEqual(CASES);
  });
});

describe('mathematicaString', () => {
  it('is one ASCII string literal that decodes to the text (unpaired surrogates as U+FFFD)', () => {
    for (const s of CASES) {
      const q = mathematicaString(s);
      expect(q).toMatch(/^[\x20-\x7e]*$/);
      const parts = wolframParts(`a::usage = ${q}; b = 1;`);
      expect(parts.code).toBe('a::usage = "S"; b = 1;');
      expect(parts.strings).toEqual([q]);
      expect(wolframStringValue(q)).toBe(wellFormed(s));
    }
  });
});

describe('cCommentText', () => {
  it('stays inside a JavaScript /* */ or // comment, as the TypeScript scanner reads it', () => {
    for (const s of CASES) {
      const t = cCommentText(s);
      expect(jsComments(`/* ${t} */ x;\n`)).toEqual([`/* ${t} */`]);
      expect(jsComments(`/**${t}*/ x;\n`)).toEqual([`/**${t}*/`]);
      expect(jsComments(`// ${t}\nx;\n`)).toEqual([`// ${t}`]);
      expect(jsShape(`/*${t}*/ x;\n// ${t}\ny;\n`)).toEqual(jsShape('x;\ny;\n'));
    }
  });

  it.skipIf(!hasProgram('gcc'))('stays inside a C /* */ comment, as gcc reads it (trigraphs on, -std=c11)', () => {
    const file = tempFile('comments.c', CASES.map((s, i) => `/*${cCommentText(s)}*/ int v${i};`).join('\n') + '\n');
    const code = cWithoutComments(file).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(code).toEqual(CASES.map((_, i) => `int v${i};`));
  });
});

describe('lineCommentText', () => {
  it('never contains a line end of any language', () => {
    for (const s of CASES) expect(ANY_LINE_END.test(lineCommentText(s))).toBe(false);
  });

  it.skipIf(!hasProgram('python3'))('stays inside a Python # comment, as python3 parses the file', () => {
    const commented = tempFile('commented.py', `# -*- coding: utf-8 -*-\n${CASES.map((s, i) => `# ${lineCommentText(s)}\nv${i} = ${i}`).join('\n')}\n`);
    const plain = tempFile('plain.py', `${CASES.map((_, i) => `v${i} = ${i}`).join('\n')}\n`);
    const [a, b] = pythonShapes([commented, plain]);
    expect(a).toBe(b);
  });
});

describe('latexText', () => {
  it('leaves TeX nothing to obey: every special character is printed, and the text stays on one line', () => {
    for (const s of CASES) expect(texCommands(latexText(s)), JSON.stringify(s)).toEqual(['EOL']);
  });
});

describe('jsonText', () => {
  it('parses to the same value and leaves no separator, C1 or bidirectional control raw', () => {
    const value = { names: CASES, nested: { '\u2028key': '\u202e' } };
    const text = jsonText(JSON.stringify(value, null, 2));
    expect(JSON.parse(text)).toEqual(value);
    expect(text).not.toMatch(/[\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/);
  });
});
