// Success-rate heatmap of a sweep: one cell per depth × init with the share of runs that recovered the
// target exactly. D3 computes the band scales and the colour; Solid renders the SVG.

import { interpolateViridis, scaleBand, scaleSequential } from 'd3';
import { createMemo, For, type JSX } from 'solid-js';

export interface SweepCell {
  readonly depth: number;
  readonly init: string;
  readonly exact: number;
  readonly runs: number;
  readonly running: boolean;
}

const CELL_W = 96;
const CELL_H = 40;
const M = { top: 24, left: 70 };

export default function SweepHeatmap(props: { readonly cells: readonly SweepCell[] }): JSX.Element {
  const depths = createMemo(() => [...new Set(props.cells.map((c) => c.depth))].sort((a, b) => a - b));
  const inits = createMemo(() => [...new Set(props.cells.map((c) => c.init))]);
  const x = createMemo(() => scaleBand<string>().domain(inits()).range([M.left, M.left + CELL_W * inits().length]).padding(0.06));
  const y = createMemo(() => scaleBand<number>().domain(depths()).range([M.top, M.top + CELL_H * depths().length]).padding(0.06));
  const colour = scaleSequential(interpolateViridis).domain([0, 1]);
  const width = () => M.left + CELL_W * inits().length + 8;
  const height = () => M.top + CELL_H * depths().length + 8;
  return (
    <figure class="sweep-heatmap" data-testid="sweep-heatmap">
      <svg viewBox={`0 0 ${width()} ${height()}`} role="img" aria-label="Exact recovery rate by depth and init">
        <For each={inits()}>
          {(i) => (
            <text class="axis" x={x()(i)! + x().bandwidth() / 2} y={M.top - 8} text-anchor="middle">
              {i}
            </text>
          )}
        </For>
        <For each={depths()}>
          {(d) => (
            <text class="axis" x={M.left - 8} y={y()(d)! + y().bandwidth() / 2 + 4} text-anchor="end">
              depth {d}
            </text>
          )}
        </For>
        <For each={props.cells}>
          {(c) => {
            const rate = () => (c.runs > 0 ? c.exact / c.runs : 0);
            return (
              <g data-testid="sweep-cell" data-depth={c.depth} data-init={c.init} data-exact={c.exact} data-runs={c.runs}>
                <rect x={x()(c.init)} y={y()(c.depth)} width={x().bandwidth()} height={y().bandwidth()} fill={c.runs > 0 ? colour(rate()) : 'none'} class="sweep-rect" />
                <text
                  class={rate() > 0.6 ? 'sweep-label dark' : 'sweep-label'}
                  x={x()(c.init)! + x().bandwidth() / 2}
                  y={y()(c.depth)! + y().bandwidth() / 2 + 4}
                  text-anchor="middle"
                >
                  {c.runs > 0 ? `${c.exact}/${c.runs}` : c.running ? 'running' : 'queued'}
                </text>
              </g>
            );
          }}
        </For>
      </svg>
      <figcaption class="muted">Exact recoveries / finished runs per cell (colour: rate from 0, dark, to 1, yellow).</figcaption>
    </figure>
  );
}
