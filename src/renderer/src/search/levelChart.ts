// Layout of the "distinct values per K" bar chart of a search run: d3 scales place one bar per grown
// level (log scale, since each level is a few times larger than the one before) and compute the ticks.
// Pure: returns coordinates, the view (views/search/LevelChart.tsx) renders them with Solid.

import { max, scaleBand, scaleLog } from 'd3';
import type { SearchLevel } from '../../../shared/search';

export interface LevelBar {
  readonly K: number;
  readonly distinct: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface LevelChartLayout {
  readonly width: number;
  readonly height: number;
  readonly bars: readonly LevelBar[];
  /** Ticks of the value axis (powers of ten) at their y. */
  readonly yTicks: ReadonlyArray<{ readonly value: number; readonly y: number; readonly text: string }>;
  /** Plot area. */
  readonly left: number;
  readonly top: number;
  readonly bottom: number;
  readonly right: number;
}

export interface LevelChartOptions {
  readonly width?: number;
  readonly height?: number;
}

const MARGIN = { top: 12, right: 12, bottom: 28, left: 56 };

/** Returns the bar chart of the distinct values of each grown level of one enumeration (`group`). */
export function layoutLevelChart(levels: readonly SearchLevel[], group: string, opts: LevelChartOptions = {}): LevelChartLayout {
  const width = opts.width ?? 520;
  const height = opts.height ?? 200;
  const grown = levels.filter((l) => l.group === group && l.phase === 'grow' && (l.distinct ?? 0) > 0);
  const left = MARGIN.left, right = width - MARGIN.right, top = MARGIN.top, bottom = height - MARGIN.bottom;
  const x = scaleBand<number>().domain(grown.map((l) => l.K)).range([left, right]).padding(0.2);
  const top10 = Math.max(10, 10 ** Math.ceil(Math.log10(max(grown, (l) => l.distinct ?? 1) ?? 10)));
  const y = scaleLog().domain([1, top10]).range([bottom, top]).clamp(true);
  const bars = grown.map((l) => {
    const d = l.distinct ?? 1;
    const yy = y(d);
    // a level with one value still gets a visible sliver
    const h = Math.max(2, bottom - yy);
    return { K: l.K, distinct: d, x: x(l.K) ?? left, y: bottom - h, width: x.bandwidth(), height: h };
  });
  const yTicks: Array<{ value: number; y: number; text: string }> = [];
  for (let v = 1; v <= top10; v *= 10) yTicks.push({ value: v, y: y(v), text: v >= 1e6 ? `${v / 1e6}M` : v >= 1e3 ? `${v / 1e3}k` : String(v) });
  return { width, height, bars, yTicks, left, top, bottom, right };
}
