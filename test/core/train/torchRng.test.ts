import { describe, expect, it } from 'vitest';
import { TorchCpuRng, masterLayout, torchManualInitInto, torchRandomInitInto } from '../../../src/core/train';

// Values printed by PyTorch 1.13 (CPU) after torch.manual_seed(seed); transcendentals may differ in the last bit.
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(b)));

describe('TorchCpuRng', () => {
  it("reproduces the reference's random_hot draws for seed 137 (randn 8×3, randint, randn 7×2, rand)", () => {
    const g = new TorchCpuRng(137);
    const leaf = g.randn(24); // ≥ 16 entries: the block-of-16 Box–Muller fill
    close(leaf[0]!, -0.04789136962373227);
    close(leaf[1]!, 0.20430512365647271);
    close(leaf[23]!, 0.33400461190226965);
    expect(Array.from(g.randint(3, 8))).toEqual([2, 1, 0, 0, 0, 0, 0, 2]);
    const gate = g.randn(14); // < 16 entries: the scalar path with the cached second value
    close(gate[0]!, 1.081498541023067);
    close(gate[1]!, 0.07502348958146986);
    close(gate[13]!, -0.6136252314167283);
    expect(Array.from(g.rand(14)).map(Math.fround)).toEqual([0.46638232469558716, 0.12965810298919678, 0.48564738035202026,
      0.6383076906204224, 0.20211350917816162, 0.1419028639793396, 0.7575658559799194, 0.48204678297042847, 0.3263334631919861,
      0.04475283622741699, 0.9649823904037476, 0.19862514734268188, 0.38967466354370117, 0.5736812949180603]);
  });

  it('redraws the last 16 entries when the length is not a multiple of 16', () => {
    const v = new TorchCpuRng(2048).randn(30);
    close(v[0]!, -1.1817072660226247);
    close(v[13]!, -0.9009202194476368);
    close(v[14]!, -0.8522182027987851);
    close(v[29]!, 0.9633477266724774);
  });

  it('builds the start logits of every strategy in the reference order', () => {
    const L = masterLayout(3, 2), p = new Float64Array(L.params);
    torchRandomInitInto(L, 'biased', 137, 1, p);
    close(p[0]!, 2 - 0.04789136962373227); // +2 on the column "1"
    close(p[1]!, 0.20430512365647271);
    torchRandomInitInto(L, 'random_hot', 137, 1, p);
    close(p[0 * 3 + 2]!, 3 - 0.49992771715669990); // hot column 2 of leaf 0
    close(p[L.gateOffset]!, 1.081498541023067 + 3);
    close(p[L.gateOffset + 1]!, 0.07502348958146986 + 3 - 6); // rand 0.1297 < 0.25 flips the gate
    const base = new Float64Array(L.params).fill(1), q = new Float64Array(L.params);
    torchManualInitInto(L, base, 0, 137, q);
    expect(Array.from(q)).toEqual(Array.from(base));
    torchManualInitInto(L, base, 2, 137, q);
    close(q[0]!, 1 + 2 * -0.04789136962373227);
  });
});
