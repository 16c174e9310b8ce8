// Minimal application shell: heading and a status line showing the host's name and version.
// Later views plug in below the header; host access goes through host.ts only.

import { createResource, Match, Switch, type JSX } from 'solid-js';
import { hostKind, invoke } from './host';

export default function App(): JSX.Element {
  const [info] = createResource(() => invoke('eml:version'));
  return (
    <div class="app">
      <header class="app-header">
        <h1>EML Workbench</h1>
        <p class="tagline">
          Research workbench for the operator <code>eml(x, y) = exp(x) − ln(y)</code>
        </p>
      </header>
      <main class="app-main">
        <p class="status" data-testid="host-status" role="status" aria-live="polite">
          <Switch>
            <Match when={info.error}>
              {(error) => <span class="status-error">Host unavailable: {String((error() as Error)?.message ?? error())}</span>}
            </Match>
            <Match when={info()}>
              {(v) => (
                <span class="status-ok">
                  Connected to {v().name} {v().version} ({hostKind()} host)
                </span>
              )}
            </Match>
            <Match when={info.loading}>
              <span class="status-pending">Connecting to host…</span>
            </Match>
          </Switch>
        </p>
      </main>
    </div>
  );
}
