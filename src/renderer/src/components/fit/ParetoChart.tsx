// Pareto view of every training run of the project: snapped loss against the size K of the snapped tree.
// A point is on the front when no other run has both a smaller or equal K and a lower loss. D3 computes the
// scales; Solid renders the SVG.

import { line, scaleLinear, scaleLog } from 'd3';
import { createMemo, For, type JSX } from 'solid-js';
import { LOSS_FLOOR } from './LossChart';

export interface ParetoPoint {
  readonly K: number;
  readonly mse: number;
  readonly label: string;
  readonly exact: boolean;
}

const W = 420;
const H = 260;
const M = { top: 12, right: 16, bottom: 34, left: 58 };

/** Returns the points on the Pareto front (lowest loss for their K or less), by increasing K. */
export function paretoFront(points: readonly ParetoPoint[]): ParetoPoint[] {
  const sorted = [...points].sort((a, b) => a.K - b.K || a.mse - b.mse);
  const front: ParetoPoint[] = [];
  for (const p of sorted) if (front.length === 0 || p.mse < front[front.length - 1]!.mse) front.push(p);
  return front;
}

export default function ParetoChart(props: { readonly points: readonly ParetoPoint[] }): JSX.Element {
  const front = createMemo(() => paretoFront(props.points));
  const scales = createMemo(() => {
    const ks = props.points.map((p) => p.K);
    const ms = props.points.map((p) => Math.max(p.mse, LOSS_FLOOR));
    const x = scaleLinear().domain([0, Math.max(5, ...ks) + 1]).range([M.left, W - M.right]).nice();
    const lo = Math.min(1e-6, ...ms);
    const y = scaleLog().domain([lo, Math.max(lo * 10, ...ms)]).range([H - M.bottom, M.top]).nice();
    return { x, y };
  });
  const frontPath = createMemo(() => {
    const { x, y } = scales();
    return line<ParetoPoint>().x((p) => x(p.K)).y((p) => y(Math.max(p.mse, LOSS_FLOOR)))(front()) ?? '';
  });
  const yTicks = createMemo(() => {
    const [a, b] = scales().y.domain() as [number, number];
    const step = Math.max(1, Math.ceil((Math.log10(b) - Math.log10(a)) / 5));
    const out: number[] = [];
    for (let e = Math.ceil(Math.log10(a)); e <= Math.floor(Math.log10(b)); e += step) out.push(10 ** e);
    return out;
  });
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
                <text x={M.left - 6} y={scales().y(t) + 4} text-anchor="end">{`1e${Math.round(Math.log10(t))}`}</text>
              </g>
            )}
          </For>
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
              cy={scales().y(Math.max(p.mse, LOSS_FLOOR))}
              r={4}
            >
              <title>{p.label}</title>
            </circle>
          )}
        </For>
      </svg>
      <figcaption class="muted">Filled: exact recoveries. The line joins the Pareto front (lowest snapped MSE for a given size).</figcaption>
    </figure>
  );
}
