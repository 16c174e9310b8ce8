// Layout of the sweep heatmap: one cell per depth × init, sized for its text. The SVG is drawn at this size
// (1 unit = 1 CSS pixel, never stretched to the panel), so its labels keep their font size on any screen.
// Pure: d3 band scales place the cells, the view renders them.

import { scaleBand } from 'd3';

export interface SweepLayoutCell<T> {
  readonly cell: T;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface SweepLayout<T> {
  readonly width: number;
  readonly height: number;
  readonly columns: ReadonlyArray<{ readonly init: string; readonly x: number }>;
  readonly rows: ReadonlyArray<{ readonly depth: number; readonly y: number }>;
  readonly cells: ReadonlyArray<SweepLayoutCell<T>>;
  /** Font size of every label, px. */
  readonly fontSize: number;
}

export const SWEEP_CELL = { width: 112, height: 36 } as const;
const MARGIN = { top: 26, left: 72, right: 8, bottom: 8 };
const FONT_SIZE = 13;

/** Returns the heatmap's size and every cell's box (columns: inits in first-seen order; rows: depths ascending). */
export function layoutSweep<T extends { readonly depth: number; readonly init: string }>(cells: readonly T[]): SweepLayout<T> {
  const depths = [...new Set(cells.map((c) => c.depth))].sort((a, b) => a - b);
  const inits = [...new Set(cells.map((c) => c.init))];
  const x = scaleBand<string>().domain(inits).range([MARGIN.left, MARGIN.left + SWEEP_CELL.width * inits.length]).padding(0.06);
  const y = scaleBand<number>().domain(depths).range([MARGIN.top, MARGIN.top + SWEEP_CELL.height * depths.length]).padding(0.06);
  return {
    width: MARGIN.left + SWEEP_CELL.width * inits.length + MARGIN.right,
    height: MARGIN.top + SWEEP_CELL.height * depths.length + MARGIN.bottom,
    columns: inits.map((init) => ({ init, x: x(init)! + x.bandwidth() / 2 })),
    rows: depths.map((depth) => ({ depth, y: y(depth)! + y.bandwidth() / 2 })),
    cells: cells.map((cell) => ({ cell, x: x(cell.init)!, y: y(cell.depth)!, width: x.bandwidth(), height: y.bandwidth() })),
    fontSize: FONT_SIZE,
  };
}
