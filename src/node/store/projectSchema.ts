// project.json's schema in code: the default content of a new project, the migrations from older
// versions (pure functions, one per version step), and the validator that names the first bad field.
// Invariant: validation never changes the data, so a file that fails it is reported and left as it was.
// Names (the project's, each formula's and its tags) must satisfy nameRule.ts, as when they are saved.

import { COMPILE_MODES } from '../../core/compile';
import { SEMANTICS } from '../../core/semantics';
import {
  PROJECT_SCHEMA,
  PROJECT_VERSION,
  type ArrayRef,
  type ProjectData,
  type RunRecord,
} from '../../shared/project';
import { checkSearchRun } from '../search/searchRunSchema';
import { checkDiscoverRun } from './discoverRunSchema';
import { checkTrainRun } from './trainRunSchema';
import { nameCharProblem } from './nameRule';
import { StoreError } from './storeError';

/** Returns the content of a new, empty project. */
export function newProjectData(id: string, name: string, nowIso: string): ProjectData {
  return {
    schema: PROJECT_SCHEMA,
    version: PROJECT_VERSION,
    id,
    name,
    createdAt: nowIso,
    updatedAt: nowIso,
    settings: { compileMode: 'paper', prefer: 'robust', syntax: 'infix' },
    datasets: [],
    runs: [],
    formulas: [],
    notes: [],
  };
}

/** A migration turns the data of version v into the data of version v + 1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Migrations by the version they start from. Version 1 is the first released format, so the table is
 * empty; a change of format adds `{ 1: (d) => …version 2… }` and raises PROJECT_VERSION.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

type Obj = Record<string, unknown>;

/** Collects the file name so every failure names the file and the field. */
class Checker {
  constructor(readonly file: string) {}

  fail(path: string, problem: string): never {
    throw new StoreError('invalid', `${this.file}: ${path} ${problem}; the file was left untouched`);
  }

  object(v: unknown, path: string): Obj {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(path, 'must be an object');
    return v as Obj;
  }

  array(o: Obj, key: string, path: string): unknown[] {
    const v = o[key];
    if (!Array.isArray(v)) this.fail(`${path}.${key}`, 'must be an array');
    return v;
  }

  string(o: Obj, key: string, path: string, opts: { nullable?: boolean; nonEmpty?: boolean } = {}): void {
    const v = o[key];
    if (v === null && opts.nullable) return;
    if (typeof v !== 'string') this.fail(`${path}.${key}`, opts.nullable ? 'must be a string or null' : 'must be a string');
    if (opts.nonEmpty && v === '') this.fail(`${path}.${key}`, 'must not be empty');
  }

  /** A name: a string that is one line of printable text (nameRule.ts). */
  name(o: Obj, key: string, path: string): void {
    this.string(o, key, path);
    this.nameText(o[key] as string, `${path}.${key}`);
  }

  /** Checks that the string at `path` is one line of printable text (nameRule.ts). */
  nameText(v: string, path: string): void {
    const problem = nameCharProblem(v);
    if (problem) this.fail(path, problem);
  }

  number(o: Obj, key: string, path: string, opts: { nullable?: boolean; integer?: boolean; min?: number } = {}): void {
    const v = o[key];
    if (v === null && opts.nullable) return;
    if (typeof v !== 'number' || Number.isNaN(v)) this.fail(`${path}.${key}`, opts.nullable ? 'must be a number or null' : 'must be a number');
    if (opts.integer && !Number.isInteger(v)) this.fail(`${path}.${key}`, 'must be an integer');
    if (opts.min !== undefined && v < opts.min) this.fail(`${path}.${key}`, `must be at least ${opts.min}`);
  }

  boolean(o: Obj, key: string, path: string): void {
    if (typeof o[key] !== 'boolean') this.fail(`${path}.${key}`, 'must be true or false');
  }

  oneOf(o: Obj, key: string, path: string, allowed: readonly string[]): void {
    const v = o[key];
    if (typeof v !== 'string' || !allowed.includes(v)) this.fail(`${path}.${key}`, `must be one of ${allowed.join(', ')}`);
  }

  strings(o: Obj, key: string, path: string): void {
    this.array(o, key, path).forEach((s, i) => {
      if (typeof s !== 'string') this.fail(`${path}.${key}[${i}]`, 'must be a string');
    });
  }

  /** Checks every record of an array field and that their `id`s are unique. */
  records(o: Obj, key: string, path: string, check: (r: Obj, p: string) => void): void {
    const ids = new Set<string>();
    this.array(o, key, path).forEach((item, i) => {
      const p = `${path}.${key}[${i}]`;
      const r = this.object(item, p);
      this.string(r, 'id', p, { nonEmpty: true });
      if (ids.has(r['id'] as string)) this.fail(`${p}.id`, `repeats the id '${String(r['id'])}'`);
      ids.add(r['id'] as string);
      check(r, p);
    });
  }
}

const ARRAY_FILE = /^arrays\/[A-Za-z0-9_-]+\.f64$/;

function checkArrayRef(c: Checker, v: unknown, p: string): void {
  const r = c.object(v, p);
  c.string(r, 'name', p);
  c.string(r, 'file', p);
  if (!ARRAY_FILE.test(r['file'] as string)) c.fail(`${p}.file`, 'must name a file arrays/<id>.f64');
  c.number(r, 'length', p, { integer: true, min: 0 });
  c.oneOf(r, 'dtype', p, ['float64']);
}

function checkArrayRefs(c: Checker, o: Obj, key: string, p: string): void {
  c.array(o, key, p).forEach((a, i) => checkArrayRef(c, a, `${p}.${key}[${i}]`));
}

const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'];
const SUITES = ['unary', 'binary', 'identities', 'all'];

function checkRun(c: Checker, r: Obj, p: string): void {
  c.string(r, 'label', p);
  c.oneOf(r, 'status', p, RUN_STATUSES);
  c.string(r, 'createdAt', p);
  c.string(r, 'endedAt', p, { nullable: true });
  const progress = c.object(r['progress'], `${p}.progress`);
  c.number(progress, 'done', `${p}.progress`, { integer: true, min: 0 });
  c.number(progress, 'total', `${p}.progress`, { integer: true, min: 0 });
  c.string(r, 'error', p, { nullable: true });
  checkArrayRefs(c, r, 'arrays', p);
  switch (r['kind']) {
    case 'verify': {
      const s = c.object(r['settings'], `${p}.settings`);
      c.oneOf(s, 'suite', `${p}.settings`, SUITES);
      c.oneOf(s, 'mode', `${p}.settings`, COMPILE_MODES);
      c.oneOf(s, 'semantics', `${p}.settings`, SEMANTICS);
      c.number(s, 'digits', `${p}.settings`, { integer: true, min: 1 });
      c.array(r, 'results', p).forEach((item, i) => {
        const q = `${p}.results[${i}]`;
        const x = c.object(item, q);
        c.oneOf(x, 'kind', q, ['grid', 'identity']);
        c.string(x, 'name', q);
        c.string(x, 'formula', q);
        c.number(x, 'K', q, { integer: true, min: 0 });
        c.boolean(x, 'passed', q);
        c.number(x, 'maxScaledError', q, { nullable: true });
        c.number(x, 'valid', q, { nullable: true, integer: true });
        c.number(x, 'samples', q, { nullable: true, integer: true });
        c.number(x, 'agreeingDigits', q, { nullable: true, integer: true });
        if (x['tolerance'] !== undefined) {
          const t = c.object(x['tolerance'], `${q}.tolerance`);
          if ('digits' in t) c.number(t, 'digits', `${q}.tolerance`, { integer: true, min: 0 });
          else c.number(t, 'maxScaledError', `${q}.tolerance`, { min: 0 });
        }
        c.string(x, 'failure', q, { nullable: true });
      });
      if (r['summary'] !== null) {
        const s2 = c.object(r['summary'], `${p}.summary`);
        c.number(s2, 'passed', `${p}.summary`, { integer: true, min: 0 });
        c.number(s2, 'failed', `${p}.summary`, { integer: true, min: 0 });
      }
      return;
    }
    case 'search':
      checkSearchRun(c, r, p);
      return;
    case 'train':
      checkTrainRun(c, r, p);
      return;
    case 'discover':
      checkDiscoverRun(c, r, p);
      return;
    default:
      c.fail(`${p}.kind`, `is an unknown run kind '${String(r['kind'])}'`);
  }
}

function checkFormula(c: Checker, r: Obj, p: string): void {
  c.name(r, 'name', p);
  const src = c.object(r['source'], `${p}.source`);
  c.oneOf(src, 'syntax', `${p}.source`, ['infix', 'mathematica', 'eml', 'rpn']);
  c.string(src, 'text', `${p}.source`, { nonEmpty: true });
  c.string(r, 'infix', p);
  c.string(r, 'latex', p);
  const comp = c.object(r['compile'], `${p}.compile`);
  c.oneOf(comp, 'mode', `${p}.compile`, COMPILE_MODES);
  c.oneOf(comp, 'prefer', `${p}.compile`, ['robust', 'shortest']);
  for (const k of ['K', 'depth', 'leaves']) c.number(comp, k, `${p}.compile`, { integer: true, min: 0 });
  c.oneOf(comp, 'semantics', `${p}.compile`, ['ieee', 'extended']);
  const prov = c.object(r['provenance'], `${p}.provenance`);
  c.oneOf(prov, 'kind', `${p}.provenance`, ['compile', 'run', 'import']);
  c.string(prov, 'runId', `${p}.provenance`, { nullable: true });
  c.number(prov, 'seed', `${p}.provenance`, { nullable: true, integer: true });
  const settings = c.object(prov['settings'], `${p}.provenance.settings`);
  for (const [k, v] of Object.entries(settings)) {
    if (!['string', 'number', 'boolean'].includes(typeof v)) c.fail(`${p}.provenance.settings.${k}`, 'must be a string, number or boolean');
  }
  c.strings(prov, 'rulesUsed', `${p}.provenance`);
  c.string(prov, 'appVersion', `${p}.provenance`);
  if (r['verification'] !== null) {
    const q = `${p}.verification`;
    const v = c.object(r['verification'], q);
    c.oneOf(v, 'semantics', q, SEMANTICS);
    c.number(v, 'points', q, { integer: true, min: 0 });
    c.number(v, 'compared', q, { integer: true, min: 0 });
    c.number(v, 'maxScaledError', q, { nullable: true });
    c.number(v, 'tolerance', q);
    c.boolean(v, 'passed', q);
  }
  c.strings(r, 'tags', p);
  (r['tags'] as string[]).forEach((t, i) => c.nameText(t, `${p}.tags[${i}]`));
  c.string(r, 'notes', p);
  c.string(r, 'createdAt', p);
  c.string(r, 'updatedAt', p);
}

function checkDataset(c: Checker, r: Obj, p: string): void {
  c.string(r, 'name', p);
  c.string(r, 'createdAt', p);
  const src = c.object(r['source'], `${p}.source`);
  c.oneOf(src, 'kind', `${p}.source`, ['csv', 'generator']);
  c.string(src, 'detail', `${p}.source`);
  c.number(r, 'rows', p, { integer: true, min: 0 });
  checkArrayRefs(c, r, 'columns', p);
}

function checkNote(c: Checker, r: Obj, p: string): void {
  c.string(r, 'text', p);
  c.string(r, 'createdAt', p);
  c.string(r, 'updatedAt', p);
}

/** Returns `data` typed as ProjectData when it is a valid current-version project; throws StoreError naming the first bad field. */
export function validateProject(data: unknown, file: string): ProjectData {
  const c = new Checker(file);
  const d = c.object(data, '$');
  if (d['schema'] !== PROJECT_SCHEMA) c.fail('$.schema', `must be '${PROJECT_SCHEMA}' (this is not an EML Workbench project file)`);
  c.number(d, 'version', '$', { integer: true, min: 1 });
  if (d['version'] !== PROJECT_VERSION) c.fail('$.version', `must be ${PROJECT_VERSION} after migration`);
  c.string(d, 'id', '$', { nonEmpty: true });
  c.name(d, 'name', '$');
  c.string(d, 'createdAt', '$');
  c.string(d, 'updatedAt', '$');
  const s = c.object(d['settings'], '$.settings');
  c.oneOf(s, 'compileMode', '$.settings', COMPILE_MODES);
  c.oneOf(s, 'prefer', '$.settings', ['robust', 'shortest']);
  c.oneOf(s, 'syntax', '$.settings', ['infix', 'mathematica']);
  c.records(d, 'datasets', '$', (r, p) => checkDataset(c, r, p));
  c.records(d, 'runs', '$', (r, p) => checkRun(c, r, p));
  c.records(d, 'formulas', '$', (r, p) => checkFormula(c, r, p));
  c.records(d, 'notes', '$', (r, p) => checkNote(c, r, p));
  return d as unknown as ProjectData;
}

/**
 * Returns the data brought to `target` by the migration table, and whether anything changed.
 * Throws StoreError 'newer' for a file written by a newer version (never downgraded) and 'invalid'
 * when a step is missing or the version field is not a positive integer.
 */
export function migrateProject(
  data: unknown,
  file: string,
  migrations: Readonly<Record<number, Migration>> = MIGRATIONS,
  target: number = PROJECT_VERSION,
): { data: unknown; migrated: boolean } {
  const c = new Checker(file);
  let d = c.object(data, '$');
  if (d['schema'] !== PROJECT_SCHEMA) c.fail('$.schema', `must be '${PROJECT_SCHEMA}' (this is not an EML Workbench project file)`);
  c.number(d, 'version', '$', { integer: true, min: 1 });
  let version = d['version'] as number;
  if (version > target) {
    throw new StoreError('newer', `${file} was written by a newer version of EML Workbench (schema version ${version}, this build reads up to ${target}); the file was left untouched`);
  }
  const migrated = version < target;
  while (version < target) {
    const step = migrations[version];
    if (!step) c.fail('$.version', `${version} has no migration to version ${version + 1}`);
    d = { ...step(d), version: version + 1 };
    version++;
  }
  return { data: d, migrated };
}

/** Array files a project references (runs and datasets), for integrity checks. */
export function referencedArrays(data: ProjectData): ArrayRef[] {
  return [...data.runs.flatMap((r: RunRecord) => r.arrays), ...data.datasets.flatMap((d) => d.columns)];
}
