// Messages between a job's parent and its worker thread. Only plain data crosses (structured clone);
// errors travel as { message } because custom error fields do not survive the boundary.

export type ToWorker<I> = { type: 'start'; input: I; stop: SharedArrayBuffer };

export type FromWorker<O, P> =
  | { type: 'progress'; progress: P }
  | { type: 'result'; result: O }
  | { type: 'error'; message: string };

/** Why a job ended without a result. */
export type StopReason = { kind: 'cancelled' } | { kind: 'timeLimit'; ms: number } | { kind: 'failed'; message: string };
