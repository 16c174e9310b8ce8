// Validation of a training run record in project.json (kind 'train'): its settings (source, depth, init,
// seeds, options), the state and result of every run, the best run, the metrics JSON and the Library
// formulas it recovered. Called by the project validator (projectSchema.ts) with its checker, so every
// failure names the file and the field like the others.

import { MAX_TRAIN_DEPTH, MIN_TRAIN_DEPTH, TRAIN_INITS, TRAIN_TARGETS } from '../../shared/train';
import type { Obj, RunChecker } from './runChecker';


function checkSource(c: RunChecker, v: unknown, p: string): void {
  const s = c.object(v, p);
  c.oneOf(s, 'kind', p, ['target', 'formula', 'dataset']);
  if (s['kind'] === 'target') c.oneOf(s, 'name', p, TRAIN_TARGETS);
  else if (s['kind'] === 'formula') {
    c.string(s, 'text', p, { nonEmpty: true });
    const g = c.object(s['grid'], `${p}.grid`);
    for (const k of ['lo', 'hi', 'step']) c.number(g, k, `${p}.grid`);
  } else {
    c.string(s, 'datasetId', p, { nonEmpty: true });
    c.strings(s, 'x', p);
    c.string(s, 'y', p, { nonEmpty: true });
    c.number(s, 'testFraction', p, { min: 0 });
  }
}

function checkSettings(c: RunChecker, v: unknown, p: string): void {
  const s = c.object(v, p);
  checkSource(c, s['source'], `${p}.source`);
  c.number(s, 'depth', p, { integer: true, min: MIN_TRAIN_DEPTH });
  if ((s['depth'] as number) > MAX_TRAIN_DEPTH) c.fail(`${p}.depth`, `must be at most ${MAX_TRAIN_DEPTH}`);
  c.oneOf(s, 'init', p, TRAIN_INITS);
  c.string(s, 'initExpr', p, { nullable: true });
  c.number(s, 'seeds', p, { integer: true, min: 1 });
  c.number(s, 'seed0', p, { integer: true, min: 0 });
  const o = c.object(s['options'], `${p}.options`);
  for (const k of Object.keys(o)) c.number(o, k, `${p}.options`);
  c.string(s, 'sweep', p, { nullable: true });
  if (s['master'] !== undefined) c.oneOf(s, 'master', p, ['paper', 'general']);
  if (s['noise'] !== undefined) c.number(s, 'noise', p, { nullable: true, min: 0 });
}

function checkResult(c: RunChecker, v: unknown, p: string): void {
  const r = c.object(v, p);
  for (const k of ['success', 'symbolSuccess', 'stableSymbolSuccess']) c.boolean(r, k, p);
  c.number(r, 'snapMse', p, { nullable: true });
  c.number(r, 'genMse', p, { nullable: true });
  if (r['exactWithinNoise'] !== undefined) c.boolean(r, 'exactWithinNoise', p);
  c.string(r, 'tree', p, { nonEmpty: true });
  c.number(r, 'K', p, { integer: true, min: 1 });
  c.number(r, 'treeDepth', p, { integer: true, min: 0 });
  c.string(r, 'formula', p);
  c.string(r, 'latex', p);
  c.string(r, 'endReason', p);
  c.number(r, 'lastIter', p, { integer: true, min: 0 });
}

function checkSeed(c: RunChecker, v: unknown, p: string): void {
  const s = c.object(v, p);
  c.number(s, 'index', p, { integer: true, min: 0 });
  c.number(s, 'seed', p, { integer: true, min: 0 });
  c.string(s, 'strategy', p, { nonEmpty: true });
  c.oneOf(s, 'status', p, ['pending', 'running', 'done', 'cancelled']);
  c.number(s, 'iter', p, { integer: true, min: 0 });
  c.oneOf(s, 'phase', p, ['search', 'hardening']);
  for (const k of ['soft', 'hard', 'tau']) c.number(s, k, p, { nullable: true });
  c.number(s, 'hardeningIter', p, { nullable: true, integer: true, min: 0 });
  if (s['result'] !== null) checkResult(c, s['result'], `${p}.result`);
  if (s['status'] === 'done' && s['result'] === null) c.fail(`${p}.result`, 'must be present for a finished run');
}

/** Checks the fields of a 'train' run beyond the common run fields; throws through `c` naming the first bad one. */
export function checkTrainRun(c: RunChecker, r: Obj, p: string): void {
  checkSettings(c, r['settings'], `${p}.settings`);
  const t = c.object(r['target'], `${p}.target`);
  c.string(t, 'name', `${p}.target`);
  c.string(t, 'description', `${p}.target`);
  c.strings(r, 'notes', p);
  const seeds = c.array(r, 'seeds', p);
  seeds.forEach((s, i) => checkSeed(c, s, `${p}.seeds[${i}]`));
  c.number(r, 'best', p, { nullable: true, integer: true, min: 0 });
  if (r['best'] !== null && (r['best'] as number) >= seeds.length) c.fail(`${p}.best`, `must index one of the ${seeds.length} runs`);
  if (r['metrics'] !== null) {
    const m = c.object(r['metrics'], `${p}.metrics`);
    c.number(m, 'n_runs', `${p}.metrics`, { integer: true, min: 0 });
    c.number(m, 'n_successes', `${p}.metrics`, { integer: true, min: 0 });
    c.array(m, 'per_seed', `${p}.metrics`);
  }
  c.strings(r, 'formulaIds', p);
}
