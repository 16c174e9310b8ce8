// Host API handler table shared by the Electron main process and the browser server, and the services
// behind it (projects, jobs, compilation). Every channel of src/shared/api.ts has a handler that receives the
// raw, untrusted argument, checks every field (with apiFields.ts), then calls a src/node service; handlers of
// discover and fit results live in results/resultHandlers.ts. No transport code here; StoreError and job
// errors are mapped to ApiError statuses in dispatch().

import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { name as packageName, version as packageVersion } from '../../package.json';
import { COMPILE_MODES, compileToEml, type CompileMode, type CompileResult } from '../core/compile';
import { PRIMITIVE_FORMULAS } from '../core/compile/primitives';
import { evaluate, type ComplexInput } from '../core/evaluate';
import { type Expr, variables } from '../core/expr';
import { SEMANTICS, type Semantics } from '../core/semantics';
import { ParseError, parseFormula, printEml, printInfix, printLatex } from '../core/syntax';
import {
  CHANNELS,
  type ApiResponse,
  type Channel,
  type HostEvent,
  type PingRequest,
  type PingResponse,
  type VersionInfo,
} from '../shared/api';
import type { CompileOutcome, CompileRequest, DagNode, InputSyntax, PrimitivePattern, TreeDag } from '../shared/compile';
import type { JobInfo, VerifyJobInput } from '../shared/jobs';
import { EXPORT_FORMATS, type ExportFormat, type ExportResult } from '../shared/library';
import type { CompilePrefer, FormulaCheck, FormulaRecord, ProjectSnapshot } from '../shared/project';
import { JobService } from './jobs/service';
import { referenceTable } from './search/referenceTable';
import { formulaFromHit, NoHitError } from './search/searchFormula';
import { parseSearchInput, SearchInputError } from './search/searchInput';
import { trainCurves } from './jobs/trainJobDefinition';
import { clusterStatus } from './cluster/clusterStatus';
import { parseQueueUrl } from './cluster/queueUrl';
import { HostSettings } from './store/hostSettings';
import { DatasetImportError, importDataset } from './train/datasetImport';
import { parseTrainInput, prepareFit, TrainRequestError } from './train/trainRequest';
import { MAX_DATASET_TEXT } from '../shared/train';
import { buildExport, writeExport } from './store/exportFormulas';
import { MAX_NAME } from './store/nameRule';
import { StoreError } from './store/storeError';
import type { StoreFs } from './store/storeFs';
import { Workspace } from './store/workspace';
import { datasetValues, runData, saveDiscoverEntry, saveTrainResult, startDiscover } from './results/resultHandlers';
import {
  ApiError, expectNoArgument, Fields, isPlainObject, MAX_FORMULA_TEXT, MAX_IDS, MAX_NOTES, MAX_PING_MESSAGE,
  type Handler, type HandlerTable,
} from './apiFields';

// #region Errors and validation

export { ApiError, type Handler, type HandlerTable } from './apiFields';
export { MAX_FORMULA_TEXT, MAX_IDS, MAX_NOTES, MAX_PATH, MAX_PING_MESSAGE, MAX_TAG, MAX_TAGS } from './apiFields';

/** Trees with more unique nodes are not sent to the renderer. */
export const MAX_DAG_NODES = 100_000;
/** Largest tree (K) printed as eml(…) text, and as LaTeX, in a compile response. */
export const MAX_EML_TEXT_K = 20_000;
export const MAX_EML_LATEX_K = 2_000;

/** The application's own name and version (from package.json, inlined at build time). */
export const APP_INFO: VersionInfo = Object.freeze({ name: packageName, version: packageVersion });

function parsePing(arg: unknown): PingRequest {
  if (arg === undefined || arg === null) return {};
  if (!isPlainObject(arg)) throw new ApiError('eml:ping: the argument must be an object like { message?: string }');
  const f = Fields.of('eml:ping', arg, '{ message?: string }', ['message']);
  const message = f.string('message', { max: MAX_PING_MESSAGE, optional: true });
  return message === undefined ? {} : { message };
}

const INPUT_SYNTAXES: readonly InputSyntax[] = ['infix', 'mathematica'];
const PREFERS: readonly CompilePrefer[] = ['robust', 'shortest'];
const SUITES = ['unary', 'binary', 'identities', 'all'] as const;

interface CompileArgs {
  text: string;
  syntax: InputSyntax;
  mode: CompileMode;
  prefer: CompilePrefer;
}

function compileArgs(f: Fields): CompileArgs {
  return {
    text: f.string('text', { max: MAX_FORMULA_TEXT, min: 1 }),
    syntax: f.choice('syntax', INPUT_SYNTAXES, 'infix'),
    mode: f.choice('mode', COMPILE_MODES, 'paper'),
    prefer: f.choice('prefer', PREFERS, 'robust'),
  };
}

// #endregion

// #region Compilation for the Compile view and the library

/** Returns the tree as unique nodes in postfix order (children first, shared subtrees once). */
export function exprToDag(t: Expr): TreeDag {
  const index = new Map<Expr, number>();
  const nodes: DagNode[] = [];
  const stack: Expr[] = [t];
  while (stack.length > 0) {
    const n = stack[stack.length - 1]!;
    if (index.has(n)) {
      stack.pop();
      continue;
    }
    if (n.kind === 'op') {
      const pending = n.args.filter((a) => !index.has(a));
      if (pending.length > 0) {
        stack.push(...pending.reverse());
        continue;
      }
    }
    stack.pop();
    let node: DagNode;
    switch (n.kind) {
      case 'num': node = { num: n.text }; break;
      case 'var': node = { var: n.name }; break;
      case 'const': node = { const: n.name }; break;
      case 'op': node = { op: n.op, args: n.args.map((a) => index.get(a)!) }; break;
    }
    index.set(n, nodes.length);
    nodes.push(node);
  }
  return { nodes, root: nodes.length - 1 };
}

/** Sample values per variable position for the numeric check (generic reals of both signs and a complex point). */
const CHECK_POINTS: readonly ComplexInput[][] = [
  [0.37, 1.29],
  [1.61, -0.58],
  [2.9, 0.74],
  [-0.83, 2.3],
  [-2.2, -1.7],
  [{ re: 0.45, im: 0.7 }, { re: -0.6, im: 0.35 }],
];
export const CHECK_TOLERANCE = 1e-8;

/**
 * Returns the numeric check of a compiled formula: its EML tree against the formula at CHECK_POINTS.
 * A tree too deep for the scalar evaluator is reported as not compared (and not passed).
 */
export function checkCompiled(formula: Expr, compiled: CompileResult): FormulaCheck {
  try {
    return checkAtPoints(formula, compiled);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return { semantics: compiled.semantics, points: CHECK_POINTS.length, compared: 0, maxScaledError: null, tolerance: CHECK_TOLERANCE, passed: false };
  }
}

function checkAtPoints(formula: Expr, compiled: CompileResult): FormulaCheck {
  const names = variables(formula);
  const semantics: Semantics = compiled.semantics;
  let compared = 0;
  let worst = 0;
  for (const values of CHECK_POINTS) {
    const bindings: Record<string, ComplexInput> = {};
    names.forEach((name, i) => {
      const v = values[i % values.length]!;
      // a third or later variable gets a shifted value so that no two variables coincide
      bindings[name] = i < values.length ? v : typeof v === 'number' ? v + 0.5 * i : { re: v.re + 0.5 * i, im: v.im };
    });
    const want = evaluate(formula, bindings, { semantics });
    const got = evaluate(compiled.eml, bindings, { semantics });
    if (!want.defined || !got.defined) continue;
    compared++;
    const scale = Math.max(1, Math.hypot(want.re, want.im));
    worst = Math.max(worst, Math.hypot(got.re - want.re, got.im - want.im) / scale);
  }
  return {
    semantics,
    points: CHECK_POINTS.length,
    compared,
    maxScaledError: compared > 0 ? worst : null,
    tolerance: CHECK_TOLERANCE,
    passed: compared > 0 && worst <= CHECK_TOLERANCE,
  };
}

interface Compiled {
  formula: Expr;
  result: CompileResult;
}

/** Parses and compiles; ParseError and compiler refusals become a CompileFailure. */
function compileText(args: CompileArgs): Compiled | CompileOutcome {
  let formula: Expr;
  try {
    formula = parseFormula(args.text, args.syntax);
  } catch (e) {
    if (e instanceof ParseError) {
      return { ok: false, error: { message: e.message, syntax: e.syntax, pos: e.pos, column: e.column } };
    }
    throw e;
  }
  try {
    return { formula, result: compileToEml(formula, { mode: args.mode, prefer: args.prefer }) };
  } catch (e) {
    const message =
      e instanceof RangeError
        ? `the formula is nested too deeply for the compiler (${e.message})`
        : (e as Error).message;
    return { ok: false, error: { message, syntax: args.syntax, pos: 0, column: 0 } };
  }
}

/** Returns the Compile view's result for a formula text. */
export function compileForView(args: CompileArgs): CompileOutcome {
  const c = compileText(args);
  if ('ok' in c) return c;
  const { formula, result } = c;
  const dag = exprToDag(result.eml);
  return {
    ok: true,
    text: args.text,
    syntax: args.syntax,
    mode: args.mode,
    prefer: args.prefer,
    infix: printInfix(formula),
    inputLatex: printLatex(formula),
    K: result.K,
    depth: result.depth,
    leaves: result.leaves,
    semantics: result.semantics,
    rulesUsed: result.rulesUsed,
    tree: dag.nodes.length <= MAX_DAG_NODES ? dag : null,
    eml: result.K <= MAX_EML_TEXT_K ? printEml(result.eml) : null,
    emlLatex: result.K <= MAX_EML_LATEX_K ? printLatex(result.eml) : null,
    check: checkCompiled(formula, result),
  };
}

const primitiveCache = new Map<string, readonly PrimitivePattern[]>();

/** Returns the calculator primitives compiled in a mode (1 and x, which match anything, are left out). */
export function primitivePatterns(mode: CompileMode, prefer: CompilePrefer): readonly PrimitivePattern[] {
  const key = `${mode}/${prefer}`;
  const hit = primitiveCache.get(key);
  if (hit) return hit;
  const out: PrimitivePattern[] = [];
  for (const [name, formula] of Object.entries(PRIMITIVE_FORMULAS)) {
    if (name === '1' || name === 'x') continue;
    const t = parseFormula(formula, 'infix');
    const r = compileToEml(t, { mode, prefer });
    out.push({ name, formula, arity: variables(t).length as 0 | 1 | 2, K: r.K, tree: exprToDag(r.eml) });
  }
  primitiveCache.set(key, out);
  return out;
}

// #endregion

// #region Services

/** Where a host keeps projects and its own files, unless told otherwise. */
export function defaultDirs(): { projectsDir: string; configDir: string } {
  const env = process.env;
  const configBase = env['XDG_CONFIG_HOME'] && env['XDG_CONFIG_HOME'] !== '' ? env['XDG_CONFIG_HOME'] : join(homedir(), '.config');
  return {
    projectsDir: env['EMLW_PROJECTS_DIR'] || join(homedir(), 'EML Workbench'),
    configDir: env['EMLW_CONFIG_DIR'] || join(configBase, 'eml-workbench'),
  };
}

export interface ServiceOptions {
  readonly projectsDir?: string;
  readonly configDir?: string;
  readonly now?: () => number;
  /** Most cores the jobs together keep busy (default: every core of the machine). */
  readonly jobCores?: number;
  /** File-system calls for writes (tests inject failing ones). */
  readonly fs?: StoreFs;
}

/** The services both hosts map the API onto; nothing touches the disk before the first call. */
export interface Services {
  readonly workspace: Workspace;
  readonly jobs: JobService;
  /** The host's own settings (settings.json in the configuration folder). */
  readonly settings: HostSettings;
  /** Subscribes to every event hosts push to renderers; returns the unsubscribe function. */
  subscribe(listener: (event: HostEvent) => void): () => void;
  /** Cancels running jobs (their runs end as 'cancelled') and closes every project. */
  close(): Promise<void>;
}

/** Creates the project workspace and the job service over it. */
export function createServices(options: ServiceOptions = {}): Services {
  const dirs = defaultDirs();
  const configDir = options.configDir ?? dirs.configDir;
  const workspace = new Workspace({
    projectsDir: options.projectsDir ?? dirs.projectsDir,
    configDir,
    ...(options.now ? { now: options.now } : {}),
    ...(options.fs ? { fs: options.fs } : {}),
  });
  const jobs = new JobService({ holder: workspace, ...(options.now ? { now: options.now } : {}), ...(options.jobCores ? { cores: options.jobCores } : {}) });
  return {
    workspace,
    jobs,
    settings: new HostSettings(configDir),
    subscribe(listener) {
      const offJobs = jobs.subscribe((job) => listener({ type: 'job', job }));
      const offProjects = workspace.onProjectChange((path) => listener({ type: 'project', path }));
      return () => {
        offJobs();
        offProjects();
      };
    },
    async close() {
      await jobs.shutdown();
      await workspace.shutdown();
    },
  };
}

// #endregion

/** Starts a search job once its input is valid (src/node/search/searchInput.ts names the bad field). */
async function startSearch(s: Services, raw: unknown): Promise<JobInfo> {
  let input;
  try {
    input = parseSearchInput(raw, referenceTable().rows.map((r) => r.name));
  } catch (e) {
    if (e instanceof SearchInputError) throw new ApiError(`eml:jobs:start: ${e.message}`);
    throw e;
  }
  return await s.jobs.start('search', input, s.workspace.requireCurrent());
}

/** Starts a training job once its input is valid and its fit can be built (src/node/train/trainRequest.ts names the bad field). */
async function startTrain(s: Services, raw: unknown): Promise<JobInfo> {
  try {
    parseTrainInput(raw, null);
    const store = s.workspace.requireCurrent();
    const input = parseTrainInput(raw, store.data.datasets);
    const { queue } = await s.settings.cluster();
    return await s.jobs.start('train', { input, fit: await prepareFit(store, input), queue }, store);
  } catch (e) {
    if (e instanceof TrainRequestError) throw new ApiError(`eml:jobs:start: ${e.message}`, e.status);
    throw e;
  }
}

// #region Handlers

/** Options of createHandlers; tests inject a fixed clock and their own services. */
export interface HandlerOptions {
  readonly appInfo?: VersionInfo;
  readonly now?: () => number;
  readonly services?: Services;
}

function snapshotOf(services: Services): ProjectSnapshot | null {
  return services.workspace.current?.snapshot() ?? null;
}

/** Builds the handler table; both hosts map their transport onto it. */
export function createHandlers(options: HandlerOptions = {}): HandlerTable {
  const info = options.appInfo ?? APP_INFO;
  const now = options.now ?? Date.now;
  let services = options.services;
  const svc = (): Services => (services ??= createServices());
  const saveMeta = () => ({ at: new Date(now()).toISOString(), appVersion: info.version });
  const current = () => svc().workspace.requireCurrent();

  const table: HandlerTable = {
    'eml:version': (arg): VersionInfo => {
      expectNoArgument('eml:version', arg);
      return { name: info.name, version: info.version };
    },
    'eml:ping': (arg): PingResponse => {
      const request = parsePing(arg);
      return { pong: true, message: request.message ?? '', time: now() };
    },
    'eml:workspace:get': async (arg) => {
      expectNoArgument('eml:workspace:get', arg);
      return await svc().workspace.info();
    },
    'eml:project:create': async (arg) => {
      const f = Fields.of('eml:project:create', arg, '{ name: string }', ['name']);
      const name = f.string('name', { max: MAX_NAME, min: 1 });
      if (name.trim() === '') f.fail('name', 'must not be blank');
      f.name('name');
      return (await svc().workspace.create(name)).snapshot();
    },
    'eml:project:open': async (arg) => {
      const f = Fields.of('eml:project:open', arg, '{ path: string }', ['path']);
      return (await svc().workspace.open(f.path('path'))).snapshot();
    },
    'eml:project:current': (arg) => {
      expectNoArgument('eml:project:current', arg);
      return snapshotOf(svc());
    },
    'eml:project:close': async (arg) => {
      expectNoArgument('eml:project:close', arg);
      await svc().workspace.close();
      return null;
    },
    'eml:project:rename': async (arg) => {
      const f = Fields.of('eml:project:rename', arg, '{ path: string, name: string }', ['path', 'name']);
      const path = f.path('path');
      const name = f.string('name', { max: MAX_NAME, min: 1 });
      if (name.trim() === '') f.fail('name', 'must not be blank');
      f.name('name');
      return await svc().workspace.rename(path, name);
    },
    'eml:project:delete': async (arg) => {
      const f = Fields.of('eml:project:delete', arg, '{ path: string }', ['path']);
      const path = f.path('path');
      await svc().workspace.delete(path);
      return { path };
    },
    'eml:compile': (arg) => {
      const f = Fields.of('eml:compile', arg, '{ text: string, syntax?, mode?, prefer? }', ['text', 'syntax', 'mode', 'prefer']);
      return compileForView(compileArgs(f));
    },
    'eml:compile:primitives': (arg) => {
      if (arg === undefined || arg === null) return primitivePatterns('paper', 'robust');
      const f = Fields.of('eml:compile:primitives', arg, '{ mode?, prefer? }', ['mode', 'prefer']);
      return primitivePatterns(f.choice('mode', COMPILE_MODES, 'paper'), f.choice('prefer', PREFERS, 'robust'));
    },
    'eml:formula:save': async (arg) => {
      const f = Fields.of('eml:formula:save', arg, '{ text: string, syntax?, mode?, prefer?, name?, tags?, notes? }', [
        'text', 'syntax', 'mode', 'prefer', 'name', 'tags', 'notes',
      ]);
      const args = compileArgs(f);
      const name = f.name('name');
      const tags = f.tags('tags') ?? [];
      const notes = f.string('notes', { max: MAX_NOTES, optional: true }) ?? '';
      const store = svc().workspace.requireCurrent();
      const c = compileText(args);
      if ('ok' in c) throw new ApiError(`eml:formula:save: ${c.ok ? 'unexpected result' : c.error.message}`);
      const at = new Date(now()).toISOString();
      const infix = printInfix(c.formula);
      const record: FormulaRecord = {
        id: randomUUID(),
        name: name || (infix.length <= 120 ? infix : infix.slice(0, 119) + '…'),
        source: { syntax: args.syntax, text: args.text },
        infix,
        latex: printLatex(c.formula),
        compile: {
          mode: args.mode,
          prefer: args.prefer,
          K: c.result.K,
          depth: c.result.depth,
          leaves: c.result.leaves,
          semantics: c.result.semantics,
        },
        provenance: {
          kind: 'compile',
          runId: null,
          seed: null,
          settings: { mode: args.mode, prefer: args.prefer, syntax: args.syntax },
          rulesUsed: c.result.rulesUsed,
          appVersion: info.version,
        },
        verification: checkCompiled(c.formula, c.result),
        tags,
        notes,
        createdAt: at,
        updatedAt: at,
      };
      await store.update((d) => {
        d.formulas.push(record);
      });
      return structuredClone(record);
    },
    'eml:formula:update': async (arg) => {
      const f = Fields.of('eml:formula:update', arg, '{ id: string, name?, tags?, notes? }', ['id', 'name', 'tags', 'notes']);
      const id = f.string('id', { max: 100, min: 1 });
      const name = f.name('name');
      if (name === '') f.fail('name', 'must not be blank');
      const tags = f.tags('tags');
      const notes = f.string('notes', { max: MAX_NOTES, optional: true });
      const store = svc().workspace.requireCurrent();
      if (!store.data.formulas.some((r) => r.id === id)) throw new ApiError(`eml:formula:update: no formula with id '${id}'`, 404);
      const updated = await store.update((d) => {
        const r = d.formulas.find((x) => x.id === id)!;
        if (name !== undefined) r.name = name;
        if (tags !== undefined) r.tags = tags;
        if (notes !== undefined) r.notes = notes;
        r.updatedAt = new Date(now()).toISOString();
        return r;
      });
      return structuredClone(updated);
    },
    'eml:formula:delete': async (arg) => {
      const f = Fields.of('eml:formula:delete', arg, '{ ids: string[] }', ['ids']);
      const ids = f.strings('ids', MAX_IDS, 100, false)!;
      const store = svc().workspace.requireCurrent();
      const deleted = await store.update((d) => {
        const before = d.formulas.length;
        d.formulas = d.formulas.filter((r) => !ids.includes(r.id));
        return before - d.formulas.length;
      });
      return { deleted };
    },
    'eml:formula:export': async (arg) => {
      const f = Fields.of('eml:formula:export', arg, '{ ids: string[], format }', ['ids', 'format']);
      const ids = f.strings('ids', MAX_IDS, 100, false)!;
      if (ids.length === 0) f.fail('ids', 'must name at least one formula');
      const format: ExportFormat = f.choice('format', EXPORT_FORMATS);
      const store = svc().workspace.requireCurrent();
      const records = ids.map((id) => {
        const r = store.data.formulas.find((x) => x.id === id);
        if (!r) throw new ApiError(`eml:formula:export: no formula with id '${id}'`, 404);
        return r;
      });
      const files = buildExport(records, format, { projectName: store.data.name, appVersion: info.version, at: new Date(now()).toISOString() });
      return { format, files: await writeExport(store.dir, files) } satisfies ExportResult;
    },
    'eml:jobs:list': (arg): JobInfo[] => {
      expectNoArgument('eml:jobs:list', arg);
      return svc().jobs.list();
    },
    'eml:jobs:start': async (arg) => {
      const f = Fields.of('eml:jobs:start', arg, "{ kind: 'verify', input: { suite, mode, semantics, digits } }", ['kind', 'input']);
      f.choice('kind', ['verify', 'search', 'train', 'discover'] as const);
      if (f.obj['kind'] === 'search') return await startSearch(svc(), f.obj['input']);
      if (f.obj['kind'] === 'train') return await startTrain(svc(), f.obj['input']);
      if (f.obj['kind'] === 'discover') return await startDiscover(svc().jobs, current, f.obj['input']);
      const g = Fields.of('eml:jobs:start', f.obj['input'], '{ suite, mode, semantics, digits }', ['suite', 'mode', 'semantics', 'digits']);
      const input: VerifyJobInput = {
        suite: g.choice('suite', SUITES),
        mode: g.choice('mode', COMPILE_MODES, 'paper'),
        semantics: g.choice('semantics', SEMANTICS, 'extended'),
        digits: g.integer('digits', 10, 200, 40),
      };
      const s = svc();
      return await s.jobs.start('verify', input, s.workspace.requireCurrent());
    },
    'eml:jobs:cancel': (arg) => {
      const f = Fields.of('eml:jobs:cancel', arg, '{ id: string }', ['id']);
      const id = f.string('id', { max: 100, min: 1 });
      const job = svc().jobs.get(id);
      if (!job) throw new ApiError(`eml:jobs:cancel: no job with id '${id}'`, 404);
      return svc().jobs.cancel(id);
    },
    'eml:search:save': async (arg) => {
      const f = Fields.of('eml:search:save', arg, '{ runId: string, index?: number, name?: string }', ['runId', 'index', 'name']);
      const runId = f.string('runId', { max: 100, min: 1 });
      const index = f.integer('index', 0, 1000, 0);
      const name = f.name('name');
      const store = svc().workspace.requireCurrent();
      const run = store.data.runs.find((r) => r.id === runId);
      if (!run || run.kind !== 'search') throw new ApiError(`eml:search:save: no search run with id '${runId}'`, 404);
      let record: FormulaRecord;
      try {
        record = formulaFromHit(run, { id: randomUUID(), at: new Date(now()).toISOString(), appVersion: info.version, index, name });
      } catch (e) {
        if (e instanceof NoHitError) throw new ApiError(`eml:search:save: ${e.message}`, 409);
        throw e;
      }
      await store.update((d) => {
        d.formulas.push(record);
      });
      return structuredClone(record);
    },
    'eml:dataset:import': async (arg) => {
      const f = Fields.of('eml:dataset:import', arg, '{ fileName: string, text: string, name?: string }', ['fileName', 'text', 'name']);
      const fileName = f.string('fileName', { max: 255, min: 1 });
      const text = f.string('text', { max: MAX_DATASET_TEXT });
      const name = f.string('name', { max: 120, optional: true });
      const store = svc().workspace.requireCurrent();
      try {
        return await importDataset(store, fileName, text, name);
      } catch (e) {
        if (e instanceof DatasetImportError) throw new ApiError(`eml:dataset:import: ${e.message}`);
        throw e;
      }
    },
    'eml:cluster:get': async (arg) => {
      expectNoArgument('eml:cluster:get', arg);
      return await clusterStatus(await svc().settings.cluster());
    },
    'eml:cluster:set': async (arg) => {
      const f = Fields.of('eml:cluster:set', arg, '{ queue: string | null }', ['queue']);
      let queue: string | null = null;
      if (f.obj['queue'] !== null) {
        const text = f.string('queue', { max: 2000 }).trim();
        if (text !== '') {
          try {
            parseQueueUrl(text);
          } catch (e) {
            f.fail('queue', (e as Error).message.replace(/^--queue /, ''));
          }
          queue = text;
        }
      }
      await svc().settings.setQueue(queue);
      return await clusterStatus({ queue });
    },
    'eml:train:curves': async (arg) => {
      const f = Fields.of('eml:train:curves', arg, '{ runId: string }', ['runId']);
      const runId = f.string('runId', { max: 100, min: 1 });
      const curves = await trainCurves(svc().workspace.requireCurrent(), runId);
      if (!curves) throw new ApiError(`eml:train:curves: no training run with id '${runId}'`, 404);
      return curves;
    },
    'eml:train:save': async (arg) => await saveTrainResult(current, arg, saveMeta()),
    'eml:discover:save': async (arg) => await saveDiscoverEntry(current, arg, saveMeta()),
    'eml:run:data': async (arg) => await runData(current, arg),
    'eml:dataset:data': async (arg) => await datasetValues(current, arg),
  };
  return Object.freeze(table);
}

export function isChannel(value: string): value is Channel {
  return (CHANNELS as readonly string[]).includes(value);
}

/**
 * Runs the handler of `channel` on `arg`; unknown channels raise ApiError 404, store refusals ApiError 409
 * (404 when missing), and a write that failed on disk ApiError 500 saying what was not saved.
 */
export async function dispatch(table: HandlerTable, channel: string, arg: unknown): Promise<unknown> {
  if (!isChannel(channel)) throw new ApiError(`unknown channel "${channel}"`, 404);
  const handler = table[channel] as Handler<Channel>;
  try {
    return await handler(arg);
  } catch (e) {
    if (e instanceof StoreError) throw new ApiError(`${channel}: ${e.message}`, e.code === 'missing' ? 404 : e.code === 'write' ? 500 : 409);
    throw e;
  }
}

// #endregion
