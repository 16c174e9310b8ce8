// "What this search can reach", shown beside the Recognize form before a run: how far the memory budget
// and Max K reach, whether the compiler's form of the target lies within reach, the stop meter (formulas
// tried against the precision of the target) and the estimate per K. The compiler's size of the target
// comes from the host (eml:compile, asked once the text stops changing); the rest is computed here.

import { createEffect, createMemo, createResource, createSignal, For, on, onCleanup, Show, type JSX } from 'solid-js';
import { invoke } from '../../host';
import { compilerSentence, formatCount, formatSize, reachSentence, stopMeter, targetBudget, type BudgetInput, type CompilerForm } from './searchBudget';

/** How long the target text must stay unchanged before the host compiles it. */
const COMPILE_DELAY_MS = 400;
/** Rows of the estimate shown past the reach (the rest are summed up in one row). */
const ROWS_PAST_REACH = 2;

/** `collapsed`: the estimate per K starts folded (a run's own table is shown below it). */
export default function BudgetPanel(props: { input: BudgetInput; collapsed?: boolean }): JSX.Element {
  const estimate = createMemo(() => targetBudget(props.input));
  // the compiler's form of the target, once the text has settled
  const [settled, setSettled] = createSignal<string | null>(null);
  createEffect(
    on(
      () => props.input.text,
      (text) => {
        const timer = setTimeout(() => setSettled(text), COMPILE_DELAY_MS);
        onCleanup(() => clearTimeout(timer));
      },
    ),
  );
  const [compiled] = createResource(settled, async (text): Promise<CompilerForm | null> => {
    try {
      const r = await invoke('eml:compile', { text, syntax: 'infix', mode: 'paper', prefer: 'shortest' });
      return r.ok ? { K: r.K, semantics: r.semantics } : null;
    } catch {
      return null;
    }
  });
  const compiler = (): CompilerForm | null => (settled() === props.input.text ? compiled() ?? null : null);

  return (
    <section class="budget-panel" aria-labelledby="budget-title" data-testid="budget-panel">
      <h4 id="budget-title">What this search can reach (estimate, before running)</h4>
      <Show when={!('error' in estimate()) && estimate()} fallback={<p class="muted">No estimate: {(estimate() as { error: string }).error}</p>}>
        {(got) => {
          const t = () => got() as Exclude<ReturnType<typeof estimate>, { error: string }>;
          const b = () => t().budget;
          const meter = () => stopMeter(t(), b().decidableUpTo);
          const shown = () => b().levels.filter((l) => l.K <= Math.min(props.input.maxK, b().decidableUpTo + 2 * ROWS_PAST_REACH));
          const hidden = () => b().levels.filter((l) => l.K > shown().at(-1)!.K);
          /** Memory of the stored levels that deciding size K needs (K − 4 and below). */
          const neededFor = (K: number): number => b().levels.filter((l) => l.K <= Math.max(1, K - 4)).at(-1)!.cumulativeBytes;
          return (
            <>
              <p data-testid="budget-reach" data-decidable={b().decidableUpTo} data-limit={b().limit} classList={{ 'budget-warn': b().limit === 'memory' }}>
                {reachSentence(b(), props.input.maxK, props.input.memoryMiB)}
              </p>
              <Show when={compilerSentence(compiler(), b(), props.input.semantics)}>
                {(text) => (
                  <p data-testid="budget-compiler" data-compiler-k={compiler()?.K} classList={{ 'budget-warn': (compiler()?.K ?? 0) > b().decidableUpTo }}>
                    {text()}
                  </p>
                )}
              </Show>
              <div class="stop-meter" data-testid="stop-meter" data-tried={meter().tried.toFixed(2)} data-digits={meter().digits}>
                <meter min={0} max={1} low={0.5} high={0.99} optimum={0} value={meter().fill} aria-label="Formulas tried against the precision of the target" />
                <span>{meter().text}</span>
              </div>
              <details class="budget-table" open={!props.collapsed}>
                <summary>
                  Estimate per K over the leaves {'{'}
                  {t().leaves.join(', ')}
                  {'}'}
                </summary>
                <div class="table-wrap">
                  <table class="results" data-testid="budget-table">
                    <thead>
                      <tr>
                        <th>K</th>
                        <th title="Distinct values of the trees of this size, estimated from measured growth">values at K</th>
                        <th title="Memory of every stored level up to this K">memory if stored</th>
                        <th title="Trees of size ≤ K over the distinct values of their subtrees">formulas tried</th>
                        <th>reach</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={shown()}>
                        {(l) => (
                          <tr data-testid="budget-row" data-k={l.K} classList={{ 'out-of-reach': !l.decidable }}>
                            <td>{l.K}</td>
                            <td>≈ {formatCount(l.distinct)}</td>
                            <td>{l.storable ? '' : '> budget: '}≈ {formatSize(l.cumulativeBytes)}</td>
                            <td>≈ {formatCount(l.formulas)}</td>
                            <td>{l.decidable ? (l.storable ? 'stored' : 'matched from stored halves') : 'out of reach'}</td>
                          </tr>
                        )}
                      </For>
                      <Show when={hidden().length > 0}>
                        <tr class="out-of-reach" data-testid="budget-rest">
                          <td>
                            {hidden()[0]!.K}–{hidden().at(-1)!.K}
                          </td>
                          <td colspan={4}>
                            out of reach: the stored levels these sizes need take ≈ {formatSize(neededFor(hidden()[0]!.K))} to{' '}
                            {formatSize(neededFor(hidden().at(-1)!.K))}
                          </td>
                        </tr>
                      </Show>
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          );
        }}
      </Show>
    </section>
  );
}
