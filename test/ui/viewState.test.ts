// Tests of the views' pure helpers, in plain Node (no DOM): what the jobs panel shows of a job's progress,
// how host messages name fields, the Recognize tab's per-K table and expectations, a Library formula's
// check badge and how it goes back into the Compile view.

import { describe, expect, it } from 'vitest';
import { equals } from '../../src/core/expr';
import { estimateSearchBudget } from '../../src/core/search/budget';
import { parseInfix, parseRpn, printRpn } from '../../src/core/syntax';
import type { JobInfo } from '../../src/shared/jobs';
import type { FormulaRecord, RunRecord } from '../../src/shared/project';
import type { SearchLevel } from '../../src/shared/search';
import type { TrainRunRecord } from '../../src/shared/train';
import { fieldLabel, labelFieldPaths } from '../../src/renderer/src/state/fieldLabels';
import { jobFinished, jobProgress, runProgressText } from '../../src/renderer/src/state/jobProgress';
import { compileInput } from '../../src/renderer/src/views/library/compileInput';
import { formulaBadge } from '../../src/renderer/src/views/library/formulaBadge';
import { levelTable } from '../../src/renderer/src/views/search/levelRows';
import { compilerSentence, reachSentence, stopMeter, targetBudget } from '../../src/renderer/src/views/search/searchBudget';

const job = (status: JobInfo['status'], done: number, total: number) => ({ status, done, total });

describe('jobProgress(job): the jobs panel bar', () => {
  it.each([
    ['a recognize job that found K 19 of a Max K of 31', job('completed', 19, 31)],
    ['a table job whose last count (5 of 6) came before its end', job('completed', 5, 6)],
    ['a job that reported no total', job('completed', 0, 0)],
  ])('fills the bar of a completed job: %s', (_, j) => {
    const bar = jobProgress(j);
    expect(bar.value).toBe(bar.max);
    expect(bar.percent).toBe(100);
    expect(bar.text).toBe('100 %');
  });

  it('shows a running job as done / total and a stopped one where it stopped', () => {
    expect(jobProgress(job('running', 3, 12))).toEqual({ value: 3, max: 12, percent: 25, text: '3 / 12' });
    expect(jobProgress(job('running', 0, 0)).text).toBe('0 / …');
    expect(jobProgress(job('cancelled', 5, 6))).toMatchObject({ value: 5, max: 6, percent: 83, text: 'stopped at 5 / 6' });
    expect(jobProgress(job('failed', 2, 40)).text).toBe('stopped at 2 / 40');
  });

  it('says a run that completed before its last step is complete, and counts others as done / total', () => {
    expect(runProgressText({ status: 'completed', progress: { done: 19, total: 31 } })).toBe('100 % (19 of 31 needed)');
    expect(runProgressText({ status: 'completed', progress: { done: 65, total: 65 } })).toBe('65 / 65');
    expect(runProgressText({ status: 'cancelled', progress: { done: 3, total: 31 } })).toBe('3 / 31');
  });

  it('counts completed, failed and cancelled jobs as finished (clearable), not running ones', () => {
    expect((['completed', 'failed', 'cancelled', 'running'] as const).map((status) => jobFinished({ status }))).toEqual([true, true, true, false]);
  });
});

describe('labelFieldPaths(message): host messages name fields as the forms label them', () => {
  it.each([
    ["input.leaves are not usable: unknown leaf 'q'", "Leaves are not usable: unknown leaf 'q'"],
    ['input.maxK must be an integer from 1 to 99', 'Max K must be an integer from 1 to 99'],
    ["input.target.text is not a usable target: malformed constant target 'x'", "Target is not a usable target: malformed constant target 'x'"],
    ['input.leaves[2] must have 1 to 20 characters', 'Leaves, item 3 must have 1 to 20 characters'],
    ['input.options.foo is not a trainer option (options: lr, …)', 'Trainer option “foo” is not a trainer option (options: lr, …)'],
    ['input.options.searchIters must be a finite number, got null', 'Search iterations must be a finite number, got null'],
    ['input.maxK.unary must be an integer from 1 to 41', 'Max K unary must be an integer from 1 to 41'],
    ["input.source.y 'f' cannot be both an input and the target", "Target column 'f' cannot be both an input and the target"],
    ['input cannot be trained: no data', 'input cannot be trained: no data'],
    ['the memory budget of 16 MiB (input.memoryMiB) is too small', 'the memory budget of 16 MiB (Memory (MiB)) is too small'],
  ])('%s', (message, shown) => {
    expect(labelFieldPaths(message)).toBe(shown);
  });

  it('leaves paths without a label as they are', () => {
    expect(fieldLabel('input.nothing')).toBeUndefined();
    expect(labelFieldPaths('input.nothing is wrong')).toBe('input.nothing is wrong');
  });
});

describe('levelTable: the Recognize per-K table reaches Max K', () => {
  const budget = estimateSearchBudget({ leaves: 1, stride: 4, maxK: 31, maxBytes: 512 * 1024 ** 2 });
  const grow = (K: number, distinct: number, nodes: number): SearchLevel => ({ group: '', phase: 'grow', K, distinct, candidates: null, nodes, bytes: nodes * 100, elapsedMs: K });
  const match = (K: number, candidates: number): SearchLevel => ({ group: '', phase: 'match', K, distinct: null, candidates, nodes: 0, bytes: 0, elapsedMs: K + 0.5 });
  const levels = [grow(1, 1, 1), match(1, 0), grow(3, 1, 2), match(3, 0), match(5, 0), match(7, 1)];

  it('ends a finished run with one row that says why the larger sizes were not searched', () => {
    const t = levelTable({ levels, maxK: 31, running: false, status: 'completed', stop: { kind: 'found', text: 'found at K = 7' }, estimate: budget });
    expect(t.rows.map((r) => [r.K, r.state])).toEqual([[1, 'stored'], [3, 'stored'], [5, 'matched'], [7, 'matched']]);
    expect(t.rows[3]).toMatchObject({ candidates: 1, distinct: null, stored: null });
    expect(t.skipped).toEqual({ from: 9, to: 31, reason: 'not needed: the shortest tree has K 7' });
    const memory = levelTable({ levels, maxK: 30, running: false, status: 'completed', stop: { kind: 'memoryLimit', text: 'stopped before K = 9: the memory budget of 1 MiB would be exceeded' }, estimate: budget });
    expect(memory.skipped).toMatchObject({ from: 9, to: 29 });
    expect(memory.skipped!.reason).toContain('memory budget');
  });

  it('shows every size ahead of a running run as an estimate, up to Max K', () => {
    const t = levelTable({ levels, maxK: 31, running: true, status: 'running', estimate: budget });
    expect(t.rows.map((r) => r.K)).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31]);
    expect(t.rows.slice(4).every((r) => r.state === 'ahead' && r.distinct !== null && r.bytes !== null)).toBe(true);
    expect(t.skipped).toBeNull();
  });
});

describe('the Recognize expectations (searchBudget.ts)', () => {
  const pi = targetBudget({ kind: 'const', text: 'pi', leaves: [], maxK: 61, memoryMiB: 512, semantics: 'extended' });
  if ('error' in pi) throw new Error(pi.error);

  it('says before a run that the compiler’s K 105 for pi is out of reach of Max K and memory', () => {
    expect(pi.leaves).toEqual(['1']);
    expect(pi.budget.limit).toBe('memory');
    expect(reachSentence(pi.budget, 61, 512)).toMatch(/Max K 61 is out of reach: the search will stop at K \d+ for lack of memory/);
    // the level it cannot grow is named with its peak, which is what exceeds the budget (MB here are MiB)
    const refused = pi.budget.levels.find((l) => l.K === pi.budget.storedUpTo + 2)!;
    const peak = /growing K (\d+) would need ≈ ([\d.]+) (MB|GB) at its peak/.exec(reachSentence(pi.budget, 61, 512));
    expect(peak?.[1]).toBe(String(refused.K));
    expect(Number(peak![2]) * (peak![3] === 'GB' ? 1024 : 1)).toBeGreaterThan(512);
    const said = compilerSentence({ K: 105, semantics: 'extended' }, pi.budget, 'extended')!;
    expect(said).toContain('K 105');
    expect(said).toContain('out of reach');
    // under strict semantics a form that needs extended reals bounds nothing
    expect(compilerSentence({ K: 105, semantics: 'extended' }, pi.budget, 'strict')).toContain('bounds nothing');
    // within reach: the search will find it
    expect(compilerSentence({ K: 19, semantics: 'ieee' }, pi.budget, 'extended')).toContain('it will find the shortest tree');
  });

  it('measures formulas tried against the values the target’s precision tells apart', () => {
    const m = stopMeter(pi, pi.budget.decidableUpTo);
    expect(m.digits).toBe(9);
    expect(m.tried).toBeCloseTo(Math.log10(pi.budget.levels.find((l) => l.K === pi.budget.decidableUpTo)!.formulas), 10);
    expect(m.fill).toBeCloseTo(m.tried / 9, 10);
    // a six-digit decimal is told apart from only 10^6 values: a long search passes that
    const rough = targetBudget({ kind: 'const', text: '3.14159', leaves: [], maxK: 41, memoryMiB: 2048, semantics: 'extended' });
    if ('error' in rough) throw new Error(rough.error);
    const r = stopMeter(rough, rough.budget.decidableUpTo);
    expect(r.digits).toBe(6);
    expect(r.chanceFromK).not.toBeNull();
    expect(r.text).toContain(`From K ${r.chanceFromK} on`);
  });

  it('uses 1 and the target’s variables as leaves, and reports a target the engine cannot use', () => {
    const f = targetBudget({ kind: 'fn', text: 'x*y', leaves: [], maxK: 31, memoryMiB: 512, semantics: 'extended' });
    expect('error' in f ? f.error : f.leaves).toEqual(['1', 'x', 'y']);
    expect(targetBudget({ kind: 'fn', text: 'sin(', leaves: [], maxK: 31, memoryMiB: 512, semantics: 'extended' })).toHaveProperty('error');
  });
});

describe('Library formulas', () => {
  const base: FormulaRecord = {
    id: 'f1', name: 'exp(x) - ln(y)', source: { syntax: 'eml', text: 'eml(x, y)' }, infix: 'exp(x) - ln(y)', latex: '', tags: [], notes: '',
    compile: { mode: 'paper', prefer: 'robust', K: 3, depth: 1, leaves: 2, semantics: 'ieee' },
    provenance: { kind: 'run', runId: 'r1', seed: 137, settings: {}, rulesUsed: [], appVersion: '0' },
    verification: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  };
  const fit = {
    id: 'r1', kind: 'train', label: 'Fit eml_depth1', status: 'completed',
    seeds: [{ index: 0, seed: 137, strategy: 'biased', result: { symbolSuccess: true, snapMse: 0, tree: 'eml(x, y)' } }],
  } as unknown as TrainRunRecord;

  it('shows an exact fit (snapped MSE 0) as such, not as a red unverified badge', () => {
    expect(formulaBadge(base, [fit])).toMatchObject({ text: 'exact fit', tone: 'ok' });
    expect(formulaBadge(base, [fit]).title).toContain('snapped MSE 0');
    // without the run nothing is known: neutral, not red
    expect(formulaBadge(base, [])).toMatchObject({ text: 'not checked', tone: 'neutral' });
  });

  it('shows a numeric check as verified or failed', () => {
    const check = { semantics: 'ieee' as const, points: 6, compared: 6, maxScaledError: 1e-15, tolerance: 1e-8 };
    expect(formulaBadge({ ...base, verification: { ...check, passed: true } }, [] as RunRecord[])).toMatchObject({ text: 'verified', tone: 'ok' });
    expect(formulaBadge({ ...base, verification: { ...check, passed: false } }, [])).toMatchObject({ text: 'check failed', tone: 'bad' });
  });

  it('goes back into the Compile view in a syntax it reads, as the same tree', () => {
    expect(compileInput(base)).toEqual({ text: 'eml(x, y)', syntax: 'infix' });
    expect(compileInput({ source: { syntax: 'mathematica', text: 'Sin[x]' } })).toEqual({ text: 'Sin[x]', syntax: 'mathematica' });
    const rpn = 'x 1 EML 1 EML';
    const back = compileInput({ source: { syntax: 'rpn', text: rpn } });
    expect(back.syntax).toBe('infix');
    expect(equals(parseInfix(back.text), parseRpn(rpn))).toBe(true);
    expect(printRpn(parseInfix(back.text))).toBe(rpn);
  });
});
