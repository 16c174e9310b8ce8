// The `search` job of the app: runs one Search view task (recognize, shortest-form table, basis
// verification) in the search worker (dist/workers/search.mjs), records the progress per K and the
// discoveries in the project's run record as they arrive, and ends the run with its result.

import type { BasisReport } from '../../core/search/bootstrap';
import type { RecognizeReport } from '../../core/search/recognize';
import type { TableReport } from '../../core/search/shortestTable';
import { describeStop, type StopReason } from '../../core/search/stopReason';
import type {
  BasisResult,
  RecognizeResult,
  SearchJobInput,
  SearchLevel,
  SearchResult,
  SearchStop,
  TableResult,
} from '../../shared/search';
import { referenceTable } from '../search/referenceTable';
import type { SearchJob, SearchJobProgress, SearchJobResult } from '../search/searchJob';
import { findRun, type JobDefinition } from './jobDefinition';
import { runWorker } from './runWorker';

const MIB = 1024 ** 2;
const ARITY_NAMES = ['constants', 'unary', 'binary'] as const;

/** A worker progress event with the job's overall done / total. */
export interface SearchJobEvent {
  readonly progress: SearchJobProgress;
  readonly done: number;
  readonly total: number;
}

/** Returns the worker job for the app's settings (one thread; the table's rows from the reference table). */
export function workerJob(input: SearchJobInput): SearchJob {
  switch (input.task) {
    case 'recognize':
      return {
        task: 'recognize', target: { ...input.target }, leaves: [...input.leaves], semantics: input.semantics, domain: input.domain,
        maxK: input.maxK, maxBytes: input.memoryMiB * MIB, threads: 1,
      };
    case 'table': {
      const all = referenceTable().rows;
      const rows = input.only ? all.filter((r) => input.only!.includes(r.name)) : all.slice();
      return {
        task: 'table', rows, semantics: [...input.semantics], domain: input.domain,
        maxK: { 0: input.maxK.constant, 1: input.maxK.unary, 2: input.maxK.binary }, maxBytes: input.memoryMiB * MIB, forms: false, threads: 1,
        upperBoundK: { 0: input.upperK ?? 0, 1: input.upperK ?? 0, 2: 0 },
      };
    }
    case 'verify-basis':
      return {
        task: 'verify-basis', constants: [...input.constants], unary: [...input.unary], binary: [...input.binary],
        maxK: input.maxK, explain: input.explain, validate: true, domain: input.domain,
      };
  }
}

const stopOf = (s: StopReason): SearchStop => ({ kind: s.kind, text: describeStop(s) });

/** Returns the run record's result for a worker result. */
export function searchResultOf(r: SearchJobResult, referenceFromFile: boolean): SearchResult {
  switch (r.task) {
    case 'recognize':
      return recognizeResult(r.report);
    case 'table':
      return tableResult(r.report, referenceFromFile);
    case 'verify-basis':
      return basisResult(r.report);
    case 'sheffer':
      throw new Error('search: the app does not run Sheffer searches');
  }
}

function recognizeResult(r: RecognizeReport): RecognizeResult {
  return {
    task: 'recognize', found: r.found, K: r.K, decidedUpTo: r.decidedUpTo, minimality: r.minimality,
    hits: r.hits.map((h) => ({
      K: h.K, depth: h.depth, eml: h.eml, rpn: h.rpn, latex: h.latex,
      verification: {
        verified: h.verification.verified, points: h.verification.points, floatRelError: h.verification.floatRelError,
        agreeingDigits: h.verification.agreeingDigits, digits: h.verification.digits,
      },
    })),
    leaves: r.leaves.slice(), peakBytes: r.peakBytes, ms: r.ms, stop: stopOf(r.stop),
  };
}

function tableResult(r: TableReport, fromFile: boolean): TableResult {
  const stops = r.groups.map((g) => g.stop);
  const stop = stops.find((s) => s.kind === 'cancelled' || s.kind === 'timeLimit' || s.kind === 'memoryLimit') ?? { kind: 'exhausted' as const, maxK: Math.max(...Object.values(r.maxK)) };
  return {
    task: 'table',
    rows: r.rows.map((row) => ({
      name: row.name, arity: row.arity, formula: row.formula, toolkitCompilerK: row.toolkitCompilerK,
      paperShortestK_extended: row.paperShortestK_extended, paperShortestK_ieee: row.paperShortestK_ieee, bestKnownK_ieee: row.bestKnownK_ieee,
      results: Object.fromEntries(Object.entries(row.results).map(([s, c]) => [s, { K: c.K, decidedUpTo: c.decidedUpTo, ...(c.upper ? { upper: c.upper.K } : {}) }])),
    })),
    reference: fromFile, ms: r.ms, stop: stopOf(stop),
  };
}

function basisResult(r: BasisReport): BasisResult {
  return {
    task: 'verify-basis',
    base: { constant: r.base.constant.slice(), unary: r.base.unary.slice(), binary: r.base.binary.slice() },
    chain: r.chain.map((s) => ({ index: s.index, name: s.name, kind: s.kind, K: s.K, witness: s.witness, ms: s.ms })),
    rejected: r.rejected.map((j) => ({ name: j.name, K: j.K, witness: j.witness, reason: j.reason })),
    remaining: [...r.remaining.constant, ...r.remaining.unary, ...r.remaining.binary],
    complete: r.complete, passes: r.passes, largestK: r.largestK, ms: r.ms, stop: stopOf(r.stop),
  };
}

/** Returns a function that gives each worker progress event of `input` its done / total counts. */
export function progressCounter(input: SearchJobInput): (p: SearchJobProgress) => SearchJobEvent {
  switch (input.task) {
    case 'recognize':
      return (p) => ({ progress: p, done: p.task === 'recognize' ? p.progress.K : 0, total: input.maxK });
    case 'table': {
      const job = workerJob(input);
      const arities = new Set(job.task === 'table' ? job.rows.map((r) => r.arity) : []);
      const order = input.semantics.flatMap((s) => [0, 1, 2].filter((a) => arities.has(a)).map((a) => `${s}/${a}`));
      return (p) => ({ progress: p, done: p.task === 'table' ? Math.max(0, order.indexOf(`${p.progress.semantics}/${p.progress.arity}`)) : 0, total: order.length });
    }
    case 'verify-basis': {
      let found = 0;
      return (p) => {
        if (p.task === 'verify-basis' && p.progress.found !== undefined) found++;
        const remaining = p.task === 'verify-basis' ? p.progress.remaining : 0;
        return { progress: p, done: found, total: found + remaining };
      };
    }
  }
}

/** Returns the progress step a recognize or table event adds to the run's levels (null for other events). */
export function levelOf(levels: readonly SearchLevel[], p: SearchJobProgress): SearchLevel | null {
  let group: string;
  let q;
  if (p.task === 'recognize') {
    group = '';
    q = p.progress;
  } else if (p.task === 'table') {
    group = `${p.progress.semantics}, ${ARITY_NAMES[p.progress.arity] ?? `arity ${p.progress.arity}`}`;
    q = p.progress.progress;
  } else return null;
  let before = 0;
  for (const l of levels) if (l.group === group && l.phase === 'grow') before = l.nodes;
  return {
    group, phase: q.phase, K: q.K,
    distinct: q.phase === 'grow' ? Math.max(0, q.nodes - before) : null,
    candidates: q.phase === 'match' ? q.candidates ?? 0 : null,
    nodes: q.nodes, bytes: q.bytes, elapsedMs: q.elapsedMs,
  };
}

function label(input: SearchJobInput): string {
  switch (input.task) {
    case 'recognize':
      return `Recognize ${input.target.kind === 'const' ? 'constant' : 'function'} ${input.target.text}: ${input.semantics} semantics, K ≤ ${input.maxK}`;
    case 'table':
      return `Shortest-form table: ${input.semantics.join(', ')}, K ≤ ${input.maxK.constant}/${input.maxK.unary}/${input.maxK.binary}`;
    case 'verify-basis':
      return `Verify basis {${[...input.constants, ...input.unary, ...input.binary].join(', ')}}: K ≤ ${input.maxK}`;
  }
}

function message(p: SearchJobProgress): string {
  switch (p.task) {
    case 'recognize':
    case 'table': {
      const q = p.task === 'recognize' ? p.progress : p.progress.progress;
      const where = p.task === 'table' ? `${p.progress.semantics}, ${ARITY_NAMES[p.progress.arity]}: ` : '';
      return q.phase === 'grow'
        ? `${where}level K=${q.K} stored (${q.nodes} values)`
        : `${where}K=${q.K}: ${q.candidates ? `${q.candidates} candidate(s)` : 'no match'}`;
    }
    case 'verify-basis':
      return p.progress.found ? `found ${p.progress.found} (K ${p.progress.K})` : `K=${p.progress.K}: ${p.progress.remaining} remaining`;
    case 'sheffer':
      return `${p.progress.checked} / ${p.progress.total} checked`;
  }
}

/** The search job: the app's settings in, the run record's result out. */
export const SEARCH_JOB: JobDefinition<SearchJobInput, SearchJobEvent, SearchResult> = {
  worker: 'search',
  async run(input, opts) {
    const count = progressCounter(input);
    const job = workerJob(input);
    const result = await runWorker<SearchJob, SearchJobResult, SearchJobProgress>('search', job, {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (p) => opts.onProgress?.(count(p)),
    });
    return searchResultOf(result, referenceTable().fromFile);
  },
  // the app's searches run on one thread (workerJob)
  cores: () => 1,
  label,
  async createRun(store, input, base) {
    await store.update((d) => {
      d.runs.push({ ...base, kind: 'search', settings: structuredClone(input), levels: [], discoveries: [], result: null });
    });
  },
  describe: (e) => ({ done: e.done, total: e.total, message: message(e.progress) }),
  async recordProgress(store, runId, e) {
    await store.update((d) => {
      const run = findRun(d, runId, 'search');
      if (!run) return;
      const level = levelOf(run.levels, e.progress);
      if (level) run.levels.push(level);
      const p = e.progress;
      if (p.task === 'verify-basis' && p.progress.found !== undefined) {
        run.discoveries.push({ name: p.progress.found, K: p.progress.K, elapsedMs: p.progress.elapsedMs });
      }
      run.progress = { done: e.done, total: e.total };
    });
  },
  async recordEnd(store, runId, end) {
    await store.update((d) => {
      const run = findRun(d, runId, 'search');
      if (!run) return;
      run.status = end.status;
      run.endedAt = new Date().toISOString();
      run.error = end.error ?? null;
      if (end.result) {
        run.result = end.result;
        if (end.result.task === 'verify-basis') run.progress = { done: end.result.chain.length, total: end.result.chain.length + end.result.remaining.length };
        else if (end.result.task === 'recognize' && end.result.found) run.progress = { ...run.progress, done: end.result.K ?? run.progress.done };
        else if (end.result.task === 'table') run.progress = { done: run.progress.total, total: run.progress.total };
      }
    });
  },
};
