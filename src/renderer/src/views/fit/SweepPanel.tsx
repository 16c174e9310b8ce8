// The depth × init sweep of the Fit view: one training job per cell on the built-in target of that depth,
// with the seeds and trainer options of the training form, and the success heat map of the latest sweep.

import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { JobInfo } from '../../../../shared/jobs';
import { TRAIN_INITS, type TrainInit, type TrainJobInput, type TrainRunRecord, type TrainTarget } from '../../../../shared/train';
import SweepHeatmap, { type SweepCell } from '../../components/fit/SweepHeatmap';
import { useWorkbench } from '../../state/workbench';
import NumberField from './NumberField';

export interface SweepPanelProps {
  readonly runs: readonly TrainRunRecord[];
  readonly seed0: number;
  /** The training form's trainer options (throws naming a bad one). */
  readonly options: () => Record<string, number>;
  readonly onError: (message: string | null) => void;
  readonly startJob: (input: TrainJobInput) => Promise<JobInfo | undefined>;
}

export default function SweepPanel(props: SweepPanelProps): JSX.Element {
  const wb = useWorkbench();
  const [sweepDepths, setSweepDepths] = createSignal('2, 3');
  const [sweepInits, setSweepInits] = createSignal<TrainInit[]>(['biased', 'uniform']);
  const [sweepSeeds, setSweepSeeds] = createSignal(2);

  const latestSweep = createMemo(() => props.runs.filter((r) => r.settings.sweep !== null).at(-1)?.settings.sweep ?? null);
  const sweepCells = createMemo<SweepCell[]>(() => {
    const id = latestSweep();
    if (!id) return [];
    const cells = new Map<string, SweepCell>();
    for (const r of props.runs.filter((x) => x.settings.sweep === id)) {
      const key = `${r.settings.depth}/${r.settings.init}`;
      const c = cells.get(key) ?? { depth: r.settings.depth, init: r.settings.init, exact: 0, runs: 0, running: false };
      const finished = r.seeds.filter((s) => s.result);
      cells.set(key, {
        ...c,
        exact: c.exact + finished.filter((s) => s.result!.symbolSuccess).length,
        runs: c.runs + finished.length,
        running: c.running || r.status === 'running' || r.status === 'queued',
      });
    }
    return [...cells.values()];
  });

  const runSweep = async (): Promise<void> => {
    props.onError(null);
    const ds = sweepDepths().split(/[,\s]+/).filter(Boolean).map(Number);
    const bad = ds.find((d) => !Number.isInteger(d) || d < 2 || d > 6);
    if (ds.length === 0 || bad !== undefined) {
      props.onError(`sweep depths must be integers from 2 to 6 (the built-in targets eml_depth2..6)${bad !== undefined ? `, got ${bad}` : ''}`);
      return;
    }
    if (sweepInits().length === 0) {
      props.onError('choose at least one init for the sweep');
      return;
    }
    let opts: Record<string, number>;
    try {
      opts = props.options();
    } catch (e) {
      props.onError((e as Error).message);
      return;
    }
    const sweep = `sweep-${new Date().toISOString()}`;
    for (const d of ds) {
      for (const i of sweepInits()) {
        const ok = await props.startJob({
          source: { kind: 'target', name: `eml_depth${d}` as TrainTarget }, depth: d, init: i, initExpr: null, seeds: sweepSeeds(), seed0: props.seed0,
          options: i === 'manual' ? { ...opts, initNoise: opts['initNoise'] ?? 12 } : opts, sweep,
        });
        if (!ok) return;
      }
    }
    await wb.refreshProject();
  };

  return (
    <section class="panel fit-sweep" aria-labelledby="fit-sweep-title" data-testid="fit-sweep">
      <h4 id="fit-sweep-title">Sweep</h4>
      <p class="muted">
        One fit per depth × init on the built-in target of that depth, with the seeds and trainer options above; the jobs train one after another.
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
        <NumberField label="Seeds per cell" testid="sweep-seeds" get={sweepSeeds} set={setSweepSeeds} min={1} max={64} />
        <button type="submit" data-testid="sweep-run" disabled={!wb.project()}>
          Run sweep
        </button>
      </form>
      <Show when={sweepCells().length > 0}>
        <SweepHeatmap cells={sweepCells()} />
      </Show>
    </section>
  );
}
