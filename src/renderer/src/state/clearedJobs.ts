// The jobs the user cleared from the jobs panel. The host keeps listing finished jobs while it runs (their
// runs stay in the project's run history); clearing only hides them here, and the ids are kept in
// localStorage so that a reload keeps them hidden.

import { createRoot, createSignal, type Accessor } from 'solid-js';

const STORAGE_KEY = 'eml:cleared-jobs';
/** Most ids remembered (the oldest are forgotten first; job ids are never reused). */
const MAX_REMEMBERED = 500;

function load(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]') as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

interface ClearedJobs {
  readonly ids: Accessor<ReadonlySet<string>>;
  clear(ids: readonly string[]): void;
}

function createClearedJobs(): ClearedJobs {
  const [ids, setIds] = createSignal<ReadonlySet<string>>(new Set(load()));
  return {
    ids,
    clear(more) {
      const list = [...ids(), ...more.filter((id) => !ids().has(id))].slice(-MAX_REMEMBERED);
      setIds(new Set(list));
      try {
        localStorage.setItem(STORAGE_KEY, JSON.stringify(list));
      } catch {
        // storage unavailable: cleared until the page is reloaded
      }
    },
  };
}

/** The page's cleared jobs. */
export const clearedJobs: ClearedJobs = createRoot(() => createClearedJobs());
