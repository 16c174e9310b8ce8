// Opening a run from anywhere (the run history, the jobs panel, a formula's provenance): remembers which run
// the user asked for and switches to the view that shows runs of its kind (verify: Compile, search: Search
// on the run's tab, train: Fit). A view shows the focused run instead of its latest one while the focus
// names a run it shows; starting a new run clears the focus.

import { createRoot, createSignal, type Accessor } from 'solid-js';
import type { RunRecord } from '../../../shared/project';
import type { ViewName } from './router';

export interface RunFocus {
  /** The run the user opened last, or null (views then show their latest run). */
  readonly id: Accessor<string | null>;
  open(run: RunRecord): void;
  clear(): void;
}

/** The view that shows runs of a kind. */
export function viewOfRun(run: Pick<RunRecord, 'kind'>): ViewName {
  return run.kind === 'verify' ? 'compile' : run.kind === 'search' ? 'search' : 'fit';
}

/** Listeners told about an opened run before the view switches (the Search view picks the run's tab). */
const openers: Array<(run: RunRecord) => void> = [];

/** Calls `f` with every run opened from now on (for state that lives outside a mounted view). */
export function onRunOpened(f: (run: RunRecord) => void): void {
  openers.push(f);
}

function createRunFocus(): RunFocus {
  const [id, setId] = createSignal<string | null>(null);
  return {
    id,
    open(run) {
      setId(run.id);
      for (const f of openers) f(run);
      window.location.hash = `#/${viewOfRun(run)}`;
    },
    clear() {
      setId(null);
    },
  };
}

/** The page's run focus. */
export const runFocus: RunFocus = createRoot(() => createRunFocus());
