// Tests of the tree view's pure parts, in plain Node (no DOM): which nodes are visible for a set of
// unfolded paths (renderer/src/tree/displayTree.ts) and where d3.tree places them (layoutTree.ts).

import { describe, expect, it } from 'vitest';
import { compileToEml } from '../../src/core/compile';
import { parseInfix } from '../../src/core/syntax';
import { exprToDag, primitivePatterns } from '../../src/node/api';
import {
  buildDisplayTree,
  expandOneLevel,
  foldToPrimitives,
  initialExpansion,
  MAX_VISIBLE,
  subtreeSizes,
  type DisplayNode,
} from '../../src/renderer/src/tree/displayTree';
import { layoutTree } from '../../src/renderer/src/tree/layoutTree';
import { nodeTooltip } from '../../src/renderer/src/tree/nodeTooltip';
import { labelPrimitives } from '../../src/renderer/src/tree/primitiveLabels';
import { initialTransform, READABLE_SCALE, wholeTreeScale, wholeTreeTransform, type ViewGeometry } from '../../src/renderer/src/tree/treeZoom';

const sin = compileToEml(parseInfix('sin(x)'), { mode: 'paper' });
const dag = exprToDag(sin.eml);
const labels = labelPrimitives(dag, primitivePatterns('paper', 'robust'));

function all(n: DisplayNode): DisplayNode[] {
  return [n, ...(n.children ?? []).flatMap(all)];
}

describe('buildDisplayTree(dag, expanded)', () => {
  it('shows only the root when nothing is unfolded, with the K of the whole tree', () => {
    const t = buildDisplayTree(dag, new Set(), labels);
    expect(t.count).toBe(1);
    expect(t.root).toMatchObject({ path: '', text: 'eml', leaf: false, K: sin.K, children: undefined });
    expect(t.root.label?.text).toBe('sin(x)');
  });

  it('unfolds exactly the listed paths, and every node K is 1 + the K of its children', () => {
    // the root, its first argument, and the first inner node below that
    const top = buildDisplayTree(dag, new Set(['', '0']), labels);
    const inner = top.root.children![0]!.children!.find((c) => !c.leaf)!;
    const t = buildDisplayTree(dag, new Set(['', '0', inner.path]), labels);
    const expected = ['', '0', '1', '00', '01', `${inner.path}0`, `${inner.path}1`];
    expect(all(t.root).map((n) => n.path).sort()).toEqual(expected.sort());
    expect(t.count).toBe(7);
    for (const n of all(t.root)) if (n.children) expect(n.K).toBe(1 + n.children.reduce((s, c) => s + c.K, 0));
    const sizes = subtreeSizes(dag);
    expect(sizes[dag.root]).toBe(sin.K);
  });

  it('unfolding everything shows K nodes, one per RPN token', () => {
    let expanded: Set<string> = new Set();
    for (let i = 0; i < sin.depth + 1; i++) expanded = expandOneLevel(dag, expanded, labels);
    const t = buildDisplayTree(dag, expanded, labels);
    expect(t.count).toBe(sin.K);
    expect(t.truncated).toBe(false);
    expect(all(t.root).filter((n) => n.leaf)).toHaveLength(sin.leaves);
  });

  it('stops at the node limit and says so', () => {
    const big = exprToDag(compileToEml(parseInfix('tan(tan(x))'), { mode: 'paper' }).eml);
    let expanded: Set<string> = new Set();
    for (let i = 0; i < 200; i++) expanded = expandOneLevel(big, expanded, new Map());
    const t = buildDisplayTree(big, expanded, new Map(), subtreeSizes(big), 500);
    expect(t.count).toBeLessThanOrEqual(500);
    expect(t.truncated).toBe(true);
    expect(buildDisplayTree(big, expanded, new Map()).count).toBeLessThanOrEqual(MAX_VISIBLE);
  });

  it('initialExpansion unfolds breadth first within the budget', () => {
    const expanded = initialExpansion(dag, 40);
    const t = buildDisplayTree(dag, expanded, labels);
    expect(t.count).toBeLessThanOrEqual(40);
    expect(t.count).toBeGreaterThan(30);
    // breadth first: no folded inner node is shallower than an unfolded one
    const nodes = all(t.root);
    const deepestOpen = Math.max(...nodes.filter((n) => n.children).map((n) => n.path.length));
    const shallowestFolded = Math.min(...nodes.filter((n) => !n.leaf && !n.children).map((n) => n.path.length));
    expect(shallowestFolded).toBeGreaterThanOrEqual(deepestOpen);
  });

  it('foldToPrimitives keeps every named subtree below the root folded', () => {
    const t = buildDisplayTree(dag, foldToPrimitives(dag, labels), labels);
    for (const n of all(t.root)) if (n.path !== '' && n.label) expect(n.children).toBeUndefined();
    for (const n of all(t.root)) if (!n.leaf && !n.label) expect(n.children).toBeDefined();
  });
});

describe('layoutTree(root)', () => {
  it('puts the root at (0, 0), each level dy lower, siblings at least dx apart, one link per child', () => {
    const t = buildDisplayTree(dag, initialExpansion(dag, 60), labels);
    const l = layoutTree(t.root, { dx: 64, dy: 72 });
    expect(l.nodes).toHaveLength(t.count);
    expect(l.links).toHaveLength(t.count - 1);
    const root = l.nodes.find((n) => n.node.path === '')!;
    expect([root.x, root.y]).toEqual([0, 0]);
    for (const n of l.nodes) expect(n.y).toBe(n.depth * 72);
    const byDepth = new Map<number, number[]>();
    for (const n of l.nodes) byDepth.set(n.depth, [...(byDepth.get(n.depth) ?? []), n.x]);
    for (const xs of byDepth.values()) {
      xs.sort((a, b) => a - b);
      for (let i = 1; i < xs.length; i++) expect(xs[i]! - xs[i - 1]!).toBeGreaterThanOrEqual(64 - 1e-9);
    }
    const at = new Map(l.nodes.map((n) => [n.node.path, n]));
    for (const link of l.links) {
      const child = at.get(link.id)!;
      const parent = at.get(link.id.slice(0, -1))!;
      expect([link.x1, link.y1, link.x2, link.y2]).toEqual([parent.x, parent.y, child.x, child.y]);
    }
    expect(l.minX).toBe(Math.min(...l.nodes.map((n) => n.x)));
    expect(l.maxY).toBe(Math.max(...l.nodes.map((n) => n.y)));
  });

  it('keeps a parent horizontally between its first and last child', () => {
    const t = buildDisplayTree(dag, initialExpansion(dag, 60), labels);
    const l = layoutTree(t.root);
    const at = new Map(l.nodes.map((n) => [n.node.path, n]));
    for (const n of l.nodes) {
      if (!n.node.children) continue;
      const xs = n.node.children.map((c) => at.get(c.path)!.x);
      expect(n.x).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-9);
      expect(n.x).toBeLessThanOrEqual(Math.max(...xs) + 1e-9);
    }
  });
});

describe('initialTransform(layout, panel): the tree view starts readable', () => {
  // the Compile view's tree panel at 1440×900 (62vh high, the content column's width) and the view's node spacing
  const panel: ViewGeometry = { width: 1126, height: 558, dx: 72, dy: 60, margin: 40 };
  const laidOut = (text: string, budget = 40) => {
    const d = exprToDag(compileToEml(parseInfix(text), { mode: 'paper' }).eml);
    return layoutTree(buildDisplayTree(d, initialExpansion(d, budget), new Map()).root, { dx: panel.dx, dy: panel.dy });
  };
  /** Screen box of the node centres under transform t. */
  const box = (l: ReturnType<typeof laidOut>, t: { x: number; y: number; k: number }) => ({
    left: t.x + t.k * l.minX, right: t.x + t.k * l.maxX, top: t.y, bottom: t.y + t.k * l.maxY,
  });

  it('shows the 17-node x·y tree whole, at a scale where 12 px labels stay at least 12 px high', () => {
    const l = laidOut('x*y');
    expect(l.nodes).toHaveLength(17);
    const t = initialTransform(l, panel);
    expect(t.k).toBeGreaterThanOrEqual(READABLE_SCALE);
    const b = box(l, t);
    expect(b.left).toBeGreaterThanOrEqual(0);
    expect(b.right).toBeLessThanOrEqual(panel.width);
    expect(b.bottom + t.k * panel.dy / 2).toBeLessThanOrEqual(panel.height);
  });

  it('starts a tree too large for the panel at readable size with its root at the top centre, never shrunk to fit', () => {
    const l = laidOut('sin(x)', 80);
    expect(wholeTreeScale(l, panel)).toBeLessThan(READABLE_SCALE);
    const t = initialTransform(l, panel);
    expect(t.k).toBe(READABLE_SCALE);
    const root = l.nodes.find((n) => n.node.path === '')!;
    // the root is on screen, near the top
    const rootX = t.x + t.k * root.x;
    expect(rootX).toBeGreaterThan(0);
    expect(rootX).toBeLessThan(panel.width);
    expect(t.y).toBeLessThan(panel.dy);
  });

  it('wholeTreeTransform fits every node into the panel, zooming out as far as needed', () => {
    const l = laidOut('sin(x)', 80);
    const t = wholeTreeTransform(l, panel);
    expect(t.k).toBeLessThan(READABLE_SCALE);
    const b = box(l, t);
    expect(b.left).toBeGreaterThanOrEqual(-1e-9);
    expect(b.right).toBeLessThanOrEqual(panel.width + 1e-9);
    expect(b.bottom).toBeLessThanOrEqual(panel.height);
  });
});

describe('nodeTooltip(node)', () => {
  it('says what a named subtree equals in full, its size, and what a click does', () => {
    const t = buildDisplayTree(dag, initialExpansion(dag), labels);
    const root = nodeTooltip(t.root);
    expect(root.split('\n')).toEqual([`equals ${t.root.label!.detail}`, `eml node, subtree K ${sin.K}`, 'click to fold']);
    const folded = all(t.root).find((n) => !n.leaf && !n.children)!;
    expect(nodeTooltip(folded)).toContain(`subtree K ${folded.K} (folded)`);
    expect(nodeTooltip(folded)).toContain('click to unfold');
    const leaf = all(t.root).find((n) => n.leaf)!;
    expect(nodeTooltip(leaf)).toContain(`leaf ${leaf.text}`);
  });
});
