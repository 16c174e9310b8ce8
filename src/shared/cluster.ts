// Types of the run queue (a Redis server that `emlw worker` processes take runs from) shared by the
// hosts, the command line and the renderer: the workers a queue has, and what a queued job reports.

/** A worker as it announces itself on the queue (its heartbeat, renewed every few seconds). */
export interface ClusterWorkerInfo {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  /** emlw version and queue protocol of the worker; runs of another protocol are refused. */
  readonly version: string;
  readonly protocol: number;
  /** Runs it executes at once, and runs executing now. */
  readonly concurrency: number;
  readonly active: number;
  /** Runs it finished since it started. */
  readonly runs: number;
  /** ISO time it started. */
  readonly startedAt: string;
}

/** The `cluster` field of a queued job's report: the queue and, per worker, the runs whose results it gave. */
export interface ClusterReport {
  readonly queue: string;
  readonly workers: ReadonlyArray<{ readonly id: string; readonly runs: number }>;
}

/** The queue the app sends fits to (null: fits run on this machine), as kept in the host's settings. */
export interface ClusterSettings {
  readonly queue: string | null;
}

/** What the app shows of its queue: the setting and, when one is set, its workers or why they are unknown. */
export interface ClusterStatus extends ClusterSettings {
  /** The queue URL without its password (null when none is set). */
  readonly display: string | null;
  readonly workers: readonly ClusterWorkerInfo[];
  /** Why the workers could not be listed (Redis unreachable ...), or null. */
  readonly error: string | null;
  /** The protocol this host speaks; workers of another protocol refuse its runs. */
  readonly protocol: number;
}
