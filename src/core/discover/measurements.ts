// What has been measured so far in a discovery: every candidate model assessed on all rows (deduplicated), and
// the ranking of them — K for the promising ones (their EML trees compiled), snapped constants (final ranking
// only), Occam's check, the Pareto front and the best by score, each entry with its EML tree, conventional
// formula and LaTeX checked to agree on the data.

import { type Expr, size } from '../expr';
import { parseInfix, printEml, printInfix, printLatex } from '../syntax';
import { type Assessed, type CriterionScale, type Ranked, assessModel, noiseFloor, paretoFront, rankAssessed } from './assess';
import { conventionalFormula } from './conventional';
import type { PreparedData } from './data';
import { refitConstants } from './fitConstants';
import { type AffineKind, type Model, agreeOnRows, emlWithNumericLeaves, evaluateRows, exactFormula, fitAffine, numericFormula, wrapAffine } from './model';
import type { NoiseModel } from './noise';
import { insignificantPart } from './reducible';
import { closedFormsNear } from './snap';

/** One reported formula. */
export interface DiscoveredFormula {
  /** Size of the EML tree (numeric leaves count one token each). */
  readonly K: number;
  /** The EML tree over 1, the inputs and decimal constants. */
  readonly eml: string;
  /** Conventional formula (infix: + − * / ^, exp, ln, sqrt, …, numbers and exact constants). */
  readonly formula: string;
  readonly latex: string;
  /** Training RMSE. */
  readonly rmse: number;
  readonly heldOutRmse: number;
  /** R² over all rows. */
  readonly r2: number;
  readonly maxError: number;
  /** The residuals are consistent with the noise (see noise.ts), on training and held-out rows. */
  readonly exactWithinNoise: boolean;
  /** Why (or why not) exact within noise. */
  readonly noiseVerdict: string;
  /** Fitted constants (after snapping: the ones left numeric). */
  readonly constants: number;
  readonly origin: Model['origin'];
  /** Description-length score (lower is better). */
  readonly score: number;
}

/** A ranking of what was measured. */
export interface Summary {
  readonly best: DiscoveredFormula | null;
  /** Pareto front of K against training RMSE, sorted by K (the best is always included). */
  readonly front: DiscoveredFormula[];
  readonly floor: number;
  /** Models whose EML tree did not reproduce their formula on the data. */
  readonly rejected: number;
  /** Models with a part that acts as a constant (reducible.ts). */
  readonly reducible: number;
  /** Models ranked (K computed). */
  readonly ranked: number;
}

const AFFINE_KINDS: readonly AffineKind[] = ['identity', 'scale', 'shift', 'full'];
/** Formulas checked and formatted at most, best scores first (the front is drawn from them). */
const MAX_ENTRIES = 60;
/** Models ranked besides the exact ones: the smallest errors. */
const PROMISING = 300;

/** The measured models of one dataset. */
export class Measurements {
  readonly assessed: Assessed[] = [];
  /** Smallest EML K of a model judged exact within the noise (Infinity while there is none). */
  exactK = Infinity;
  private readonly seen = new Set<string>();
  private readonly trees = new WeakMap<Assessed, { tree: Expr; K: number }>();

  constructor(readonly d: PreparedData, readonly noise: NoiseModel, readonly maxK = Infinity) {}

  /** Measures a model (once per structure and constants); returns its assessment, or null (seen, or not finite). */
  consider(m: Model): Assessed | null {
    const key = `${printInfix(m.structure)}|${m.constants.map((c) => c.value.toPrecision(10)).join(',')}`;
    if (this.seen.has(key)) return null;
    this.seen.add(key);
    const a = assessModel(m, this.d, this.noise);
    if (!a) return null;
    this.assessed.push(a);
    if (a.verdict.exact) {
      try {
        this.exactK = Math.min(this.exactK, size(emlWithNumericLeaves(a.numeric)));
      } catch {
        // not compilable: it cannot be reported either
      }
    }
    return a;
  }

  /** Measures a structure with each output map T, a·T, T + b, a·T + b (fitted in closed form); returns the assessments. */
  considerBase(base: Expr, origin: Model['origin']): Assessed[] {
    const v = evaluateRows(base, this.d.data.names, this.d.train);
    if (v.undefinedCount > 0) return [];
    const out: Assessed[] = [];
    for (const kind of AFFINE_KINDS) {
      const fit = fitAffine(v.re, v.im, this.d.train.target, kind);
      if (!fit) continue;
      const { structure, constants } = wrapAffine(base, kind, fit, 0);
      const a = this.consider({ structure, constants, origin });
      if (a) out.push(a);
    }
    return out;
  }

  /**
   * Returns the EML trees (decimal leaves for constants) of the best models that are not exact within the noise,
   * smallest error first, at most `count` and K ≤ 45: the starts of gradient training.
   */
  nearMisses(count = 6): Expr[] {
    const out: Expr[] = [];
    const sorted = this.assessed.filter((a) => !a.verdict.exact).sort((a, b) => a.rmse - b.rmse);
    for (const a of sorted) {
      if (out.length >= count) break;
      let hit = this.trees.get(a);
      try {
        if (!hit) { const tree = emlWithNumericLeaves(a.numeric); hit = { tree, K: size(tree) }; this.trees.set(a, hit); }
      } catch {
        continue;
      }
      if (hit.K <= 45) out.push(hit.tree);
    }
    return out;
  }

  /** Ranks what has been measured: K for the promising models, snaps (when asked), the front and the best. */
  summarize(snap: boolean): Summary {
    const d = this.d, names = d.data.names;
    const floor = noiseFloor(this.noise, this.assessed);
    const scale: CriterionScale = { rows: d.train.rows, alphabet: 3 + names.length, variance: targetVariance(d), floor };
    let ranked = this.rankPromising(scale, floor);
    if (snap) ranked = snapConstants(ranked, d, this.noise, scale);
    let rejected = 0, reducible = 0;
    const entries: Array<{ r: Ranked; entry: DiscoveredFormula }> = [];
    for (const r of ranked.sort((a, b) => a.score - b.score)) {
      if (r.K > this.maxK) continue;
      if (entries.length >= MAX_ENTRIES) break;
      if (insignificantPart(r.numeric, names, d.train, floor)) { reducible++; continue; }
      const entry = toEntry(r, d);
      if (entry) entries.push({ r, entry }); else rejected++;
    }
    const front = paretoFront(entries.map((x) => x.r), floor).map((r) => entries.find((x) => x.r === r)!.entry);
    const best = entries[0]?.entry ?? null;
    if (best && !front.includes(best)) front.push(best);
    front.sort((a, b) => a.K - b.K || a.rmse - b.rmse);
    return { best, front, floor, rejected, reducible, ranked: ranked.length };
  }

  /** Returns the models worth a K: every exact-within-noise one and the smallest errors (EML trees compiled here). */
  private rankPromising(scale: CriterionScale, floor: number): Ranked[] {
    const out: Ranked[] = [];
    for (const a of promising(this.assessed, floor)) {
      try {
        out.push(rankAssessed(a, scale, this.trees));
      } catch {
        // a formula the compiler cannot lower (e.g. a constant too large to compile) is not reported
      }
    }
    return out;
  }
}

/** Returns the assessments worth ranking: every exact one and the 300 smallest errors (errors below the floor tie). */
export function promising(assessed: readonly Assessed[], floor: number): Assessed[] {
  const byError = [...assessed].sort((a, b) => Math.max(a.rmse, floor) - Math.max(b.rmse, floor) || a.model.constants.length - b.model.constants.length);
  const chosen = new Set<Assessed>(byError.slice(0, PROMISING));
  for (const a of assessed) if (a.verdict.exact) chosen.add(a);
  return [...chosen];
}

function targetVariance(d: PreparedData): number {
  const y = d.data.target;
  let s = 0, ss = 0;
  for (const v of y) { s += v; ss += v * v; }
  const m = s / y.length;
  return Math.max(ss / y.length - m * m, Number.MIN_VALUE);
}

/** Ranks the models worth a K: every exact-within-noise one and the 300 smallest errors (EML trees are compiled here). */
/**
 * Tries to snap each fitted constant of the 40 best-scoring models that are exact within the noise to a closed form (snap.ts): the model is
 * refitted with that constant fixed and the snap is kept when the training RMSE grows by less than the noise
 * allows (and the exact-within-noise verdict, if it held, still holds).
 */
function snapConstants(ranked: Ranked[], d: PreparedData, noise: NoiseModel, scale: CriterionScale): Ranked[] {
  const order = [...ranked].sort((a, b) => a.score - b.score);
  const out = new Set(ranked);
  // a closed form claims the constant is exact: only models that are exact within the noise get one
  const chosen = order.filter((r) => r.verdict.exact).slice(0, 40);
  for (const r of chosen) {
    let current: Ranked = r;
    for (let k = 0; k < current.model.constants.length; k++) {
      const c = current.model.constants[k]!;
      if (c.exact) continue;
      // the 12 simplest forms near the value, and any further one that matches it to 1e−6 (3/(20*pi))
      const forms = closedFormsNear(c.value, 80).filter((f, i) => i < 12 || Math.abs(f.value - c.value) <= 1e-6 * Math.abs(c.value));
      for (const form of forms) {
        const fixed = current.model.constants.map((_, i) => i === k || current.model.constants[i]!.exact !== undefined);
        const trial: Model = { ...current.model, constants: current.model.constants.map((x, i) => (i === k ? { value: form.value, exact: form.expr } : x)) };
        const refit = refitConstants(trial, d, fixed);
        const a = assessModel(refit, d, noise);
        if (!a) continue;
        // fixing one constant may cost what one degree of freedom of noise costs (a 3-sigma χ²₁ margin):
        // SSE may grow by 9σ², σ the residual level of the unsnapped fit (or the floor)
        const sigma = Math.max(scale.floor, current.rmse);
        const allowance = Math.max(scale.floor, Math.sqrt(current.rmse ** 2 + (9 * sigma ** 2) / Math.max(1, d.train.rows)));
        if (a.rmse <= allowance && a.verdict.exact) {
          current = rankAssessed(a, scale);
          break;
        }
      }
    }
    if (current !== r) { out.delete(r); out.add(current); }
  }
  return [...out];
}

/** Returns the reported form of a ranked model, or null when its EML tree does not reproduce it on the data. */
function toEntry(r: Ranked, d: PreparedData): DiscoveredFormula | null {
  const names = d.data.names;
  if (!agreeOnRows(r.tree, r.numeric, names, d.train) || !agreeOnRows(r.tree, r.numeric, names, d.heldOut)) return null;
  const exact = exactFormula(r.model);
  const conventional = conventionalFormula(exact, r.tree, names, d.train);
  let formula = printInfix(conventional);
  // the printed text must read back to a formula equal to the tree on every row
  if (!textAgrees(formula, r.tree, d)) {
    formula = printInfix(numericFormula(r.model));
    if (!textAgrees(formula, r.tree, d)) return null;
  }
  return {
    K: r.K, eml: printEml(r.tree, 'call', { numbers: true }), formula, latex: printLatex(parseInfix(formula)),
    rmse: r.rmse, heldOutRmse: r.heldOutRmse, r2: r.r2, maxError: r.maxError, exactWithinNoise: r.verdict.exact, noiseVerdict: r.verdict.reason,
    constants: r.model.constants.filter((c) => !c.exact).length, origin: r.model.origin, score: r.score,
  };
}

function textAgrees(text: string, tree: Expr, d: PreparedData): boolean {
  let parsed: Expr;
  try {
    parsed = parseInfix(text);
  } catch {
    return false;
  }
  return agreeOnRows(parsed, tree, d.data.names, d.train) && agreeOnRows(parsed, tree, d.data.names, d.heldOut);
}

