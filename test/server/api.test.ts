// Tests of the shared handler table (src/node/api.ts) over real services in a temporary folder: every
// channel refuses malformed arguments by name, compilation for the Compile view agrees with the compiler
// and with direct evaluation, formulas are saved with provenance and exported, and store and job refusals
// map to 404/409.

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { compileToEml } from '../../src/core/compile';
import { PRIMITIVE_FORMULAS } from '../../src/core/compile/primitives';
import { evaluate } from '../../src/core/evaluate';
import { apply, constant, equals, num, variable, type Expr } from '../../src/core/expr';
import type { OpName } from '../../src/core/ops';
import { parseInfix, printEml } from '../../src/core/syntax';
import { BINARY_CASES, runSuite } from '../../src/core/verify/suites';
import { ApiError, createHandlers, createServices, dispatch, exprToDag, type HandlerTable, type Services } from '../../src/node/api';
import { CHANNELS } from '../../src/shared/api';
import type { CompileSuccess, TreeDag } from '../../src/shared/compile';
import { BAD_ARGUMENTS } from './apiCases';

/** Rebuilds an expression from a TreeDag (an independent reader of the wire format). */
function dagToExpr(dag: TreeDag): Expr {
  const built: Expr[] = [];
  for (const n of dag.nodes) {
    if ('op' in n) built.push(apply(n.op as OpName, ...n.args.map((a) => built[a]!)));
    else if ('num' in n) built.push(num(n.num));
    else if ('var' in n) built.push(variable(n.var));
    else built.push(constant(n.const as 'e'));
  }
  return built[dag.root]!;
}

let base: string;
let services: Services;
let table: HandlerTable;
const call = (channel: string, arg?: unknown): Promise<any> => dispatch(table, channel, arg);

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'eml-api-'));
  services = createServices({ projectsDir: join(base, 'projects'), configDir: join(base, 'config') });
  table = createHandlers({ services });
});

afterEach(async () => {
  await services.close();
  await rm(base, { recursive: true, force: true });
});

describe('handler argument validation', () => {
  it('has malformed-argument cases for every channel', () => {
    expect(Object.keys(BAD_ARGUMENTS).sort()).toEqual([...CHANNELS].sort());
  });

  it.each(CHANNELS.map((c) => [c]))('%s refuses malformed arguments with a 400 naming the channel', async (channel) => {
    for (const [arg, message] of BAD_ARGUMENTS[channel]) {
      const error = await call(channel, arg).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, `${channel} accepted ${JSON.stringify(arg)?.slice(0, 60)}`).toBeInstanceOf(ApiError);
      expect((error as ApiError).status).toBe(400);
      expect((error as ApiError).message).toMatch(new RegExp(`^${channel}: `));
      expect((error as ApiError).message).toMatch(message);
    }
    // nothing was created by the refused calls
    expect(services.workspace.current).toBeNull();
  });

  it('unknown channels are 404', async () => {
    await expect(call('eml:nope')).rejects.toMatchObject({ status: 404 });
  });
});

describe('eml:compile', () => {
  it('returns the compiled tree as a DAG that reads back to the compiler output, with K, depth and LaTeX', async () => {
    const r = (await call('eml:compile', { text: 'sin(x)' })) as CompileSuccess;
    const reference = compileToEml(parseInfix('sin(x)'), { mode: 'paper' });
    expect(r).toMatchObject({ ok: true, K: reference.K, depth: reference.depth, semantics: 'extended', inputLatex: '\\sin\\left(x\\right)' });
    expect(equals(dagToExpr(r.tree!), reference.eml)).toBe(true);
    expect(r.eml).toBe(printEml(reference.eml));
    // postfix: every argument comes before its node, the root is last, no node twice
    r.tree!.nodes.forEach((n, i) => {
      if ('args' in n) for (const a of n.args) expect(a).toBeLessThan(i);
    });
    expect(r.tree!.root).toBe(r.tree!.nodes.length - 1);
    expect(new Set(r.tree!.nodes.map((n) => JSON.stringify(n))).size).toBe(r.tree!.nodes.length);
    expect(r.check).toMatchObject({ passed: true, semantics: 'extended', points: 6 });
    expect(r.check.compared).toBeGreaterThanOrEqual(5);
  });

  it('reads Mathematica and reports parse errors with their column', async () => {
    const m = (await call('eml:compile', { text: 'Log[x]', syntax: 'mathematica' })) as CompileSuccess;
    expect(m.ok && m.eml).toBe('eml(1, eml(eml(1, x), 1))');
    const bad = await call('eml:compile', { text: 'sin(x' });
    expect(bad).toMatchObject({ ok: false, error: { syntax: 'infix', column: 6 } });
    expect(bad.error.message).toMatch(/column 6/);
  });

  it('answers a formula too deep for the compiler with a failure, not a crash', async () => {
    const deep = Array.from({ length: 3000 }, () => 'x').join('+');
    const r = await call('eml:compile', { text: deep });
    // the compiler recurses per nesting level; whatever its limit, the host answers with data
    if (!r.ok) expect(r.error.message).toMatch(/nested too deeply for the compiler/);
    else expect(r.K).toBeGreaterThan(3000);
    await expect(call('eml:ping')).resolves.toMatchObject({ pong: true });
  });

  it('exprToDag stores a shared subtree once', () => {
    const x = variable('x');
    const shared = apply('eml', x, num(1));
    const dag = exprToDag(apply('eml', shared, shared));
    expect(dag.nodes).toEqual([{ var: 'x' }, { num: '1' }, { op: 'eml', args: [0, 1] }, { op: 'eml', args: [2, 2] }]);
  });

  it('eml:compile:primitives: every pattern evaluates like its primitive formula', async () => {
    const patterns = await call('eml:compile:primitives', { mode: 'paper' });
    expect(patterns.map((p: { name: string }) => p.name).sort()).toEqual(Object.keys(PRIMITIVE_FORMULAS).filter((n) => n !== '1' && n !== 'x').sort());
    for (const p of patterns as Array<{ name: string; formula: string; arity: number; tree: TreeDag }>) {
      const want = evaluate(parseInfix(p.formula), { x: 0.61, y: 1.37 }, { semantics: 'extended' });
      const got = evaluate(dagToExpr(p.tree), { x: 0.61, y: 1.37 }, { semantics: 'extended' });
      expect(Math.hypot(got.re - want.re, got.im - want.im), p.name).toBeLessThan(1e-9 * Math.max(1, Math.hypot(want.re, want.im)));
    }
  });
});

describe('projects, library and jobs through the handlers', () => {
  it('refuses library and job calls while no project is open (409)', async () => {
    await expect(call('eml:formula:save', { text: 'x' })).rejects.toMatchObject({ status: 409, message: /no project is open/ });
    await expect(call('eml:jobs:start', { kind: 'verify', input: { suite: 'unary' } })).rejects.toMatchObject({ status: 409 });
    await expect(call('eml:jobs:cancel', { id: 'nope' })).rejects.toMatchObject({ status: 404 });
  });

  it('saves a formula with provenance and a passing check, edits its tags, exports it and deletes it', async () => {
    const snap = await call('eml:project:create', { name: 'Lib' });
    expect(await call('eml:project:current')).toEqual(snap);
    const saved = await call('eml:formula:save', { text: 'Sin[x]', syntax: 'mathematica', tags: ['trig', 'trig', ' periodic '] });
    const reference = compileToEml(parseInfix('sin(x)'), { mode: 'paper' });
    expect(saved).toMatchObject({
      name: 'sin(x)',
      source: { syntax: 'mathematica', text: 'Sin[x]' },
      compile: { mode: 'paper', prefer: 'robust', K: reference.K, depth: reference.depth, semantics: reference.semantics },
      provenance: { kind: 'compile', runId: null, settings: { mode: 'paper', prefer: 'robust', syntax: 'mathematica' } },
      verification: { passed: true },
      tags: ['trig', 'periodic'],
    });
    const updated = await call('eml:formula:update', { id: saved.id, name: 'sine', tags: ['trig'] });
    expect(updated).toMatchObject({ name: 'sine', tags: ['trig'] });
    await expect(call('eml:formula:update', { id: 'missing', tags: [] })).rejects.toMatchObject({ status: 404 });
    const exported = await call('eml:formula:export', { ids: [saved.id], format: 'latex' });
    expect(exported.files).toHaveLength(1);
    expect(exported.files[0].path.startsWith(join(snap.path, 'exports'))).toBe(true);
    expect(await readFile(exported.files[0].path, 'utf8')).toContain('\\subsection*{sine}');
    await expect(call('eml:formula:export', { ids: ['missing'], format: 'latex' })).rejects.toMatchObject({ status: 404 });
    expect(await call('eml:formula:delete', { ids: [saved.id] })).toEqual({ deleted: 1 });
    expect((await call('eml:project:current')).data.formulas).toEqual([]);
  });

  it('opening a corrupt project is a 409 naming the file, a missing one a 404', async () => {
    const snap = await call('eml:project:create', { name: 'Corrupt' });
    await call('eml:project:close');
    await writeFile(join(snap.path, 'project.json'), '{"schema":');
    await expect(call('eml:project:open', { path: snap.path })).rejects.toMatchObject({ status: 409, message: /project\.json is not valid JSON/ });
    await expect(call('eml:project:open', { path: join(base, 'none.emlw') })).rejects.toMatchObject({ status: 404 });
  });

  it('starts a verify job on the open project and lists it; cancel of a finished job leaves it as it was', async () => {
    await call('eml:project:create', { name: 'Jobs' });
    const job = await call('eml:jobs:start', { kind: 'verify', input: { suite: 'binary' } });
    expect(job).toMatchObject({ kind: 'verify', status: 'running', label: 'Verify compiler: binary, paper mode, extended semantics' });
    expect((await call('eml:jobs:list')).map((j: { id: string }) => j.id)).toEqual([job.id]);
    const end = await services.jobs.settled(job.id);
    expect(end).toMatchObject({ status: 'completed', done: BINARY_CASES.length, total: BINARY_CASES.length });
    expect(await call('eml:jobs:cancel', { id: job.id })).toEqual(end);
    const runs = (await call('eml:project:current')).data.runs;
    expect(runs).toHaveLength(1);
    const passed = runSuite('binary').filter((c) => c.passed).length;
    expect(runs[0]).toMatchObject({ status: 'completed', summary: { passed, failed: BINARY_CASES.length - passed } });
  });
});
