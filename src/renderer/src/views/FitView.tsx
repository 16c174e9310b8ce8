// The Fit view (being built): replaced by the full view.

import type { JSX } from 'solid-js';

export default function FitView(): JSX.Element {
  return (
    <section class="view" aria-labelledby="fit-title" data-testid="fit-view">
      <h2 id="fit-title">Fit</h2>
    </section>
  );
}
