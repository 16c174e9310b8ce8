// Pure view of a laid-out EML tree: Solid renders one SVG group per node and one line per link from the
// coordinates layoutTree computed. Folded inner nodes show a '+' and their hidden size K; subtrees equal
// to a calculator primitive carry its name, spelled out in full in the node's tooltip (<title>). Clicking
// (or Enter on) an inner node folds or unfolds it.

import { For, Show, type JSX } from 'solid-js';
import type { LaidOutNode, TreeLayout } from '../tree/layoutTree';
import { nodeTooltip } from '../tree/nodeTooltip';
import type { ZoomTransform } from '../tree/treeZoom';

export interface TreeSvgProps {
  readonly layout: TreeLayout;
  readonly transform: ZoomTransform;
  readonly onToggle: (path: string) => void;
  readonly ref?: (el: SVGSVGElement) => void;
  readonly label: string;
}

function NodeGlyph(props: { n: LaidOutNode; onToggle: (path: string) => void }): JSX.Element {
  const node = () => props.n.node;
  const folded = () => !node().leaf && node().children === undefined;
  const toggle = (): void => {
    if (!node().leaf) props.onToggle(node().path);
  };
  return (
    <g
      class={`tree-node${node().leaf ? ' tree-leaf' : ''}${folded() ? ' tree-folded' : ''}${node().label ? ' tree-labelled' : ''}`}
      transform={`translate(${props.n.x},${props.n.y})`}
      data-testid="tree-node"
      data-path={node().path}
      data-label={node().label?.text ?? ''}
      data-folded={folded() ? 'true' : 'false'}
      tabindex={node().leaf ? undefined : 0}
      role={node().leaf ? undefined : 'button'}
      aria-label={`${node().text}${node().label ? ` = ${node().label!.text}` : ''}, K ${node().K}${folded() ? ', folded' : ''}`}
      onClick={toggle}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          toggle();
        }
      }}
    >
      <title>{nodeTooltip(node())}</title>
      <rect class="tree-hit" x={-34} y={-16} width={68} height={node().label || folded() ? 64 : 32} />
      <Show
        when={!node().leaf}
        fallback={
          <>
            <rect class="tree-leaf-box" x={-13} y={-13} width={26} height={26} rx={5} />
            <text class="tree-leaf-text" dy="0.35em">
              {node().text}
            </text>
          </>
        }
      >
        <circle class="tree-op-circle" r={15} />
        <text class="tree-op-text" dy="0.35em">
          {folded() ? '+' : node().text}
        </text>
      </Show>
      <Show when={node().label}>
        {(label) => (
          <text class="tree-label" y={31}>
            {label().text}
          </text>
        )}
      </Show>
      <Show when={folded()}>
        <text class="tree-k" y={node().label ? 46 : 31}>
          K {node().K}
        </text>
      </Show>
    </g>
  );
}

export default function TreeSvg(props: TreeSvgProps): JSX.Element {
  return (
    <svg class="tree-svg" ref={props.ref} role="group" aria-label={props.label} data-testid="eml-tree">
      <g transform={`translate(${props.transform.x},${props.transform.y}) scale(${props.transform.k})`}>
        <For each={props.layout.links}>
          {(l) => <path class="tree-link" d={`M${l.x1},${l.y1 + 15}C${l.x1},${(l.y1 + l.y2) / 2} ${l.x2},${(l.y1 + l.y2) / 2} ${l.x2},${l.y2 - 15}`} />}
        </For>
        <For each={props.layout.nodes}>{(n) => <NodeGlyph n={n} onToggle={props.onToggle} />}</For>
      </g>
    </svg>
  );
}
