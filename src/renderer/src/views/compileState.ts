// State of the Compile view, kept for the whole session so that switching views keeps the formula and
// its result; the last compiled input is also kept in sessionStorage so that a page reload shows it again.
// The live preview parses locally (cheap, pure src/core work); compilation, the tree and the primitive
// patterns come from the host.

import { createRoot, createSignal, type Accessor } from 'solid-js';
import type { CompileMode } from '../../../core/compile';
import type { CompileOutcome, InputSyntax, PrimitivePattern } from '../../../shared/compile';
import type { CompilePrefer } from '../../../shared/project';
import { errorText, invoke } from '../host';

export interface CompileState {
  readonly text: Accessor<string>;
  setText(text: string): void;
  readonly syntax: Accessor<InputSyntax>;
  setSyntax(s: InputSyntax): void;
  readonly mode: Accessor<CompileMode>;
  setMode(m: CompileMode): void;
  readonly prefer: Accessor<CompilePrefer>;
  setPrefer(p: CompilePrefer): void;
  readonly result: Accessor<CompileOutcome | undefined>;
  readonly busy: Accessor<boolean>;
  readonly error: Accessor<string | null>;
  compile(): Promise<void>;
  /** True when the input was restored from a compilation before a page reload (the view compiles it again). */
  readonly restored: boolean;
  patterns(mode: CompileMode, prefer: CompilePrefer): Promise<readonly PrimitivePattern[]>;
}

const STORAGE_KEY = 'eml:compile';

interface SavedInput {
  text: string;
  syntax: InputSyntax;
  mode: CompileMode;
  prefer: CompilePrefer;
}

function loadSaved(): SavedInput | undefined {
  try {
    const v = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<SavedInput> | null;
    if (!v || typeof v.text !== 'string') return undefined;
    return {
      text: v.text,
      syntax: v.syntax === 'mathematica' ? 'mathematica' : 'infix',
      mode: v.mode === 'ieee-safe' ? 'ieee-safe' : 'paper',
      prefer: v.prefer === 'shortest' ? 'shortest' : 'robust',
    };
  } catch {
    return undefined;
  }
}

const patternCache = new Map<string, Promise<readonly PrimitivePattern[]>>();

function createCompileState(): CompileState {
  const saved = loadSaved();
  const [text, setText] = createSignal(saved?.text ?? 'sin(x)');
  const [syntax, setSyntax] = createSignal<InputSyntax>(saved?.syntax ?? 'infix');
  const [mode, setMode] = createSignal<CompileMode>(saved?.mode ?? 'paper');
  const [prefer, setPrefer] = createSignal<CompilePrefer>(saved?.prefer ?? 'robust');
  const [result, setResult] = createSignal<CompileOutcome | undefined>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  let generation = 0;
  return {
    text,
    setText,
    syntax,
    setSyntax,
    mode,
    setMode,
    prefer,
    setPrefer,
    result,
    busy,
    error,
    restored: saved !== undefined,
    async compile() {
      const mine = ++generation;
      setBusy(true);
      setError(null);
      const input: SavedInput = { text: text(), syntax: syntax(), mode: mode(), prefer: prefer() };
      try {
        const r = await invoke('eml:compile', input);
        if (mine === generation) setResult(r);
        try {
          sessionStorage.setItem(STORAGE_KEY, JSON.stringify(input));
        } catch {
          // storage may be unavailable; the state then lasts until the page is reloaded
        }
      } catch (e) {
        if (mine === generation) setError(errorText(e));
      } finally {
        if (mine === generation) setBusy(false);
      }
    },
    patterns(m, p) {
      const key = `${m}/${p}`;
      let hit = patternCache.get(key);
      if (!hit) {
        hit = invoke('eml:compile:primitives', { mode: m, prefer: p });
        hit.catch(() => patternCache.delete(key));
        patternCache.set(key, hit);
      }
      return hit;
    },
  };
}

/** The session's Compile view state. */
export const compileState: CompileState = createRoot(() => createCompileState());
