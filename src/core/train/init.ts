// Initial logits of a run (paper §1.6). Each run re-seeds its own generator from its seed, so a run's
// start depends only on (seed, strategy): draws in the reference's order — leaf normals, (random_hot: hot
// column per leaf), gate normals, (random_hot: the 25 % flip mask). Manual starts add σ·N(0,1) noise.
// Two streams: PyTorch's CPU stream after torch.manual_seed(seed) (torchRng.ts; the reference's, so a seed
// starts where the reference's run of that seed starts) or the project's own mulberry32 stream (an Rng).

import { type Rng, createRng, normal, randomInt } from '../rng';
import type { MasterLayout } from './layout';
import type { InitStrategy } from './options';
import { TorchCpuRng } from './torchRng';

/** Writes the logits of a random strategy into params[po ..]; `scale` multiplies every normal draw. */
export function randomInitInto(layout: MasterLayout, strategy: Exclude<InitStrategy, 'manual'>, rng: Rng, scale: number, params: Float64Array, po = 0): void {
  const C = layout.choices, nLeaf = layout.leaves * C;
  for (let j = 0; j < nLeaf; j++) params[po + j] = normal(rng) * scale;
  for (let leaf = 0; leaf < layout.leaves; leaf++) {
    const o = po + leaf * C;
    if (strategy === 'biased') params[o] += 2;
    else if (strategy === 'xy_biased') for (let c = 1; c < C; c++) params[o + c] += 1;
    else if (strategy === 'random_hot') params[o + randomInt(rng, C)] += 3;
  }
  const go = po + layout.gateOffset, gates = 2 * layout.nodes;
  const shift = strategy === 'random_hot' ? 3 : 4;
  for (let j = 0; j < gates; j++) params[go + j] = normal(rng) * scale + shift;
  if (strategy === 'random_hot') for (let j = 0; j < gates; j++) if (rng() < 0.25) params[go + j] -= 6;
}

/**
 * Writes the logits of a random strategy as the reference draws them after torch.manual_seed(seed):
 * randn(leaves, choices)·scale, the strategy's leaf offsets (random_hot: randint(0, choices) per leaf, +3),
 * randn(nodes, 2)·scale + 4 (random_hot: + 3, then rand(nodes, 2) < 0.25 → −6).
 */
export function torchRandomInitInto(layout: MasterLayout, strategy: Exclude<InitStrategy, 'manual'>, seed: number, scale: number, params: Float64Array, po = 0): void {
  const g = new TorchCpuRng(seed), C = layout.choices, nLeaf = layout.leaves * C, gates = 2 * layout.nodes;
  const leaf = g.randn(nLeaf);
  for (let j = 0; j < nLeaf; j++) params[po + j] = leaf[j]! * scale;
  if (strategy === 'random_hot') {
    const hot = g.randint(C, layout.leaves);
    for (let i = 0; i < layout.leaves; i++) params[po + i * C + hot[i]!] += 3;
  }
  for (let i = 0; i < layout.leaves; i++) {
    const o = po + i * C;
    if (strategy === 'biased') params[o] += 2;
    else if (strategy === 'xy_biased') for (let c = 1; c < C; c++) params[o + c] += 1;
  }
  const go = po + layout.gateOffset, gate = g.randn(gates), shift = strategy === 'random_hot' ? 3 : 4;
  for (let j = 0; j < gates; j++) params[go + j] = gate[j]! * scale + shift;
  if (strategy === 'random_hot') {
    const u = g.rand(gates);
    for (let j = 0; j < gates; j++) if (u[j]! < 0.25) params[go + j] -= 6;
  }
}

/**
 * Writes a manual start with the reference's noise (torch.manual_seed(seed), then σ·randn over the leaf logits
 * and σ·randn over the gate logits) into params[po ..]. `base` is laid out as the layout's parameter vector.
 */
export function torchManualInitInto(layout: MasterLayout, base: Float64Array, noise: number, seed: number, params: Float64Array, po = 0): void {
  for (let j = 0; j < base.length; j++) params[po + j] = base[j]!;
  if (noise === 0) return;
  const g = new TorchCpuRng(seed), nLeaf = layout.leaves * layout.choices;
  const leaf = g.randn(nLeaf), gate = g.randn(2 * layout.nodes);
  for (let j = 0; j < nLeaf; j++) params[po + j] += noise * leaf[j]!;
  for (let j = 0; j < gate.length; j++) params[po + layout.gateOffset + j] += noise * gate[j]!;
}

/** Writes a manual start (base logits plus σ·N(0,1) on every entry, drawn from rng) into params[po ..]. */
export function manualInitInto(base: Float64Array, noise: number, rng: Rng, params: Float64Array, po = 0): void {
  for (let j = 0; j < base.length; j++) params[po + j] = base[j]! + (noise !== 0 ? noise * normal(rng) : 0);
}

/** Returns the generator of a run: seed for the first attempt, a distinct derived stream for restarts. */
export function runRng(seed: number, attempt = 0): Rng {
  return createRng(attempt === 0 ? seed : (seed ^ Math.imul(attempt, 0x9e3779b1)) >>> 0);
}
