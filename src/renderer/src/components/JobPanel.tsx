// The jobs panel: every job the host runs or recently ran, with live progress, its project, Cancel, a link
// to its run, and Clear for finished jobs. It reads the workbench's job list, which host events keep current
// across page reloads; what the bar shows comes from state/jobProgress.ts (a completed job is full).

import { createMemo, For, Show, type JSX } from 'solid-js';
import { clearedJobs } from '../state/clearedJobs';
import { jobFinished, jobProgress } from '../state/jobProgress';
import { runFocus } from '../state/runFocus';
import { jobActive, useWorkbench } from '../state/workbench';

export default function JobPanel(): JSX.Element {
  const wb = useWorkbench();
  const jobs = createMemo(() => [...wb.jobs()].reverse().filter((j) => !clearedJobs.ids().has(j.id)));
  const finished = createMemo(() => jobs().filter(jobFinished));
  const runOf = (runId: string | null, projectPath: string | null) =>
    runId && projectPath === wb.project()?.path ? wb.project()?.data.runs.find((r) => r.id === runId) : undefined;
  return (
    <section class="job-panel" aria-labelledby="jobs-title" data-testid="job-panel">
      <h2 id="jobs-title">
        Jobs{' '}
        <span class="muted">
          ({wb.jobs().filter((j) => j.status === 'running').length} running
          {wb.jobs().some((j) => j.status === 'queued') ? `, ${wb.jobs().filter((j) => j.status === 'queued').length} queued` : ''})
        </span>
      </h2>
      <Show when={finished().length > 0}>
        <button type="button" class="link job-clear-all" data-testid="jobs-clear-finished" onClick={() => clearedJobs.clear(finished().map((j) => j.id))}>
          Clear {finished().length} finished
        </button>
      </Show>
      <Show when={jobs().length > 0} fallback={<p class="muted">No jobs to show.</p>}>
        <ul>
          <For each={jobs()}>
            {(j) => {
              const bar = () => jobProgress(j);
              return (
                <li class={`job job-${j.status}`} data-testid="job-item" data-status={j.status} data-done={j.done} data-percent={bar().percent}>
                  <div class="job-label">{j.label}</div>
                  <progress max={bar().max} value={bar().value} aria-label={`${j.label} progress`} />
                  <div class="job-meta">
                    <span data-testid="job-progress">{bar().text}</span> <span>{jobActive(j) ? j.message : j.status}</span>
                    <Show when={j.error}>{(e) => <span class="error"> {e()}</span>}</Show>
                  </div>
                  <div class="job-actions">
                    <Show when={jobActive(j)}>
                      <button type="button" data-testid="job-cancel" onClick={() => void wb.cancelJob(j.id)}>
                        Cancel
                      </button>
                    </Show>
                    <Show when={runOf(j.runId, j.projectPath)}>
                      {(run) => (
                        <button type="button" class="link" data-testid="job-open" onClick={() => runFocus.open(run())}>
                          Show
                        </button>
                      )}
                    </Show>
                    <Show when={jobFinished(j)}>
                      <button type="button" class="link" data-testid="job-clear" aria-label={`Clear ${j.label}`} onClick={() => clearedJobs.clear([j.id])}>
                        Clear
                      </button>
                    </Show>
                  </div>
                </li>
              );
            }}
          </For>
        </ul>
      </Show>
    </section>
  );
}
