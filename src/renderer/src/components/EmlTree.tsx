// The EML tree panel: wires a TreeDag and its primitive labels to the pure TreeSvg view. Keeps which
// nodes are unfolded, memoises the visible tree and its d3 layout, and lets d3-zoom (the one DOM-owning
// D3 module here) handle pan and zoom on the <svg>; Solid applies the resulting transform. A tree starts
// at a readable size (tree/treeZoom.ts): whole when it fits, else from its root, and "Whole tree" zooms out.

import { select, zoom, zoomIdentity, type ZoomBehavior } from 'd3';
import { createEffect, createMemo, createSignal, on, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type { TreeDag } from '../../../shared/compile';
import { buildDisplayTree, expandOneLevel, foldToPrimitives, initialExpansion, MAX_VISIBLE, subtreeSizes } from '../tree/displayTree';
import { layoutTree } from '../tree/layoutTree';
import type { PrimitiveLabel } from '../tree/primitiveLabels';
import { initialTransform, wholeTreeTransform, ZOOM_EXTENT, type ViewGeometry, type ZoomTransform } from '../tree/treeZoom';
import TreeSvg from './TreeSvg';

export interface EmlTreeProps {
  readonly dag: TreeDag;
  readonly labels: ReadonlyMap<number, PrimitiveLabel>;
}

const NODE_DX = 72;
const NODE_DY = 60;
const MARGIN = 40;

export default function EmlTree(props: EmlTreeProps): JSX.Element {
  const sizes = createMemo(() => subtreeSizes(props.dag));
  const [expanded, setExpanded] = createSignal<ReadonlySet<string>>(initialExpansion(props.dag));
  const display = createMemo(() => buildDisplayTree(props.dag, expanded(), props.labels, sizes()));
  const layout = createMemo(() => layoutTree(display().root, { dx: NODE_DX, dy: NODE_DY }));
  const [transform, setTransform] = createSignal<ZoomTransform>({ x: 0, y: MARGIN, k: 1 });
  let svg: SVGSVGElement | undefined;
  let behavior: ZoomBehavior<SVGSVGElement, unknown> | undefined;

  const geometry = (): ViewGeometry | undefined => {
    if (!svg) return undefined;
    const { width, height } = svg.getBoundingClientRect();
    return { width, height, dx: NODE_DX, dy: NODE_DY, margin: MARGIN };
  };
  const apply = (t: ZoomTransform): void => {
    if (svg && behavior) select(svg).call(behavior.transform, zoomIdentity.translate(t.x, t.y).scale(t.k));
  };
  /** Shows the tree at a readable size: whole when it fits, else from its root. */
  const start = (): void => {
    const g = geometry();
    if (g && g.width > 0) apply(initialTransform(layout(), g));
  };
  /** Scales and centres the whole visible tree in the panel, however small it gets. */
  const whole = (): void => {
    const g = geometry();
    if (g && g.width > 0) apply(wholeTreeTransform(layout(), g));
  };

  onMount(() => {
    if (!svg) return;
    behavior = zoom<SVGSVGElement, unknown>()
      .scaleExtent([ZOOM_EXTENT[0], ZOOM_EXTENT[1]])
      .on('zoom', (event: { transform: ZoomTransform }) => setTransform({ x: event.transform.x, y: event.transform.y, k: event.transform.k }));
    select(svg).call(behavior).on('dblclick.zoom', null);
    start();
    onCleanup(() => {
      if (svg) select(svg).on('.zoom', null);
    });
  });

  // a new tree starts with its top levels unfolded and fitted to the panel
  createEffect(
    on(
      () => props.dag,
      (dag) => {
        setExpanded(initialExpansion(dag));
        queueMicrotask(start);
      },
      { defer: true },
    ),
  );

  const toggle = (path: string): void => {
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(path)) {
        for (const p of prev) if (p.startsWith(path)) next.delete(p);
      } else next.add(path);
      return next;
    });
  };

  return (
    <div class="tree-panel">
      <div class="tree-toolbar" role="toolbar" aria-label="Tree view">
        <button type="button" data-testid="tree-expand" onClick={() => setExpanded(expandOneLevel(props.dag, expanded(), props.labels))}>
          Unfold one level
        </button>
        <button type="button" data-testid="tree-primitives" onClick={() => setExpanded(foldToPrimitives(props.dag, props.labels))}>
          Fold to primitives
        </button>
        <button
          type="button"
          data-testid="tree-reset"
          onClick={() => {
            setExpanded(initialExpansion(props.dag));
            queueMicrotask(start);
          }}
        >
          Reset
        </button>
        <button type="button" data-testid="tree-whole" title="Zoom out until every shown node is in the panel" onClick={whole}>
          Whole tree
        </button>
        <button type="button" data-testid="tree-readable" title="Zoom to the size at which labels are readable, root at the top" onClick={start}>
          Readable size
        </button>
        <span class="tree-count" data-testid="tree-count">
          {display().count} of {props.dag.nodes.length > 0 ? sizes()[props.dag.root] : 0} nodes shown
        </span>
        <Show when={display().truncated}>
          <span class="tree-note">(limited to {MAX_VISIBLE} nodes)</span>
        </Show>
      </div>
      <TreeSvg
        layout={layout()}
        transform={transform()}
        onToggle={toggle}
        label="EML tree: click a node to fold or unfold it; drag to pan, scroll to zoom; hover a node for what it equals"
        ref={(el) => (svg = el)}
      />
    </div>
  );
}
