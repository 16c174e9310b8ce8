// Success-rate heatmap of a sweep: one cell per depth × init with the share of runs that recovered the
// target exactly. sweepLayout.ts places the cells (d3 band scales) at a fixed size per cell; the SVG is
// drawn at that size (width and height attributes), so a 2 × 2 sweep stays small and its labels readable
// instead of being stretched to the panel's width. Solid renders the SVG.

import { interpolateViridis, scaleSequential } from 'd3';
import { createMemo, For, type JSX } from 'solid-js';
import { layoutSweep } from './sweepLayout';

export interface SweepCell {
  readonly depth: number;
  readonly init: string;
  readonly exact: number;
  readonly runs: number;
  readonly running: boolean;
}

export default function SweepHeatmap(props: { readonly cells: readonly SweepCell[] }): JSX.Element {
  const layout = createMemo(() => layoutSweep(props.cells));
  const colour = scaleSequential(interpolateViridis).domain([0, 1]);
  const baseline = (): number => layout().fontSize * 0.35;
  return (
    <figure class="sweep-heatmap" data-testid="sweep-heatmap">
      <svg
        width={layout().width}
        height={layout().height}
        viewBox={`0 0 ${layout().width} ${layout().height}`}
        role="img"
        aria-label="Exact recovery rate by depth and init"
      >
        <For each={layout().columns}>
          {(c) => (
            <text class="axis" x={c.x} y={18} text-anchor="middle">
              {c.init}
            </text>
          )}
        </For>
        <For each={layout().rows}>
          {(r) => (
            <text class="axis" x={64} y={r.y + baseline()} text-anchor="end">
              depth {r.depth}
            </text>
          )}
        </For>
        <For each={layout().cells}>
          {(b) => {
            const c = b.cell;
            const rate = () => (c.runs > 0 ? c.exact / c.runs : 0);
            return (
              <g data-testid="sweep-cell" data-depth={c.depth} data-init={c.init} data-exact={c.exact} data-runs={c.runs}>
                <rect x={b.x} y={b.y} width={b.width} height={b.height} fill={c.runs > 0 ? colour(rate()) : 'none'} class="sweep-rect">
                  <title>
                    depth {c.depth}, {c.init}: {c.exact} of {c.runs} finished runs exact{c.running ? ' (running)' : ''}
                  </title>
                </rect>
                <text class={rate() > 0.6 ? 'sweep-label dark' : 'sweep-label'} x={b.x + b.width / 2} y={b.y + b.height / 2 + baseline()} text-anchor="middle">
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
