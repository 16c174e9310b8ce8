// Training in the Fit view: master EML trees trained by gradient descent (search, then hardening) on a built-in
// target, any formula or the dataset chosen above, as a job on the host; then the chosen run's results
// (TrainRunView), the Pareto view of every training run and the depth × init sweep. The form explains depth
// and what counts as a success, offers the master tree's form, and scans depths: one fit per depth from 1 up
// to the chosen one, on the same data, so the results across depths meet in the Pareto table and the sweep map.

import { createEffect, createMemo, createSignal, For, on, Show, untrack, type JSX } from 'solid-js';
import { MASTER_FORMS, type MasterForm } from '../../../../core/train/generalLayout';
import { PAPER_GRID } from '../../../../core/train/dataset';
import { DEFAULT_TRAIN_OPTIONS, FIT_DEFAULTS, parseOptionText } from '../../../../core/train/options';
import type { JobInfo } from '../../../../shared/jobs';
import { MAX_TRAIN_SEEDS, TRAIN_INITS, TRAIN_TARGETS, type TrainInit, type TrainJobInput, type TrainRunRecord, type TrainSource, type TrainTarget } from '../../../../shared/train';
import { errorText, invoke } from '../../host';
import { runFocus } from '../../state/runFocus';
import { jobActive, useWorkbench } from '../../state/workbench';
import type { DataSelection } from './dataSelection';
import NumberField from './NumberField';
import SweepPanel from './SweepPanel';
import TrainPareto from './TrainPareto';
import TrainRunView from './TrainRunView';
import { createTrainFormStore } from './trainFormState';
import ErrorAlert from '../../components/ErrorAlert';

const fmtThreshold = (v: number): string => v.toExponential(0);

export default function TrainPanel(props: { readonly data: DataSelection }): JSX.Element {
  const wb = useWorkbench();
  const sel = props.data;
  // the form comes back as it was left after a page reload (trainFormState.ts)
  const form = createTrainFormStore();
  const [sourceKind, setSourceKind] = form.field<TrainSource['kind']>('sourceKind', 'target', ['target', 'formula', 'dataset']);
  const [target, setTarget] = form.field<TrainTarget>('target', 'eml_depth2', TRAIN_TARGETS);
  const [formula, setFormula] = form.field<string>('formula', 'exp(x) - ln(y)');
  // the form starts from the defaults of `emlw fit` (core/train/options.ts), so the app and the command line agree
  const [gridLo, setGridLo] = form.field<number>('gridLo', PAPER_GRID.lo);
  const [gridHi, setGridHi] = form.field<number>('gridHi', PAPER_GRID.hi);
  const [gridStep, setGridStep] = form.field<number>('gridStep', PAPER_GRID.step);
  const [testFraction, setTestFraction] = form.field<number>('testFraction', FIT_DEFAULTS.testFraction);
  const [depth, setDepth] = form.field<number>('depth', 2);
  // 'default': the host's choice (general for a dataset, the paper's form otherwise)
  const [master, setMaster] = form.field<'default' | MasterForm>('master', 'default', ['default', ...MASTER_FORMS]);
  const [init, setInit] = form.field<TrainInit>('init', FIT_DEFAULTS.init, TRAIN_INITS);
  const [initExpr, setInitExpr] = form.field<string>('initExpr', '');
  const [initNoise, setInitNoise] = form.field<number>('initNoise', DEFAULT_TRAIN_OPTIONS.initNoise);
  const [seeds, setSeeds] = form.field<number>('seeds', FIT_DEFAULTS.seeds);
  const [seed0, setSeed0] = form.field<number>('seed0', FIT_DEFAULTS.seed0);
  const [searchIters, setSearchIters] = form.field<number>('searchIters', DEFAULT_TRAIN_OPTIONS.searchIters);
  const [hardeningIters, setHardeningIters] = form.field<number>('hardeningIters', DEFAULT_TRAIN_OPTIONS.hardeningIters);
  const [patience, setPatience] = form.field<number>('patience', DEFAULT_TRAIN_OPTIONS.patience);
  const [moreOptions, setMoreOptions] = form.field<string>('moreOptions', '');
  form.persist();
  const [formError, setFormError] = createSignal<string | null>(null);
  const [starting, setStarting] = createSignal(false);
  const [chosenRun, setChosenRun] = createSignal<string | null>(null);

  const trainRuns = createMemo(() => (wb.project()?.data.runs ?? []).filter((r): r is TrainRunRecord => r.kind === 'train'));
  const run = createMemo(() => {
    const runs = trainRuns();
    const id = chosenRun();
    return (id ? runs.find((r) => r.id === id) : undefined) ?? runs.filter((r) => r.settings.sweep === null).at(-1) ?? runs.at(-1);
  });
  // a training run opened from elsewhere (run history, jobs panel, a formula's provenance) is the one shown
  createEffect(
    on(runFocus.id, (id) => {
      if (id && untrack(trainRuns).some((r) => r.id === id)) setChosenRun(id);
    }),
  );
  const job = createMemo<JobInfo | undefined>(() => {
    const r = run();
    return r ? wb.jobs().find((j) => j.runId === r.id) : undefined;
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
      case 'dataset': {
        const d = sel.dataset();
        if (!d) throw new Error('import a CSV/TSV file or choose a dataset above first');
        return { kind: 'dataset', datasetId: d.id, x: [...sel.xCols()], y: sel.yCol(), testFraction: testFraction() };
      }
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

  /** The form's fit at `d` levels (or the chosen depth); throws naming what is missing. */
  const fitInput = (d: number, sweep: string | null): TrainJobInput => ({
    source: source(), depth: d, init: init(), initExpr: init() === 'manual' && initExpr().trim() !== '' ? initExpr() : null,
    seeds: seeds(), seed0: seed0(), options: options(), sweep, ...(master() !== 'default' ? { master: master() as MasterForm } : {}),
  });

  /** Starts one fit per depth in `depths` (a scan shares one sweep id); shows the first one's run. */
  const start = async (depths: readonly number[], sweep: string | null): Promise<void> => {
    setFormError(null);
    let inputs: TrainJobInput[];
    try {
      inputs = depths.map((d) => fitInput(d, sweep));
    } catch (e) {
      setFormError((e as Error).message);
      return;
    }
    setStarting(true);
    let first: JobInfo | undefined;
    for (const input of inputs) {
      const started = await startJob(input);
      if (!started) break;
      first ??= started;
    }
    setStarting(false);
    if (first) {
      runFocus.clear();
      setChosenRun(first.runId);
      await wb.refreshProject();
    }
  };
  const runOnce = (): Promise<void> => start([depth()], null);
  /** Depths 1 … the chosen depth, each a job of its own (they train one after another). */
  const scanDepths = (): Promise<void> =>
    start(Array.from({ length: Math.max(1, Math.min(6, Math.floor(depth()))) }, (_, i) => i + 1), `depths-${new Date().toISOString()}`);
  const defaultForm = (): MasterForm => (sourceKind() === 'dataset' ? 'general' : 'paper');

  return (
    <section class="panel fit-train" aria-labelledby="fit-train-title" data-testid="fit-train">
      <h3 id="fit-train-title">Train master EML trees</h3>
      <p class="muted help">
        Trains full binary master EML trees by gradient descent (search, then hardening), snaps them to exact trees and lowers them to conventional
        formulas. Runs as a job on the host, one run per seed and strategy; exact recoveries go to the Library, and any result can be saved.
      </p>
      <form
        class="fit-form"
        aria-label="Fit settings"
        novalidate
        onSubmit={(e) => {
          e.preventDefault();
          void runOnce();
        }}
      >
        <fieldset>
          <legend>Data</legend>
          <div class="row" role="radiogroup" aria-label="Data source">
            <For each={[['target', 'Built-in target'], ['formula', 'Formula'], ['dataset', 'Dataset chosen above']] as const}>
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
              <select
                data-testid="fit-target"
                onChange={(e) => {
                  setTarget(e.currentTarget.value as TrainTarget);
                  setDepth(Number(e.currentTarget.value.slice(-1)));
                }}
              >
                <For each={TRAIN_TARGETS}>
                  {(t) => (
                    <option value={t} selected={t === target()}>
                      {t}
                    </option>
                  )}
                </For>
              </select>
            </label>
          </Show>
          <Show when={sourceKind() === 'formula'}>
            <div class="row">
              <label class="grow">
                <span>Formula in x, y</span>
                <input data-testid="fit-formula" value={formula()} onInput={(e) => setFormula(e.currentTarget.value)} spellcheck={false} />
              </label>
              <NumberField label="Grid from" testid="fit-grid-lo" get={gridLo} set={setGridLo} min={-100} max={100} step={0.1} flag="data-lo" />
              <NumberField label="to" testid="fit-grid-hi" get={gridHi} set={setGridHi} min={-100} max={100} step={0.1} flag="data-hi" />
              <NumberField label="step" testid="fit-grid-step" get={gridStep} set={setGridStep} min={0.001} max={10} step={0.01} flag="data-step" />
            </div>
          </Show>
          <Show when={sourceKind() === 'dataset'}>
            <div class="row">
              <p class="muted grow">
                {sel.dataset() ? `${sel.yCol()} from ${sel.xCols().join(', ') || '(no input chosen)'} in ${sel.dataset()!.name}` : 'Import or choose a dataset in Data above.'}
              </p>
              <NumberField label="Held-out fraction" testid="fit-test-fraction" get={testFraction} set={setTestFraction} min={0} max={0.9} step={0.05} flag="test-fraction" />
            </div>
          </Show>
        </fieldset>

        <fieldset>
          <legend>Model and runs</legend>
          <div class="row">
            <NumberField
              label="Depth"
              testid="fit-depth"
              get={depth}
              set={setDepth}
              min={1}
              max={6}
              help="Levels of EML nodes in the master tree (2^depth leaves)."
              flag="depth"
            />
            <label title="--init">
              <span>Init</span>
              <select data-testid="fit-init" onChange={(e) => setInit(e.currentTarget.value as TrainInit)}>
                <For each={TRAIN_INITS}>
                  {(i) => (
                    <option value={i} selected={i === init()}>
                      {i}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <label title="--master: the paper's form puts the variables at the bottom only; the general form lets every input take 1, a variable, a fitted constant or the node below">
              <span>Master tree</span>
              <select data-testid="fit-master" onChange={(e) => setMaster(e.currentTarget.value as 'default' | MasterForm)}>
                <option value="default" selected={master() === 'default'}>
                  {`default (${defaultForm()})`}
                </option>
                <For each={MASTER_FORMS}>
                  {(f) => (
                    <option value={f} selected={master() === f}>
                      {f}
                    </option>
                  )}
                </For>
              </select>
            </label>
            <NumberField label="Seeds" testid="fit-seeds" get={seeds} set={setSeeds} min={1} max={MAX_TRAIN_SEEDS} flag="seeds" />
            <NumberField label="First seed" testid="fit-seed0" get={seed0} set={setSeed0} min={0} max={2 ** 31 - 1} flag="seed0" />
          </div>
          <div class="fit-help" data-testid="fit-help">
            <p>
              <strong>Depth</strong>: the master tree is a full binary tree of eml(a, b) nodes this many levels deep. In the paper's form each leaf
              picks 1 or a variable and each inner input picks 1 or the node below, so variables sit at the bottom only; in the general form every
              input picks 1, a variable, a fitted constant or the node below. A formula is reachable only at a depth of at least its shortest EML
              tree's (in the paper's form, only where every variable of that tree sits at the bottom level): exp(x) − ln(y) = eml(x, y) needs
              depth 1, e − ln(e<sup>y</sup> − ln x) depth 2; products and sums need much deeper trees, where random starts rarely succeed (Discover above finds those). Each extra
              level doubles the leaves and slows training; <em>Scan depths</em> runs one fit per depth from 1 up to the chosen one.
            </p>
            <p>
              <strong>Success</strong>: after training, every choice is snapped to its strongest option and the snapped tree is measured on the
              data. A run is <em>exact</em> when its snapped MSE is below {fmtThreshold(DEFAULT_TRAIN_OPTIONS.successThr)} (an exact recovery, saved
              to the Library) and a <em>fit</em> below {fmtThreshold(DEFAULT_TRAIN_OPTIONS.fitSuccessThr)}; otherwise it failed (set other limits
              with success-thr and fit-success-thr below). On data with noise a run is <em>exact within noise</em> when its errors on the training
              and held-out rows are no larger than the data's noise (estimated from neighbouring rows): the law is found even though the snapped
              MSE cannot reach the thresholds.
            </p>
          </div>
          <Show when={init() === 'manual'}>
            <div class="row">
              <label class="grow" title="--init-expr">
                <span>Start formula (empty: the target)</span>
                <input data-testid="fit-init-expr" value={initExpr()} onInput={(e) => setInitExpr(e.currentTarget.value)} spellcheck={false} />
              </label>
              <NumberField label="Noise σ" testid="fit-init-noise" get={initNoise} set={setInitNoise} min={0} max={100} step={0.5} flag="init-noise" />
            </div>
          </Show>
          <div class="row">
            <NumberField label="Search iterations" testid="fit-search-iters" get={searchIters} set={setSearchIters} min={0} max={1e7} step={100} flag="search-iters" />
            <NumberField label="Hardening iterations" testid="fit-hardening-iters" get={hardeningIters} set={setHardeningIters} min={0} max={1e7} step={100} flag="hardening-iters" />
            <NumberField label="Patience" testid="fit-patience" get={patience} set={setPatience} min={0} max={1e7} step={100} flag="patience" />
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
          <button
            type="button"
            data-testid="fit-scan"
            disabled={!wb.project() || starting()}
            title="One fit per depth from 1 up to the chosen depth, with these settings; the jobs train one after another"
            onClick={() => void scanDepths()}
          >
            Scan depths 1–{Math.max(1, Math.min(6, Math.floor(depth())))}
          </button>
          <Show when={jobActive(job())}>
            <button type="button" data-testid="fit-cancel" onClick={() => void wb.cancelJob(job()!.id)}>
              Cancel
            </button>
          </Show>
          <ErrorAlert message={formError()} testid="fit-error" />
        </div>
      </form>

      <Show when={run()}>
        {(r) => (
          <TrainRunView
            run={r()}
            job={job()}
            runs={trainRuns()}
            onChoose={(id) => {
              runFocus.clear();
              setChosenRun(id);
            }}
          />
        )}
      </Show>
      <TrainPareto runs={trainRuns()} />
      <SweepPanel runs={trainRuns()} seed0={seed0()} options={options} onError={setFormError} startJob={startJob} />
    </section>
  );
}
