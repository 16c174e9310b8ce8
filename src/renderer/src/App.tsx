// The application shell: navigation between the views, the open project and host status, notices, the
// jobs panel, keyboard shortcuts and their help. Host access goes through state/workbench.ts; each view
// lives in views/. Light and dark follow the system (styles.css).

import { createSignal, For, Match, onCleanup, onMount, Show, Switch, type JSX } from 'solid-js';
import JobPanel from './components/JobPanel';
import { hostKind } from './host';
import { runAction } from './state/actions';
import { createRouter, VIEW_TITLES, VIEWS, type ViewName } from './state/router';
import { SHORTCUTS, shortcutFor } from './state/shortcuts';
import { createWorkbench, WorkbenchContext } from './state/workbench';
import CompileView from './views/CompileView';
import LibraryView from './views/LibraryView';
import FitView from './views/FitView';
import ProjectsView from './views/ProjectsView';
import SearchView from './views/SearchView';

function ShortcutHelp(props: { onClose: () => void }): JSX.Element {
  return (
    <div class="overlay" role="dialog" aria-modal="true" aria-labelledby="shortcuts-title" data-testid="shortcut-help" onClick={props.onClose}>
      <div class="dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="shortcuts-title">Keyboard shortcuts</h2>
        <table>
          <tbody>
            <For each={SHORTCUTS}>
              {(s) => (
                <tr>
                  <td>
                    <kbd>{s.keys}</kbd>
                  </td>
                  <td>{s.description}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </div>
  );
}

export default function App(): JSX.Element {
  const wb = createWorkbench();
  const [view, go] = createRouter();
  const [showJobs, setShowJobs] = createSignal(true);
  const [showHelp, setShowHelp] = createSignal(false);

  const onKey = (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && showHelp()) {
      setShowHelp(false);
      return;
    }
    const action = shortcutFor(e);
    if (!action) return;
    if (action.startsWith('view:')) go(action.slice('view:'.length) as ViewName);
    else if (action === 'toggle-jobs') setShowJobs((v) => !v);
    else if (action === 'help') setShowHelp(true);
    else if (!runAction(action)) return;
    e.preventDefault();
  };
  onMount(() => window.addEventListener('keydown', onKey));
  onCleanup(() => window.removeEventListener('keydown', onKey));

  return (
    <WorkbenchContext.Provider value={wb}>
      <div class="shell" classList={{ 'jobs-hidden': !showJobs() }}>
        <nav class="sidebar" aria-label="Views">
          <div class="brand">
            <span class="brand-mark" aria-hidden="true">
              E
            </span>
            <span>EML Workbench</span>
          </div>
          <ul class="nav">
            <For each={VIEWS}>
              {(v, i) => (
                <li>
                  <button
                    type="button"
                    data-testid={`nav-${v}`}
                    classList={{ active: view() === v }}
                    aria-current={view() === v ? 'page' : undefined}
                    onClick={() => go(v)}
                    title={`Alt+${i() + 1}`}
                  >
                    {VIEW_TITLES[v]}
                  </button>
                </li>
              )}
            </For>
          </ul>
          <Show when={showJobs()}>
            <JobPanel />
          </Show>
          <button type="button" class="link help-link" onClick={() => setShowHelp(true)}>
            Keyboard shortcuts (?)
          </button>
        </nav>
        <div class="main">
          <header class="topbar">
            <h1>EML Workbench</h1>
            <span class="current" data-testid="current-project">
              {wb.project() ? wb.project()!.data.name : 'No project open'}
            </span>
            <p class="status" data-testid="host-status" role="status" aria-live="polite">
              <Switch>
                <Match when={wb.hostError()}>{(e) => <span class="status-error">Host unavailable: {e()}</span>}</Match>
                <Match when={wb.version()}>
                  {(v) => (
                    <span class="status-ok">
                      Connected to {v().name} {v().version} ({hostKind()} host){wb.eventsConnected() ? '' : ', live updates reconnecting…'}
                    </span>
                  )}
                </Match>
                <Match when={true}>
                  <span class="status-pending">Connecting to host…</span>
                </Match>
              </Switch>
            </p>
          </header>
          <Show when={wb.project()?.readOnly}>
            {(why) => (
              <div class="notice notice-warning" role="status" data-testid="readonly-banner">
                <span>Read-only: changes to this project cannot be saved ({why()}).</span>
              </div>
            )}
          </Show>
          <Show when={wb.notice()}>
            {(n) => (
              <div class={`notice toast notice-${n().kind}`} role={n().kind === 'error' ? 'alert' : 'status'} data-testid="notice">
                <span>{n().text}</span>
                <button type="button" class="link" aria-label="Dismiss" onClick={() => wb.notify(null)}>
                  ×
                </button>
              </div>
            )}
          </Show>
          <main class="content">
            <Switch>
              <Match when={view() === 'projects'}>
                <ProjectsView />
              </Match>
              <Match when={view() === 'compile'}>
                <CompileView />
              </Match>
              <Match when={view() === 'search'}>
                <SearchView />
              </Match>
              <Match when={view() === 'fit'}>
                <FitView />
              </Match>
              <Match when={view() === 'library'}>
                <LibraryView />
              </Match>
            </Switch>
          </main>
        </div>
        <Show when={showHelp()}>
          <ShortcutHelp onClose={() => setShowHelp(false)} />
        </Show>
      </div>
    </WorkbenchContext.Provider>
  );
}
