// The tooltip of a node of the tree view: what its subtree equals (the primitive's formula spelled out in
// full, where the label on the node abbreviates long arguments as '·'), its size K, and what a click does.
// Pure: text from a DisplayNode.

import type { DisplayNode } from './displayTree';

/** Returns the tooltip of a node: what its subtree equals, its size, and what a click does. */
export function nodeTooltip(node: DisplayNode): string {
  const folded = !node.leaf && node.children === undefined;
  const lines: string[] = [];
  if (node.label) lines.push(`equals ${node.label.detail}`);
  if (node.leaf) lines.push(`leaf ${node.text}`);
  else lines.push(`${node.text} node, subtree K ${node.K}${folded ? ' (folded)' : ''}`);
  if (node.label && node.label.detail.includes('⟨K')) lines.push('⟨K n⟩: an unnamed subtree of size n below this node');
  if (!node.leaf) lines.push(folded ? 'click to unfold' : 'click to fold');
  return lines.join('\n');
}
