// The hardening penalties of the loss (paper §1.4), on the parameters alone (no data):
//   H = mean over leaves of h·u_leaf,  h = −Σ p ln(p + 1e−12),  u_leaf = clamp((1 − max p)/(2/3), 0, 1)^q
//   B = mean over gate entries of s(1−s)·u_gate,  u_gate = clamp(1 − |2s − 1|, 0, 1)^q
// with p = softmax(leaf logits / τ) and s = sigmoid(gate logit / τ); the trainer uses q = 1. Any tree whose
// parameters start with leaf mixes and gates (ChoiceLayout: the paper's master tree and the general one).

import type { ChoiceLayout } from './layout';
import { sigmoid, softmaxBackwardInto, softmaxInto } from './kernels';

/** Scratch for penaltiesInto (one leaf's probabilities and their gradient). */
export interface PenaltyScratch { readonly p: Float64Array; readonly gp: Float64Array }

/** Returns scratch for a layout. */
export function createPenaltyScratch(layout: ChoiceLayout): PenaltyScratch {
  return { p: new Float64Array(layout.choices), gp: new Float64Array(layout.choices) };
}

/** Values of the two penalties, written by penaltiesInto. */
export interface PenaltyValues { entropy: number; binarity: number }

/**
 * Computes H and B of params[po ..] at τ into `out`; when `grad` is given, ADDS
 * lamEnt·∂H/∂θ + lamBin·∂B/∂θ into grad[go ..]. Allocates nothing.
 */
export function penaltiesInto(
  layout: ChoiceLayout, params: Float64Array, po: number, tau: number, q: number,
  lamEnt: number, lamBin: number, scratch: PenaltyScratch, out: PenaltyValues, grad?: Float64Array, go = 0,
): void {
  const C = layout.choices, p = scratch.p, gp = scratch.gp;
  let H = 0;
  for (let leaf = 0; leaf < layout.leaves; leaf++) {
    softmaxInto(p, 0, params, po + leaf * C, C, tau);
    let h = 0, jmax = 0;
    for (let j = 0; j < C; j++) { h -= p[j]! * Math.log(p[j]! + 1e-12); if (p[j]! > p[jmax]!) jmax = j; }
    const raw = (1 - p[jmax]!) / (2 / 3);
    const base = Math.min(1, Math.max(0, raw));
    const u = q === 1 ? base : base ** q;
    H += h * u;
    if (grad && lamEnt !== 0) {
      const w = lamEnt / layout.leaves;
      // where the clamp binds (max p < 1/3, possible from 4 choices on) u is constant: no −1.5 term
      const du = raw > 1 ? 0 : q === 1 ? 1 : q * base ** (q - 1);
      for (let j = 0; j < C; j++) {
        const pj = p[j]!;
        gp[j] = w * u * -(Math.log(pj + 1e-12) + pj / (pj + 1e-12));
      }
      if (du !== 0) gp[jmax] = gp[jmax]! + w * h * du * -1.5;
      softmaxBackwardInto(grad, go + leaf * C, p, 0, gp, 0, C, tau);
    }
  }
  out.entropy = H / layout.leaves;
  let B = 0;
  const gates = layout.gates, g0 = po + layout.gateOffset;
  for (let j = 0; j < gates; j++) {
    const s = sigmoid(params[g0 + j]! / tau);
    const d = 2 * s - 1;
    const base = Math.min(1, Math.max(0, 1 - Math.abs(d)));
    const u = q === 1 ? base : base ** q;
    B += s * (1 - s) * u;
    if (grad && lamBin !== 0) {
      const du = (q === 1 ? 1 : q * base ** (q - 1)) * -2 * Math.sign(d);
      const gs = (lamBin / gates) * ((1 - 2 * s) * u + s * (1 - s) * du);
      grad[go + layout.gateOffset + j] += (gs * s * (1 - s)) / tau;
    }
  }
  out.binarity = B / gates;
}
