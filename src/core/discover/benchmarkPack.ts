// Benchmark datasets for discovery, generated from published formulas and sampling ranges (facts; the
// generator is ours): twelve textbook laws of one to three inputs on [1, 3]^d, and the Feynman equations with
// at most three inputs (AI Feynman, Udrescu & Tegmark 2020, as used by SRBench), each sampled uniformly in its
// box, noiseless or with Gaussian noise of a given fraction of the target's RMS (SRBench's noise model).
// Also the two ways a result is judged against the law: exactly (equal within 1e−6 on fresh points) and as a
// symbolic solution (SRBench: the law minus the formula, or their ratio, is a constant).

import { evaluate } from '../evaluate';
import type { Expr } from '../expr';
import feynman from '../reference/feynman-le3.json';
import { type Rng, normal } from '../rng';
import { parseInfix } from '../syntax/parseInfix';
import type { DiscoverData } from './data';

/** A law to rediscover: its formula (our infix syntax) and each input's sampling range. */
export interface BenchmarkLaw {
  readonly id: string;
  readonly formula: string;
  readonly inputs: ReadonlyArray<{ readonly name: string; readonly lo: number; readonly hi: number }>;
}

const box = (names: string[]) => names.map((name) => ({ name, lo: 1, hi: 3 }));

/** The twelve textbook laws (x, y, z on [1, 3]). */
export const TWELVE_LAWS: readonly BenchmarkLaw[] = [
  { id: 'product', formula: 'x*y', inputs: box(['x', 'y']) },
  { id: 'quotient', formula: 'x/y', inputs: box(['x', 'y']) },
  { id: 'sum', formula: 'x + y', inputs: box(['x', 'y']) },
  { id: 'difference', formula: 'x - y', inputs: box(['x', 'y']) },
  { id: 'reciprocal', formula: '1/x', inputs: box(['x']) },
  { id: 'square root', formula: 'sqrt(x)', inputs: box(['x']) },
  { id: 'half square', formula: 'x^2/2', inputs: box(['x']) },
  { id: 'damped', formula: 'x*exp(-y)', inputs: box(['x', 'y']) },
  { id: 'log ratio', formula: 'ln(x/y)', inputs: box(['x', 'y']) },
  { id: 'normal density', formula: 'exp(-x^2/2)/sqrt(2*pi)', inputs: box(['x']) },
  { id: 'product over', formula: 'x*y/z', inputs: box(['x', 'y', 'z']) },
  { id: 'eml', formula: 'exp(x) - ln(y)', inputs: box(['x', 'y']) },
];

/** Returns a Feynman formula in our syntax (Python's ** is ^, arcsin is asin). */
export function fromPython(formula: string): string {
  return formula.replace(/\*\*/g, '^').replace(/\barc(sin|cos|tan)\b/g, 'a$1');
}

/** The Feynman equations with at most three inputs and their published sampling ranges. */
export const FEYNMAN_LAWS: readonly BenchmarkLaw[] = (feynman as { equations: Array<{ id: string; formula: string; variables: Array<{ name: string; lo: number; hi: number }> }> })
  .equations.map((e) => ({ id: e.id, formula: fromPython(e.formula), inputs: e.variables }));

/** Returns the value of a law at one point (NaN when it is not real and finite there). */
function valueAt(law: Expr, point: Record<string, number>): number {
  const v = evaluate(law, point);
  return v.defined && Math.abs(v.im) <= 1e-12 * (1 + Math.abs(v.re)) ? v.re : NaN;
}

/**
 * Returns `rows` rows of a law sampled uniformly in its box (points where it is not real and finite are
 * redrawn, up to 20 tries per row), with Gaussian noise of standard deviation `noise`·RMS(target) added.
 */
export function sampleLaw(law: BenchmarkLaw, rows: number, noise: number, rng: Rng): DiscoverData {
  const expr = parseInfix(law.formula);
  const inputs = law.inputs.map(() => new Float64Array(rows));
  const target = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    for (let attempt = 0; attempt < 20; attempt++) {
      const point: Record<string, number> = {};
      law.inputs.forEach((v, j) => { point[v.name] = v.lo + (v.hi - v.lo) * rng(); inputs[j]![i] = point[v.name]!; });
      const y = valueAt(expr, point);
      target[i] = y;
      if (Number.isFinite(y)) break;
    }
    if (!Number.isFinite(target[i]!)) throw new Error(`benchmark: ${law.id} is not real and finite in its box`);
  }
  addNoise(target, noise, rng);
  return { names: law.inputs.map((v) => v.name), inputs, targetName: 'target', target };
}

/** Adds Gaussian noise of `noise` × the target's RMS to every value, in place. */
export function addNoise(target: Float64Array, noise: number, rng: Rng): void {
  if (!(noise > 0)) return;
  let ss = 0;
  for (const v of target) ss += v * v;
  const sigma = noise * Math.sqrt(ss / target.length);
  for (let i = 0; i < target.length; i++) target[i] = target[i]! + sigma * normal(rng);
}

/** How a formula compares with the law it should be. */
export interface RecoveryCheck {
  /** Equal to the law within 1e−6 (relative) on fresh points. */
  readonly exact: boolean;
  /** SRBench's symbolic solution: law − formula or law / formula is a constant on fresh points (within 1e−6). */
  readonly symbolic: boolean;
}

/** Compares a formula with the law at `points` fresh points of the law's box. */
export function checkRecovery(formula: string, law: BenchmarkLaw, rng: Rng, points = 200): RecoveryCheck {
  let f: Expr;
  try {
    f = parseInfix(formula);
  } catch {
    return { exact: false, symbolic: false };
  }
  const truth = parseInfix(law.formula);
  const diffs: number[] = [], ratios: number[] = [];
  let exact = true;
  for (let i = 0; i < points; i++) {
    const point: Record<string, number> = {};
    for (const v of law.inputs) point[v.name] = v.lo + (v.hi - v.lo) * rng();
    const a = valueAt(truth, point), b = valueAt(f, point);
    if (!Number.isFinite(a)) continue;
    if (!Number.isFinite(b)) return { exact: false, symbolic: false };
    if (!(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)))) exact = false;
    diffs.push(a - b);
    ratios.push(b === 0 ? NaN : a / b);
  }
  const constant = (xs: number[]) => {
    if (xs.length === 0 || xs.some((x) => !Number.isFinite(x))) return false;
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return xs.every((x) => Math.abs(x - m) <= 1e-6 * Math.max(1, Math.abs(m)));
  };
  return { exact, symbolic: exact || constant(diffs) || (constant(ratios) && Math.abs(ratios[0]!) > 1e-12) };
}
