// One training run in the Fit view: its live loss curves (fetched while it trains), the table of its runs
// (seed × strategy) with the snapped results and their R² and MAE on the run's data, and the chosen run in full
// (TrainSeedDetail: the best one unless another row is chosen). Each finished run can be saved to the Library.

import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import type { JobInfo } from '../../../../shared/jobs';
import type { CurveSeries, TrainRunRecord, TrainSeedRecord } from '../../../../shared/train';
import LossChart, { runColour } from '../../components/fit/LossChart';
import { fmtLoss, formatError, formatR2 } from '../../fit/formatMeasure';
import { fitMeasures, predictRows, type FitMeasures } from '../../fit/predict';
import { fetchRunData } from '../../fit/runData';
import { seedOutcome } from '../../fit/seedOutcome';
import { errorText, invoke } from '../../host';
import { jobActive, useWorkbench } from '../../state/workbench';
import TrainSeedDetail from './TrainSeedDetail';
import ErrorAlert from '../../components/ErrorAlert';
import RunChooser from '../../components/fit/RunChooser';

/** How often the live curves are fetched while the shown run trains. */
const CURVE_POLL_MS = 500;


export interface TrainRunViewProps {
  readonly run: TrainRunRecord;
  readonly job: JobInfo | undefined;
  readonly runs: readonly TrainRunRecord[];
  readonly onChoose: (runId: string) => void;
}

export default function TrainRunView(props: TrainRunViewProps): JSX.Element {
  const wb = useWorkbench();
  const [chosenSeed, setChosenSeed] = createSignal<number | null>(null);
  const [saveError, setSaveError] = createSignal<string | null>(null);
  // a queued job counts as active: it shows as such and can be cancelled
  const running = (): boolean => jobActive(props.job);
  // memos: a project refresh brings a new record of the same run, which must neither undo the user's choice of
  // row nor restart the curve polling
  const runId = createMemo(() => props.run.id);
  const status = createMemo(() => props.job?.status ?? props.run.status);
  createEffect(on(runId, () => setChosenSeed(null), { defer: true }));

  // live curves: fetched when the shown run changes, every CURVE_POLL_MS while it trains, and once when it ends
  const [curves, setCurves] = createSignal<readonly CurveSeries[]>([]);
  let curveTicket = 0;
  const fetchCurves = async (runId: string): Promise<void> => {
    const mine = ++curveTicket;
    try {
      const c = await invoke('eml:train:curves', { runId });
      if (mine === curveTicket) setCurves(c.series);
    } catch (e) {
      if (mine === curveTicket) wb.notify({ kind: 'error', text: errorText(e) });
    }
  };
  createEffect(
    on([runId, status], ([id, st]) => {
      void fetchCurves(id);
      if (st !== 'running') return;
      const timer = setInterval(() => void fetchCurves(id), CURVE_POLL_MS);
      onCleanup(() => clearInterval(timer));
    }),
  );
  const totalIter = createMemo(() => curves().reduce((n, s) => n + s.iter, 0));
  const liveSeed = (index: number): CurveSeries | undefined => curves().find((s) => s.index === index);
  const done = (): number => Math.max(props.job?.done ?? 0, props.run.progress.done);

  // the run's data, once any run has a result, for R², MAE and the plots
  const [data] = createResource(() => (props.run.seeds.some((s) => s.result) ? props.run.id : undefined), fetchRunData);
  const measures = createMemo(() => {
    const d = data.state === 'ready' ? data() : undefined;
    const out = new Map<number, FitMeasures>();
    if (!d) return out;
    for (const s of props.run.seeds) {
      if (!s.result) continue;
      try {
        out.set(s.index, fitMeasures(predictRows(s.result.tree, d), d.target));
      } catch {
        // a tree over variables the data lacks has no measures
      }
    }
    return out;
  });

  const shown = createMemo(() => {
    const r = props.run;
    const i = chosenSeed() ?? r.best;
    const s = i === null ? undefined : r.seeds.find((x) => x.index === i);
    return s?.result ? s : undefined;
  });
  const savedTree = (tree: string): boolean => (wb.project()?.data.formulas ?? []).some((f) => props.run.formulaIds.includes(f.id) && f.source.text === tree);
  const save = async (s: TrainSeedRecord): Promise<void> => {
    setSaveError(null);
    try {
      const record = await invoke('eml:train:save', { runId: props.run.id, index: s.index });
      await wb.refreshProject();
      wb.notify({ kind: 'info', text: `Saved “${record.name}” to the Library` });
    } catch (e) {
      setSaveError(errorText(e));
    }
  };

  return (
    <section class="panel" aria-labelledby="fit-run-title" data-testid="fit-run-panel" data-status={running() ? 'running' : props.run.status} data-run={props.run.id}>
      <div class="row">
        <h4 id="fit-run-title" class="grow">
          {props.run.label}
        </h4>
        <RunChooser runs={props.runs} current={props.run.id} testid="fit-run-select" onChoose={props.onChoose} />
      </div>
      <p data-testid="fit-status" data-iter={totalIter()} data-done={done()} aria-live="polite">
        {running() ? props.job!.status : props.run.status}: {done()} of {props.run.progress.total} runs finished, {totalIter()} iterations in all.{' '}
        {props.run.target.description}
      </p>
      <For each={props.run.notes}>{(n) => <p class="muted">{n}</p>}</For>
      <Show when={props.run.error}>{(e) => <p class="error">{e()}</p>}</Show>
      <LossChart series={curves()} />
      <div class="table-wrap">
        <table data-testid="fit-seed-table" aria-label="Runs of this fit">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Seed</th>
              <th scope="col">Strategy</th>
              <th scope="col">Iteration</th>
              <th scope="col" title="Search while the tree is soft, then hardening towards one choice per input">
                Phase
              </th>
              <th scope="col" title="Data MSE of the soft tree at the current temperature">
                Soft
              </th>
              <th scope="col" title="Data MSE of the tree at the hard temperature τ_hard, before snapping">
                Hard
              </th>
              <th scope="col">Result</th>
              <th scope="col" title="MSE of the snapped tree (every choice rounded to its strongest option) on the training data">
                Snapped MSE
              </th>
              <th scope="col">Held-out MSE</th>
              <th scope="col" title="Coefficient of determination of the snapped tree on the run's data">
                R²
              </th>
              <th scope="col" title="Mean absolute error of the snapped tree on the run's data">
                MAE
              </th>
              <th scope="col">Snapped formula</th>
              <th scope="col">Library</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.run.seeds}>
              {(s) => (
                <tr
                  data-testid="fit-seed-row"
                  data-outcome={seedOutcome(s)}
                  classList={{ chosen: shown()?.index === s.index }}
                  aria-selected={shown()?.index === s.index}
                  onClick={() => s.result && setChosenSeed(s.index)}
                >
                  <td>
                    <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                      <rect width="10" height="10" fill={runColour(s.index)} />
                    </svg>
                    {s.index + 1}
                  </td>
                  <td>{s.seed}</td>
                  <td>{s.strategy}</td>
                  <td>{Math.max(s.iter, liveSeed(s.index)?.iter ?? 0)}</td>
                  <td>{s.result || s.status !== 'running' ? (s.status === 'done' ? 'done' : s.status) : (liveSeed(s.index)?.phase ?? s.phase)}</td>
                  <td>{fmtLoss(s.soft)}</td>
                  <td>{fmtLoss(s.hard)}</td>
                  <td data-testid="fit-seed-outcome">{seedOutcome(s)}</td>
                  <td>{fmtLoss(s.result?.snapMse)}</td>
                  <td>{fmtLoss(s.result?.genMse)}</td>
                  <td data-testid="fit-seed-r2">{measures().has(s.index) ? formatR2(measures().get(s.index)!.r2) : '–'}</td>
                  <td data-testid="fit-seed-mae">{measures().has(s.index) ? formatError(measures().get(s.index)!.mae) : '–'}</td>
                  <td class="formula-cell">
                    <Show when={s.result}>
                      {(res) => (
                        <>
                          <code data-testid="fit-seed-formula">{res().formula}</code>
                          <span class="muted"> = {res().tree}</span>
                        </>
                      )}
                    </Show>
                  </td>
                  <td>
                    <Show when={s.result}>
                      {(res) => (
                        <Show when={!savedTree(res().tree)} fallback={<span class="muted">saved</span>}>
                          <button
                            type="button"
                            class="small"
                            data-testid="fit-seed-save"
                            onClick={(e) => {
                              e.stopPropagation();
                              void save(s);
                            }}
                          >
                            Save
                          </button>
                        </Show>
                      )}
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
      <ErrorAlert message={saveError()} testid="fit-save-error" />
      <Show when={props.run.formulaIds.length > 0}>
        <p class="muted" data-testid="fit-saved">
          In the Library: {props.run.formulaIds.length} formula{props.run.formulaIds.length === 1 ? '' : 's'} from this run.
        </p>
      </Show>
      <Show when={shown()}>
        {(s) => <TrainSeedDetail run={props.run} seed={s()} isBest={s().index === props.run.best} data={data.state === 'ready' ? data() : undefined} />}
      </Show>
    </section>
  );
}
