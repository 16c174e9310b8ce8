// L-BFGS with a strong-Wolfe line search (Nocedal & Wright, Algorithms 7.4, 3.5 and 3.6), used for the
// reference trainer's optional polish after hardening (history 50, first trial step lr, off by default).
// The objective writes its gradient into the given buffer and returns the value; non-finite values shrink the step.

/** Objective: returns f(x) and writes ∇f(x) into g. */
export type Objective = (x: Float64Array, g: Float64Array) => number;

export interface LbfgsOptions { iterations: number; lr: number; history?: number; tolGrad?: number; tolChange?: number }

const dot = (a: Float64Array, b: Float64Array): number => { let s = 0; for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!; return s; };

/** Minimises f from x (updated in place); returns the final value. */
export function lbfgsMinimize(f: Objective, x: Float64Array, opts: LbfgsOptions): number {
  const n = x.length, m = opts.history ?? 50, tolGrad = opts.tolGrad ?? 1e-7, tolChange = opts.tolChange ?? 1e-9;
  const g = new Float64Array(n), d = new Float64Array(n), gNew = new Float64Array(n), xTrial = new Float64Array(n);
  const S: Float64Array[] = [], Y: Float64Array[] = [], rho: number[] = [], alpha = new Float64Array(m);
  let fx = f(x, g);
  if (!Number.isFinite(fx)) return fx;
  const phi = (t: number): [number, number] => {
    for (let i = 0; i < n; i++) xTrial[i] = x[i]! + t * d[i]!;
    const v = f(xTrial, gNew);
    return [v, dot(gNew, d)];
  };
  for (let k = 0; k < opts.iterations; k++) {
    // two-loop recursion: d = −H·g
    for (let i = 0; i < n; i++) d[i] = -g[i]!;
    for (let j = S.length - 1; j >= 0; j--) {
      const a = rho[j]! * dot(S[j]!, d);
      alpha[j] = a;
      const y = Y[j]!;
      for (let i = 0; i < n; i++) d[i] -= a * y[i]!;
    }
    if (S.length > 0) {
      const last = S.length - 1, gamma = dot(S[last]!, Y[last]!) / dot(Y[last]!, Y[last]!);
      for (let i = 0; i < n; i++) d[i] *= gamma;
    }
    for (let j = 0; j < S.length; j++) {
      const b = rho[j]! * dot(Y[j]!, d), s = S[j]!, a = alpha[j]!;
      for (let i = 0; i < n; i++) d[i] += (a - b) * s[i]!;
    }
    const gd = dot(g, d);
    if (!(gd < -tolChange)) break;
    let l1 = 0;
    for (let i = 0; i < n; i++) l1 += Math.abs(g[i]!);
    const t0 = k === 0 ? Math.min(1, 1 / l1) * opts.lr : opts.lr;
    const t = strongWolfe(phi, fx, gd, t0);
    if (t === 0) break;
    const [fNew] = phi(t); // leaves ∇f(x + t·d) in gNew
    if (!Number.isFinite(fNew)) break;
    const s = new Float64Array(n), y = new Float64Array(n);
    for (let i = 0; i < n; i++) { s[i] = t * d[i]!; y[i] = gNew[i]! - g[i]!; }
    const ys = dot(y, s);
    if (ys > 1e-10) {
      if (S.length === m) { S.shift(); Y.shift(); rho.shift(); }
      S.push(s); Y.push(y); rho.push(1 / ys);
    }
    for (let i = 0; i < n; i++) { x[i] = xTrial[i]!; g[i] = gNew[i]!; }
    const change = Math.abs(fNew - fx);
    fx = fNew;
    let gmax = 0;
    for (let i = 0; i < n; i++) gmax = Math.max(gmax, Math.abs(g[i]!));
    if (gmax <= tolGrad || change < tolChange) break;
  }
  return fx;
}

/** Returns a step satisfying the strong Wolfe conditions (c1 1e−4, c2 0.9), or the best step found, or 0. */
function strongWolfe(phi: (t: number) => [number, number], f0: number, gd0: number, t: number, c1 = 1e-4, c2 = 0.9, maxEvals = 25): number {
  let tPrev = 0, fPrev = f0, gPrev = gd0, evals = 0;
  const zoom = (lo: number, hi: number, flo: number, glo: number, fhi: number, ghi: number): number => {
    while (evals < maxEvals) {
      const tj = cubicMin(lo, flo, glo, hi, fhi, ghi);
      const [fj, gj] = phi(tj); evals++;
      if (!Number.isFinite(fj) || fj > f0 + c1 * tj * gd0 || fj >= flo) { hi = tj; fhi = fj; ghi = gj; } else {
        if (Math.abs(gj) <= -c2 * gd0) return tj;
        if (gj * (hi - lo) >= 0) { hi = lo; fhi = flo; ghi = glo; }
        lo = tj; flo = fj; glo = gj;
      }
      if (Math.abs(hi - lo) < 1e-12) break;
    }
    return lo;
  };
  while (evals < maxEvals) {
    const [f, g] = phi(t); evals++;
    if (!Number.isFinite(f)) { t = (tPrev + t) / 2; continue; }
    if (f > f0 + c1 * t * gd0 || (tPrev > 0 && f >= fPrev)) return zoom(tPrev, t, fPrev, gPrev, f, g);
    if (Math.abs(g) <= -c2 * gd0) return t;
    if (g >= 0) return zoom(t, tPrev, f, g, fPrev, gPrev);
    tPrev = t; fPrev = f; gPrev = g; t *= 2;
  }
  return tPrev;
}

/** Returns the minimiser of the cubic through (a, fa, ga), (b, fb, gb), kept inside the bracket (else its midpoint). */
function cubicMin(a: number, fa: number, ga: number, b: number, fb: number, gb: number): number {
  const lo = Math.min(a, b), hi = Math.max(a, b);
  if (Number.isFinite(fb) && Number.isFinite(gb)) {
    const d1 = ga + gb - (3 * (fa - fb)) / (a - b);
    const disc = d1 * d1 - ga * gb;
    if (disc >= 0) {
      const d2 = Math.sign(b - a) * Math.sqrt(disc);
      const t = b - (b - a) * ((gb + d2 - d1) / (gb - ga + 2 * d2));
      const margin = 0.1 * (hi - lo);
      if (t >= lo + margin && t <= hi - margin) return t;
    }
  }
  return (lo + hi) / 2;
}
