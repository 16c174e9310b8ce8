// One entry of a discover front in full: its LaTeX and formula, the exact-within-noise verdict with its
// reason, K, RMSE, held-out RMSE, largest error, R² and fitted constants, its EML tree, the result plots on the
// run's data, and saving it to the Library (with its provenance, by the host).

import { createResource, createSignal, Show, type JSX } from 'solid-js';
import type { DiscoverEntry, DiscoverRunRecord } from '../../../../shared/discover';
import ResultPlots from '../../components/fit/ResultPlots';
import Latex from '../../components/Latex';
import { fetchRunData } from '../../fit/runData';
import { errorText, invoke } from '../../host';
import { useWorkbench } from '../../state/workbench';
import { formatError, formatR2 } from '../../fit/formatMeasure';
import { ORIGIN_TEXT } from './discoverText';
import ErrorAlert from '../../components/ErrorAlert';


export default function DiscoverEntryView(props: { readonly run: DiscoverRunRecord; readonly entry: DiscoverEntry }): JSX.Element {
  const wb = useWorkbench();
  const [name, setName] = createSignal('');
  const [saving, setSaving] = createSignal(false);
  const [saveError, setSaveError] = createSignal<string | null>(null);
  const [data] = createResource(() => props.run.id, fetchRunData);
  const saved = () =>
    wb.project()?.data.formulas.find((f) => props.run.formulaIds.includes(f.id) && f.source.text === props.entry.eml);

  const save = async (): Promise<void> => {
    setSaveError(null);
    setSaving(true);
    try {
      const record = await invoke('eml:discover:save', { runId: props.run.id, eml: props.entry.eml, ...(name().trim() ? { name: name().trim() } : {}) });
      await wb.refreshProject();
      wb.notify({ kind: 'info', text: `Saved “${record.name}” to the Library` });
    } catch (e) {
      setSaveError(errorText(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div class="discover-detail result-detail" data-testid="discover-detail" data-formula={props.entry.formula}>
      <div class="result-summary">
        <div class="latex-block">
          <Latex tex={props.entry.latex} display testid="discover-latex" />
        </div>
        <p>
          <code data-testid="discover-formula">{props.entry.formula}</code>
        </p>
        <p class={props.entry.exactWithinNoise ? 'verdict ok' : 'verdict'} data-testid="discover-verdict" data-exact={String(props.entry.exactWithinNoise)}>
          <strong>{props.entry.exactWithinNoise ? 'Exact within noise' : 'Not exact within noise'}</strong>: {props.entry.noiseVerdict}
        </p>
        <dl class="stats" data-testid="discover-metrics">
          <div>
            <dt>K</dt>
            <dd>{props.entry.K}</dd>
          </div>
          <div>
            <dt>RMSE</dt>
            <dd>{formatError(props.entry.rmse)}</dd>
          </div>
          <div>
            <dt>Held-out RMSE</dt>
            <dd>{formatError(props.entry.heldOutRmse)}</dd>
          </div>
          <div>
            <dt>Largest error</dt>
            <dd>{formatError(props.entry.maxError)}</dd>
          </div>
          <div>
            <dt>R²</dt>
            <dd>{formatR2(props.entry.r2)}</dd>
          </div>
          <div>
            <dt>Fitted constants</dt>
            <dd>{props.entry.constants}</dd>
          </div>
        </dl>
        <p class="muted">
          Found by {ORIGIN_TEXT[props.entry.origin]}. K is the size of its EML tree (fitted constants are one leaf each); RMSE is over the training rows,
          held-out RMSE over rows the search never saw, the largest error and R² over all rows.
        </p>
        <details class="eml-tree-text">
          <summary>EML tree (K {props.entry.K})</summary>
          <code class="eml-text" data-testid="discover-eml">{props.entry.eml}</code>
        </details>
        <form
          class="row save-row"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Show
            when={saved()}
            fallback={
              <>
                <label>
                  <span>Name in the Library (optional)</span>
                  <input data-testid="discover-save-name" value={name()} placeholder={props.entry.formula} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} />
                </label>
                <button type="submit" class="primary" data-testid="discover-save" disabled={saving()}>
                  Save to Library
                </button>
              </>
            }
          >
            {(f) => (
              <p class="muted" data-testid="discover-saved">
                In the Library as “{f().name}”, with its dataset, columns and run.
              </p>
            )}
          </Show>
          <ErrorAlert message={saveError()} testid="discover-save-error" />
        </form>
      </div>
      <div class="result-side">
        <Show when={data.error}>
          <p class="error">The data of this run cannot be shown: {errorText(data.error)}</p>
        </Show>
        <Show when={data.state === 'ready' ? data() : undefined}>
          {(d) => <ResultPlots data={d()} formula={props.entry.formula} testid="discover" total={d().total} />}
        </Show>
      </div>
    </div>
  );
}
