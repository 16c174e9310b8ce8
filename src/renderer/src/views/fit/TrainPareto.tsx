// The Pareto view of every training run of the project: snapped MSE against the size K of the snapped tree
// (chart), and per target the table of distinct trees with how many runs found each and at which depths, so
// that equal results are counted rather than drawn as one point.

import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { TrainRunRecord } from '../../../../shared/train';
import ParetoChart, { type ParetoPoint } from '../../components/fit/ParetoChart';
import { paretoRows, type ParetoResult } from '../../fit/paretoRows';
import { fmtLoss } from '../../fit/formatMeasure';

export default function TrainPareto(props: { readonly runs: readonly TrainRunRecord[] }): JSX.Element {
  const [all, setAll] = createSignal(false);
  const results = createMemo<ParetoResult[]>(() =>
    props.runs.flatMap((r) =>
      r.seeds
        .filter((s) => s.result && s.result.snapMse !== null)
        .map((s) => ({ target: r.target.name, tree: s.result!.tree, formula: s.result!.formula, K: s.result!.K, mse: s.result!.snapMse!, exact: s.result!.symbolSuccess, depth: r.settings.depth })),
    ),
  );
  const points = createMemo<ParetoPoint[]>(() =>
    results().map((p) => ({ K: p.K, mse: p.mse, exact: p.exact, label: `${p.target}, depth ${p.depth}: ${p.tree} (K ${p.K}, MSE ${fmtLoss(p.mse)})` })),
  );
  const rows = createMemo(() => paretoRows(results()));
  const shownRows = createMemo(() => (all() ? rows() : rows().filter((r) => r.onFront)));
  return (
    <Show when={results().length > 0}>
      <section class="panel" aria-labelledby="fit-pareto-title" data-testid="fit-pareto">
        <h4 id="fit-pareto-title">Pareto view: snapped MSE against size, all training runs</h4>
        <ParetoChart points={points()} />
        <div class="row">
          <p class="muted grow">
            {rows().length} distinct tree{rows().length === 1 ? '' : 's'} from {results().length} finished run{results().length === 1 ? '' : 's'};{' '}
            {rows().filter((r) => r.onFront).length} on the front of their target.
          </p>
          <label class="radio">
            <input type="checkbox" data-testid="fit-pareto-all" checked={all()} onChange={(e) => setAll(e.currentTarget.checked)} />
            show every distinct tree
          </label>
        </div>
        <div class="table-wrap">
          <table data-testid="fit-pareto-table" aria-label="Distinct snapped trees, with the runs that found them">
            <thead>
              <tr>
                <th scope="col">Target</th>
                <th scope="col">K</th>
                <th scope="col">Snapped MSE</th>
                <th scope="col">Runs</th>
                <th scope="col">Depths</th>
                <th scope="col">Front</th>
                <th scope="col">Formula</th>
              </tr>
            </thead>
            <tbody>
              <For each={shownRows()}>
                {(r) => (
                  <tr data-testid="fit-pareto-row" data-count={r.count}>
                    <td>{r.target}</td>
                    <td class="num">{r.K}</td>
                    <td class="num">
                      {fmtLoss(r.mse)}
                      {r.exact ? ' (exact)' : ''}
                    </td>
                    <td class="num" data-testid="fit-pareto-count">
                      {r.count}
                    </td>
                    <td>{r.depths.map(([d, n]) => `${d}${n > 1 ? ` ×${n}` : ''}`).join(', ')}</td>
                    <td>{r.onFront ? 'yes' : ''}</td>
                    <td class="formula-cell">
                      <code>{r.formula}</code>
                      <span class="muted"> = {r.tree}</span>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </section>
    </Show>
  );
}
