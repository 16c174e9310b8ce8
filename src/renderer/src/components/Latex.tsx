// Renders LaTeX with KaTeX as MathML (no inline styles, so the page's strict style-src CSP holds).
// Text KaTeX cannot typeset is shown as its LaTeX source instead.

import katex from 'katex';
import { createMemo, Show, type JSX } from 'solid-js';

export interface LatexProps {
  readonly tex: string;
  readonly display?: boolean;
  readonly testid?: string;
}

/** Returns KaTeX's MathML for `tex`, or undefined when KaTeX rejects it. */
export function renderLatex(tex: string, display: boolean): string | undefined {
  try {
    return katex.renderToString(tex, { output: 'mathml', throwOnError: true, displayMode: display, maxSize: 50, maxExpand: 1000 });
  } catch {
    return undefined;
  }
}

export default function Latex(props: LatexProps): JSX.Element {
  const html = createMemo(() => renderLatex(props.tex, props.display ?? false));
  return (
    <Show
      when={html()}
      fallback={
        <code class="latex-fallback" data-testid={props.testid}>
          {props.tex}
        </code>
      }
    >
      {(h) => <span class={props.display ? 'latex latex-display' : 'latex'} data-testid={props.testid} innerHTML={h()} />}
    </Show>
  );
}
