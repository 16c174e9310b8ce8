// One finished training run (seed × strategy) in full: its snapped formula in LaTeX, infix and EML, why its
// hard loss and its snapped MSE differ, its tree, and the result plots on the run's data.

import { createMemo, createResource, Show, type JSX } from 'solid-js';
import { DEFAULT_TRAIN_OPTIONS } from '../../../../core/train/options';
import type { TrainRunRecord, TrainSeedRecord } from '../../../../shared/train';
import EmlTree from '../../components/EmlTree';
import ResultPlots from '../../components/fit/ResultPlots';
import Latex from '../../components/Latex';
import type { RunPlotData } from '../../fit/runData';
import { invoke } from '../../host';
import { labelPrimitives } from '../../tree/primitiveLabels';
import { emlTextToDag } from '../fitTree';
import { seedOutcome } from '../../fit/seedOutcome';
import { fmtLoss } from '../../fit/formatMeasure';

export interface TrainSeedDetailProps {
  readonly run: TrainRunRecord;
  readonly seed: TrainSeedRecord;
  readonly isBest: boolean;
  readonly data: RunPlotData | undefined;
}

/** Returns the hard loss against the snapped MSE in words, or '' when either is missing. */
export function describeGap(hard: number | null, snapped: number | null, tauHard: number): string {
  if (hard === null || snapped === null) return '';
  const ratio = hard > 0 && snapped > 0 ? snapped / hard : NaN;
  const size = Number.isFinite(ratio) ? (ratio > 10 ? `${ratio.toExponential(1)} times larger` : ratio < 0.1 ? `${(1 / ratio).toExponential(1)} times smaller` : 'about the same') : snapped === 0 ? 'the snapped tree is exact' : 'not comparable';
  return `Hard loss ${fmtLoss(hard)} → snapped MSE ${fmtLoss(snapped)} (${size}). The hard loss is the data MSE of the trained tree at temperature τ = ${tauHard}, where every input is still a blend that is nearly one choice; snapping then keeps only the strongest choice of every input and measures that exact tree. A snapped MSE far above the hard loss means some inputs were still mixed (often a leaf or gate the blend used a little of); far below means the blend's small leftovers were noise around an exact tree.`;
}

export default function TrainSeedDetail(props: TrainSeedDetailProps): JSX.Element {
  const result = () => props.seed.result!;
  const dag = createMemo(() => emlTextToDag(result().tree));
  const [patterns] = createResource(() => invoke('eml:compile:primitives', { mode: 'paper', prefer: 'robust' }));
  const labels = createMemo(() => {
    const d = dag();
    const list = patterns();
    return d && list ? labelPrimitives(d, list) : new Map();
  });
  const tauHard = (): number => props.run.settings.options['tauHard'] ?? DEFAULT_TRAIN_OPTIONS.tauHard;
  return (
    <div class="fit-best result-detail" data-testid="fit-best">
      <div class="result-summary">
        <h4>
          {props.isBest ? 'Best run' : `Run ${props.seed.index + 1}`}: seed {props.seed.seed} {props.seed.strategy}, snapped MSE {fmtLoss(result().snapMse)}
          {` (${seedOutcome(props.seed) === 'fail' ? 'not exact' : seedOutcome(props.seed)})`}
        </h4>
        <div class="latex-block">
          <Latex tex={result().latex || result().formula} display testid="fit-best-latex" />
        </div>
        <p>
          <code data-testid="fit-best-formula">{result().formula}</code> — EML tree <code data-testid="fit-best-tree">{result().tree}</code> (K {result().K},
          depth {result().treeDepth})
        </p>
        <Show when={describeGap(props.seed.hard, result().snapMse, tauHard())}>
          {(text) => (
            <p class="muted gap-note" data-testid="fit-gap">
              {text()}
            </p>
          )}
        </Show>
      </div>
      <div class="result-side">
        <Show when={props.data}>{(d) => <ResultPlots data={d()} formula={result().tree} testid="fit" total={d().total} />}</Show>
      </div>
      <div class="result-wide">
        <Show when={dag()}>{(d) => <EmlTree dag={d()} labels={labels()} />}</Show>
      </div>
    </div>
  );
}
