// The result views of a formula on its data, shared by Discover and the training results: predicted against
// actual (with y = x), residuals against predicted (with y = 0), the data with the formula's curve when there
// is one input, and the measures (R², MAE, RMSE, largest error) over the points where the formula is defined.
// The formula is evaluated here with src/core (fit/predict.ts); the data comes from the host.

import { createMemo, Show, type JSX } from 'solid-js';
import { formatError, formatR2 } from '../../fit/formatMeasure';
import { curveValues, fitMeasures, type PlotData, predictRows, spanOf } from '../../fit/predict';
import ScatterPlot from './ScatterPlot';

/** Points of the curve drawn over the input's range. */
const CURVE_POINTS = 240;

export interface ResultPlotsProps {
  readonly data: PlotData;
  /** The formula to evaluate (infix; eml(a, b) allowed): the result's tree or a formula equal to it. */
  readonly formula: string;
  /** Prefix of the plots' test ids ("discover", "fit"). */
  readonly testid: string;
  /** How many points the data has in all (the plots show a sample when the host sent fewer). */
  readonly total?: number;
}

export default function ResultPlots(props: ResultPlotsProps): JSX.Element {
  const predicted = createMemo<{ values: Float64Array } | { error: string }>(() => {
    try {
      return { values: predictRows(props.formula, props.data) };
    } catch (e) {
      return { error: (e as Error).message };
    }
  });
  const values = (): Float64Array | undefined => {
    const p = predicted();
    return 'values' in p ? p.values : undefined;
  };
  const measures = createMemo(() => {
    const v = values();
    return v ? fitMeasures(v, props.data.target) : undefined;
  });
  const residuals = createMemo(() => {
    const v = values();
    return v ? Float64Array.from(v, (p, i) => p - props.data.target[i]!) : new Float64Array(0);
  });
  const curve = createMemo(() => {
    if (props.data.names.length !== 1) return undefined;
    const xs = spanOf(props.data.inputs[0]!, CURVE_POINTS);
    try {
      return { x: xs, y: curveValues(props.formula, props.data.names[0]!, xs) };
    } catch {
      return undefined;
    }
  });
  const y = (): string => props.data.targetName;
  return (
    <div class="result-views" data-testid={`${props.testid}-result-views`}>
      <Show when={'error' in predicted() ? (predicted() as { error: string }).error : undefined}>
        {(e) => <p class="error">The formula cannot be evaluated on the data: {e()}</p>}
      </Show>
      <Show when={measures()}>
        {(m) => (
          <p class="result-measures" data-testid={`${props.testid}-measures`} data-r2={m().r2}>
            R² <strong>{formatR2(m().r2)}</strong> · MAE {formatError(m().mae)} · RMSE {formatError(m().rmse)} · largest
            error {formatError(m().maxError)} · {m().defined} of {m().points} points
            {props.total !== undefined && props.total > m().points ? ` (an even sample of ${props.total})` : ''}
            {m().defined < m().points ? `; the formula is undefined or not real at ${m().points - m().defined}` : ''}
          </p>
        )}
      </Show>
      <Show when={values()}>
        {(v) => (
          <div class="result-plots">
            <ScatterPlot title="Predicted against actual" xLabel={`actual ${y()}`} yLabel={`predicted ${y()}`} x={props.data.target} y={v()} reference="diagonal" testid={`${props.testid}-plot-actual`} />
            <ScatterPlot title="Residuals" xLabel={`predicted ${y()}`} yLabel="predicted − actual" x={v()} y={residuals()} reference="zero" testid={`${props.testid}-plot-residuals`} />
            <Show when={curve()}>
              {(c) => (
                <ScatterPlot
                  title="Data with the formula"
                  xLabel={props.data.names[0]!}
                  yLabel={y()}
                  x={props.data.inputs[0]!}
                  y={props.data.target}
                  curve={c()}
                  testid={`${props.testid}-plot-curve`}
                />
              )}
            </Show>
          </div>
        )}
      </Show>
    </div>
  );
}
