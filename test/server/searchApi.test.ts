// Tests of the search job through the shared handler table (src/node/api.ts) over real services and the
// built search worker: `eml:jobs:start` refuses bad search inputs by field; a recognize run of the constant 2
// ends at K 19 with a tree that evaluates to 2 and its progress per K in the project; basis verification of
// {1, EML} reproduces the published chain (reference section 3.6); the table agrees with the paper's column;
// a long search is cancelled promptly; hits are saved to the library with their provenance; and a project
// with search runs reloads, while a damaged search run is refused naming the field.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/evaluate';
import { parseEml } from '../../src/core/syntax';
import { ApiError, createHandlers, createServices, dispatch, type HandlerTable, type Services } from '../../src/node/api';
import { readProjectFile } from '../../src/node/store/projectStore';
import type { JobInfo } from '../../src/shared/jobs';
import { primitiveTable } from '../helpers/reference';
import type { FormulaRecord, ProjectSnapshot } from '../../src/shared/project';
import type { SearchRunRecord } from '../../src/shared/search';

let base: string;
let services: Services;
let table: HandlerTable;
const call = (channel: string, arg?: unknown): Promise<any> => dispatch(table, channel, arg);

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-search-api-'));
  services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
  table = createHandlers({ services });
});

afterEach(async () => {
  await services.close();
  await rm(base, { recursive: true, force: true });
});

const start = (input: unknown): Promise<JobInfo> => call('eml:jobs:start', { kind: 'search', input });
const runOf = (snap: ProjectSnapshot | null, id: string | null): SearchRunRecord => {
  const r = snap?.data.runs.find((x) => x.id === id);
  if (!r || r.kind !== 'search') throw new Error(`no search run ${id}`);
  return r;
};

/** The published witness chain for the base {1, EML} (reference section 3.6): name, kind, K. */
const PUBLISHED_CHAIN: ReadonlyArray<readonly [string, string, number]> = [
  ['E', 'constant', 3], ['Exp', 'unary', 3], ['Log', 'unary', 6], ['Subtract', 'binary', 5], ['-1', 'constant', 4],
  ['2', 'constant', 3], ['Minus', 'unary', 4], ['Plus', 'binary', 4], ['Inv', 'unary', 4], ['Times', 'binary', 6],
  ['Sqr', 'unary', 3], ['Divide', 'binary', 4], ['Half', 'unary', 3], ['Avg', 'binary', 4], ['Sqrt', 'unary', 4],
  ['Power', 'binary', 5], ['Log', 'binary', 5], ['Pi', 'constant', 5], ['Hypot', 'binary', 6], ['LogisticSigmoid', 'unary', 6],
  ['Cosh', 'unary', 6], ['Sinh', 'unary', 5], ['Tanh', 'unary', 5], ['Cos', 'unary', 5], ['Sin', 'unary', 5],
  ['Tan', 'unary', 5], ['ArcSinh', 'unary', 6], ['ArcCosh', 'unary', 5], ['ArcCos', 'unary', 4], ['ArcTanh', 'unary', 5],
  ['ArcSin', 'unary', 5], ['ArcTan', 'unary', 4],
];

const ref = (name: string) => primitiveTable().find((r) => r.name === name)!;

describe('eml:jobs:start with kind search: input validation', () => {
  const CASES: ReadonlyArray<readonly [string, unknown, RegExp]> = [
    ['input not an object', 3, /input must be an object like \{ task: recognize \| table \| verify-basis/],
    ['unknown task', { task: 'sheffer' }, /input\.task must be one of recognize, table, verify-basis/],
    ['missing target', { task: 'recognize' }, /input\.target must be an object like/],
    ['bad target kind', { task: 'recognize', target: { kind: 'num', text: '2' } }, /input\.target\.kind must be one of const, fn/],
    ['empty target', { task: 'recognize', target: { kind: 'const', text: '  ' } }, /input\.target\.text must not be empty/],
    ['long target', { task: 'recognize', target: { kind: 'const', text: '1+'.repeat(101) + '1' } }, /input\.target\.text must be at most 200 characters/],
    ['malformed target', { task: 'recognize', target: { kind: 'const', text: '2+*3' } }, /input\.target\.text is not a usable target: malformed constant target/],
    ['constant with a variable', { task: 'recognize', target: { kind: 'const', text: 'x+1' } }, /uses the variable x; use --fn|uses the variable x/],
    ['function without a variable', { task: 'recognize', target: { kind: 'fn', text: '2' } }, /has no variable/],
    ['three variables', { task: 'recognize', target: { kind: 'fn', text: 'x*y*z' } }, /at most two are supported/],
    ['infinite constant', { task: 'recognize', target: { kind: 'const', text: '1/0' } }, /input\.target\.text is not a usable target: .*not a finite number/],
    ['max K too large', { task: 'recognize', target: { kind: 'const', text: '2' }, maxK: 100 }, /input\.maxK must be an integer from 1 to 99/],
    ['max K not an integer', { task: 'recognize', target: { kind: 'const', text: '2' }, maxK: 7.5 }, /input\.maxK must be an integer from 1 to 99/],
    ['max K zero', { task: 'recognize', target: { kind: 'const', text: '2' }, maxK: 0 }, /input\.maxK must be an integer from 1 to 99/],
    ['bad semantics', { task: 'recognize', target: { kind: 'const', text: '2' }, semantics: 'loose' }, /input\.semantics must be one of ieee, extended, strict/],
    ['bad domain', { task: 'recognize', target: { kind: 'const', text: '2' }, domain: 'integer' }, /input\.domain must be one of complex, real/],
    ['leaves not a list', { task: 'recognize', target: { kind: 'const', text: '2' }, leaves: '1' }, /input\.leaves must be an array of strings/],
    ['no leaves', { task: 'recognize', target: { kind: 'const', text: '2' }, leaves: [] }, /input\.leaves must name at least one leaf/],
    ['repeated leaf', { task: 'recognize', target: { kind: 'const', text: '2' }, leaves: ['1', '1'] }, /input\.leaves\[1\] repeats '1'/],
    ['leaf with a foreign variable', { task: 'recognize', target: { kind: 'const', text: '2' }, leaves: ['1', 'y'] }, /input\.leaves are not usable: leaf 'y' uses the variable y/],
    ['memory too small', { task: 'recognize', target: { kind: 'const', text: '2' }, memoryMiB: 1 }, /input\.memoryMiB must be an integer from 16 to 8192/],
    ['unknown field', { task: 'recognize', target: { kind: 'const', text: '2' }, threads: 8 }, /input\.threads is not a field here/],
    ['table: empty semantics', { task: 'table', semantics: [] }, /input\.semantics must name at least one semantics/],
    ['table: unknown semantics', { task: 'table', semantics: ['extended', 'wild'] }, /input\.semantics\[1\] must be one of ieee, extended, strict/],
    ['table: max K too large', { task: 'table', maxK: { constant: 19, unary: 99, binary: 17 } }, /input\.maxK\.unary must be an integer from 1 to 41/],
    ['table: unknown primitive', { task: 'table', only: ['exp', 'frobnicate'] }, /input\.only\[1\] is not a primitive of the reference table: 'frobnicate'/],
    ['table: negative upper K', { task: 'table', upperK: -1 }, /input\.upperK must be an integer from 0 to 99/],
    ['basis: unknown binary', { task: 'verify-basis', binary: ['EMLX'] }, /input\.binary\[0\] is not usable: unknown binary function 'EMLX'/],
    ['basis: unknown constant', { task: 'verify-basis', constants: ['Tau'] }, /input\.constants\[0\] is not usable: unknown constant 'Tau'/],
    ['basis: no operation', { task: 'verify-basis', binary: [] }, /input\.unary and binary must name at least one primitive/],
    ['basis: max K too large', { task: 'verify-basis', maxK: 13 }, /input\.maxK must be an integer from 1 to 12/],
    ['basis: explain not boolean', { task: 'verify-basis', explain: 'yes' }, /input\.explain must be true or false/],
  ];

  it.each(CASES.map((c) => [c[0], c[1], c[2]] as const))('refuses %s with a 400 naming the field', async (_name, input, message) => {
    const error = await start(input).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    expect((error as ApiError).message).toMatch(/^eml:jobs:start: /);
    expect((error as ApiError).message).toMatch(message);
    expect(services.workspace.current).toBeNull();
  });

  it('names search among the job kinds', async () => {
    await expect(call('eml:jobs:start', { kind: 'find', input: {} })).rejects.toMatchObject({ status: 400, message: /kind must be one of verify, search/ });
  });

  it('refuses a valid search while no project is open (409)', async () => {
    await expect(start({ task: 'recognize', target: { kind: 'const', text: '2' } })).rejects.toMatchObject({ status: 409, message: /no project is open/ });
  });
});

describe('search runs in the project', () => {
  it('recognizes the constant 2 at K 19, records the levels per K, and saves the tree to the library with its provenance', async () => {
    await call('eml:project:create', { name: 'S' });
    const job = await start({ task: 'recognize', target: { kind: 'const', text: '2' }, maxK: 25, semantics: 'extended' });
    expect(job).toMatchObject({ kind: 'search', status: 'running' });
    const end = await services.jobs.settled(job.id);
    expect(end).toMatchObject({ status: 'completed', error: null });
    const run = runOf(await call('eml:project:current'), job.runId);
    expect(run.settings).toEqual({
      task: 'recognize', target: { kind: 'const', text: '2' }, leaves: ['1'], maxK: 25, semantics: 'extended', domain: 'complex', memoryMiB: 512,
    });
    expect(run.status).toBe('completed');
    const r = run.result;
    if (r?.task !== 'recognize') throw new Error('expected a recognize result');
    expect(r).toMatchObject({ found: true, K: 19, decidedUpTo: 19, stop: { kind: 'found', text: 'found at K = 19' } });
    // the tree is a pure EML tree over {1} of 19 tokens whose value is 2 (evaluated here, independently of the search)
    const hit = r.hits[0]!;
    expect(hit.K).toBe(19);
    expect(hit.rpn.split(' ')).toHaveLength(19);
    expect(new Set(hit.rpn.split(' '))).toEqual(new Set(['1', 'EML']));
    const v = evaluate(parseEml(hit.eml), {}, { semantics: 'extended' });
    expect(v.defined).toBe(true);
    expect(Math.abs(v.re - 2)).toBeLessThan(1e-12);
    expect(Math.abs(v.im)).toBeLessThan(1e-12);
    expect(hit.verification).toMatchObject({ verified: true, digits: 40 });
    expect(hit.verification.agreeingDigits).toBeGreaterThanOrEqual(30);
    // progress per K: every odd size grown once, matched sizes up to 19, and distinct values that add up
    const grown = run.levels.filter((l) => l.phase === 'grow');
    expect(grown.map((l) => l.K)).toEqual(grown.map((_, i) => 2 * i + 1));
    expect(grown[0]!.distinct).toBe(1);
    expect(grown.reduce((s, l) => s + l.distinct!, 0)).toBe(grown[grown.length - 1]!.nodes);
    const matched = run.levels.filter((l) => l.phase === 'match').map((l) => l.K);
    expect(matched).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    expect(run.levels.find((l) => l.phase === 'match' && l.K === 19)!.candidates).toBeGreaterThan(0);
    expect(run.progress).toEqual({ done: 19, total: 25 });
    // the same record is on disk and reads back through validation
    const disk = await readProjectFile(join(base, 'projects', 'S.emlw'));
    expect(disk.runs.find((x) => x.id === run.id)).toEqual(run);

    const saved = (await call('eml:search:save', { runId: run.id })) as FormulaRecord;
    expect(saved).toMatchObject({
      name: '2 (K 19)',
      source: { syntax: 'eml', text: hit.eml },
      infix: '2',
      compile: { K: 19, depth: hit.depth, leaves: 10, semantics: 'extended' },
      provenance: { kind: 'run', runId: run.id, seed: null, settings: { task: 'recognize', target: '2', semantics: 'extended', maxK: 25, leaves: '1' } },
      verification: { semantics: 'extended', passed: true },
      tags: ['search'],
    });
    const again = await readProjectFile(join(base, 'projects', 'S.emlw'));
    expect(again.formulas.map((f) => f.id)).toEqual([saved.id]);
    // the saved formula exports like any other: its EML tree is the found one
    const exported = await call('eml:formula:export', { ids: [saved.id], format: 'rpn' });
    const text = await readFile(exported.files[0].path, 'utf8');
    expect(text).toContain(hit.rpn);
    await expect(call('eml:search:save', { runId: run.id, index: 3 })).rejects.toMatchObject({ status: 409, message: /has 1 hit\(s\); there is no hit 3/ });
    await expect(call('eml:search:save', { runId: 'nope' })).rejects.toMatchObject({ status: 404, message: /no search run with id 'nope'/ });
  });

  it('verifies the basis {1, EML} with the published chain of 32 primitives', async () => {
    await call('eml:project:create', { name: 'B' });
    const job = await start({ task: 'verify-basis', constants: ['1'], binary: ['EML'] });
    expect(job.label).toBe('Verify basis {1, EML}: K ≤ 10');
    expect((await services.jobs.settled(job.id))?.status).toBe('completed');
    const run = runOf(await call('eml:project:current'), job.runId);
    const r = run.result;
    if (r?.task !== 'verify-basis') throw new Error('expected a basis result');
    expect(r.complete).toBe(true);
    expect(r.chain.map((s) => [s.name, s.kind, s.K])).toEqual(PUBLISHED_CHAIN);
    expect(r.chain[2]!.witness).toBe('EML[1, Exp[EML[1, x]]]');
    expect(r.chain[31]!.witness).toBe('ArcSin[Tanh[ArcSinh[x]]]');
    expect(r).toMatchObject({ largestK: 6, passes: 147, remaining: [], base: { constant: ['1'], unary: [], binary: ['EML'] } });
    // discoveries arrived one by one while it ran, in the order of the chain
    expect(run.discoveries.map((d) => d.name)).toEqual(PUBLISHED_CHAIN.map((c) => c[0]));
    expect(run.progress).toEqual({ done: 32, total: 32 });
    await expect(call('eml:search:save', { runId: run.id })).rejects.toMatchObject({ status: 409, message: /is a verify-basis run, not a recognize run/ });
  }, 60_000);

  it('searches the shortest-form table and agrees with the paper where the limits reach', async () => {
    await call('eml:project:create', { name: 'T' });
    const only = ['e', '0', '-1', 'exp', 'ln', 'neg', 'sub'];
    const job = await start({ task: 'table', semantics: ['extended'], maxK: { constant: 15, unary: 15, binary: 11 }, only });
    expect((await services.jobs.settled(job.id))?.status).toBe('completed');
    const run = runOf(await call('eml:project:current'), job.runId);
    const r = run.result;
    if (r?.task !== 'table') throw new Error('expected a table result');
    expect(r.rows.map((row) => row.name)).toEqual(only);
    expect(r.reference).toBe(true);
    for (const row of r.rows) expect(row.results.extended?.K, row.name).toBe(row.paperShortestK_extended);
    // one enumeration per arity, each with its levels
    expect(new Set(run.levels.map((l) => l.group))).toEqual(new Set(['extended, constants', 'extended, unary', 'extended, binary']));
    expect(run.progress).toEqual({ done: 3, total: 3 });
  });

  it('bounds x/2 from above beyond the decided sizes when asked (upperK), and keeps it in the run record', async () => {
    await call('eml:project:create', { name: 'U' });
    const job = await start({ task: 'table', semantics: ['extended'], maxK: { constant: 3, unary: 21, binary: 3 }, only: ['exp', 'half'], upperK: 31 });
    expect((await services.jobs.settled(job.id))?.status).toBe('completed');
    const run = runOf(await call('eml:project:current'), job.runId);
    expect(run.settings).toMatchObject({ task: 'table', upperK: 31 });
    const r = run.result;
    if (r?.task !== 'table') throw new Error('expected a table result');
    const half = r.rows.find((row) => row.name === 'half')!.results.extended!;
    expect(half).toEqual({ K: null, decidedUpTo: 21, upper: ref('half').paperShortestK_extended });
    expect(r.rows.find((row) => row.name === 'exp')!.results.extended).toEqual({ K: 3, decidedUpTo: 3 });
  }, 60_000);

  it('cancels a long search and keeps its progress', async () => {
    await call('eml:project:create', { name: 'C' });
    const job = await start({ task: 'recognize', target: { kind: 'fn', text: 'sin(x)*y' }, maxK: 61, memoryMiB: 1024 });
    await expect.poll(() => runOf(services.workspace.current!.snapshot(), job.runId).levels.length, { timeout: 30_000 }).toBeGreaterThan(3);
    await call('eml:jobs:cancel', { id: job.id });
    const end = await services.jobs.settled(job.id);
    expect(end?.status).toBe('cancelled');
    const run = runOf(await call('eml:project:current'), job.runId);
    expect(run).toMatchObject({ status: 'cancelled', result: null });
    expect(run.levels.length).toBeGreaterThan(3);
  }, 60_000);

  it('refuses to open a project whose search run is damaged, naming the field', async () => {
    const snap = (await call('eml:project:create', { name: 'D' })) as ProjectSnapshot;
    const job = await start({ task: 'recognize', target: { kind: 'const', text: 'e' }, maxK: 5 });
    await services.jobs.settled(job.id);
    await call('eml:project:close');
    const file = join(snap.path, 'project.json');
    const data = JSON.parse(await readFile(file, 'utf8'));
    expect(data.runs[0].result).toMatchObject({ task: 'recognize', found: true, K: 3 });
    data.runs[0].levels[0].phase = 'shrink';
    await writeFile(file, JSON.stringify(data));
    await expect(call('eml:project:open', { path: snap.path })).rejects.toMatchObject({ status: 409, message: /runs\[0\]\.levels\[0\]\.phase must be one of grow, match/ });
    data.runs[0].levels[0].phase = 'grow';
    data.runs[0].result.task = 'table';
    await writeFile(file, JSON.stringify(data));
    await expect(call('eml:project:open', { path: snap.path })).rejects.toMatchObject({ status: 409, message: /runs\[0\]\.result\.task must be 'recognize'/ });
    data.runs[0].result.task = 'recognize';
    await writeFile(file, JSON.stringify(data));
    const reopened = (await call('eml:project:open', { path: snap.path })) as ProjectSnapshot;
    expect(runOf(reopened, job.runId).result).toMatchObject({ K: 3 });
  });
});
