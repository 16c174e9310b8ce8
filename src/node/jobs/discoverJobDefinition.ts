// The discover job: runs src/core/discover on a dataset's columns in the discover worker and records it as a
// DiscoverRunRecord. The live front (re-ranked by the engine at most once a second) is written to the run as
// it arrives; the end writes the final front, the best entry and the engine's summary. A cancelled or failed
// run keeps the last front it had. Nothing is saved to the Library here: the user saves the entries they want.

import type { DiscoverReport } from '../../core/discover/discover';
import type { DiscoverEntry, DiscoverJobProgress, DiscoverRunRecord } from '../../shared/discover';
import type { PreparedDiscover } from '../discover/discoverRequest';
import { findRun, type JobDefinition } from './jobDefinition';

const NUMBER_FIELDS = ['K', 'rmse', 'heldOutRmse', 'r2', 'maxError', 'constants', 'score'] as const;

/** The entries of a front as the record keeps them (plain copies; an entry with a non-finite number, which JSON cannot hold, is left out). */
function storedFront(front: readonly DiscoverEntry[]): DiscoverEntry[] {
  return front.filter((e) => NUMBER_FIELDS.every((k) => Number.isFinite(e[k]))).map((e) => ({ ...e }));
}

/** Index of `best` in `front` (matched by its EML tree), or null. */
function bestIndex(front: readonly DiscoverEntry[], best: DiscoverEntry | null): number | null {
  if (!best) return null;
  const i = front.findIndex((e) => e.eml === best.eml);
  return i >= 0 ? i : null;
}

/** Whole seconds of the time limit: the progress total of a discover job. */
const totalSeconds = (limitMs: number): number => Math.max(1, Math.ceil(limitMs / 1000));

/** Returns the job's label: "Discover f from x, y in data.csv (60 s)". */
export function discoverLabel(p: PreparedDiscover): string {
  const s = p.input;
  return `Discover ${s.y} from ${s.x.join(', ')} in ${p.dataset.name} (${s.timeLimitS} s)`;
}

/** The discover job. Its input is prepared (checked, columns read) by the API before it starts. */
export const DISCOVER_JOB: JobDefinition<PreparedDiscover, DiscoverJobProgress, DiscoverReport> = {
  worker: 'discover',
  // the engines run on the job's search threads; the service queues the job until that many cores are free
  cores: (prepared) => prepared.input.threads,
  label: discoverLabel,
  async createRun(store, prepared, base) {
    const record: DiscoverRunRecord = {
      ...base, kind: 'discover', progress: { done: 0, total: totalSeconds(prepared.input.timeLimitS * 1000) },
      settings: structuredClone(prepared.input), dataset: { ...prepared.dataset },
      front: [], best: null, elapsedMs: 0, candidates: 0, note: 'starting', summary: null, formulaIds: [],
    };
    await store.update((d) => {
      d.runs.push(record);
    });
  },
  describe: (p) => {
    const total = totalSeconds(p.limitMs);
    // the last event (the final ranking) completes the bar even when an exact find ended the search early
    const done = p.engine === 'rank' ? total : Math.min(total, Math.floor(p.elapsedMs / 1000));
    const best = p.best ? `; best ${p.best.formula}${p.best.exactWithinNoise ? ' (exact within noise)' : ''}` : '';
    return { done, total, message: `${(p.elapsedMs / 1000).toFixed(1)} s, ${p.candidates} candidates: ${p.note}${best}` };
  },
  async recordProgress(store, runId, p) {
    // a front arrives at most once a second; the notes in between travel with the job's progress only
    if (p.front === undefined) return;
    const front = storedFront(p.front);
    await store.update((d) => {
      const run = findRun(d, runId, 'discover');
      if (!run) return;
      run.front = front;
      run.best = bestIndex(front, p.best);
      run.elapsedMs = p.elapsedMs;
      run.candidates = p.candidates;
      run.note = p.note;
      const total = totalSeconds(p.limitMs);
      run.progress = { done: p.engine === 'rank' ? total : Math.min(total, Math.floor(p.elapsedMs / 1000)), total };
    });
  },
  async recordEnd(store, runId, end) {
    await store.update((d) => {
      const run = findRun(d, runId, 'discover');
      if (!run) return;
      run.status = end.status;
      run.endedAt = new Date().toISOString();
      run.error = end.error ?? null;
      const r = end.result;
      if (!r) return;
      const front = storedFront(r.front);
      run.front = front;
      run.best = bestIndex(front, r.best);
      run.elapsedMs = r.ms;
      run.candidates = r.candidates;
      run.progress = { done: run.progress.total, total: run.progress.total };
      run.summary = {
        rows: { ...r.rows }, noise: { ...r.noise }, engines: r.engines.map((e) => ({ ...e })),
        candidates: r.candidates, rejected: r.rejected, reducible: r.reducible, stop: { ...r.stop }, ms: r.ms,
      };
    });
  },
};
