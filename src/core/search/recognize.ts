// The recognizer: the shortest pure-EML tree(s) equal to a target constant or function (section 4 of the
// reference, without a GPU). For K = 1, 3, 5 …: make K decidable (grow stored levels while memory allows,
// match.ts reaches two sizes beyond them), match the target among all trees of size K, re-verify each
// candidate (verifyHit.ts), stop at the first K with a verified hit. Minimality is exactly this claim: no tree
// with a smaller K matched the target at the probe points under the stated semantics, domain and tolerance, where
// trees are identified by their values rounded to 40 bits at the probes (functional deduplication, fingerprint.ts);
// sharded levels are grown in the one-thread order (levelSlice.ts) and sharded matches merged into the one-thread scan
// order (match.ts), so the claim and the trees found do not depend on the thread count.
//
// Semantics against the reference's columns (semantics.ts defines ours): its "extended reals" (ln 0 = −∞,
// exp(−∞) = 0) is our 'extended'; its "no ∞" / IEEE-safe column (every intermediate finite) is our 'strict';
// our 'ieee' lets IEEE-754 infinities through (ln 0 = −∞, exp(−∞) = 0) but has no Annex G completion, so it
// mostly agrees with 'extended' (−x and −1 are 15 under both). Its recognizer tools are real-valued: our
// domain 'real' (every intermediate real) reproduces them; the default 'complex' domain may be shorter.

import { type Expr, depth, size } from '../expr';
import type { Semantics } from '../semantics';
import { printEml, printLatex, printRpn } from '../syntax';
import { type BackendConfig, LocalBackend, type SearchBackend } from './backend';
import { compileLanguage } from './compiledLanguage';
import type { Domain } from './enumerate';
import { buildLanguage, pureEmlSpec } from './language';
import { type MatchTarget, matchExpr, matchTarget } from './match';
import { SpineSearch } from './spine';
import { projectLevelBytes, projectLevelNodes } from './memoryBudget';
import { type ProbePoint, searchProbes, verificationPoints } from './probes';
import { type StopReason } from './stopReason';
import { type SearchTarget, targetValues } from './target';
import { type HitVerification, verifyHit } from './verifyHit';
import { toleranceProblem } from './tolerance';

export { TOLERANCE_RANGE, toleranceProblem } from './tolerance';

export interface RecognizeOptions {
  target: SearchTarget;
  /** Leaves of the pure-EML trees (default 1 and the target's variables). */
  leaves?: readonly string[];
  semantics: Semantics;
  domain?: Domain;
  /** Probe points for functions (default 2). */
  probes?: number;
  /** Largest K to try (default 45). */
  maxK?: number;
  /** Memory budget of the enumeration in bytes (default 2 GiB). */
  maxBytes?: number;
  /** Accepted relative distance at the probes (default 1e-9). */
  tolerance?: number;
  /** Digits of the precise verification (default 40). */
  digits?: number;
  /** Report every verified tree of the minimal size (up to maxHits), not just the first. */
  all?: boolean;
  maxHits?: number;
  /** Clock in milliseconds (injected; default: no timings). */
  now?: () => number;
  /** Stop after this many milliseconds of `now`. */
  timeLimitMs?: number;
  /** Polled in long loops; true stops the search (reason 'cancelled'). */
  shouldStop?: () => boolean;
  onProgress?: (p: RecognizeProgress) => void;
  /**
   * After the decided sizes, search larger trees of spine shape (spine.ts) up to maxK for every target not
   * found: a verified tree there is an upper bound on the minimal K, reported apart from the minimal one.
   */
  upperBound?: UpperBoundOptions;
  /**
   * False: compute the enumeration's node features with the scalar functions instead of the WebAssembly SIMD module
   * (default true). Results may differ in the last bit, so a few values near a fingerprint boundary may count
   * differently; the search is the same for any thread count either way.
   */
  simd?: boolean;
  /** Backend factory (default LocalBackend; src/node/search provides a sharded one). */
  backend?: (config: BackendConfig, shouldStop: () => boolean) => SearchBackend | Promise<SearchBackend>;
}

/** Options of the upper-bound phase (see RecognizeOptions.upperBound). */
export interface UpperBoundOptions {
  maxK: number;
  /** Largest spine sibling (default 5). */
  siblingMaxK?: number;
  /** Largest total spine size (default 14). */
  spineMaxK?: number;
}

/** A verified tree beyond the decided sizes: the minimal K lies in (decidedUpTo, K]. */
export interface UpperBoundReport {
  /** Smallest size found, or null when no spine-shaped tree up to searchedUpTo matched. */
  K: number | null;
  hits: RecognizedTree[];
  method: string;
  searchedUpTo: number;
  candidates: number;
  ms: number;
}

/** Options of a search for several targets over one enumeration (same variables). */
export interface RecognizeManyOptions extends Omit<RecognizeOptions, 'target'> {
  targets: readonly SearchTarget[];
}

/** A progress event: a level grown or a size matched. */
export interface RecognizeProgress {
  phase: 'grow' | 'match';
  K: number;
  /** Largest stored level. */
  storedUpTo: number;
  nodes: number;
  bytes: number;
  elapsedMs: number;
  /** Candidates at this size (match events, summed over the targets). */
  candidates?: number;
  /** Targets still searched. */
  pending?: number;
}

/** One shortest tree with its verification. */
export interface RecognizedTree {
  K: number;
  depth: number;
  eml: string;
  rpn: string;
  latex: string;
  verification: HitVerification;
}

export interface LevelReport { K: number; distinct: number; evaluated: number; storedNodes: number; bytes: number; ms: number }
export interface MatchReport { K: number; candidates: number; verified: number; ms: number; verifyMs: number; storedUpTo: number }

/** The result for one target. */
export interface TargetReport {
  target: { kind: SearchTarget['kind']; text: string; variables: readonly string[]; values: Array<{ re: number; im: number }> };
  found: boolean;
  /** The minimal K (when found). */
  K: number | null;
  /** Every K ≤ decidedUpTo was decided (no verified match below the result). */
  decidedUpTo: number;
  minimality: string;
  hits: RecognizedTree[];
  rejected: Array<{ K: number; eml: string; failure: string }>;
  matches: MatchReport[];
  /** Why this target's search ended. */
  stop: StopReason;
  /** The upper-bound phase's result (when it ran for this target). */
  upperBound?: UpperBoundReport;
}

/** The shared part of a search report: language, semantics, levels, resources. */
export interface SearchRunReport {
  leaves: string[];
  semantics: Semantics;
  domain: Domain;
  probes: ProbePoint[];
  verificationPoints: ProbePoint[];
  tolerance: number;
  digits: number;
  levels: LevelReport[];
  peakBytes: number;
  shards: number;
  ms: number;
  stop: StopReason;
}

export interface RecognizeReport extends SearchRunReport, TargetReport {}
export interface RecognizeManyReport extends SearchRunReport { results: TargetReport[] }

const DEFAULTS = { maxK: 45, maxBytes: 2 * 1024 ** 3, tolerance: 1e-9, digits: 40, probes: 2, maxHits: 20 };

/** What every minimality statement rests on besides the search itself (appended to it). */
export const RESTS_ON = 'trees are told apart by their values at the probe points rounded to 40 bits (trees '
  + 'whose values round alike count as one value, kept at its smallest K); the enumeration and the matches are the same '
  + 'for any number of threads';

/** Candidates examined per size at most (a common value can have thousands of equal trees). */
const MATCH_LIMIT = 5000;

/** Returns the shortest pure-EML tree(s) equal to the target, with the evidence for minimality. */
export async function recognize(opts: RecognizeOptions): Promise<RecognizeReport> {
  const { target, ...rest } = opts;
  const r = await recognizeMany({ ...rest, targets: [target] });
  const { results, ...run } = r;
  return { ...run, ...results[0]!, stop: results[0]!.stop.kind === 'found' ? results[0]!.stop : run.stop };
}

interface Pending {
  target: SearchTarget;
  values: Float64Array;
  match: MatchTarget;
  report: TargetReport;
}

/** Returns, for each target, its shortest pure-EML tree(s) over one shared enumeration. */
export async function recognizeMany(opts: RecognizeManyOptions): Promise<RecognizeManyReport> {
  const now = opts.now ?? (() => 0);
  const t0 = now();
  const maxK = opts.maxK ?? DEFAULTS.maxK;
  const maxBytes = opts.maxBytes ?? DEFAULTS.maxBytes;
  const tolerance = opts.tolerance ?? DEFAULTS.tolerance;
  const digits = opts.digits ?? DEFAULTS.digits;
  const domain = opts.domain ?? 'complex';
  if (!Number.isInteger(maxK) || maxK < 1 || maxK > 199) throw new Error(`max K must be an integer from 1 to 199, got ${maxK}`);
  if (!(maxBytes >= 1024 ** 2)) throw new Error(`the memory budget must be at least 1 MiB, got ${maxBytes}`);
  const toleranceError = toleranceProblem(tolerance);
  if (toleranceError) throw new Error(toleranceError);
  if (opts.targets.length === 0) throw new Error('no target to search');
  const variables = opts.targets[0]!.variables;
  for (const t of opts.targets) {
    if (t.variables.join(',') !== variables.join(',')) throw new Error(`targets searched together must share their variables: '${t.text}' has (${t.variables.join(', ')}), not (${variables.join(', ')})`);
  }
  const probes = searchProbes(variables, opts.probes ?? DEFAULTS.probes);
  const spec = pureEmlSpec(probes, opts.leaves ?? ['1', ...variables]);
  const language = buildLanguage(spec);
  const lang = compileLanguage(language, opts.semantics);
  const vpoints = verificationPoints(probes);
  const leafNames = `{${language.leaves.map((l) => l.name).join(', ')}}`;
  const pending: Pending[] = opts.targets.map((target) => {
    const values = targetValues(target, probes);
    return {
      target, values, match: matchTarget(values, tolerance),
      report: {
        target: { kind: target.kind, text: target.text, variables, values: Array.from({ length: values.length / 2 }, (_, p) => ({ re: values[2 * p]!, im: values[2 * p + 1]! })) },
        found: false, K: null, decidedUpTo: 0, minimality: '', hits: [], rejected: [], matches: [], stop: { kind: 'exhausted', maxK },
      },
    };
  });
  const reports = pending.map((p) => p.report);
  const deadline = opts.timeLimitMs !== undefined ? t0 + opts.timeLimitMs : Infinity;
  let timedOut = false;
  const shouldStop = (): boolean => {
    if (opts.shouldStop?.()) return true;
    if (deadline !== Infinity && now() > deadline) { timedOut = true; return true; }
    return false;
  };
  const config: BackendConfig = { spec, lang, semantics: opts.semantics, domain, ...(opts.simd === false ? { simd: false } : {}) };
  const backend = await (opts.backend ?? ((c, s) => new LocalBackend(c, s)))(config, shouldStop);

  const levels: LevelReport[] = [];
  let M = 0, peak = 0;
  let stop: StopReason | null = null;
  const stopFor = (r: 'cancelled' | 'memoryLimit', K: number, level?: number): StopReason =>
    timedOut ? { kind: 'timeLimit', ms: opts.timeLimitMs! } : r === 'cancelled' ? { kind: 'cancelled' }
      : { kind: 'memoryLimit', bytes: maxBytes, atK: K, ...(level ? { level, heldBytes: backend.bytes() } : {}) };
  const progress = (p: Omit<RecognizeProgress, 'storedUpTo' | 'nodes' | 'bytes' | 'elapsedMs'>) =>
    opts.onProgress?.({ ...p, storedUpTo: M, nodes: backend.store.size, bytes: backend.bytes(), elapsedMs: now() - t0 });
  let active = pending.slice();

  try {
    outer: for (let K = 1; K <= maxK && active.length > 0; K += 2) {
      // make K decidable: store levels up to K − 4 and let the matcher expand the missing children (cheaper
      // than storing two more levels: fresh memory costs more than the arithmetic of the expansion)
      while (M < Math.max(1, K - 4)) {
        const next = M + 1;
        const expected = projectLevelNodes(new Map(levels.map((l) => [l.K, l.distinct])), next);
        const need = projectLevelBytes(expected, backend.store.size, lang.stride, backend.shards);
        const held = backend.bytes();
        if (next % 2 === 1 && next > 1 && held + need.peak > maxBytes) {
          stop = { kind: 'memoryLimit', bytes: maxBytes, atK: K, level: next, heldBytes: held, projectedBytes: need.peak, projectedValues: expected };
          break outer;
        }
        const g0 = now();
        const r = await backend.grow(next, maxBytes, expected);
        if ('stopped' in r) { stop = stopFor(r.stopped, K, next); break outer; }
        M = next;
        peak = Math.max(peak, backend.bytes());
        if (next % 2 === 1 || r.kept > 0) {
          levels.push({ K: next, distinct: r.kept, evaluated: r.evaluated, storedNodes: backend.store.size, bytes: backend.bytes(), ms: now() - g0 });
          progress({ phase: 'grow', K: next });
        }
      }
      let candidates = 0;
      for (const p of active) {
        if (shouldStop()) { stop = stopFor('cancelled', K); break outer; }
        const m0 = now();
        const { matches: found, complete } = await backend.match(K, M, p.match, MATCH_LIMIT);
        peak = Math.max(peak, backend.bytes());
        if (!complete && shouldStop()) { stop = stopFor('cancelled', K); break outer; }
        candidates += found.length;
        const v0 = now();
        const verified = verifyCandidates(p, found.map((m) => matchExpr(backend.store, lang, m)), K);
        p.report.matches.push({ K, candidates: found.length, verified, ms: v0 - m0, verifyMs: now() - v0, storedUpTo: M });
        if (verified > 0) {
          p.report.found = true;
          p.report.K = K;
          p.report.decidedUpTo = K;
          p.report.stop = { kind: 'found', K };
        } else if (!complete) {
          // too many candidates to examine at this size: the size is not decided
          p.report.stop = { kind: 'candidateLimit', limit: MATCH_LIMIT, atK: K };
        } else p.report.decidedUpTo = K;
      }
      active = active.filter((p) => !p.report.found && p.report.stop.kind !== 'candidateLimit');
      progress({ phase: 'match', K, candidates, pending: active.length });
    }
    if (opts.upperBound && M >= 1 && !(stop && (stop.kind === 'cancelled' || stop.kind === 'timeLimit'))) {
      const ub = opts.upperBound;
      const open = pending.filter((p) => !p.report.found);
      if (open.length) {
        const spine = new SpineSearch(backend.store, lang, domain, {
          M, shouldStop, ...(ub.siblingMaxK !== undefined ? { siblingMaxK: ub.siblingMaxK } : {}), spineMaxK: ub.spineMaxK ?? 14,
        });
        for (const p of open) {
          if (shouldStop()) break;
          const u0 = now();
          const from = p.report.decidedUpTo + 2;
          const cands = from <= ub.maxK ? spine.candidates(p.values, from, ub.maxK) : [];
          if (spine.wasStopped) break;
          peak = Math.max(peak, backend.bytes() + spine.bytes);
          const report: UpperBoundReport = {
            K: null, hits: [], searchedUpTo: ub.maxK, candidates: cands.length, ms: 0,
            method: `spine search: trees whose every node on one path from the root has a sibling of K ≤ ${ub.siblingMaxK ?? 5} (spine K ≤ ${ub.spineMaxK ?? 14}), ending in a stored tree of K ≤ ${M}`,
          };
          // smallest size first: verify the candidates of one size, stop at the first size with a verified tree
          let i = 0;
          while (i < cands.length && report.K === null) {
            const k = cands[i]!.K;
            const trees: Expr[] = [];
            while (i < cands.length && cands[i]!.K === k) trees.push(spine.expr(cands[i++]!));
            const hitsBefore = p.report.hits.length;
            if (verifyCandidates(p, trees, k, true) > 0) {
              report.K = k;
              report.hits = p.report.hits.splice(hitsBefore);
            }
          }
          report.ms = now() - u0;
          p.report.upperBound = report;
        }
      }
    }
  } finally {
    await backend.close();
  }
  if (!stop) stop = active.length === 0 ? { kind: 'found', K: Math.max(0, ...reports.map((r) => r.K ?? 0)) } : { kind: 'exhausted', maxK };
  for (const p of active) p.report.stop = stop;

  function verifyCandidates(p: Pending, trees: Expr[], K: number, all = opts.all === true): number {
    // one tree per spelling, in a canonical order (depth, then RPN), so results do not depend on sharding
    const bySpelling = new Map<string, Expr>();
    for (const t of trees) bySpelling.set(printRpn(t), t);
    const ordered = [...bySpelling.entries()].sort((a, b) => depth(a[1]) - depth(b[1]) || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let count = 0;
    for (const [rpn, t] of ordered) {
      const v = verifyHit(t, p.target.expr, vpoints, { semantics: opts.semantics, digits });
      if (!v.verified) {
        if (p.report.rejected.length < 50) p.report.rejected.push({ K, eml: printEml(t), failure: v.failure ?? 'not verified' });
        continue;
      }
      count++;
      p.report.hits.push({ K: size(t), depth: depth(t), eml: printEml(t), rpn, latex: printLatex(t), verification: v });
      if (!all || p.report.hits.length >= (opts.maxHits ?? DEFAULTS.maxHits)) break;
    }
    return count;
  }

  for (const r of reports) {
    const where = `at ${variables.length === 0 ? 'the constant' : `${probes.points.length} probe point(s)`}`;
    const how = `under '${opts.semantics}' semantics (${domain} domain, tolerance ${tolerance})`;
    r.minimality = r.found
      ? `no pure-EML tree over ${leafNames} with K < ${r.K} matched ${where} ${how}`
      : `no pure-EML tree over ${leafNames} with K ≤ ${r.decidedUpTo} matched ${where} ${how}`;
    r.minimality += `; ${RESTS_ON}`;
    if (r.upperBound?.K) r.minimality += `; a verified tree of K ${r.upperBound.K} bounds the minimal K from above (sizes ${r.decidedUpTo + 2} to ${r.upperBound.K - 2} are not decided)`;
  }
  return {
    leaves: language.leaves.map((l) => l.name),
    semantics: opts.semantics, domain, probes: probes.points.slice(), verificationPoints: vpoints, tolerance, digits,
    levels, peakBytes: peak, shards: backend.shards, ms: now() - t0, stop, results: reports,
  };
}
