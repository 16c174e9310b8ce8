// Validation of a search run record in project.json (kind 'search'): its settings per task, the progress
// per K, the basis discoveries and the result. Called by the project validator (src/node/store/
// projectSchema.ts) with its checker, so every failure names the file and the field like the others.

import { SEMANTICS } from '../../core/semantics';
import { SEARCH_TASKS } from '../../shared/search';
import type { Obj, RunChecker } from '../store/runChecker';


const STOP_KINDS = ['found', 'exhausted', 'memoryLimit', 'candidateLimit', 'timeLimit', 'cancelled'];
const DOMAINS = ['complex', 'real'];
const CATEGORIES = ['constant', 'unary', 'binary'];

function checkSettings(c: RunChecker, v: unknown, p: string): string {
  const s = c.object(v, p);
  c.oneOf(s, 'task', p, SEARCH_TASKS);
  c.oneOf(s, 'domain', p, DOMAINS);
  switch (s['task']) {
    case 'recognize': {
      const t = c.object(s['target'], `${p}.target`);
      c.oneOf(t, 'kind', `${p}.target`, ['const', 'fn']);
      c.string(t, 'text', `${p}.target`, { nonEmpty: true });
      c.strings(s, 'leaves', p);
      c.number(s, 'maxK', p, { integer: true, min: 1 });
      c.oneOf(s, 'semantics', p, SEMANTICS);
      c.number(s, 'memoryMiB', p, { integer: true, min: 1 });
      break;
    }
    case 'table': {
      c.array(s, 'semantics', p).forEach((x, i) => {
        if (typeof x !== 'string' || !(SEMANTICS as readonly string[]).includes(x)) c.fail(`${p}.semantics[${i}]`, `must be one of ${SEMANTICS.join(', ')}`);
      });
      const m = c.object(s['maxK'], `${p}.maxK`);
      for (const k of ['constant', 'unary', 'binary']) c.number(m, k, `${p}.maxK`, { integer: true, min: 1 });
      if (s['only'] !== null) c.strings(s, 'only', p);
      c.number(s, 'memoryMiB', p, { integer: true, min: 1 });
      break;
    }
    case 'verify-basis': {
      for (const k of ['constants', 'unary', 'binary']) c.strings(s, k, p);
      c.number(s, 'maxK', p, { integer: true, min: 1 });
      c.boolean(s, 'explain', p);
      break;
    }
  }
  return s['task'] as string;
}

function checkStop(c: RunChecker, o: Obj, p: string): void {
  const s = c.object(o['stop'], `${p}.stop`);
  c.oneOf(s, 'kind', `${p}.stop`, STOP_KINDS);
  c.string(s, 'text', `${p}.stop`);
}

function checkResult(c: RunChecker, v: unknown, p: string, task: string): void {
  const r = c.object(v, p);
  if (r['task'] !== task) c.fail(`${p}.task`, `must be '${task}', the task of the run's settings`);
  c.number(r, 'ms', p, { min: 0 });
  checkStop(c, r, p);
  switch (task) {
    case 'recognize': {
      c.boolean(r, 'found', p);
      c.number(r, 'K', p, { nullable: true, integer: true, min: 1 });
      c.number(r, 'decidedUpTo', p, { integer: true, min: 0 });
      c.string(r, 'minimality', p);
      c.strings(r, 'leaves', p);
      c.number(r, 'peakBytes', p, { min: 0 });
      c.array(r, 'hits', p).forEach((item, i) => {
        const q = `${p}.hits[${i}]`;
        const h = c.object(item, q);
        c.number(h, 'K', q, { integer: true, min: 1 });
        c.number(h, 'depth', q, { integer: true, min: 0 });
        for (const k of ['eml', 'rpn', 'latex']) c.string(h, k, q, { nonEmpty: true });
        const w = c.object(h['verification'], `${q}.verification`);
        c.boolean(w, 'verified', `${q}.verification`);
        for (const k of ['points', 'agreeingDigits', 'digits']) c.number(w, k, `${q}.verification`, { integer: true, min: 0 });
        c.number(w, 'floatRelError', `${q}.verification`, { min: 0 });
      });
      return;
    }
    case 'table': {
      c.boolean(r, 'reference', p);
      c.array(r, 'rows', p).forEach((item, i) => {
        const q = `${p}.rows[${i}]`;
        const row = c.object(item, q);
        c.string(row, 'name', q, { nonEmpty: true });
        c.number(row, 'arity', q, { integer: true, min: 0 });
        c.string(row, 'formula', q, { nonEmpty: true });
        for (const k of ['toolkitCompilerK', 'paperShortestK_extended', 'paperShortestK_ieee', 'bestKnownK_ieee']) c.number(row, k, q, { nullable: true, integer: true, min: 1 });
        const res = c.object(row['results'], `${q}.results`);
        for (const [sem, cell] of Object.entries(res)) {
          const qs = `${q}.results.${sem}`;
          if (!(SEMANTICS as readonly string[]).includes(sem)) c.fail(qs, `is not a semantics (${SEMANTICS.join(', ')})`);
          const x = c.object(cell, qs);
          c.number(x, 'K', qs, { nullable: true, integer: true, min: 1 });
          c.number(x, 'decidedUpTo', qs, { integer: true, min: 0 });
          if (x['upper'] !== undefined) c.number(x, 'upper', qs, { nullable: true, integer: true, min: 1 });
        }
      });
      return;
    }
    case 'verify-basis': {
      const b = c.object(r['base'], `${p}.base`);
      for (const k of CATEGORIES) c.strings(b, k, `${p}.base`);
      c.array(r, 'chain', p).forEach((item, i) => {
        const q = `${p}.chain[${i}]`;
        const s = c.object(item, q);
        c.number(s, 'index', q, { integer: true, min: 1 });
        c.string(s, 'name', q, { nonEmpty: true });
        c.oneOf(s, 'kind', q, CATEGORIES);
        c.number(s, 'K', q, { integer: true, min: 1 });
        c.string(s, 'witness', q, { nonEmpty: true });
        c.number(s, 'ms', q, { min: 0 });
      });
      c.array(r, 'rejected', p).forEach((item, i) => {
        const q = `${p}.rejected[${i}]`;
        const j = c.object(item, q);
        c.string(j, 'name', q);
        c.number(j, 'K', q, { integer: true, min: 1 });
        c.string(j, 'witness', q);
        c.string(j, 'reason', q);
      });
      c.strings(r, 'remaining', p);
      c.boolean(r, 'complete', p);
      c.number(r, 'passes', p, { integer: true, min: 0 });
      c.number(r, 'largestK', p, { integer: true, min: 0 });
      return;
    }
  }
}

/** Checks the fields of a search run beyond those every run has (RunBase); throws through `c.fail`. */
export function checkSearchRun(c: RunChecker, r: Obj, p: string): void {
  const task = checkSettings(c, r['settings'], `${p}.settings`);
  c.array(r, 'levels', p).forEach((item, i) => {
    const q = `${p}.levels[${i}]`;
    const l = c.object(item, q);
    c.string(l, 'group', q);
    c.oneOf(l, 'phase', q, ['grow', 'match']);
    c.number(l, 'K', q, { integer: true, min: 1 });
    c.number(l, 'distinct', q, { nullable: true, integer: true, min: 0 });
    c.number(l, 'candidates', q, { nullable: true, integer: true, min: 0 });
    c.number(l, 'nodes', q, { integer: true, min: 0 });
    c.number(l, 'bytes', q, { min: 0 });
    c.number(l, 'elapsedMs', q, { min: 0 });
  });
  c.array(r, 'discoveries', p).forEach((item, i) => {
    const q = `${p}.discoveries[${i}]`;
    const d = c.object(item, q);
    c.string(d, 'name', q, { nonEmpty: true });
    c.number(d, 'K', q, { integer: true, min: 1 });
    c.number(d, 'elapsedMs', q, { min: 0 });
  });
  if (r['result'] !== null) checkResult(c, r['result'], `${p}.result`, task);
}
