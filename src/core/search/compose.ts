// Upper bounds by composition: a unary target f may equal F(G(x)) or F(G(H(x))) for verified pure-EML forms
// F, G, H of other functions (√x = exp(½·ln x)). Substituting G for every x of F gives a pure-EML tree of size
// K(F) + n_x(F)·(K(G) − 1). Candidates are compared with the target at the probe points (values of G are fed
// to F as complex arguments) and every match is re-verified (verifyHit.ts) like any search hit. The result is
// an upper bound only: no claim is made about smaller trees of other shapes.

import { evaluate } from '../evaluate';
import { type Expr, size, substitute } from '../expr';
import type { Semantics } from '../semantics';
import type { ProbePoint } from './probes';
import { type HitVerification, verifyHit } from './verifyHit';

/** A verified pure-EML form of a unary function over x. */
export interface UnaryForm {
  readonly name: string;
  readonly tree: Expr;
}

/** A verified composition. */
export interface Composition {
  readonly K: number;
  readonly tree: Expr;
  /** Outermost first, e.g. ['exp', 'half', 'ln']. */
  readonly chain: readonly string[];
  readonly verification: HitVerification;
}

export interface ComposeOptions {
  semantics: Semantics;
  /** Probe points over x (real or complex values). */
  probes: readonly ProbePoint[];
  /** Points of the precise re-verification. */
  verificationPoints: readonly ProbePoint[];
  /** Longest chain (2 or 3, default 3). */
  maxChain?: number;
  /** Largest K of interest (compositions above it are skipped). */
  maxK?: number;
  digits?: number;
  /** Relative tolerance of the probe comparison (default 1e-9). */
  tolerance?: number;
}

interface Node { K: number; xs: number; chain: string[]; tree: Expr; values: Array<{ re: number; im: number }> | null }

const countX = (t: Expr): number => (t.kind === 'var' ? (t.name === 'x' ? 1 : 0) : t.kind === 'op' ? t.args.reduce((a, c) => a + countX(c), 0) : 0);

/** Returns the smallest verified compositions of the forms equal to `target` (all of that size), or []. */
export function composeForms(forms: readonly UnaryForm[], target: Expr, opts: ComposeOptions): Composition[] {
  const sem = opts.semantics, tol = opts.tolerance ?? 1e-9, maxChain = opts.maxChain ?? 3, maxK = opts.maxK ?? Infinity;
  const want = opts.probes.map((pt) => evaluate(target, pt, { semantics: 'ieee' }));
  if (want.some((w) => !w.defined)) return [];
  const valuesAt = (tree: Expr, args: ReadonlyArray<{ re: number; im: number }>): Array<{ re: number; im: number }> | null => {
    const out: Array<{ re: number; im: number }> = [];
    for (const a of args) {
      const v = evaluate(tree, { x: a }, { semantics: sem });
      if (!v.defined) return null;
      out.push({ re: v.re, im: v.im });
    }
    return out;
  };
  const probeArgs = opts.probes.map((pt) => {
    const x = pt.x;
    return typeof x === 'number' ? { re: x, im: 0 } : { re: x!.re, im: x!.im };
  });
  const base: Node[] = forms.map((f) => ({ K: size(f.tree), xs: countX(f.tree), chain: [f.name], tree: f.tree, values: valuesAt(f.tree, probeArgs) }));
  const matches = (vals: Array<{ re: number; im: number }>): boolean => vals.every((v, p) => {
    const w = want[p]!;
    return Math.max(Math.abs(v.re - w.re), Math.abs(v.im - w.im)) <= tol * Math.max(1, Math.hypot(w.re, w.im));
  });
  // inner parts: the forms themselves, then pairs G∘H (values at the probes), for chains of length up to maxChain
  let inner: Node[] = base.filter((n) => n.values !== null);
  const found: Composition[] = [];
  let best = maxK;
  for (let len = 2; len <= maxChain; len++) {
    // every F∘G once: its values at the probes decide a match, and (chains still short) feed the next length
    const next: Node[] = [];
    for (const F of base) {
      if (F.xs === 0) continue;
      for (const G of inner) {
        const K = F.K + F.xs * (G.K - 1);
        if (K > best) continue;
        const v = valuesAt(F.tree, G.values!);
        if (!v) continue;
        const tree = substitute(F.tree, { x: G.tree }), chain = [...F.chain, ...G.chain];
        if (len < maxChain && G.chain.length === len - 1 && K < best) next.push({ K, xs: F.xs * G.xs, chain, tree, values: v });
        if (!matches(v)) continue;
        const verification = verifyHit(tree, target, opts.verificationPoints, { semantics: sem, ...(opts.digits ? { digits: opts.digits } : {}) });
        if (!verification.verified) continue;
        found.push({ K, tree, chain, verification });
        best = Math.min(best, K);
      }
    }
    inner = inner.concat(next.filter((n) => n.K < best));
  }
  if (found.length === 0) return [];
  const smallest = Math.min(...found.map((f) => f.K));
  return found.filter((f) => f.K === smallest).sort((a, b) => a.chain.join().localeCompare(b.chain.join()));
}
