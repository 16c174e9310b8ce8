// The identifiers an export defines: one per formula (from its name) and one per variable in the Python files.
// Each is ASCII, never a keyword or a name the export files already use (in Python, JavaScript or C), and
// distinct from every other identifier of the export, including the derived ones (<id>_eml, <id>_eml_text,
// <id>EML) and the variables. Names themselves are never written as code: only these identifiers are.

import { C_RESERVED, JS_RESERVED, PY_RESERVED } from '../../core/syntax/printCode';

/** What the export files use besides printCode's names: the Python prelude and SymPy helpers. */
const EXPORT_NAMES: ReadonlySet<string> = new Set([
  'cmath', 'math', 'complex', 'symbols', 'parse_expr', 'sympify', 'lambdify', 'sympy', 'print', 'EML',
]);

const RESERVED_SETS = [PY_RESERVED, JS_RESERVED, C_RESERVED, EXPORT_NAMES];

/** True when `id` (or its lower-case form) is reserved in any export language. */
function reserved(id: string): boolean {
  const low = id.toLowerCase();
  return RESERVED_SETS.some((s) => s.has(id) || s.has(low));
}

/** The identifiers of one formula: for Python, SymPy, JavaScript and C, and for Mathematica. */
export interface FormulaIdentifiers {
  /** `[A-Za-z][A-Za-z0-9_]*`; the export also defines <code>_eml and <code>_eml_text. */
  readonly code: string;
  /** `[a-z][A-Za-z0-9]*`; the export also defines <mathematica>EML. */
  readonly mathematica: string;
}

/** Takes the first of base, base<sep>2, base<sep>3 … whose derived names are all free, and marks them taken. */
function claim(base: string, sep: string, derived: readonly string[], taken: Set<string>): string {
  for (let k = 1; ; k++) {
    const id = k === 1 ? base : `${base}${sep}${k}`;
    const all = [id, ...derived.map((d) => id + d)];
    if (all.some((n) => taken.has(n))) continue;
    all.forEach((n) => taken.add(n));
    return id;
  }
}

/** Returns the identifiers of the formulas called `names`, in order, distinct from each other and from `variables`. */
export function formulaIdentifiers(names: readonly string[], variables: readonly string[]): FormulaIdentifiers[] {
  const takenCode = new Set<string>(variables);
  for (const v of pythonVariableNames(variables).values()) takenCode.add(v);
  const takenM = new Set<string>(variables);
  return names.map((name) => {
    let code = name.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').replace(/_+/g, '_');
    if (code === '') code = 'f';
    else if (/^[0-9]/.test(code)) code = `f_${code}`;
    if (reserved(code) || /^(t|eml|v)_/.test(code)) code = `${code}_`;
    let m = name.replace(/[^A-Za-z0-9]+/g, '');
    if (!/^[a-z]/.test(m)) m = `f${m}`;
    return { code: claim(code, '_', ['_eml', '_eml_text'], takenCode), mathematica: claim(m, '', ['EML'], takenM) };
  });
}

/**
 * Returns the Python name of each variable: the name itself when it is an ASCII identifier that is not
 * reserved, not a temporary (t3) and not private (_x); otherwise v_<name> with other characters as _<hex>_,
 * made unique.
 */
export function pythonVariableNames(variables: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  const sorted = [...new Set(variables)].sort();
  const plain = (v: string): boolean => /^[A-Za-z][A-Za-z0-9_]*$/.test(v) && !reserved(v) && !/^(t[0-9]+|v_.*)$/.test(v);
  for (const v of sorted) if (plain(v)) used.add(v);
  for (const v of sorted) {
    if (plain(v)) {
      out.set(v, v);
      continue;
    }
    const base = `v_${v.replace(/[^A-Za-z0-9_]/gu, (ch) => `_${ch.codePointAt(0)!.toString(16)}_`)}`;
    out.set(v, claim(base, '_', [], used));
  }
  return out;
}
