// Readers of the export languages for the injection tests, independent of the escapers under test: each reduces
// a file to its structure as the language itself reads it (comments dropped, string contents and identifier
// spellings blanked), so two exports that differ only in the text of their names must reduce to the same thing.
// Python goes through python3's own ast module, JavaScript through the TypeScript parser, C through gcc's
// preprocessor; the Wolfram Language and TeX have no reader here, so they get small lexers written from the
// languages' lexical rules (nested (* *) comments and "…" strings with \ escapes; % comments, control words).

import { execFileSync, spawnSync } from 'node:child_process';
import ts from 'typescript';

/** Every character sequence that some reader of some export language may take as a line end. */
export const ANY_LINE_END = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;

/** Returns true when `cmd --version` runs. */
export function hasProgram(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0;
}

let python: string | undefined;
/** Returns the path of the python3 interpreter itself (launchers such as version-manager shims are slow to start). */
export function python3(): string {
  python ??= execFileSync('python3', ['-I', '-S', '-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  return python;
}

// ---- Python ----------------------------------------------------------------------------------------------------

const PY_SHAPE = String.raw`
import ast, json, sys
class Blank(ast.NodeTransformer):
    def visit_Name(self, n): n.id = 'ID'; return n
    def visit_arg(self, n): n.arg = 'ID'; return n
    def visit_FunctionDef(self, n): self.generic_visit(n); n.name = 'ID'; return n
    def visit_Constant(self, n):
        if isinstance(n.value, str): n.value = 'S'
        return n
out = []
for f in sys.argv[1:]:
    try:
        tree = ast.parse(open(f, 'rb').read(), f)  # bytes: python applies the file's coding cookie, as when run
    except SyntaxError as e:
        out.append('SyntaxError: ' + str(e)); continue
    out.append(ast.dump(Blank().visit(tree)))
print(json.dumps(out))
`;

/** Returns python3's AST of each file (read as bytes) with identifiers and string contents blanked. */
export function pythonShapes(files: readonly string[]): string[] {
  return JSON.parse(execFileSync(python3(), ['-I', '-S', '-c', PY_SHAPE, ...files], { encoding: 'utf8' })) as string[];
}

// ---- JavaScript ------------------------------------------------------------------------------------------------

/** Returns the syntax-node kinds of an ES module in order, as the TypeScript parser reads it, or its first error. */
export function jsShape(text: string): string[] {
  const sf = ts.createSourceFile('export.mjs', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const diagnostics = (sf as unknown as { parseDiagnostics: ts.Diagnostic[] }).parseDiagnostics;
  if (diagnostics.length > 0) return [`error: ${ts.flattenDiagnosticMessageText(diagnostics[0]!.messageText, ' ')}`];
  const kinds: string[] = [];
  const visit = (n: ts.Node): void => {
    kinds.push(ts.SyntaxKind[n.kind]);
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return kinds;
}

/** Returns the comments of a JavaScript text as the TypeScript scanner reads them. */
export function jsComments(text: string): string[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const out: string[] = [];
  for (let k = scanner.scan(); k !== ts.SyntaxKind.EndOfFileToken; k = scanner.scan()) {
    if (k === ts.SyntaxKind.SingleLineCommentTrivia || k === ts.SyntaxKind.MultiLineCommentTrivia) out.push(scanner.getTokenText());
  }
  return out;
}

// ---- C ---------------------------------------------------------------------------------------------------------

/** Returns a C file as gcc's preprocessor sees it with comments removed (no includes, no macro expansion). */
export function cWithoutComments(file: string): string {
  return execFileSync('gcc', ['-std=c11', '-fpreprocessed', '-E', '-P', '-x', 'c', file], { encoding: 'utf8' });
}

// ---- Wolfram Language ------------------------------------------------------------------------------------------

/** Splits Wolfram Language text into code (strings replaced by "S"), comments (which nest) and raw string literals. */
export function wolframParts(text: string): { code: string; comments: string[]; strings: string[] } {
  let code = '';
  const comments: string[] = [];
  const strings: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('(*', i)) {
      let depth = 1;
      let j = i + 2;
      while (depth > 0) {
        if (j >= text.length) throw new Error(`unclosed comment at ${i}`);
        if (text.startsWith('(*', j)) [depth, j] = [depth + 1, j + 2];
        else if (text.startsWith('*)', j)) [depth, j] = [depth - 1, j + 2];
        else j++;
      }
      comments.push(text.slice(i, j));
      i = j;
    } else if (text[i] === '"') {
      let j = i + 1;
      while (text[j] !== '"') {
        if (j >= text.length) throw new Error(`unclosed string at ${i}`);
        j += text[j] === '\\' ? 2 : 1;
      }
      strings.push(text.slice(i, j + 1));
      code += '"S"';
      i = j + 1;
    } else code += text[i++];
  }
  return { code, comments, strings };
}

/** Returns the value of a Wolfram Language string literal (escapes \\, \", \:xxxx, \|xxxxxx, \n, \t). */
export function wolframStringValue(literal: string): string {
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    if (body[i] !== '\\') {
      out += body[i];
      continue;
    }
    const c = body[++i]!;
    if (c === ':') [out, i] = [out + String.fromCodePoint(parseInt(body.slice(i + 1, i + 5), 16)), i + 4];
    else if (c === '|') [out, i] = [out + String.fromCodePoint(parseInt(body.slice(i + 1, i + 7), 16)), i + 6];
    else out += c === 'n' ? '\n' : c === 't' ? '\t' : c;
  }
  return out;
}

// ---- TeX -------------------------------------------------------------------------------------------------------

/**
 * Returns the tokens TeX acts on, line by line (lines split at ANY_LINE_END): control words (\section),
 * control symbols (\{), the special characters { } $ & # ^ _ ~, and EOL; comments (% to the end of the
 * line) and ordinary characters are dropped.
 */
export function texTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const line of text.split(ANY_LINE_END)) {
    for (let i = 0; i < line.length; ) {
      const c = line[i]!;
      if (c === '%') break;
      if (c === '\\') {
        const word = /^[A-Za-z]+/.exec(line.slice(i + 1))?.[0];
        const token = word ?? line[i + 1] ?? '';
        tokens.push(`\\${token}`);
        i += 1 + Math.max(1, token.length);
        continue;
      }
      if ('{}$&#^_~'.includes(c)) tokens.push(c);
      i++;
    }
    tokens.push('EOL');
  }
  return tokens;
}

/** The TeX tokens that only print a character: \textbackslash{}, \textasciicircum{}, \textasciitilde{}, \{ … \%. */
const PRINTS_A_CHARACTER = new Set(['\\textbackslash', '\\textasciicircum', '\\textasciitilde']);
const ESCAPED_SPECIALS = new Set(['\\{', '\\}', '\\$', '\\&', '\\#', '\\_', '\\%']);

/** Returns texTokens(text) without the tokens that only print a character: what is left is what TeX obeys. */
export function texCommands(text: string): string[] {
  const tokens = texTokens(text);
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (PRINTS_A_CHARACTER.has(t) && tokens[i + 1] === '{' && tokens[i + 2] === '}') i += 2;
    else if (!ESCAPED_SPECIALS.has(t)) out.push(t);
  }
  return out;
}
