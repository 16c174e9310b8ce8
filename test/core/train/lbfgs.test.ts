import { describe, expect, it } from 'vitest';
import { PAPER_GRID, gridData, lbfgsMinimize, masterLayout, resolveTrainOptions, targetTree, trainRuns } from '../../../src/core/train';

describe('lbfgsMinimize', () => {
  it('finds the minimum of the Rosenbrock function from (-1.2, 1)', () => {
    const x = Float64Array.of(-1.2, 1);
    const f = (p: Float64Array, g: Float64Array) => {
      const [a, b] = [p[0]!, p[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const v = lbfgsMinimize(f, x, { iterations: 200, lr: 1, tolChange: 1e-16, tolGrad: 1e-10 });
    expect(v).toBeLessThan(1e-12);
    expect(x[0]).toBeCloseTo(1, 5);
    expect(x[1]).toBeCloseTo(1, 5);
  });

  it('stops on a non-finite objective without changing the point', () => {
    const x = Float64Array.of(3);
    expect(lbfgsMinimize(() => NaN, x, { iterations: 5, lr: 1 })).toBeNaN();
    expect(x[0]).toBe(3);
  });

  it('polishes a run after hardening when lbfgs-steps > 0, keeping an exact fit exact', () => {
    const tree = targetTree('eml_depth2'), layout = masterLayout(2, 2);
    const problem = { layout, varNames: ['x', 'y'], train: gridData(tree, ['x', 'y'], PAPER_GRID) };
    const plan = [{ index: 0, seed: 137, strategy: 'uniform' as const }];
    let k = 0;
    const [r] = trainRuns(problem, resolveTrainOptions({ lbfgsSteps: 20 }), () => plan[k++]);
    expect(r!.symbolSuccess).toBe(true);
    expect(r!.tree).toBe('eml(1, eml(y, x))');
  });
});
