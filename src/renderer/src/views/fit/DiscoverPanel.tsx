// Discover in the Fit view: the chosen dataset's inputs and target go to a discover job on the host (exhaustive
// searches over the data with fitted constants, ranked by description length; src/core/discover). The front
// of EML size K against error grows live as the job writes it to the project; choosing an entry shows it in
// full (DiscoverEntryView). Everything shown is read back from the host, so a reload finds a running job.

import { createEffect, createMemo, createSignal, For, on, Show, untrack, type JSX } from 'solid-js';
import { DISCOVER_LIMITS as L, type DiscoverJobRequest, type DiscoverRunRecord } from '../../../../shared/discover';
import type { JobInfo } from '../../../../shared/jobs';
import { errorText, invoke } from '../../host';
import { runFocus } from '../../state/runFocus';
import { jobActive, useWorkbench } from '../../state/workbench';
import type { DataSelection } from './dataSelection';
import DiscoverEntryView from './DiscoverEntryView';
import { ORIGIN_SHORT, ORIGIN_TEXT } from './discoverText';
import { formatError, formatR2 } from '../../fit/formatMeasure';
import { describeSummary } from './discoverText';
import NumberField from './NumberField';
import ErrorAlert from '../../components/ErrorAlert';
import RunChooser from '../../components/fit/RunChooser';

export default function DiscoverPanel(props: { readonly data: DataSelection }): JSX.Element {
  const wb = useWorkbench();
  const sel = props.data;
  const [timeLimit, setTimeLimit] = createSignal<number>(L.defaultTimeLimitS);
  const [noiseKind, setNoiseKind] = createSignal<'auto' | 'given'>('auto');
  const [sigma, setSigma] = createSignal(0.01);
  const [maxK, setMaxK] = createSignal<number | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const [starting, setStarting] = createSignal(false);
  const [chosenRun, setChosenRun] = createSignal<string | null>(null);
  const [chosenEntry, setChosenEntry] = createSignal<string | null>(null);

  const runs = createMemo(() => (wb.project()?.data.runs ?? []).filter((r): r is DiscoverRunRecord => r.kind === 'discover'));
  const run = createMemo(() => {
    const id = chosenRun();
    return (id ? runs().find((r) => r.id === id) : undefined) ?? runs().at(-1);
  });
  // a discover run opened from elsewhere (run history, jobs panel, a formula's provenance) is the one shown
  createEffect(
    on(runFocus.id, (id) => {
      if (id && untrack(runs).some((r) => r.id === id)) setChosenRun(id);
    }),
  );
  const job = createMemo<JobInfo | undefined>(() => {
    const r = run();
    return r ? wb.jobs().find((j) => j.runId === r.id) : undefined;
  });
  // a queued job counts as active (it can be cancelled); a run without a job (the host restarted) by its record
  const active = (s: string | undefined): boolean => s === 'running' || s === 'queued';
  const running = (): boolean => jobActive(job()) || (job() === undefined && active(run()?.status));
  const shownStatus = (): string => (running() ? (job()?.status ?? run()!.status) : run()!.status);
  const entry = createMemo(() => {
    const r = run();
    if (!r || r.front.length === 0) return undefined;
    const e = chosenEntry();
    return (e ? r.front.find((x) => x.eml === e) : undefined) ?? (r.best !== null ? r.front[r.best] : undefined) ?? r.front[0];
  });
  // a new run starts with its best entry shown; keyed on the id (a memo notifies only when it changes), as a
  // project refresh brings a new record of the same run, which must not undo the user's choice of entry
  const runId = createMemo(() => run()?.id);
  createEffect(on(runId, () => setChosenEntry(null), { defer: true }));

  const start = async (): Promise<void> => {
    setError(null);
    const ds = sel.dataset();
    if (!ds) {
      setError('Import a CSV/TSV file or choose a dataset above first.');
      return;
    }
    const input: DiscoverJobRequest = {
      datasetId: ds.id, x: [...sel.xCols()], y: sel.yCol(), timeLimitS: timeLimit(),
      noise: noiseKind() === 'auto' ? { kind: 'auto' } : { kind: 'given', sigma: sigma() },
      maxK: maxK(),
    };
    setStarting(true);
    try {
      const started = await invoke('eml:jobs:start', { kind: 'discover', input });
      runFocus.clear();
      setChosenRun(started.runId);
      setChosenEntry(null);
      await wb.refreshProject();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setStarting(false);
    }
  };

  return (
    <section class="panel fit-discover" aria-labelledby="discover-title" data-testid="discover-panel">
      <h3 id="discover-title">Discover: the exact formula behind the data</h3>
      <div class="muted help">
        Searches every formula up to a size over the chosen inputs and lists, for each size K, the best one no smaller formula beats; it stops
        early once a formula is <em>exact within noise</em>.{' '}
        <details class="help-more" data-testid="discover-help">
          <summary>How it works</summary>
          It enumerates calculator operations with the constants 1 and 2, the same with one fitted constant, and pure EML trees; trains
          general EML master trees (any input may take 1, a variable, a fitted constant or a subtree) started from the searches' nearest misses;
          fits an output scale and offset to each candidate; snaps fitted constants to closed forms such as 1/2 or π when the data allow; and ranks by description
          length, error against size. A formula is exact within noise when its residuals look like the data's noise (estimated from neighbouring
          rows, or the σ you give) on training and held-out rows and follow no trend. Max K bounds the size of reported formulas.
        </details>
      </div>
      <form
        class="row discover-form"
        aria-label="Discover settings"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <NumberField label="Time limit (s)" testid="discover-time-limit" get={timeLimit} set={setTimeLimit} min={0} max={L.maxTimeLimitS} step={5} />
        <label>
          <span>Noise</span>
          <select data-testid="discover-noise" onChange={(e) => setNoiseKind(e.currentTarget.value as 'auto' | 'given')}>
            <option value="auto" selected={noiseKind() === 'auto'}>
              estimate from the data
            </option>
            <option value="given" selected={noiseKind() === 'given'}>
              given σ
            </option>
          </select>
        </label>
        <Show when={noiseKind() === 'given'}>
          <NumberField label="σ (target units)" testid="discover-sigma" get={sigma} set={setSigma} min={0} max={1e12} step={0.001} />
        </Show>
        <label title="Largest size K of a reported formula; leave empty for no limit">
          <span>Max K (empty: no limit)</span>
          <input
            type="number"
            data-testid="discover-max-k"
            min={1}
            max={L.maxK}
            value={maxK() ?? ''}
            onInput={(e) => {
              const text = e.currentTarget.value.trim();
              const v = Number(text);
              if (text === '') setMaxK(null);
              else if (Number.isFinite(v)) setMaxK(v);
            }}
          />
        </label>
        <button type="submit" class="primary" data-testid="discover-run" disabled={!wb.project() || starting() || !sel.dataset()}>
          Discover
        </button>
        <Show when={running() && job()}>
          <button type="button" data-testid="discover-cancel" onClick={() => void wb.cancelJob(job()!.id)}>
            Cancel
          </button>
        </Show>
      </form>
      <ErrorAlert message={error()} testid="discover-error" />

      <Show when={run()}>
        {(r) => (
          <div class="discover-run" data-testid="discover-run-panel" data-status={shownStatus()} data-run={r().id}>
            <div class="row">
              <h4 class="grow">{r().label}</h4>
              <RunChooser runs={runs()} current={r().id} testid="discover-run-select" onChoose={(id) => { runFocus.clear(); setChosenRun(id); }} />
            </div>
            <p data-testid="discover-status" aria-live="polite">
              <Show
                when={running()}
                fallback={
                  <>
                    {r().status}: {describeSummary(r())}.
                  </>
                }
              >
                {shownStatus()}: {job()?.message ?? r().note}
              </Show>
            </p>
            <p class="muted" data-testid="discover-data">
              Data: {r().dataset.detail}
            </p>
            <Show when={r().error}>{(e) => <p class="error">{e()}</p>}</Show>
            <Show when={r().front.length > 0} fallback={<p class="muted">{running() ? 'No formula measured yet.' : 'No formula explains the data.'}</p>}>
              <div class="table-wrap">
                <table class="discover-front" data-testid="discover-front" data-entries={r().front.length} aria-label="Pareto front: size against error">
                  <thead>
                    <tr>
                      <th scope="col">K</th>
                      <th scope="col">Formula</th>
                      <th scope="col">RMSE</th>
                      <th scope="col">Held-out RMSE</th>
                      <th scope="col">Largest error</th>
                      <th scope="col">R²</th>
                      <th scope="col">Exact within noise</th>
                      <th scope="col">Constants</th>
                      <th scope="col">Found by</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={r().front}>
                      {(e, i) => (
                        <tr
                          data-testid="discover-entry"
                          data-exact={String(e.exactWithinNoise)}
                          classList={{ chosen: entry()?.eml === e.eml }}
                          aria-selected={entry()?.eml === e.eml}
                          tabindex="0"
                          onClick={() => setChosenEntry(e.eml)}
                          onKeyDown={(ev) => {
                            if (ev.key === 'Enter' || ev.key === ' ') {
                              ev.preventDefault();
                              setChosenEntry(e.eml);
                            }
                          }}
                        >
                          <td class="num">{e.K}</td>
                          <td class="formula-cell">
                            <code data-testid="discover-entry-formula">{e.formula}</code>
                            <Show when={r().best === i()}>
                              <span class="badge ok" title="Lowest description length">best</span>
                            </Show>
                          </td>
                          <td class="num">{formatError(e.rmse)}</td>
                          <td class="num">{formatError(e.heldOutRmse)}</td>
                          <td class="num">{formatError(e.maxError)}</td>
                          <td class="num">{formatR2(e.r2)}</td>
                          <td>{e.exactWithinNoise ? 'yes' : 'no'}</td>
                          <td class="num">{e.constants}</td>
                          <td title={ORIGIN_TEXT[e.origin]}>{ORIGIN_SHORT[e.origin]}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
              <Show when={entry()}>{(e) => <DiscoverEntryView run={r()} entry={e()} />}</Show>
            </Show>
          </div>
        )}
      </Show>
    </section>
  );
}
