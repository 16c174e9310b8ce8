// What the jobs panel shows of a job's progress: the bar's value and maximum and the text beside it. A job
// that completed is complete, whatever its last progress counter said (a recognize job counts sizes K and
// stops at the first hit, K 19 of a Max K of 31; a table job's last count can arrive after its end), so its
// bar is full; a stopped job keeps the counter it reached. The run history says the same of a run. Pure.

import type { JobInfo } from '../../../shared/jobs';

export interface JobBar {
  readonly value: number;
  readonly max: number;
  /** Whole percent of the bar. */
  readonly percent: number;
  /** The counter as text ("5 / 6", "100 %", "stopped at 5 / 6"). */
  readonly text: string;
}

/** Returns the progress bar of a job. */
export function jobProgress(job: Pick<JobInfo, 'status' | 'done' | 'total'>): JobBar {
  const max = Math.max(1, job.total, job.done);
  if (job.status === 'completed') return { value: max, max, percent: 100, text: '100 %' };
  const value = Math.min(job.done, max);
  const percent = Math.floor((100 * value) / max);
  const counter = `${job.done} / ${job.total || '…'}`;
  if (job.status === 'failed' || job.status === 'cancelled') return { value, max, percent, text: `stopped at ${counter}` };
  return { value, max, percent, text: counter };
}

/** True when a job has ended (completed, failed or cancelled) and can be cleared from the panel. */
export function jobFinished(job: Pick<JobInfo, 'status'>): boolean {
  return job.status === 'completed' || job.status === 'failed' || job.status === 'cancelled';
}

/** Returns a run's progress as text: "5 / 6", or for a run that completed before its last step "100 % (19 of 31 needed)". */
export function runProgressText(run: { readonly status: string; readonly progress: { readonly done: number; readonly total: number } }): string {
  const { done, total } = run.progress;
  if (run.status === 'completed' && done < total) return `100 % (${done} of ${total} needed)`;
  return `${done} / ${total}`;
}
