// The Search view: exhaustive search on the host in three tabs — recognize a constant or function (the
// shortest EML tree), the shortest-form table of the calculator primitives, and basis verification with
// its witness chain. Each tab shows the project's latest run of its task, live while its job runs; the
// runs live in the project, so a page reload shows them again.

import { For, Match, Switch, type JSX } from 'solid-js';
import type { SearchTask } from '../../../shared/search';
import BasisPanel from './search/BasisPanel';
import RecognizePanel from './search/RecognizePanel';
import TablePanel from './search/TablePanel';
import { searchState as ss } from './searchState';
import './search/search.css';

const TABS: ReadonlyArray<{ task: SearchTask; text: string }> = [
  { task: 'recognize', text: 'Recognize' },
  { task: 'table', text: 'Shortest-form table' },
  { task: 'verify-basis', text: 'Basis verification' },
];

export default function SearchView(): JSX.Element {
  const tabs: HTMLButtonElement[] = [];
  // arrow keys move between the tabs (the WAI-ARIA tabs pattern)
  const onKey = (e: KeyboardEvent, i: number): void => {
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? TABS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const j = (next + TABS.length) % TABS.length;
    ss.setTab(TABS[j]!.task);
    tabs[j]?.focus();
  };
  return (
    <section class="view search-view" aria-labelledby="search-title" data-testid="search-view">
      <h2 id="search-title">Search</h2>
      <div class="tabs" role="tablist" aria-label="Search tasks">
        <For each={TABS}>
          {(t, i) => (
            <button
              type="button"
              role="tab"
              ref={(el) => (tabs[i()] = el)}
              id={`search-tab-${t.task}`}
              aria-controls="search-tabpanel"
              aria-selected={ss.tab() === t.task}
              tabindex={ss.tab() === t.task ? 0 : -1}
              classList={{ 'tab-active': ss.tab() === t.task }}
              data-testid={`search-tab-${t.task}`}
              onClick={() => ss.setTab(t.task)}
              onKeyDown={(e) => onKey(e, i())}
            >
              {t.text}
            </button>
          )}
        </For>
      </div>
      <div id="search-tabpanel" role="tabpanel" aria-labelledby={`search-tab-${ss.tab()}`}>
        <Switch>
          <Match when={ss.tab() === 'recognize'}>
            <RecognizePanel />
          </Match>
          <Match when={ss.tab() === 'table'}>
            <TablePanel />
          </Match>
          <Match when={ss.tab() === 'verify-basis'}>
            <BasisPanel />
          </Match>
        </Switch>
      </div>
    </section>
  );
}
