// The Recognize tab's expectations, before and during a run: the budget estimate of the form's (or the run's)
// settings (core/search/budget.ts; the language is built here, cheap pure work, to know its memory per
// value) and the sentences that say how far it reaches, whether the compiler's form of the target lies
// within reach, and how many formulas the search will have tried against the precision of the target.

import { variables } from '../../../../core/expr';
import { estimateSearchBudget, precisionDigits, type SearchBudget } from '../../../../core/search/budget';
import { compileLanguage } from '../../../../core/search/compiledLanguage';
import { buildLanguage, pureEmlSpec } from '../../../../core/search/language';
import { searchProbes } from '../../../../core/search/probes';
import type { Semantics } from '../../../../core/semantics';
import { parseInfix } from '../../../../core/syntax';
import type { SearchLevel } from '../../../../shared/search';

/** The match tolerance of app searches (the recognizer's default). */
export const MATCH_TOLERANCE = 1e-9;
/** Probe points of a function search (the recognizer's default). */
const PROBES = 2;

export interface BudgetInput {
  readonly kind: 'const' | 'fn';
  readonly text: string;
  /** The leaves given (empty: 1 and the target's variables). */
  readonly leaves: readonly string[];
  readonly maxK: number;
  readonly memoryMiB: number;
  readonly semantics: Semantics;
}

export interface TargetBudget {
  readonly budget: SearchBudget;
  readonly leaves: readonly string[];
  /** Values the target's precision tells apart, as a power of ten. */
  readonly precisionDigits: number;
  readonly points: number;
}

/** Returns the default leaves of a target: 1 and its variables (just 1 when the text does not parse). */
export function defaultLeaves(text: string): string[] {
  try {
    return ['1', ...variables(parseInfix(text))];
  } catch {
    return ['1'];
  }
}

/** Returns the budget of a search, or the reason it cannot be estimated (a target or leaves the engine refuses). */
export function targetBudget(input: BudgetInput, measured?: readonly SearchLevel[]): TargetBudget | { readonly error: string } {
  try {
    const vars = input.kind === 'const' ? [] : variables(parseInfix(input.text));
    const leaves = input.leaves.length > 0 ? [...input.leaves] : ['1', ...vars];
    const probes = searchProbes(vars, PROBES);
    const stride = compileLanguage(buildLanguage(pureEmlSpec(probes, leaves)), input.semantics).stride;
    const grown = (measured ?? []).filter((l) => l.phase === 'grow' && l.distinct !== null).map((l) => ({ K: l.K, distinct: l.distinct! }));
    const budget = estimateSearchBudget({ leaves: leaves.length, stride, maxK: input.maxK, maxBytes: input.memoryMiB * 1024 ** 2, measured: grown });
    const points = probes.points.length;
    return { budget, leaves, points, precisionDigits: precisionDigits({ text: input.text, tolerance: MATCH_TOLERANCE, points }) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Returns a count as "2,117", "6.5 k", "2.1 M", "3.4 G", or "10^14.2" beyond. */
export function formatCount(n: number): string {
  if (n < 10_000) return Math.round(n).toLocaleString('en-US');
  if (n < 1e6) return `${(n / 1e3).toFixed(1)} k`;
  if (n < 1e9) return `${(n / 1e6).toFixed(1)} M`;
  if (n < 1e12) return `${(n / 1e9).toFixed(1)} G`;
  return `10^${Math.log10(n).toFixed(1)}`;
}

/** Returns bytes as "640 kB", "12.3 MB", "1.2 GB" or "3.4 TB". */
export function formatSize(b: number): string {
  if (b < 1024 ** 2) return `${Math.round(b / 1024)} kB`;
  if (b < 1024 ** 3) return `${(b / 1024 ** 2).toFixed(1)} MB`;
  if (b < 1024 ** 4) return `${(b / 1024 ** 3).toFixed(1)} GB`;
  return `${(b / 1024 ** 4).toFixed(1)} TB`;
}

/** What the compiler says of the target: the size of its form and the semantics that form needs. */
export interface CompilerForm {
  readonly K: number;
  readonly semantics: 'ieee' | 'extended';
}

/** Returns the sentence on how far the budget reaches. */
export function reachSentence(b: SearchBudget, maxK: number, memoryMiB: number): string {
  const stored = b.levels.find((l) => l.K === b.storedUpTo)!;
  const fits = `With ${memoryMiB} MiB the search can store the values of every tree up to K ${b.storedUpTo} (≈ ${formatCount(
    b.levels.filter((l) => l.K <= b.storedUpTo).reduce((n, l) => n + l.distinct, 0),
  )} values, ${formatSize(stored.cumulativeBytes)}), so it can decide every size up to K ${b.decidableUpTo}`;
  if (b.limit === 'maxK') return `${fits}: Max K ${maxK} is within reach.`;
  const next = b.levels.find((l) => l.K === b.storedUpTo + 2);
  const more = next ? ` (growing K ${next.K} would need ≈ ${formatSize(next.peakBytes)} at its peak)` : '';
  return `${fits}. Max K ${maxK} is out of reach: the search will stop at K ${b.decidableUpTo + 2} for lack of memory${more}.`;
}

/** Returns the sentence comparing the compiler's form of the target with the reach, or null without a form. */
export function compilerSentence(form: CompilerForm | null, b: SearchBudget, semantics: Semantics): string | null {
  if (!form) return null;
  const valid = form.semantics === 'ieee' || semantics !== 'strict';
  const bound = valid ? `a tree of K ≤ ${form.K} exists` : `that form needs '${form.semantics}' semantics, so under '${semantics}' it bounds nothing`;
  const head = `The compiler writes the target with K ${form.K} (exact under '${form.semantics}'): ${bound}`;
  if (!valid) return `${head}.`;
  if (form.K <= b.decidableUpTo) return `${head}, and the search reaches that size: it will find the shortest tree (K ${form.K} or less).`;
  return `${head}, but that size is out of reach of Max K and memory (K ≤ ${b.decidableUpTo}): the search can only find a shorter tree, if one exists; otherwise it ends with “No tree found”.`;
}

/** The stop meter: formulas tried by a size against the values the target's precision tells apart. */
export interface StopMeter {
  /** log10 of the formulas tried up to `K`. */
  readonly tried: number;
  /** Values the precision tells apart, as a power of ten. */
  readonly digits: number;
  readonly K: number;
  /** tried / digits, clamped to [0, 1] (the meter's fill). */
  readonly fill: number;
  /** The first size at which the formulas tried pass the precision, or null within the reach. */
  readonly chanceFromK: number | null;
  readonly text: string;
}

/** Returns the stop meter at size K (the last size reached, or the last reachable one before a run). */
export function stopMeter(t: TargetBudget, K: number): StopMeter {
  const level = t.budget.levels.filter((l) => l.K <= K).at(-1);
  const tried = level ? Math.log10(Math.max(1, level.formulas)) : 0;
  const chance = t.budget.levels.find((l) => l.K <= t.budget.decidableUpTo && Math.log10(Math.max(1, l.formulas)) >= t.precisionDigits);
  const precision = `the target, matched to ${MATCH_TOLERANCE.toExponential(0)} at ${t.points} point${t.points === 1 ? '' : 's'}, tells about 10^${t.precisionDigits.toFixed(0)} values apart`;
  const warn = chance
    ? ` From K ${chance.K} on, more formulas than that are tried: a match there may be a coincidence (every hit is still verified at more points and to 40 digits).`
    : ' Within this reach a chance match stays unlikely.';
  return {
    tried,
    digits: t.precisionDigits,
    K,
    fill: Math.max(0, Math.min(1, tried / t.precisionDigits)),
    chanceFromK: chance ? chance.K : null,
    text: `Formulas tried up to K ${K}: ≈ 10^${tried.toFixed(1)}; ${precision}.${warn}`,
  };
}
