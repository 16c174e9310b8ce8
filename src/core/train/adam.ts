// Adam with gradient-norm clipping, as the reference trainer steps (PyTorch defaults: β 0.9/0.999,
// ε 1e−8; the whole gradient is scaled by min(1, maxNorm/(‖g‖ + 1e−6)) before each step).
// One state per run slot; `resetAdam` is the reference's "fresh Adam" after a phase switch or restart.

/** Adam moments of several runs (slot-major, `size` parameters each). */
export interface AdamState {
  readonly size: number;
  readonly m: Float64Array;
  readonly v: Float64Array;
  /** Steps taken since the last reset, per slot. */
  readonly steps: Int32Array;
}

/** Returns zeroed Adam state for `slots` runs of `size` parameters. */
export function createAdam(size: number, slots = 1): AdamState {
  return { size, m: new Float64Array(size * slots), v: new Float64Array(size * slots), steps: new Int32Array(slots) };
}

/** Clears the moments of one slot (a fresh optimizer). */
export function resetAdam(a: AdamState, slot: number): void {
  a.m.fill(0, slot * a.size, (slot + 1) * a.size);
  a.v.fill(0, slot * a.size, (slot + 1) * a.size);
  a.steps[slot] = 0;
}

/** Returns the Euclidean norm of grad[go .. go + size). */
export function gradNorm(grad: Float64Array, go: number, size: number): number {
  let s = 0;
  for (let j = 0; j < size; j++) s += grad[go + j]! * grad[go + j]!;
  return Math.sqrt(s);
}

/** Scales grad[go ..] so that its norm is at most maxNorm (PyTorch's clip_grad_norm_); returns the norm before. */
export function clipGradInto(grad: Float64Array, go: number, size: number, maxNorm: number): number {
  const norm = gradNorm(grad, go, size);
  const coef = maxNorm / (norm + 1e-6);
  if (coef < 1) for (let j = 0; j < size; j++) grad[go + j] *= coef;
  return norm;
}

/** One Adam step of slot `slot` on params[po ..] with grad[go ..] at learning rate lr. */
export function adamStepInto(a: AdamState, slot: number, params: Float64Array, po: number, grad: Float64Array, go: number, lr: number,
  beta1 = 0.9, beta2 = 0.999, eps = 1e-8): void {
  const t = ++a.steps[slot]!;
  const bc1 = 1 - beta1 ** t, bc2 = Math.sqrt(1 - beta2 ** t);
  const step = lr / bc1, m = a.m, v = a.v, mo = slot * a.size;
  for (let j = 0; j < a.size; j++) {
    const g = grad[go + j]!;
    const mj = (m[mo + j] = beta1 * m[mo + j]! + (1 - beta1) * g);
    const vj = (v[mo + j] = beta2 * v[mo + j]! + (1 - beta2) * g * g);
    params[po + j] -= (step * mj) / (Math.sqrt(vj) / bc2 + eps);
  }
}
