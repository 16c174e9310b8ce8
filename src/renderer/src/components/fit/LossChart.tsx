// Live loss curves of a training job: soft and hard loss per run on a log scale against the iteration,
// with a vertical marker where each run's hardening phase starts. D3 computes the scales, ticks and path
// strings; Solid renders the SVG (no inline styles: colours are presentation attributes and classes).

import { line, scaleLinear, scaleLog } from 'd3';
import { createMemo, For, Show, type JSX } from 'solid-js';
import type { CurveSeries } from '../../../../shared/train';
import { decadeText, logTicks } from './logTicks';
import { runColour } from './runColours';

export { runColour } from './runColours';

const W = 640;
const H = 300;
const M = { top: 12, right: 16, bottom: 34, left: 58 };
/** Losses below this are drawn at it (an exact fit has loss 0, which a log scale cannot show). */
export const LOSS_FLOOR = 1e-32;

export default function LossChart(props: { readonly series: readonly CurveSeries[] }): JSX.Element {
  const points = createMemo(() => props.series.reduce((n, s) => n + s.iters.length, 0));
  const scales = createMemo(() => {
    let maxIter = 1;
    let lo = Infinity;
    let hi = 0;
    for (const s of props.series) {
      for (const i of s.iters) maxIter = Math.max(maxIter, i);
      for (const v of [...s.soft, ...s.hard]) {
        if (v === null || !(v > 0)) continue;
        lo = Math.min(lo, Math.max(v, LOSS_FLOOR));
        hi = Math.max(hi, v);
      }
    }
    if (!Number.isFinite(lo)) [lo, hi] = [1e-6, 1];
    if (hi <= lo) hi = lo * 10;
    const x = scaleLinear().domain([0, maxIter]).range([M.left, W - M.right]).nice();
    const y = scaleLog().domain([lo, hi]).range([H - M.bottom, M.top]).nice();
    return { x, y };
  });
  const path = (s: CurveSeries, which: 'soft' | 'hard'): string => {
    const { x, y } = scales();
    const values = s[which];
    const gen = line<number>()
      .defined((_, i) => values[i] !== null && values[i]! >= 0)
      .x((_, i) => x(s.iters[i]!))
      .y((_, i) => y(Math.max(values[i]!, LOSS_FLOOR)));
    return gen(s.iters as number[]) ?? '';
  };
  const yTicks = createMemo(() => {
    const [a, b] = scales().y.domain() as [number, number];
    return logTicks(a, b, 7);
  });
  return (
    <figure class="loss-chart" data-testid="loss-chart" data-points={points()}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Loss curves of ${props.series.length} runs, ${points()} points`}>
        <g class="axis">
          <For each={scales().x.ticks(6)}>
            {(t) => (
              <g>
                <line class="grid-line" x1={scales().x(t)} x2={scales().x(t)} y1={M.top} y2={H - M.bottom} />
                <text x={scales().x(t)} y={H - M.bottom + 16} text-anchor="middle">
                  {t}
                </text>
              </g>
            )}
          </For>
          <For each={yTicks()}>
            {(t) => (
              <g>
                <line class="grid-line" x1={M.left} x2={W - M.right} y1={scales().y(t)} y2={scales().y(t)} />
                <text x={M.left - 6} y={scales().y(t) + 4} text-anchor="end">
                  {decadeText(t)}
                </text>
              </g>
            )}
          </For>
          <text x={(M.left + W - M.right) / 2} y={H - 4} text-anchor="middle">
            iteration
          </text>
          <text x={12} y={(M.top + H - M.bottom) / 2} text-anchor="middle" transform={`rotate(-90 12 ${(M.top + H - M.bottom) / 2})`}>
            MSE (log)
          </text>
        </g>
        <For each={props.series}>
          {(s) => (
            <g data-testid="curve" data-run={s.index}>
              <Show when={s.hardeningIter !== null}>
                <line
                  class="hardening-marker"
                  data-testid="hardening-marker"
                  x1={scales().x(s.hardeningIter!)}
                  x2={scales().x(s.hardeningIter!)}
                  y1={M.top}
                  y2={H - M.bottom}
                  stroke={runColour(s.index)}
                />
              </Show>
              <path class="curve-soft" d={path(s, 'soft')} stroke={runColour(s.index)} fill="none" />
              <path class="curve-hard" d={path(s, 'hard')} stroke={runColour(s.index)} fill="none" />
            </g>
          )}
        </For>
      </svg>
      <figcaption class="muted">
        Solid: soft loss (τ of the schedule); dashed: hard loss (τ_hard); dotted vertical line: start of hardening. Losses of 0 are drawn
        at 1e-32.
      </figcaption>
    </figure>
  );
}
