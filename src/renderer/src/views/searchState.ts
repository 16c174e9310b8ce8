// State of the Search view, kept for the session (switching views keeps it) and in sessionStorage (a page
// reload keeps the open tab and the form fields). Runs, their progress and results are not kept here: they
// live in the project's run records and the host's job list, which the view reads after a reload too.

import { createRoot, createSignal, type Accessor, type Setter } from 'solid-js';
import type { Semantics } from '../../../core/semantics';
import type { SearchTask } from '../../../shared/search';
import { onRunOpened } from '../state/runFocus';

/** The fields that belong to one kind of target: a constant and a function keep their own. */
export interface TargetFields {
  text: string;
  /** Comma-separated leaves; blank for the default (1 and the target's variables). */
  leaves: string;
}

export interface RecognizeForm {
  kind: 'const' | 'fn';
  /** The target and leaves of each kind; switching the kind shows that kind's own fields. */
  targets: Record<'const' | 'fn', TargetFields>;
  maxK: number;
  semantics: Semantics;
  memoryMiB: number;
}

export interface TableForm {
  semantics: Semantics[];
  maxConstant: number;
  maxUnary: number;
  maxBinary: number;
  /** Upper-bound phase up to this K (0 = off). */
  upperK: number;
}

export interface BasisForm {
  constants: string;
  unary: string;
  binary: string;
  maxK: number;
}

export interface SearchState {
  readonly tab: Accessor<SearchTask>;
  setTab(t: SearchTask): void;
  readonly recognize: Accessor<RecognizeForm>;
  setRecognize: Setter<RecognizeForm>;
  readonly table: Accessor<TableForm>;
  setTable: Setter<TableForm>;
  readonly basis: Accessor<BasisForm>;
  setBasis: Setter<BasisForm>;
  /** Writes the tab and forms to sessionStorage. */
  save(): void;
}

const STORAGE_KEY = 'eml:search';

export const DEFAULT_RECOGNIZE: RecognizeForm = {
  kind: 'const',
  targets: { const: { text: '2', leaves: '' }, fn: { text: 'ln(x)', leaves: '' } },
  maxK: 31,
  semantics: 'extended',
  memoryMiB: 512,
};
export const DEFAULT_TABLE: TableForm = { semantics: ['extended', 'strict'], maxConstant: 19, maxUnary: 17, maxBinary: 17, upperK: 0 };
export const DEFAULT_BASIS: BasisForm = { constants: '1', unary: '', binary: 'EML', maxK: 10 };

interface Saved {
  tab: SearchTask;
  recognize: RecognizeForm;
  table: TableForm;
  basis: BasisForm;
}

function loadSaved(): Partial<Saved> {
  try {
    const v = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<Saved> | null;
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

/** Returns the saved recognize form merged over the defaults (forms saved with one shared target move to their kind). */
function restoreRecognize(saved: unknown): RecognizeForm {
  if (!saved || typeof saved !== 'object') return structuredClone(DEFAULT_RECOGNIZE);
  const v = saved as Partial<RecognizeForm> & { text?: unknown; leaves?: unknown };
  const kind = v.kind === 'fn' ? 'fn' : 'const';
  const targets = structuredClone(DEFAULT_RECOGNIZE.targets);
  for (const k of ['const', 'fn'] as const) {
    const t = v.targets?.[k];
    if (t && typeof t.text === 'string' && typeof t.leaves === 'string') targets[k] = { text: t.text, leaves: t.leaves };
  }
  if (!v.targets && typeof v.text === 'string') targets[kind] = { text: v.text, leaves: typeof v.leaves === 'string' ? v.leaves : '' };
  return {
    kind,
    targets,
    maxK: typeof v.maxK === 'number' ? v.maxK : DEFAULT_RECOGNIZE.maxK,
    semantics: v.semantics === 'ieee' || v.semantics === 'strict' ? v.semantics : 'extended',
    memoryMiB: typeof v.memoryMiB === 'number' ? v.memoryMiB : DEFAULT_RECOGNIZE.memoryMiB,
  };
}

/** Returns a comma-separated list as trimmed, non-empty names. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function createSearchState(): SearchState {
  const saved = loadSaved();
  const tabOk = saved.tab === 'recognize' || saved.tab === 'table' || saved.tab === 'verify-basis';
  const [tab, setTabNow] = createSignal<SearchTask>(tabOk ? saved.tab! : 'recognize');
  const [recognize, setRecognize] = createSignal<RecognizeForm>(restoreRecognize(saved.recognize));
  const [table, setTable] = createSignal<TableForm>({ ...DEFAULT_TABLE, ...(saved.table ?? {}) });
  const [basis, setBasis] = createSignal<BasisForm>({ ...DEFAULT_BASIS, ...(saved.basis ?? {}) });
  const save = (): void => {
    try {
      const data: Saved = { tab: tab(), recognize: recognize(), table: table(), basis: basis() };
      sessionStorage.setItem(STORAGE_KEY, JSON.stringify(data));
    } catch {
      // storage full or disabled: the state still lives for this page
    }
  };
  // a search run opened from elsewhere shows on its task's tab
  onRunOpened((run) => {
    if (run.kind !== 'search') return;
    setTabNow(run.settings.task);
    save();
  });
  return {
    tab,
    setTab(t) {
      setTabNow(t);
      save();
    },
    recognize,
    setRecognize,
    table,
    setTable,
    basis,
    setBasis,
    save,
  };
}

/** The Search view's state for the whole page session. */
export const searchState: SearchState = createRoot(() => createSearchState());
