// The Fit view: trains master EML trees on a built-in target, any formula or an imported CSV/TSV dataset
// as a job on the host, shows live loss curves per run, the per-run results with the snapped formulas, the
// best tree with its LaTeX, a Pareto view of every training run of the project and a depth × init sweep
// with its success heatmap. Everything shown is read back from the host (job list, run records, curves),
// so a reload finds a running fit where it was.

import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import type { JobInfo } from '../../../shared/jobs';
import type {
  CurveSeries, DatasetImportResponse, TrainInit, TrainJobInput, TrainRunRecord, TrainSeedRecord, TrainSource, TrainTarget,
} from '../../../shared/train';
import { MAX_TRAIN_SEEDS, TRAIN_INITS, TRAIN_TARGETS } from '../../../shared/train';
import ClusterPanel from '../components/ClusterPanel';
import { PAPER_GRID } from '../../../core/train/dataset';
import { DEFAULT_TRAIN_OPTIONS, FIT_DEFAULTS, parseOptionText } from '../../../core/train/options';
import EmlTree from '../components/EmlTree';
import LossChart, { runColour } from '../components/fit/LossChart';
import ParetoChart, { type ParetoPoint } from '../components/fit/ParetoChart';
import SweepHeatmap, { type SweepCell } from '../components/fit/SweepHeatmap';
import Latex from '../components/Latex';
import { errorText, invoke } from '../host';
import { jobActive, useWorkbench } from '../state/workbench';
import { labelPrimitives } from '../tree/primitiveLabels';
import './fit.css';
import { emlTextToDag } from './fitTree';

/** How often the live curves are fetched while the shown run trains. */
const CURVE_POLL_MS = 500;

const fmt = (v: number | null | undefined): string => (v === null || v === undefined ? '–' : v === 0 ? '0' : v.toExponential(2));

function seedOutcome(s: TrainSeedRecord): string {
  if (!s.result) return s.status;
  return s.result.symbolSuccess ? 'exact' : s.result.success ? 'fit' : 'fail';
}

export default function FitView(): JSX.Element {
  const wb = useWorkbench();
  // data
  const [sourceKind, setSourceKind] = createSignal<TrainSource['kind']>('target');
  const [target, setTarget] = createSignal<TrainTarget>('eml_depth2');
  const [formula, setFormula] = createSignal('exp(x) - ln(y)');
  const [gridLo, setGridLo] = createSignal(PAPER_GRID.lo);
  const [gridHi, setGridHi] = createSignal(PAPER_GRID.hi);
  const [gridStep, setGridStep] = createSignal(PAPER_GRID.step);
  const [datasetId, setDatasetId] = createSignal('');
  const [xCols, setXCols] = createSignal<string[]>([]);
  const [yCol, setYCol] = createSignal('');
  const [testFraction, setTestFraction] = createSignal(FIT_DEFAULTS.testFraction);
  const [imported, setImported] = createSignal<DatasetImportResponse | null>(null);
  const [importing, setImporting] = createSignal(false);
  // model and runs
  const [depth, setDepth] = createSignal(2);
  const [init, setInit] = createSignal<TrainInit>(FIT_DEFAULTS.init);
  const [initExpr, setInitExpr] = createSignal('');
  const [initNoise, setInitNoise] = createSignal(DEFAULT_TRAIN_OPTIONS.initNoise);
  const [seeds, setSeeds] = createSignal(FIT_DEFAULTS.seeds);
  const [seed0, setSeed0] = createSignal(FIT_DEFAULTS.seed0);
  const [searchIters, setSearchIters] = createSignal(DEFAULT_TRAIN_OPTIONS.searchIters);
  const [hardeningIters, setHardeningIters] = createSignal(DEFAULT_TRAIN_OPTIONS.hardeningIters);
  const [patience, setPatience] = createSignal(DEFAULT_TRAIN_OPTIONS.patience);
  const [moreOptions, setMoreOptions] = createSignal('');
  const [formError, setFormError] = createSignal<string | null>(null);
  const [starting, setStarting] = createSignal(false);
  const [chosenRun, setChosenRun] = createSignal<string | null>(null);
  // sweep
  const [sweepDepths, setSweepDepths] = createSignal('2, 3');
  const [sweepInits, setSweepInits] = createSignal<TrainInit[]>(['biased', 'uniform']);
  const [sweepSeeds, setSweepSeeds] = createSignal(2);

  const datasets = () => wb.project()?.data.datasets ?? [];
  const dataset = createMemo(() => datasets().find((d) => d.id === datasetId()));
  const trainRuns = createMemo(() => (wb.project()?.data.runs ?? []).filter((r): r is TrainRunRecord => r.kind === 'train'));
  const run = createMemo(() => {
    const runs = trainRuns();
    const id = chosenRun();
    return (id ? runs.find((r) => r.id === id) : undefined) ?? runs.filter((r) => r.settings.sweep === null).at(-1) ?? runs.at(-1);
  });
  const job = createMemo<JobInfo | undefined>(() => {
    const r = run();
    return r ? wb.jobs().find((j) => j.runId === r.id) : undefined;
  });
  const running = (): boolean => jobActive(job());

  // datasets: pick the newest and its columns when none is chosen
  createEffect(
    on(datasets, (list) => {
      if (list.length === 0 || list.some((d) => d.id === datasetId())) return;
      const d = list[list.length - 1]!;
      setDatasetId(d.id);
    }),
  );
  createEffect(
    on(dataset, (d) => {
      if (!d) return;
      const names = d.columns.map((c) => c.name);
      setXCols(names.slice(0, -1));
      setYCol(names[names.length - 1] ?? '');
    }),
  );

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
    on([() => run()?.id, () => job()?.status ?? run()?.status], ([id, status]) => {
      if (!id) {
        setCurves([]);
        return;
      }
      void fetchCurves(id);
      if (status !== 'running') return;
      const timer = setInterval(() => void fetchCurves(id), CURVE_POLL_MS);
      onCleanup(() => clearInterval(timer));
    }),
  );
  const totalIter = createMemo(() => curves().reduce((n, s) => n + s.iter, 0));
  const liveSeed = (index: number): CurveSeries | undefined => curves().find((s) => s.index === index);

  const best = createMemo(() => {
    const r = run();
    if (!r || r.best === null) return undefined;
    const s = r.seeds[r.best];
    return s?.result ? { seed: s, result: s.result } : undefined;
  });
  const bestDag = createMemo(() => (best() ? emlTextToDag(best()!.result.tree) : undefined));
  const [patterns] = createResource(() => invoke('eml:compile:primitives', { mode: 'paper', prefer: 'robust' }));
  const bestLabels = createMemo(() => {
    const dag = bestDag();
    const list = patterns();
    return dag && list ? labelPrimitives(dag, list) : new Map();
  });

  const pareto = createMemo<ParetoPoint[]>(() =>
    trainRuns().flatMap((r) =>
      r.seeds
        .filter((s) => s.result && s.result.snapMse !== null)
        .map((s) => ({
          K: s.result!.K,
          mse: s.result!.snapMse!,
          exact: s.result!.symbolSuccess,
          label: `${r.target.name}, depth ${r.settings.depth}, seed ${s.seed} ${s.strategy}: ${s.result!.tree} (K ${s.result!.K}, MSE ${fmt(s.result!.snapMse)})`,
        })),
    ),
  );

  const latestSweep = createMemo(() => trainRuns().filter((r) => r.settings.sweep !== null).at(-1)?.settings.sweep ?? null);
  const sweepCells = createMemo<SweepCell[]>(() => {
    const id = latestSweep();
    if (!id) return [];
    const cells = new Map<string, SweepCell>();
    for (const r of trainRuns().filter((x) => x.settings.sweep === id)) {
      const key = `${r.settings.depth}/${r.settings.init}`;
      const c = cells.get(key) ?? { depth: r.settings.depth, init: r.settings.init, exact: 0, runs: 0, running: false };
      const finished = r.seeds.filter((s) => s.result);
      cells.set(key, {
        ...c,
        exact: c.exact + finished.filter((s) => s.result!.symbolSuccess).length,
        runs: c.runs + finished.length,
        running: c.running || r.status === 'running',
      });
    }
    return [...cells.values()];
  });

  const options = (): Record<string, number> => {
    const o: Record<string, number> = parseOptionText(moreOptions());
    if (searchIters() !== DEFAULT_TRAIN_OPTIONS.searchIters) o['searchIters'] = searchIters();
    if (hardeningIters() !== DEFAULT_TRAIN_OPTIONS.hardeningIters) o['hardeningIters'] = hardeningIters();
    if (patience() !== DEFAULT_TRAIN_OPTIONS.patience) o['patience'] = patience();
    if (init() === 'manual' && initNoise() !== DEFAULT_TRAIN_OPTIONS.initNoise) o['initNoise'] = initNoise();
    return o;
  };

  const source = (): TrainSource => {
    switch (sourceKind()) {
      case 'target':
        return { kind: 'target', name: target() };
      case 'formula':
        return { kind: 'formula', text: formula(), grid: { lo: gridLo(), hi: gridHi(), step: gridStep() } };
      case 'dataset':
        if (!dataset()) throw new Error('import a CSV/TSV file or choose a dataset first');
        return { kind: 'dataset', datasetId: datasetId(), x: xCols(), y: yCol(), testFraction: testFraction() };
    }
  };

  const startJob = async (input: TrainJobInput): Promise<JobInfo | undefined> => {
    try {
      return await invoke('eml:jobs:start', { kind: 'train', input });
    } catch (e) {
      setFormError(errorText(e));
      return undefined;
    }
  };

  const run1 = async (): Promise<void> => {
    setFormError(null);
    let input: TrainJobInput;
    try {
      input = {
        source: source(), depth: depth(), init: init(), initExpr: init() === 'manual' && initExpr().trim() !== '' ? initExpr() : null,
        seeds: seeds(), seed0: seed0(), options: options(), sweep: null,
      };
    } catch (e) {
      setFormError((e as Error).message);
      return;
    }
    setStarting(true);
    const started = await startJob(input);
    setStarting(false);
    if (started) {
      setChosenRun(started.runId);
      await wb.refreshProject();
    }
  };

  const runSweep = async (): Promise<void> => {
    setFormError(null);
    const ds = sweepDepths().split(/[,\s]+/).filter(Boolean).map(Number);
    const bad = ds.find((d) => !Number.isInteger(d) || d < 2 || d > 6);
    if (ds.length === 0 || bad !== undefined) {
      setFormError(`sweep depths must be integers from 2 to 6 (the built-in targets eml_depth2..6)${bad !== undefined ? `, got ${bad}` : ''}`);
      return;
    }
    if (sweepInits().length === 0) {
      setFormError('choose at least one init for the sweep');
      return;
    }
    let opts: Record<string, number>;
    try {
      opts = options();
    } catch (e) {
      setFormError((e as Error).message);
      return;
    }
    const sweep = `sweep-${new Date().toISOString()}`;
    for (const d of ds) {
      for (const i of sweepInits()) {
        const ok = await startJob({
          source: { kind: 'target', name: `eml_depth${d}` as TrainTarget }, depth: d, init: i, initExpr: null, seeds: sweepSeeds(), seed0: seed0(),
          options: i === 'manual' ? { ...opts, initNoise: opts['initNoise'] ?? 12 } : opts, sweep,
        });
        if (!ok) return;
      }
    }
    await wb.refreshProject();
  };

  const importFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setFormError(null);
    if (file.size > 900_000) {
      setFormError(`${file.name} is ${Math.round(file.size / 1000)} kB; the import takes files up to 900 kB`);
      return;
    }
    setImporting(true);
    try {
      const res = await invoke('eml:dataset:import', { fileName: file.name, text: await file.text() });
      setImported(res);
      setDatasetId(res.dataset.id);
      setSourceKind('dataset');
      await wb.refreshProject();
    } catch (e) {
      setImported(null);
      setFormError(errorText(e));
    } finally {
      setImporting(false);
    }
  };

  // flag: the option's name as `emlw fit` takes it (the tooltip), so the form and the command line read alike
  const numberInput = (label: string, testid: string, get: () => number, set: (v: number) => void, min: number, max: number, step = 1, flag?: string): JSX.Element => (
    <label title={flag ? `--${flag}` : undefined}>
      <span>{label}</span>
      <input
        type="number"
        data-testid={testid}
        min={min}
        max={max}
        step={step}
        value={get()}
        onInput={(e) => {
          const v = Number(e.currentTarget.value);
          if (e.currentTarget.value !== '' && Number.isFinite(v)) set(v);
        }}
      />
    </label>
  );

  return (
    <section class="view fit-view" aria-labelledby="fit-title" data-testid="fit-view">
      <h2 id="fit-title">Fit</h2>
      <p class="muted">
        Trains full binary master EML trees by gradient descent (search, then hardening), snaps them to exact trees and lowers them to
        conventional formulas. Runs as a job on the host, one run per seed and strategy; exact recoveries go to the Library.
      </p>
      <Show when={!wb.project()}>
        <p class="muted" data-testid="fit-no-project">
          Open or create a project to fit: datasets, runs, curves and recovered formulas are stored in it.
        </p>
      </Show>

      <form
        class="panel fit-form"
        aria-label="Fit settings"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void run1();
        }}
      >
        <fieldset>
          <legend>Data</legend>
          <div class="row" role="radiogroup" aria-label="Data source">
            <For each={[['target', 'Built-in target'], ['formula', 'Formula'], ['dataset', 'Dataset (CSV/TSV)']] as const}>
              {([k, text]) => (
                <label class="radio">
                  <input type="radio" name="fit-source" data-testid={`fit-source-${k}`} checked={sourceKind() === k} onChange={() => setSourceKind(k)} />
                  {text}
                </label>
              )}
            </For>
          </div>
          <Show when={sourceKind() === 'target'}>
            <label>
              <span>Target</span>
              <select data-testid="fit-target" value={target()} onChange={(e) => {
                setTarget(e.currentTarget.value as TrainTarget);
                setDepth(Number(e.currentTarget.value.slice(-1)));
              }}>
                <For each={TRAIN_TARGETS}>{(t) => <option value={t}>{t}</option>}</For>
              </select>
            </label>
          </Show>
          <Show when={sourceKind() === 'formula'}>
            <div class="row">
              <label class="grow">
                <span>Formula in x, y</span>
                <input data-testid="fit-formula" value={formula()} onInput={(e) => setFormula(e.currentTarget.value)} spellcheck={false} />
              </label>
              {numberInput('Grid from', 'fit-grid-lo', gridLo, setGridLo, -100, 100, 0.1, 'data-lo')}
              {numberInput('to', 'fit-grid-hi', gridHi, setGridHi, -100, 100, 0.1, 'data-hi')}
              {numberInput('step', 'fit-grid-step', gridStep, setGridStep, 0.001, 10, 0.01, 'data-step')}
            </div>
          </Show>
          <Show when={sourceKind() === 'dataset'}>
            <div class="row">
              <label>
                <span>Import CSV/TSV</span>
                <input
                  type="file"
                  data-testid="fit-csv-file"
                  accept=".csv,.tsv,.tab,.txt,text/csv,text/tab-separated-values"
                  disabled={!wb.project() || importing()}
                  onChange={(e) => void importFile(e.currentTarget.files?.[0])}
                />
              </label>
              <Show when={datasets().length > 0}>
                <label>
                  <span>Dataset</span>
                  <select data-testid="fit-dataset" value={datasetId()} onChange={(e) => setDatasetId(e.currentTarget.value)}>
                    <For each={datasets()}>{(d) => <option value={d.id}>{d.name} ({d.rows} rows)</option>}</For>
                  </select>
                </label>
              </Show>
            </div>
            <Show when={dataset()}>
              {(d) => (
                <div class="row">
                  <fieldset class="columns">
                    <legend>Inputs</legend>
                    <For each={d().columns.map((c) => c.name)}>
                      {(name) => (
                        <label class="radio">
                          <input
                            type="checkbox"
                            checked={xCols().includes(name)}
                            disabled={name === yCol()}
                            onChange={(e) => setXCols((xs) => (e.currentTarget.checked ? [...xs, name] : xs.filter((x) => x !== name)))}
                          />
                          {name}
                        </label>
                      )}
                    </For>
                  </fieldset>
                  <label>
                    <span>Target column</span>
                    <select data-testid="fit-y" value={yCol()} onChange={(e) => {
                      const y = e.currentTarget.value;
                      setYCol(y);
                      setXCols((xs) => xs.filter((x) => x !== y));
                    }}>
                      <For each={d().columns.map((c) => c.name)}>{(n) => <option value={n}>{n}</option>}</For>
                    </select>
                  </label>
                  {numberInput('Held-out fraction', 'fit-test-fraction', testFraction, setTestFraction, 0, 0.9, 0.05, 'test-fraction')}
                  <p class="muted">{d().source.detail}</p>
                </div>
              )}
            </Show>
            <Show when={imported()}>
              {(imp) => (
                <div class="csv-import" data-testid="csv-import">
                  <p data-testid="csv-summary">
                    Imported {imp().dataset.name}: {imp().kept} of {imp().rows} rows kept, {imp().columns.length} columns.
                  </p>
                  <div class="table-wrap">
                    <table data-testid="csv-preview" aria-label="First rows of the imported data">
                      <thead>
                        <tr>
                          <For each={imp().columns}>{(c) => <th scope="col">{c}</th>}</For>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={imp().preview}>
                          {(row) => (
                            <tr>
                              <For each={row}>{(v) => <td>{v.toPrecision(6)}</td>}</For>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                  <Show when={imp().droppedCount > 0}>
                    <div class="dropped" role="alert" data-testid="csv-dropped">
                      <p>
                        {imp().droppedCount} row{imp().droppedCount === 1 ? '' : 's'} dropped:
                      </p>
                      <ul>
                        <For each={imp().dropped}>
                          {(r) => (
                            <li data-testid="csv-dropped-row">
                              line {r.line}, column {r.column}: {r.reason === 'missing' ? 'missing value' : `“${r.value}” is not a number`}
                            </li>
                          )}
                        </For>
                      </ul>
                      <Show when={imp().droppedCount > imp().dropped.length}>
                        <p class="muted">… and {imp().droppedCount - imp().dropped.length} more</p>
                      </Show>
                    </div>
                  </Show>
                </div>
              )}
            </Show>
          </Show>
        </fieldset>

        <fieldset>
          <legend>Model and runs</legend>
          <div class="row">
            {numberInput('Depth', 'fit-depth', depth, setDepth, 1, 6, 1, 'depth')}
            <label title="--init">
              <span>Init</span>
              <select data-testid="fit-init" value={init()} onChange={(e) => setInit(e.currentTarget.value as TrainInit)}>
                <For each={TRAIN_INITS}>{(i) => <option value={i}>{i}</option>}</For>
              </select>
            </label>
            {numberInput('Seeds', 'fit-seeds', seeds, setSeeds, 1, MAX_TRAIN_SEEDS, 1, 'seeds')}
            {numberInput('First seed', 'fit-seed0', seed0, setSeed0, 0, 2 ** 31 - 1, 1, 'seed0')}
          </div>
          <Show when={init() === 'manual'}>
            <div class="row">
              <label class="grow" title="--init-expr">
                <span>Start formula (empty: the target)</span>
                <input data-testid="fit-init-expr" value={initExpr()} onInput={(e) => setInitExpr(e.currentTarget.value)} spellcheck={false} />
              </label>
              {numberInput('Noise σ', 'fit-init-noise', initNoise, setInitNoise, 0, 100, 0.5, 'init-noise')}
            </div>
          </Show>
          <div class="row">
            {numberInput('Search iterations', 'fit-search-iters', searchIters, setSearchIters, 0, 1e7, 100, 'search-iters')}
            {numberInput('Hardening iterations', 'fit-hardening-iters', hardeningIters, setHardeningIters, 0, 1e7, 100, 'hardening-iters')}
            {numberInput('Patience', 'fit-patience', patience, setPatience, 0, 1e7, 100, 'patience')}
            <label class="grow">
              <span>More trainer options (name=value, …; names as in emlw fit --help)</span>
              <input
                data-testid="fit-more-options"
                placeholder="e.g. lr=0.02, hard-trigger-count=5"
                value={moreOptions()}
                onInput={(e) => setMoreOptions(e.currentTarget.value)}
                spellcheck={false}
              />
            </label>
          </div>
        </fieldset>
        <div class="row">
          <button type="submit" class="primary" data-testid="fit-run" disabled={!wb.project() || starting()}>
            Run fit
          </button>
          <Show when={running()}>
            <button type="button" data-testid="fit-cancel" onClick={() => void wb.cancelJob(job()!.id)}>
              Cancel
            </button>
          </Show>
          <Show when={formError()}>
            {(e) => (
              <p class="error" role="alert" data-testid="fit-error">
                {e()}
              </p>
            )}
          </Show>
        </div>
      </form>

      <Show when={run()}>
        {(r) => (
          <section class="panel" aria-labelledby="fit-run-title" data-testid="fit-run-panel" data-status={job()?.status === 'running' ? 'running' : r().status} data-run={r().id}>
            <div class="row">
              <h3 id="fit-run-title" class="grow">
                {r().label}
              </h3>
              <Show when={trainRuns().length > 1}>
                <label>
                  <span>Run</span>
                  <select data-testid="fit-run-select" value={r().id} onChange={(e) => setChosenRun(e.currentTarget.value)}>
                    <For each={[...trainRuns()].reverse()}>
                      {(x) => <option value={x.id}>{`${x.label} (${x.status}, ${new Date(x.createdAt).toLocaleTimeString()})`}</option>}
                    </For>
                  </select>
                </label>
              </Show>
            </div>
            <p data-testid="fit-status" data-iter={totalIter()} data-done={Math.max(job()?.done ?? 0, r().progress.done)} aria-live="polite">
              {job()?.status === 'running' ? 'running' : r().status}: {Math.max(job()?.done ?? 0, r().progress.done)} of {r().progress.total} runs
              finished, {totalIter()} iterations in all. {r().target.description}
            </p>
            <For each={r().notes}>{(n) => <p class="muted">{n}</p>}</For>
            <Show when={r().error}>{(e) => <p class="error">{e()}</p>}</Show>
            <LossChart series={curves()} />
            <div class="table-wrap">
              <table data-testid="fit-seeds" aria-label="Runs of this fit">
                <thead>
                  <tr>
                    <th scope="col">Run</th>
                    <th scope="col">Seed</th>
                    <th scope="col">Strategy</th>
                    <th scope="col">Iteration</th>
                    <th scope="col">Phase</th>
                    <th scope="col">Soft</th>
                    <th scope="col">Hard</th>
                    <th scope="col">Result</th>
                    <th scope="col">Snapped MSE</th>
                    <th scope="col">Held-out MSE</th>
                    <th scope="col">Snapped formula</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={r().seeds}>
                    {(s) => (
                      <tr data-testid="fit-seed-row" data-outcome={seedOutcome(s)}>
                        <td>
                          <svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">
                            <rect width="10" height="10" fill={runColour(s.index)} />
                          </svg>
                          {s.index + 1}
                        </td>
                        <td>{s.seed}</td>
                        <td>{s.strategy}</td>
                        <td>{Math.max(s.iter, liveSeed(s.index)?.iter ?? 0)}</td>
                        <td>{liveSeed(s.index)?.phase ?? s.phase}</td>
                        <td>{fmt(s.soft)}</td>
                        <td>{fmt(s.hard)}</td>
                        <td data-testid="fit-seed-outcome">{seedOutcome(s)}</td>
                        <td>{fmt(s.result?.snapMse)}</td>
                        <td>{fmt(s.result?.genMse)}</td>
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
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={best()}>
              {(b) => (
                <div class="fit-best" data-testid="fit-best">
                  <h4>
                    Best run: seed {b().seed.seed} {b().seed.strategy}, snapped MSE {fmt(b().result.snapMse)}
                    {b().result.symbolSuccess ? ' (exact)' : ''}
                  </h4>
                  <div class="latex-block">
                    <Latex tex={b().result.latex || b().result.formula} display testid="fit-best-latex" />
                  </div>
                  <p>
                    <code data-testid="fit-best-formula">{b().result.formula}</code> — EML tree <code data-testid="fit-best-tree">{b().result.tree}</code>{' '}
                    (K {b().result.K}, depth {b().result.treeDepth})
                  </p>
                  <Show when={r().formulaIds.length > 0}>
                    <p class="muted" data-testid="fit-saved">
                      Saved to the Library: {r().formulaIds.length} exact formula{r().formulaIds.length === 1 ? '' : 's'}.
                    </p>
                  </Show>
                  <Show when={bestDag()}>{(dag) => <EmlTree dag={dag()} labels={bestLabels()} />}</Show>
                </div>
              )}
            </Show>
          </section>
        )}
      </Show>

      <Show when={pareto().length > 0}>
        <section class="panel" aria-labelledby="fit-pareto-title">
          <h3 id="fit-pareto-title">Pareto view: snapped loss against size, all training runs</h3>
          <ParetoChart points={pareto()} />
        </section>
      </Show>

      <section class="panel fit-sweep" aria-labelledby="fit-sweep-title" data-testid="fit-sweep">
        <h3 id="fit-sweep-title">Sweep</h3>
        <p class="muted">
          One fit per depth × init on the built-in target of that depth, with the seeds and trainer options above; the jobs train one after
          another.
        </p>
        <form
          class="row"
          onSubmit={(e) => {
            e.preventDefault();
            void runSweep();
          }}
        >
          <label>
            <span>Depths</span>
            <input data-testid="sweep-depths" value={sweepDepths()} onInput={(e) => setSweepDepths(e.currentTarget.value)} />
          </label>
          <fieldset class="columns">
            <legend>Inits</legend>
            <For each={TRAIN_INITS.filter((i) => i !== 'all')}>
              {(i) => (
                <label class="radio">
                  <input
                    type="checkbox"
                    data-testid={`sweep-init-${i}`}
                    checked={sweepInits().includes(i)}
                    onChange={(e) => setSweepInits((xs) => (e.currentTarget.checked ? [...xs, i] : xs.filter((x) => x !== i)))}
                  />
                  {i}
                </label>
              )}
            </For>
          </fieldset>
          {numberInput('Seeds per cell', 'sweep-seeds', sweepSeeds, setSweepSeeds, 1, 64)}
          <button type="submit" data-testid="sweep-run" disabled={!wb.project()}>
            Run sweep
          </button>
        </form>
        <Show when={sweepCells().length > 0}>
          <SweepHeatmap cells={sweepCells()} />
        </Show>
      </section>
      <ClusterPanel />
    </section>
  );
}
