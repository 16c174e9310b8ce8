// Pure view of a laid-out EML tree: Solid renders one SVG group per node and one line per link from the
// coordinates layoutTree computed. Folded inner nodes show a '+' and their hidden size K; subtrees equal
// to a calculator primitive carry its name. Clicking (or Enter on) an inner node folds or unfolds it.

import { For, Show, type JSX } from 'solid-js';
import type { LaidOutNode, TreeLayout } from '../tree/layoutTree';

export interface ZoomTransform {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

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
      <rect class="tree-hit" x={-30} y={-14} width={60} height={node().label || folded() ? 62 : 28} />
      <Show
        when={!node().leaf}
        fallback={
          <>
            <rect class="tree-leaf-box" x={-11} y={-11} width={22} height={22} rx={5} />
            <text class="tree-leaf-text" dy="0.35em">
              {node().text}
            </text>
          </>
        }
      >
        <circle class="tree-op-circle" r={12} />
        <text class="tree-op-text" dy="0.35em">
          {folded() ? '+' : node().text}
        </text>
      </Show>
      <Show when={node().label}>
        {(label) => (
          <text class="tree-label" y={28}>
            {label().text}
          </text>
        )}
      </Show>
      <Show when={folded()}>
        <text class="tree-k" y={node().label ? 42 : 28}>
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
          {(l) => <path class="tree-link" d={`M${l.x1},${l.y1 + 12}C${l.x1},${(l.y1 + l.y2) / 2} ${l.x2},${(l.y1 + l.y2) / 2} ${l.x2},${l.y2 - 12}`} />}
        </For>
        <For each={props.layout.nodes}>{(n) => <NodeGlyph n={n} onToggle={props.onToggle} />}</For>
      </g>
    </svg>
  );
}
