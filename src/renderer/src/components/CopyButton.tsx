// A button that copies a text to the clipboard and says so for a moment. Uses the asynchronous clipboard
// API where the page may (a secure context: localhost, the app's own scheme), else a hidden selection.

import { createSignal, onCleanup, type JSX } from 'solid-js';

/** How long the button says "Copied". */
const CONFIRM_MS = 1500;

/** Copies text to the clipboard; resolves false when neither way works. */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // permission refused: try the selection below
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.className = 'visually-hidden';
  document.body.append(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  return ok;
}

export default function CopyButton(props: { text: () => string; label: string; testid?: string; title?: string }): JSX.Element {
  const [state, setState] = createSignal<'idle' | 'copied' | 'failed'>('idle');
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const copy = async (): Promise<void> => {
    const ok = await copyText(props.text());
    setState(ok ? 'copied' : 'failed');
    clearTimeout(timer);
    timer = setTimeout(() => setState('idle'), CONFIRM_MS);
  };
  return (
    <button type="button" data-testid={props.testid} data-state={state()} title={props.title} onClick={() => void copy()}>
      {state() === 'copied' ? `${props.label.replace(/^Copy /, '')} copied` : state() === 'failed' ? 'Copy failed' : props.label}
    </button>
  );
}
