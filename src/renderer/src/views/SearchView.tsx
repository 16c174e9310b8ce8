// The Search view (being built): replaced by the full view.

import type { JSX } from 'solid-js';

export default function SearchView(): JSX.Element {
  return (
    <section class="view" aria-labelledby="search-title" data-testid="search-view">
      <h2 id="search-title">Search</h2>
    </section>
  );
}
