// The "distinct values per K" bar chart of a search run: layoutLevelChart (d3 scales) places the bars
// and ticks, Solid renders the SVG.

import { createMemo, For, Show, type JSX } from 'solid-js';
import type { SearchLevel } from '../../../../shared/search';
import { layoutLevelChart } from '../../search/levelChart';

export default function LevelChart(props: { levels: readonly SearchLevel[]; group: string; title: string }): JSX.Element {
  const chart = createMemo(() => layoutLevelChart(props.levels, props.group));
  return (
    <Show when={chart().bars.length > 0}>
      <figure class="level-chart">
        <svg
          viewBox={`0 0 ${chart().width} ${chart().height}`}
          role="img"
          aria-label={`${props.title}: ${chart().bars.map((b) => `K ${b.K}: ${b.distinct}`).join(', ')}`}
          data-testid="level-chart"
        >
          <For each={chart().yTicks}>
            {(t) => (
              <g class="chart-tick">
                <line x1={chart().left} x2={chart().right} y1={t.y} y2={t.y} />
                <text x={chart().left - 6} y={t.y} dy="0.32em" text-anchor="end">
                  {t.text}
                </text>
              </g>
            )}
          </For>
          <For each={chart().bars}>
            {(b) => (
              <g class="chart-bar" data-testid="level-bar" data-k={b.K} data-distinct={b.distinct}>
                <rect x={b.x} y={b.y} width={b.width} height={b.height}>
                  <title>
                    K {b.K}: {b.distinct} distinct values
                  </title>
                </rect>
                <text x={b.x + b.width / 2} y={chart().bottom + 16} text-anchor="middle">
                  {b.K}
                </text>
              </g>
            )}
          </For>
          <line class="chart-axis" x1={chart().left} x2={chart().right} y1={chart().bottom} y2={chart().bottom} />
        </svg>
        <figcaption class="muted">{props.title} (log scale; bars by K)</figcaption>
      </figure>
    </Show>
  );
}
