// Where the tree view starts: the zoom and pan of a laid-out tree in a panel of a given size. A tree is
// shown whole only when its labels stay readable; a larger one starts at readable size with its root at the
// top centre (the user pans, or asks for the whole tree). Pure: numbers in, numbers out (no DOM).

import type { TreeLayout } from './layoutTree';

export interface ZoomTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export interface ViewGeometry {
  /** Panel size in CSS pixels. */
  readonly width: number;
  readonly height: number;
  /** Horizontal and vertical node spacing of the layout (one node takes about dx × dy). */
  readonly dx: number;
  readonly dy: number;
  /** Space kept free around the tree. */
  readonly margin: number;
}

/** The smallest scale the view starts at: labels are drawn at 12 px, so they stay at least 12 px high. */
export const READABLE_SCALE = 1;
/** The largest scale a small tree is blown up to when it is fitted. */
export const MAX_FIT_SCALE = 1.4;
/** The zoom range the user can reach with the wheel. */
export const ZOOM_EXTENT: readonly [number, number] = [0.05, 4];

/** Returns the scale at which the whole tree fits the panel (not clamped). */
export function wholeTreeScale(layout: TreeLayout, g: ViewGeometry): number {
  const w = layout.maxX - layout.minX + g.dx;
  const h = layout.maxY + g.dy;
  return Math.min((g.width - g.margin) / w, (g.height - g.margin) / h);
}

/** Returns the transform that shows the whole tree centred, however small its labels get (the "Whole tree" button). */
export function wholeTreeTransform(layout: TreeLayout, g: ViewGeometry): ZoomTransform {
  const k = Math.max(ZOOM_EXTENT[0], Math.min(MAX_FIT_SCALE, wholeTreeScale(layout, g)));
  return { x: g.width / 2 - (k * (layout.minX + layout.maxX)) / 2, y: g.margin * 0.75, k };
}

/**
 * Returns the starting transform: the whole tree when it fits at READABLE_SCALE or more, else READABLE_SCALE
 * with the root at the top centre of the panel.
 */
export function initialTransform(layout: TreeLayout, g: ViewGeometry): ZoomTransform {
  if (wholeTreeScale(layout, g) >= READABLE_SCALE) return wholeTreeTransform(layout, g);
  const k = READABLE_SCALE;
  // centre the tree when it is narrower than the panel, else the root
  const treeWidth = (layout.maxX - layout.minX + g.dx) * k;
  const centre = treeWidth <= g.width - g.margin ? (layout.minX + layout.maxX) / 2 : 0;
  return { x: g.width / 2 - k * centre, y: g.margin * 0.75, k };
}
