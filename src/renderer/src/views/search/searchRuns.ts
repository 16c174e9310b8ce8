// What the Search view's panels share: the project's latest search run of a task with its live job, and
// the host calls that start, cancel and save (through the bridge in host.ts; failures become notices).

import { createMemo, type Accessor } from 'solid-js';
import type { JobInfo } from '../../../../shared/jobs';
import type { SearchJobInput, SearchResult, SearchRunRecord, SearchTask } from '../../../../shared/search';
import { errorText, invoke } from '../../host';
import { runFocus } from '../../state/runFocus';
import { jobActive, type Workbench } from '../../state/workbench';

export interface LatestRun<T extends SearchTask> {
  readonly run: Accessor<SearchRunRecord | undefined>;
  /** The run's result, once it has one. */
  readonly result: Accessor<Extract<SearchResult, { task: T }> | undefined>;
  /** The job's status while the host lists it, else the run's ('none' before any run). */
  readonly status: Accessor<string>;
  /** The host's job writing the run, while the host still lists it. */
  readonly job: Accessor<JobInfo | undefined>;
  /** True while the run's job is running. */
  readonly running: Accessor<boolean>;
}

/** Returns the project's search run of `task` the user opened (runFocus), else its most recent one, and its job. */
export function latestRun<T extends SearchTask>(wb: Workbench, task: T): LatestRun<T> {
  const run = createMemo(() => {
    const runs = wb.project()?.data.runs ?? [];
    const focused = runs.find((r) => r.id === runFocus.id());
    if (focused?.kind === 'search' && focused.settings.task === task) return focused;
    for (let i = runs.length - 1; i >= 0; i--) {
      const r = runs[i]!;
      if (r.kind === 'search' && r.settings.task === task) return r;
    }
    return undefined;
  });
  const job = createMemo(() => {
    const r = run();
    return r ? wb.jobs().find((j) => j.runId === r.id) : undefined;
  });
  const running = createMemo(() => jobActive(job()));
  const result = createMemo(() => {
    const r = run()?.result;
    return r?.task === task ? (r as Extract<SearchResult, { task: T }>) : undefined;
  });
  const status = createMemo(() => job()?.status ?? run()?.status ?? 'none');
  return { run, job, running, result, status };
}

/** Starts a search job in the open project; returns it, or undefined after showing why not. */
export async function startSearch(wb: Workbench, input: SearchJobInput): Promise<JobInfo | undefined> {
  if (!wb.project()) {
    wb.notify({ kind: 'error', text: 'Open or create a project first: search runs are saved in a project.' });
    return undefined;
  }
  try {
    const job = await invoke('eml:jobs:start', { kind: 'search', input });
    runFocus.clear();
    await wb.refreshProject();
    return job;
  } catch (e) {
    wb.notify({ kind: 'error', text: errorText(e) });
    return undefined;
  }
}

/** Saves hit `index` of a recognize run to the library. */
export async function saveHit(wb: Workbench, runId: string, index = 0): Promise<void> {
  try {
    const record = await invoke('eml:search:save', { runId, index });
    await wb.refreshProject();
    wb.notify({ kind: 'info', text: `Saved “${record.name}” to the library` });
  } catch (e) {
    wb.notify({ kind: 'error', text: errorText(e) });
  }
}

/** Returns milliseconds as "0.42 s" / "1 min 3 s". */
export function formatMs(ms: number): string {
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms - m * 60_000) / 1000)} s`;
}

/** Returns bytes as "12.3 MB". */
export function formatBytes(b: number): string {
  return b < 1024 ** 2 ? `${(b / 1024).toFixed(0)} kB` : `${(b / 1024 ** 2).toFixed(1)} MB`;
}
