// The jobs panel: every job the host runs or recently ran, with live progress, its project, and Cancel.
// It reads the workbench's job list, which host events keep current across page reloads.

import { For, Show, type JSX } from 'solid-js';
import { jobActive, useWorkbench } from '../state/workbench';

export default function JobPanel(): JSX.Element {
  const wb = useWorkbench();
  const jobs = () => [...wb.jobs()].reverse();
  return (
    <section class="job-panel" aria-labelledby="jobs-title" data-testid="job-panel">
      <h2 id="jobs-title">
        Jobs{' '}
        <span class="muted">
          ({wb.jobs().filter((j) => j.status === 'running').length} running
          {wb.jobs().some((j) => j.status === 'queued') ? `, ${wb.jobs().filter((j) => j.status === 'queued').length} queued` : ''})
        </span>
      </h2>
      <Show when={jobs().length > 0} fallback={<p class="muted">No jobs in this session.</p>}>
        <ul>
          <For each={jobs()}>
            {(j) => (
              <li class={`job job-${j.status}`} data-testid="job-item" data-status={j.status} data-done={j.done}>
                <div class="job-label">{j.label}</div>
                <progress max={Math.max(1, j.total)} value={j.done} aria-label={`${j.label} progress`} />
                <div class="job-meta">
                  <span data-testid="job-progress">
                    {j.done} / {j.total || '…'}
                  </span>{' '}
                  <span>{jobActive(j) ? j.message : j.status}</span>
                  <Show when={j.error}>{(e) => <span class="error"> {e()}</span>}</Show>
                </div>
                <Show when={jobActive(j)}>
                  <button type="button" data-testid="job-cancel" onClick={() => void wb.cancelJob(j.id)}>
                    Cancel
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
