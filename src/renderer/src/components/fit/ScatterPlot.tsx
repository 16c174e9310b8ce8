// One scatter plot of the Fit view's result views: points (an even sample of at most MAX_DRAWN), an optional
// curve through them, and an optional reference line (y = x, or y = 0 for residuals). D3 computes the scales
// and ticks; Solid renders the SVG at its natural size so its 12 px labels stay readable.

import { format, line, scaleLinear } from 'd3';
import { createMemo, createUniqueId, For, Show, type JSX } from 'solid-js';

/** Most points drawn per plot (the measures use all of them). */
export const MAX_DRAWN = 1500;

export interface ScatterProps {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** A curve drawn as a line (x sorted). */
  readonly curve?: { readonly x: Float64Array; readonly y: Float64Array } | undefined;
  readonly reference?: 'diagonal' | 'zero';
  readonly testid: string;
}

const W = 360;
const H = 260;
const M = { top: 26, right: 14, bottom: 40, left: 66 };
const tick = format('.3~g');

function extent(values: Float64Array[], lo0 = Infinity, hi0 = -Infinity): [number, number] {
  let lo = lo0, hi = hi0;
  for (const a of values) for (const v of a) if (Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi >= lo)) return [-1, 1];
  if (hi === lo) return lo === 0 ? [-1, 1] : [lo - Math.abs(lo) * 0.1, hi + Math.abs(hi) * 0.1];
  return [lo, hi];
}

export default function ScatterPlot(props: ScatterProps): JSX.Element {
  const clip = `plot-clip-${createUniqueId()}`;
  const drawn = createMemo(() => {
    const out: Array<[number, number]> = [];
    const n = props.x.length;
    const step = Math.max(1, n / MAX_DRAWN);
    for (let k = 0; k < n; k += step) {
      const i = Math.floor(k);
      const x = props.x[i]!, y = props.y[i]!;
      if (Number.isFinite(x) && Number.isFinite(y)) out.push([x, y]);
    }
    return out;
  });
  const scales = createMemo(() => {
    const c = props.curve;
    let [xlo, xhi] = extent([props.x, ...(c ? [c.x] : [])]);
    let [ylo, yhi] = extent([props.y, ...(c ? [c.y] : [])], props.reference === 'zero' ? 0 : Infinity, props.reference === 'zero' ? 0 : -Infinity);
    if (props.reference === 'diagonal') {
      // one range for both axes, so y = x is the diagonal of the square of values
      [xlo, xhi] = [ylo, yhi] = [Math.min(xlo, ylo), Math.max(xhi, yhi)];
    }
    return {
      x: scaleLinear().domain([xlo, xhi]).range([M.left, W - M.right]).nice(),
      y: scaleLinear().domain([ylo, yhi]).range([H - M.bottom, M.top]).nice(),
    };
  });
  const curvePath = createMemo(() => {
    const c = props.curve;
    if (!c) return '';
    const { x, y } = scales();
    return line<number>().defined((i) => Number.isFinite(c.y[i]!)).x((i) => x(c.x[i]!)).y((i) => y(c.y[i]!))(Array.from(c.x.keys())) ?? '';
  });
  const referencePath = createMemo(() => {
    const { x, y } = scales();
    const [a, b] = x.domain() as [number, number];
    if (props.reference === 'diagonal') return `M${x(a)},${y(a)}L${x(b)},${y(b)}`;
    if (props.reference === 'zero') return `M${x(a)},${y(0)}L${x(b)},${y(0)}`;
    return '';
  });
  return (
    <figure class="result-plot" data-testid={props.testid} data-points={drawn().length}>
      <svg viewBox={`0 0 ${W} ${H}`} width={W} height={H} role="img" aria-label={`${props.title}: ${drawn().length} points`}>
        <defs>
          <clipPath id={clip}>
            <rect x={M.left} y={M.top} width={W - M.left - M.right} height={H - M.top - M.bottom} />
          </clipPath>
        </defs>
        <text class="plot-title" x={M.left} y={16}>
          {props.title}
        </text>
        <g class="axis">
          <For each={scales().x.ticks(5)}>
            {(t) => (
              <g>
                <line class="grid-line" x1={scales().x(t)} x2={scales().x(t)} y1={M.top} y2={H - M.bottom} />
                <text x={scales().x(t)} y={H - M.bottom + 15} text-anchor="middle">
                  {tick(t)}
                </text>
              </g>
            )}
          </For>
          <For each={scales().y.ticks(5)}>
            {(t) => (
              <g>
                <line class="grid-line" x1={M.left} x2={W - M.right} y1={scales().y(t)} y2={scales().y(t)} />
                <text x={M.left - 6} y={scales().y(t) + 4} text-anchor="end">
                  {tick(t)}
                </text>
              </g>
            )}
          </For>
          <text x={(M.left + W - M.right) / 2} y={H - 6} text-anchor="middle">
            {props.xLabel}
          </text>
          <text transform={`translate(14, ${(M.top + H - M.bottom) / 2}) rotate(-90)`} text-anchor="middle">
            {props.yLabel}
          </text>
        </g>
        <g clip-path={`url(#${clip})`}>
          <Show when={referencePath()}>
            <path class="plot-reference" d={referencePath()} fill="none" />
          </Show>
          <For each={drawn()}>{([x, y]) => <circle class="plot-point" cx={scales().x(x)} cy={scales().y(y)} r={2.6} />}</For>
          <Show when={curvePath()}>
            <path class="plot-curve" d={curvePath()} fill="none" />
          </Show>
        </g>
      </svg>
    </figure>
  );
}
