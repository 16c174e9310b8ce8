// The `cluster` field of a queued job's report: per worker, the runs whose results were kept.

import type { ClusterReport } from '../../shared/cluster';

/** Returns the report of a queue from (worker id, runs) counts; workers sorted by id, counts of one id summed. */
export function clusterReport(queue: string, counts: Iterable<readonly [string, number]>): ClusterReport {
  const runs = new Map<string, number>();
  for (const [id, n] of counts) runs.set(id, (runs.get(id) ?? 0) + n);
  return { queue, workers: [...runs].sort((a, b) => a[0].localeCompare(b[0])).map(([id, n]) => ({ id, runs: n })) };
}

/** Returns the report of several queued jobs on one queue together, or undefined when there are none. */
export function mergeClusterReports(reports: readonly ClusterReport[]): ClusterReport | undefined {
  if (reports.length === 0) return undefined;
  return clusterReport(reports[0]!.queue, reports.flatMap((r) => r.workers.map((w) => [w.id, w.runs] as const)));
}
