// The current view, kept in the location hash (#/compile) so that a reload stays on the same view.
// The query string is not used (the browser host strips its one-time credentials from it by a redirect).

import { createSignal, onCleanup, type Accessor } from 'solid-js';

export const VIEWS = ['projects', 'compile', 'search', 'fit', 'library'] as const;
export type ViewName = (typeof VIEWS)[number];

export const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  projects: 'Projects',
  compile: 'Compile',
  search: 'Search',
  fit: 'Fit',
  library: 'Library',
};

function fromHash(hash: string): ViewName {
  const name = hash.replace(/^#\/?/, '');
  return (VIEWS as readonly string[]).includes(name) ? (name as ViewName) : 'projects';
}

/** Returns the current view and a setter that updates the hash; follows back/forward navigation. */
export function createRouter(): [Accessor<ViewName>, (view: ViewName) => void] {
  const [view, setView] = createSignal<ViewName>(fromHash(window.location.hash));
  const onHash = (): void => {
    setView(fromHash(window.location.hash));
  };
  window.addEventListener('hashchange', onHash);
  onCleanup(() => window.removeEventListener('hashchange', onHash));
  const go = (next: ViewName): void => {
    if (window.location.hash !== `#/${next}`) window.location.hash = `#/${next}`;
    setView(next);
  };
  return [view, go];
}
