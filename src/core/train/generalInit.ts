// Starts of the general master tree, drawn from the project's seeded stream (the paper has no general form, so
// there is no reference stream to follow). Random strategies mirror the paper's (§1.6) on every input's mix:
// N(0,1)·scale logits, biased +2 on the column 1, xy_biased +1 on the variables, random_hot +3 on one random
// column; gates N(0,1)·scale + 4 ("mostly the leaf"; random_hot + 3, then −6 with probability 1/4); constants
// 1 + N(0,1)·constScale. Manual starts add σ·N(0,1) to the mix and gate logits and leave the constants as given.

import { type Rng, normal, randomInt } from '../rng';
import type { GeneralLayout } from './generalLayout';
import type { InitStrategy } from './options';

/** Writes the start of a random strategy into params[po ..]. */
export function generalRandomInitInto(
  layout: GeneralLayout, strategy: Exclude<InitStrategy, 'manual'>, rng: Rng, scale: number, constScale: number, params: Float64Array, po = 0,
): void {
  const C = layout.choices, nMix = layout.leaves * C;
  for (let j = 0; j < nMix; j++) params[po + j] = normal(rng) * scale;
  for (let i = 0; i < layout.leaves; i++) {
    const o = po + i * C;
    if (strategy === 'biased') params[o] += 2;
    else if (strategy === 'xy_biased') for (let c = 1; c <= layout.vars; c++) params[o + c] += 1;
    else if (strategy === 'random_hot') params[o + randomInt(rng, C)] += 3;
  }
  const go = po + layout.gateOffset, shift = strategy === 'random_hot' ? 3 : 4;
  for (let j = 0; j < layout.gates; j++) params[go + j] = normal(rng) * scale + shift;
  if (strategy === 'random_hot') for (let j = 0; j < layout.gates; j++) if (rng() < 0.25) params[go + j] -= 6;
  for (let i = 0; i < layout.leaves; i++) params[po + layout.constOffset + i] = 1 + normal(rng) * constScale;
}

/** Writes a manual start (base plus σ·N(0,1) on every mix and gate logit; constants as in base) into params[po ..]. */
export function generalManualInitInto(layout: GeneralLayout, base: Float64Array, noise: number, rng: Rng, params: Float64Array, po = 0): void {
  for (let j = 0; j < layout.params; j++) params[po + j] = base[j]! + (noise !== 0 && j < layout.constOffset ? noise * normal(rng) : 0);
}
