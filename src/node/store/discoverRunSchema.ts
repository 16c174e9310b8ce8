// Validation of a discover run record in project.json (kind 'discover'): its settings (dataset, columns,
// time limit, noise, max K), the dataset as it was, every front entry (formula, tree, metrics, verdict), the
// best entry, the live counters and the final summary. Called by the project validator (projectSchema.ts)
// with its checker, so every failure names the file and the field like the others.

import { ENGINES } from '../../core/discover/discover';
import type { Obj, RunChecker } from './runChecker';

const STOP_KINDS = ['exact', 'timeLimit', 'exhausted', 'cancelled'];

function checkSettings(c: RunChecker, v: unknown, p: string): void {
  const s = c.object(v, p);
  c.string(s, 'datasetId', p, { nonEmpty: true });
  c.strings(s, 'x', p);
  if ((s['x'] as unknown[]).length === 0) c.fail(`${p}.x`, 'must name at least one input column');
  c.string(s, 'y', p, { nonEmpty: true });
  c.number(s, 'timeLimitS', p);
  if (!((s['timeLimitS'] as number) > 0)) c.fail(`${p}.timeLimitS`, 'must be more than 0');
  const n = c.object(s['noise'], `${p}.noise`);
  c.oneOf(n, 'kind', `${p}.noise`, ['auto', 'given']);
  if (n['kind'] === 'given') c.number(n, 'sigma', `${p}.noise`, { min: 0 });
  c.number(s, 'maxK', p, { integer: true, min: 1, nullable: true });
  c.number(s, 'memoryMiB', p, { integer: true, min: 1 });
  c.number(s, 'seed', p, { integer: true, min: 1 });
  c.number(s, 'threads', p, { integer: true, min: 1 });
}

/** Checks one front entry (the engine's DiscoveredFormula). */
export function checkDiscoverEntry(c: RunChecker, v: unknown, p: string): void {
  const e = c.object(v, p);
  c.number(e, 'K', p, { integer: true, min: 1 });
  for (const k of ['eml', 'formula', 'latex']) c.string(e, k, p, { nonEmpty: true });
  for (const k of ['rmse', 'heldOutRmse', 'maxError']) c.number(e, k, p, { min: 0 });
  c.number(e, 'r2', p);
  c.boolean(e, 'exactWithinNoise', p);
  c.string(e, 'noiseVerdict', p);
  c.number(e, 'constants', p, { integer: true, min: 0 });
  c.oneOf(e, 'origin', p, ENGINES); // an entry's origin is the engine that found it
  c.number(e, 'score', p);
}

function checkSummary(c: RunChecker, v: unknown, p: string): void {
  const s = c.object(v, p);
  const rows = c.object(s['rows'], `${p}.rows`);
  for (const k of ['total', 'train', 'heldOut', 'probes']) c.number(rows, k, `${p}.rows`, { integer: true, min: 0 });
  const noise = c.object(s['noise'], `${p}.noise`);
  c.oneOf(noise, 'kind', `${p}.noise`, ['auto', 'given']);
  c.number(noise, 'sigma', `${p}.noise`, { min: 0 });
  c.number(noise, 'floor', `${p}.noise`, { min: 0 });
  c.array(s, 'engines', p).forEach((x, i) => {
    const q = `${p}.engines[${i}]`;
    const e = c.object(x, q);
    c.oneOf(e, 'name', q, ENGINES);
    c.number(e, 'steps', q, { integer: true, min: 0 });
    c.number(e, 'ms', q, { min: 0 });
    c.string(e, 'reached', q);
  });
  for (const k of ['candidates', 'rejected', 'reducible']) c.number(s, k, p, { integer: true, min: 0 });
  const stop = c.object(s['stop'], `${p}.stop`);
  c.oneOf(stop, 'kind', `${p}.stop`, STOP_KINDS);
  if (stop['kind'] === 'exact') c.number(stop, 'afterMs', `${p}.stop`, { min: 0 });
  if (stop['kind'] === 'timeLimit') c.number(stop, 'ms', `${p}.stop`, { min: 0 });
  c.number(s, 'ms', p, { min: 0 });
}

/** Checks the fields of a 'discover' run beyond the common run fields; throws through `c` naming the first bad one. */
export function checkDiscoverRun(c: RunChecker, r: Obj, p: string): void {
  checkSettings(c, r['settings'], `${p}.settings`);
  const d = c.object(r['dataset'], `${p}.dataset`);
  c.string(d, 'name', `${p}.dataset`);
  c.number(d, 'rows', `${p}.dataset`, { integer: true, min: 0 });
  c.string(d, 'detail', `${p}.dataset`);
  const front = c.array(r, 'front', p);
  front.forEach((e, i) => checkDiscoverEntry(c, e, `${p}.front[${i}]`));
  c.number(r, 'best', p, { nullable: true, integer: true, min: 0 });
  if (r['best'] !== null && (r['best'] as number) >= front.length) c.fail(`${p}.best`, `must index one of the ${front.length} front entries`);
  c.number(r, 'elapsedMs', p, { min: 0 });
  c.number(r, 'candidates', p, { integer: true, min: 0 });
  c.string(r, 'note', p);
  if (r['summary'] !== null) checkSummary(c, r['summary'], `${p}.summary`);
  c.strings(r, 'formulaIds', p);
}
