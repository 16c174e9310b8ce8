// The run queue of the app's settings: a field for the queue URL (fits then run on the workers of that
// Redis queue, started with `emlw worker --queue URL` on any machine) and the workers the queue has now,
// refreshed every few seconds while the panel is shown. Everything comes from the host (eml:cluster:*).

import { createSignal, For, onCleanup, onMount, Show, type JSX } from 'solid-js';
import type { ClusterStatus } from '../../../shared/cluster';
import { errorText, invoke } from '../host';
import './ClusterPanel.css';

/** How often the workers are listed again. */
const REFRESH_MS = 3000;

export default function ClusterPanel(): JSX.Element {
  const [status, setStatus] = createSignal<ClusterStatus | null>(null);
  const [draft, setDraft] = createSignal('');
  const [problem, setProblem] = createSignal<string | null>(null);
  const [saving, setSaving] = createSignal(false);

  const refresh = async (): Promise<void> => {
    try {
      const s = await invoke('eml:cluster:get');
      if (status() === null) setDraft(s.queue ?? '');
      setStatus(s);
    } catch (e) {
      setProblem(errorText(e));
    }
  };
  const save = async (queue: string | null): Promise<void> => {
    setSaving(true);
    setProblem(null);
    try {
      const s = await invoke('eml:cluster:set', { queue });
      setStatus(s);
      setDraft(s.queue ?? '');
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setSaving(false);
    }
  };
  onMount(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), REFRESH_MS);
    onCleanup(() => clearInterval(timer));
  });

  return (
    <section class="panel cluster-panel" aria-labelledby="cluster-title" data-testid="cluster-panel">
      <h3 id="cluster-title">Run queue</h3>
      <form
        class="row"
        onSubmit={(e) => {
          e.preventDefault();
          void save(draft().trim() === '' ? null : draft().trim());
        }}
      >
        <label class="grow">
          <span>Queue URL (empty: this machine's cores)</span>
          <input data-testid="cluster-queue" placeholder="redis://HOST:6379" value={draft()} onInput={(e) => setDraft(e.currentTarget.value)} />
        </label>
        <button type="submit" data-testid="cluster-save" disabled={saving()}>
          Save
        </button>
        <Show when={status()?.queue}>
          <button type="button" class="link" data-testid="cluster-clear" disabled={saving()} onClick={() => void save(null)}>
            Use this machine
          </button>
        </Show>
      </form>
      <Show when={problem()}>{(p) => <p class="status-error" role="alert" data-testid="cluster-problem">{p()}</p>}</Show>
      <Show when={status()}>
        {(s) => (
          <div data-testid="cluster-status" data-workers={s().workers.length}>
            <Show when={s().display} fallback={<p class="muted">Fits run on this machine's cores.</p>}>
              {(d) => (
                <p class="muted">
                  Fits run on the workers of <code>{d()}</code>; start one on any machine with <code>emlw worker --queue {d()}</code>.
                </p>
              )}
            </Show>
            <Show when={s().error}>{(e) => <p class="status-error" data-testid="cluster-error">{e()}</p>}</Show>
            <Show when={s().display && !s().error}>
              <Show when={s().workers.length > 0} fallback={<p class="muted" data-testid="cluster-no-workers">No worker is on the queue now; fits wait until one starts.</p>}>
                <table data-testid="cluster-workers">
                  <thead>
                    <tr>
                      <th>Worker</th>
                      <th>Host</th>
                      <th>Active</th>
                      <th>Runs done</th>
                      <th>Version</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={s().workers}>
                      {(w) => (
                        <tr data-testid="cluster-worker" data-id={w.id}>
                          <td>{w.id}</td>
                          <td>{w.host}</td>
                          <td>
                            {w.active} / {w.concurrency}
                          </td>
                          <td>{w.runs}</td>
                          <td classList={{ 'status-error': w.protocol !== s().protocol }} title={w.protocol !== s().protocol ? `speaks queue protocol ${w.protocol}, this app ${s().protocol}: it refuses the app's runs` : undefined}>
                            {w.version}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </Show>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
