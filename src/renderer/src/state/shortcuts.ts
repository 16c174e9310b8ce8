// Keyboard shortcuts: one table that both the key handler and the help overlay read.
// Alt+digit switches views (Ctrl+digit belongs to the browser's tabs); view-specific keys are handled
// by the views through the `action` names below.

export type ShortcutAction =
  | 'view:projects'
  | 'view:compile'
  | 'view:search'
  | 'view:fit'
  | 'view:library'
  | 'compile'
  | 'save-formula'
  | 'focus-input'
  | 'toggle-jobs'
  | 'help';

export interface Shortcut {
  readonly keys: string;
  readonly action: ShortcutAction;
  readonly description: string;
  /** Matches a keydown event. */
  readonly test: (e: KeyboardEvent) => boolean;
  /** True when it also fires while the focus is in a text field. */
  readonly inFields: boolean;
}

const mod = (e: KeyboardEvent): boolean => e.ctrlKey || e.metaKey;
const alt = (code: string) => (e: KeyboardEvent): boolean => e.altKey && !mod(e) && e.code === code;

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Alt+1', action: 'view:projects', description: 'Projects', test: alt('Digit1'), inFields: true },
  { keys: 'Alt+2', action: 'view:compile', description: 'Compile', test: alt('Digit2'), inFields: true },
  { keys: 'Alt+3', action: 'view:search', description: 'Search', test: alt('Digit3'), inFields: true },
  { keys: 'Alt+4', action: 'view:fit', description: 'Fit', test: alt('Digit4'), inFields: true },
  { keys: 'Alt+5', action: 'view:library', description: 'Library', test: alt('Digit5'), inFields: true },
  { keys: 'Ctrl+Enter', action: 'compile', description: 'Compile the formula (Compile view)', test: (e) => mod(e) && e.key === 'Enter', inFields: true },
  { keys: 'Ctrl+S', action: 'save-formula', description: 'Save the compiled formula to the library', test: (e) => mod(e) && !e.altKey && e.key.toLowerCase() === 's', inFields: true },
  { keys: '/', action: 'focus-input', description: 'Focus the formula or search field', test: (e) => e.key === '/' && !mod(e) && !e.altKey, inFields: false },
  { keys: 'Alt+J', action: 'toggle-jobs', description: 'Show or hide the jobs panel', test: alt('KeyJ'), inFields: true },
  { keys: '?', action: 'help', description: 'Show these shortcuts', test: (e) => e.key === '?' && !mod(e), inFields: false },
];

function inTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** Returns the action of a keydown event, or undefined. */
export function shortcutFor(e: KeyboardEvent): ShortcutAction | undefined {
  const typing = inTextField(e.target);
  return SHORTCUTS.find((s) => s.test(e) && (s.inFields || !typing))?.action;
}
