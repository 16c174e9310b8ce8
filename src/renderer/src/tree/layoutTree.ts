// Layout of the visible EML tree: d3.tree (Reingold–Tilford "tidy" layout with Buchheim et al.'s linear-time
// algorithm) assigns x/y to every visible node; this file only turns its output into plain records for the
// SVG view. Pure: computes coordinates, never touches the DOM (the view renders them with Solid).

import { hierarchy, tree as d3tree } from 'd3';
import type { DisplayNode } from './displayTree';

export interface LaidOutNode {
  readonly node: DisplayNode;
  readonly x: number;
  readonly y: number;
  readonly depth: number;
}

export interface LaidOutLink {
  /** Path of the child node (unique per link). */
  readonly id: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

export interface TreeLayout {
  readonly nodes: readonly LaidOutNode[];
  readonly links: readonly LaidOutLink[];
  /** Bounding box of the node centres. */
  readonly minX: number;
  readonly maxX: number;
  readonly maxY: number;
}

export interface LayoutOptions {
  /** Horizontal distance between neighbouring siblings. */
  readonly dx?: number;
  /** Vertical distance between levels. */
  readonly dy?: number;
}

/** Returns the coordinates of every visible node (root at 0, 0; children below) and the parent-child links. */
export function layoutTree(root: DisplayNode, options: LayoutOptions = {}): TreeLayout {
  const dx = options.dx ?? 64;
  const dy = options.dy ?? 72;
  const h = hierarchy<DisplayNode>(root, (d) => d.children);
  const laid = d3tree<DisplayNode>()
    .nodeSize([dx, dy])
    .separation((a, b) => (a.parent === b.parent ? 1 : 1.25))(h);
  const nodes: LaidOutNode[] = [];
  const links: LaidOutLink[] = [];
  let minX = 0;
  let maxX = 0;
  let maxY = 0;
  laid.each((n) => {
    nodes.push({ node: n.data, x: n.x, y: n.y, depth: n.depth });
    minX = Math.min(minX, n.x);
    maxX = Math.max(maxX, n.x);
    maxY = Math.max(maxY, n.y);
    if (n.parent) links.push({ id: n.data.path, x1: n.parent.x, y1: n.parent.y, x2: n.x, y2: n.y });
  });
  return { nodes, links, minX, maxX, maxY };
}
