// Validation of a search job's input as the hosts receive it (`eml:jobs:start` with kind 'search'): every
// field is checked, with defaults filled in, and the target, leaves and basis names are tried against the
// engine (parsed, valued at the probes, looked up in the catalogue) so a bad input never starts a job.
// Failures throw SearchInputError naming the field; src/node/api.ts turns it into a 400.

import { primitive, type Primitive } from '../../core/search/catalogue';
import { buildLanguage, pureEmlSpec } from '../../core/search/language';
import { searchProbes } from '../../core/search/probes';
import { constantTarget, functionTarget, targetValues, type SearchTarget } from '../../core/search/target';
import { SEMANTICS, type Semantics } from '../../core/semantics';
import { FieldReader } from '../fieldReader';
import {
  SEARCH_LIMITS as L,
  SEARCH_TASKS,
  type BasisSettings,
  type RecognizeSettings,
  type SearchDomain,
  type SearchSettings,
  type SearchTask,
  type TableSettings,
} from '../../shared/search';

/** A refused search input; the message names the field (input.maxK, input.target.text ...). */
export class SearchInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchInputError';
  }
}

/** Default memory budget of an enumeration started from the app, MiB. */
export const DEFAULT_MEMORY_MIB = 512;
const DOMAINS: readonly SearchDomain[] = ['complex', 'real'];

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Reads the fields of one object; each failure names `path.field`. */
class Reader extends FieldReader {
  constructor(
    readonly path: string,
    obj: Obj,
    allowed: readonly string[],
  ) {
    super(obj);
    for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.fail(k, `is not a field here (allowed: ${allowed.join(', ')})`);
  }

  static of(path: string, v: unknown, shape: string, allowed: readonly string[]): Reader {
    if (!isObject(v)) throw new SearchInputError(`${path} must be an object like ${shape}`);
    return new Reader(path, v, allowed);
  }

  fail(field: string, problem: string): never {
    throw new SearchInputError(`${this.path}.${field} ${problem}`);
  }

  boolean(field: string, fallback: boolean): boolean {
    const v = this.obj[field];
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') this.fail(field, 'must be true or false');
    return v;
  }

  text(field: string, max: number): string {
    const v = this.obj[field];
    if (typeof v !== 'string') this.fail(field, 'must be a string');
    if (v.trim() === '') this.fail(field, 'must not be empty');
    if (v.length > max) this.fail(field, `must be at most ${max} characters`);
    return v.trim();
  }

  /** A list of trimmed, non-empty, distinct strings. */
  strings(field: string, maxItems: number, maxLength: number, fallback?: readonly string[]): string[] {
    const v = this.obj[field];
    if (v === undefined && fallback !== undefined) return fallback.slice();
    return this.stringItems(field, v, maxItems, maxLength, 'refuse');
  }
}

function recognizeSettings(r: Reader): RecognizeSettings {
  const t = Reader.of(`${r.path}.target`, r.obj['target'], "{ kind: 'const' | 'fn', text }", ['kind', 'text']);
  const kind = t.choice('kind', ['const', 'fn'] as const);
  const text = t.text('text', L.targetText);
  const target = ((): SearchTarget => {
    try {
      return kind === 'const' ? constantTarget(text) : functionTarget(text);
    } catch (e) {
      return t.fail('text', `is not a usable target: ${(e as Error).message}`);
    }
  })();
  const leaves = r.strings('leaves', L.leaves, L.leafName, ['1', ...target.variables]);
  if (leaves.length === 0) r.fail('leaves', 'must name at least one leaf');
  const probes = searchProbes(target.variables, 2);
  try {
    buildLanguage(pureEmlSpec(probes, leaves));
  } catch (e) {
    r.fail('leaves', `are not usable: ${(e as Error).message}`);
  }
  try {
    targetValues(target, probes);
  } catch (e) {
    t.fail('text', `is not a usable target: ${(e as Error).message}`);
  }
  return {
    task: 'recognize',
    target: { kind, text },
    leaves,
    maxK: r.integer('maxK', 1, L.recognizeMaxK, 45),
    semantics: r.choice('semantics', SEMANTICS, 'extended'),
    domain: r.choice('domain', DOMAINS, 'complex'),
    memoryMiB: r.integer('memoryMiB', L.minMemoryMiB, L.maxMemoryMiB, DEFAULT_MEMORY_MIB),
  };
}

function tableSettings(r: Reader, knownRows: readonly string[]): TableSettings {
  const semantics = r.strings('semantics', SEMANTICS.length, 20, ['extended', 'strict']);
  if (semantics.length === 0) r.fail('semantics', 'must name at least one semantics');
  semantics.forEach((s, i) => {
    if (!(SEMANTICS as readonly string[]).includes(s)) r.fail(`semantics[${i}]`, `must be one of ${SEMANTICS.join(', ')}`);
  });
  const m = r.obj['maxK'] === undefined ? undefined : Reader.of(`${r.path}.maxK`, r.obj['maxK'], '{ constant, unary, binary }', ['constant', 'unary', 'binary']);
  const maxK = {
    constant: m ? m.integer('constant', 1, L.tableMaxK, 19) : 19,
    unary: m ? m.integer('unary', 1, L.tableMaxK, 17) : 17,
    binary: m ? m.integer('binary', 1, L.tableMaxK, 17) : 17,
  };
  let only: string[] | null = null;
  if (r.obj['only'] !== undefined && r.obj['only'] !== null) {
    only = r.strings('only', knownRows.length, 40);
    if (only.length === 0) r.fail('only', 'must name at least one primitive (or be null for all)');
    only.forEach((n, i) => {
      if (!knownRows.includes(n)) r.fail(`only[${i}]`, `is not a primitive of the reference table: '${n}' (known: ${knownRows.join(', ')})`);
    });
  }
  return {
    task: 'table',
    semantics: semantics as Semantics[],
    maxK,
    only,
    domain: r.choice('domain', DOMAINS, 'complex'),
    memoryMiB: r.integer('memoryMiB', L.minMemoryMiB, L.maxMemoryMiB, DEFAULT_MEMORY_MIB),
    upperK: r.integer('upperK', 0, L.tableUpperK, 0),
  };
}

function basisSettings(r: Reader): BasisSettings {
  const list = (field: string, kind: Primitive['kind'], fallback: readonly string[]): string[] => {
    const names = r.strings(field, L.basisNames, 200, fallback);
    names.forEach((n, i) => {
      try {
        primitive(kind, n);
      } catch (e) {
        r.fail(`${field}[${i}]`, `is not usable: ${(e as Error).message}`);
      }
    });
    return names;
  };
  const constants = list('constants', 'constant', ['1']);
  const unary = list('unary', 'unary', []);
  const binary = list('binary', 'binary', ['EML']);
  if (unary.length + binary.length === 0) r.fail('unary', 'and binary must name at least one primitive between them');
  return {
    task: 'verify-basis',
    constants,
    unary,
    binary,
    maxK: r.integer('maxK', 1, L.basisMaxK, 10),
    explain: r.boolean('explain', true),
    domain: r.choice('domain', DOMAINS, 'complex'),
  };
}

/**
 * Returns the validated settings of a search job input, with defaults filled in; `tableRows` are the
 * primitive names the table task can search (from the reference table).
 */
export function parseSearchInput(raw: unknown, tableRows: readonly string[], path = 'input'): SearchSettings {
  if (!isObject(raw)) throw new SearchInputError(`${path} must be an object like { task: ${SEARCH_TASKS.join(' | ')}, ... }`);
  const task = raw['task'];
  if (typeof task !== 'string' || !(SEARCH_TASKS as readonly string[]).includes(task)) {
    throw new SearchInputError(`${path}.task must be one of ${SEARCH_TASKS.join(', ')}`);
  }
  switch (task as SearchTask) {
    case 'recognize':
      return recognizeSettings(new Reader(path, raw, ['task', 'target', 'leaves', 'maxK', 'semantics', 'domain', 'memoryMiB']));
    case 'table':
      return tableSettings(new Reader(path, raw, ['task', 'semantics', 'maxK', 'only', 'domain', 'memoryMiB', 'upperK']), tableRows);
    case 'verify-basis':
      return basisSettings(new Reader(path, raw, ['task', 'constants', 'unary', 'binary', 'maxK', 'explain', 'domain']));
  }
}

