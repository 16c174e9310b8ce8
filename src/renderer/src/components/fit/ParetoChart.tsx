// Pareto view of every training run of the project: snapped loss against the size K of the snapped tree.
// A point is on the front when no other run has both a smaller or equal K and a lower loss. Exact fits
// (snapped loss 0, which no log scale holds) sit on their own "0" row below the log axis, so the axis spans
// only the losses that are not 0 and its ticks stay a round, small number of decades apart (logTicks.ts).
// Runs that land on the same point are counted beside it (×n). D3 computes the scales; Solid renders the SVG.

import { line, scaleLinear, scaleLog } from 'd3';
import { createMemo, For, Show, type JSX } from 'solid-js';
import { decadeText } from './logTicks';
import { paretoAxis } from './paretoAxis';

export interface ParetoPoint {
  readonly K: number;
  readonly mse: number;
  readonly label: string;
  readonly exact: boolean;
}

const W = 420;
const H = 260;
const M = { top: 12, right: 16, bottom: 34, left: 58 };
/** Height of the row of exact fits (loss 0) under the log axis. */
const ZERO_ROW = 22;


/** Returns the points on the Pareto front (lowest loss for their K or less), by increasing K. */
export function paretoFront(points: readonly ParetoPoint[]): ParetoPoint[] {
  const sorted = [...points].sort((a, b) => a.K - b.K || a.mse - b.mse);
  const front: ParetoPoint[] = [];
  for (const p of sorted) if (front.length === 0 || p.mse < front[front.length - 1]!.mse) front.push(p);
  return front;
}

export default function ParetoChart(props: { readonly points: readonly ParetoPoint[] }): JSX.Element {
  const front = createMemo(() => paretoFront(props.points));
  const axis = createMemo(() => paretoAxis(props.points.map((p) => p.mse)));
  const scales = createMemo(() => {
    const ks = props.points.map((p) => p.K);
    const x = scaleLinear().domain([0, Math.max(5, ...ks) + 1]).range([M.left, W - M.right]).nice();
    const bottom = H - M.bottom - (axis().zeroRow ? ZERO_ROW : 0);
    const y = scaleLog().domain([axis().lo, axis().hi]).range([bottom, M.top]);
    return { x, y, bottom, zeroY: H - M.bottom - ZERO_ROW / 2 };
  });
  /** The y of a loss: on the log axis, or on the 0 row for an exact fit. */
  const yOf = (mse: number): number => (mse > 0 ? scales().y(mse) : scales().zeroY);
  // runs with the same K and loss draw one circle: say how many
  const stacks = createMemo(() => {
    const byPoint = new Map<string, { p: ParetoPoint; n: number }>();
    for (const p of props.points) {
      const key = `${p.K}/${p.mse}`;
      const s = byPoint.get(key);
      if (s) s.n++;
      else byPoint.set(key, { p, n: 1 });
    }
    return [...byPoint.values()].filter((s) => s.n > 1);
  });
  const frontPath = createMemo(() => {
    const { x } = scales();
    return line<ParetoPoint>().x((p) => x(p.K)).y((p) => yOf(p.mse))(front()) ?? '';
  });
  const yTicks = createMemo(() => axis().ticks);
  return (
    <figure class="pareto-chart" data-testid="pareto-chart" data-points={props.points.length} data-front={front().length}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Snapped loss against K for ${props.points.length} runs; ${front().length} on the Pareto front`}>
        <g class="axis">
          <For each={scales().x.ticks(6)}>
            {(t) => (
              <text x={scales().x(t)} y={H - M.bottom + 16} text-anchor="middle">
                {t}
              </text>
            )}
          </For>
          <For each={yTicks()}>
            {(t) => (
              <g>
                <line class="grid-line" x1={M.left} x2={W - M.right} y1={scales().y(t)} y2={scales().y(t)} />
                <text x={M.left - 6} y={scales().y(t) + 4} text-anchor="end" data-testid="pareto-ytick" data-value={t}>
                  {decadeText(t)}
                </text>
              </g>
            )}
          </For>
          <Show when={axis().zeroRow}>
            <g data-testid="pareto-zero-row">
              <line class="grid-line" x1={M.left} x2={W - M.right} y1={scales().bottom + 2} y2={scales().bottom + 2} />
              <text x={M.left - 6} y={scales().zeroY + 4} text-anchor="end">
                0
              </text>
            </g>
          </Show>
          <text x={(M.left + W - M.right) / 2} y={H - 4} text-anchor="middle">
            K (size of the snapped tree)
          </text>
        </g>
        <path class="pareto-front" d={frontPath()} fill="none" />
        <For each={props.points}>
          {(p) => (
            <circle
              class={p.exact ? 'pareto-point exact' : 'pareto-point'}
              cx={scales().x(p.K)}
              cy={yOf(p.mse)}
              r={4}
            >
              <title>{p.label}</title>
            </circle>
          )}
        </For>
        <For each={stacks()}>
          {(s) => (
            <text class="pareto-count" data-testid="pareto-count" x={scales().x(s.p.K) + 7} y={yOf(s.p.mse) - 6}>
              {`×${s.n}`}
            </text>
          )}
        </For>
      </svg>
      <figcaption class="muted">
        Filled: exact recoveries. The line joins the Pareto front (lowest snapped MSE for a given size); ×n: n runs on the same point. Snapped MSE 0
        sits on the row marked 0.
      </figcaption>
    </figure>
  );
}
