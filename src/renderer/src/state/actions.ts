// Routes keyboard-shortcut actions to whichever mounted view handles them: a view registers a handler
// while it is mounted; the most recently mounted handler of an action runs.

import { onCleanup } from 'solid-js';
import type { ShortcutAction } from './shortcuts';

const handlers = new Map<ShortcutAction, Array<() => void>>();

/** Handles `action` while the calling component is mounted. */
export function onAction(action: ShortcutAction, handler: () => void): void {
  const list = handlers.get(action) ?? [];
  list.push(handler);
  handlers.set(action, list);
  onCleanup(() => {
    const i = list.indexOf(handler);
    if (i !== -1) list.splice(i, 1);
  });
}

/** Runs the handler of `action`; returns false when no mounted view handles it. */
export function runAction(action: ShortcutAction): boolean {
  const list = handlers.get(action);
  const handler = list?.[list.length - 1];
  if (!handler) return false;
  handler();
  return true;
}
