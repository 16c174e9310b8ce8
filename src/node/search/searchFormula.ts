// A library formula made from a recognize run's hit: its source is the found pure-EML tree (syntax 'eml'),
// its infix and LaTeX are those of the target it equals, and its provenance names the run and its settings.

import type { Expr } from '../../core/expr';
import { parseEml, parseInfix, printInfix, printLatex } from '../../core/syntax';
import type { FormulaRecord } from '../../shared/project';
import type { SearchRunRecord } from '../../shared/search';

/** Accepted float64 distance of a hit at the verification points (the recognizer's default tolerance). */
export const HIT_TOLERANCE = 1e-9;

/** Why a run has no hit to save (the API answers 409). */
export class NoHitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoHitError';
  }
}

export interface HitFormulaOptions {
  readonly id: string;
  readonly at: string;
  readonly appVersion: string;
  readonly index: number;
  readonly name?: string | undefined;
}

/** Returns the library record of hit `index` of a finished recognize run; throws NoHitError when there is none. */
export function formulaFromHit(run: SearchRunRecord, opts: HitFormulaOptions): FormulaRecord {
  const s = run.settings;
  if (s.task !== 'recognize') throw new NoHitError(`run '${run.id}' is a ${s.task} run, not a recognize run`);
  const r = run.result;
  if (!r || r.task !== 'recognize') throw new NoHitError(`run '${run.id}' has no result (${run.status})`);
  if (!r.found || r.hits.length === 0) throw new NoHitError(`run '${run.id}' found no tree (${r.stop.text})`);
  const hit = r.hits[opts.index];
  if (!hit) throw new NoHitError(`run '${run.id}' has ${r.hits.length} hit(s); there is no hit ${opts.index}`);
  const tree = parseEml(hit.eml);
  const target = parseInfix(s.target.text);
  const infix = printInfix(target);
  const leaves = countLeaves(tree);
  return {
    id: opts.id,
    name: opts.name?.trim() || `${infix} (K ${hit.K})`,
    source: { syntax: 'eml', text: hit.eml },
    infix,
    latex: printLatex(target),
    compile: {
      mode: 'paper',
      prefer: 'shortest',
      K: hit.K,
      depth: hit.depth,
      leaves,
      semantics: s.semantics === 'extended' ? 'extended' : 'ieee',
    },
    provenance: {
      kind: 'run',
      runId: run.id,
      seed: null,
      settings: {
        task: s.task,
        target: s.target.text,
        targetKind: s.target.kind,
        leaves: s.leaves.join(','),
        maxK: s.maxK,
        semantics: s.semantics,
        domain: s.domain,
        memoryMiB: s.memoryMiB,
      },
      rulesUsed: [],
      appVersion: opts.appVersion,
    },
    verification: {
      semantics: s.semantics,
      points: hit.verification.points,
      compared: hit.verification.points,
      maxScaledError: hit.verification.floatRelError,
      tolerance: HIT_TOLERANCE,
      passed: hit.verification.verified,
    },
    tags: ['search'],
    notes: `Minimality: ${r.minimality}. Verified at ${hit.verification.points} point(s), ${hit.verification.agreeingDigits} of ${hit.verification.digits} digits agree.`,
    createdAt: opts.at,
    updatedAt: opts.at,
  };
}

function countLeaves(t: Expr): number {
  let n = 0;
  const stack: Expr[] = [t];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.kind === 'op') stack.push(...e.args);
    else n++;
  }
  return n;
}
