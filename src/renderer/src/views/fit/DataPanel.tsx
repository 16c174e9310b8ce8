// The Fit view's data: import a CSV/TSV file into the project (rows with missing or non-numeric values are
// dropped and listed; an error appears beside the file input), choose a dataset, its input columns and its
// target, and see its first rows. Discover and training on a dataset both use this choice.

import { createResource, createSignal, For, Show, type JSX } from 'solid-js';
import { DATASET_PREVIEW_ROWS, MAX_DATASET_TEXT, type DatasetImportResponse } from '../../../../shared/train';
import { errorText, invoke } from '../../host';
import { useWorkbench } from '../../state/workbench';
import type { DataSelection } from './dataSelection';
import ErrorAlert from '../../components/ErrorAlert';

/** A usable variable name for discover (the engine's rule). */
const VARIABLE = /^[A-Za-z][A-Za-z0-9_]*$/;

export default function DataPanel(props: { readonly data: DataSelection }): JSX.Element {
  const wb = useWorkbench();
  const sel = props.data;
  const [imported, setImported] = createSignal<DatasetImportResponse | null>(null);
  const [importing, setImporting] = createSignal(false);
  const [importError, setImportError] = createSignal<string | null>(null);

  // the chosen dataset's first rows: from the import just made, else fetched from the host
  const [fetched] = createResource(
    () => {
      const id = sel.datasetId();
      return id && imported()?.dataset.id !== id ? id : undefined;
    },
    async (datasetId) => await invoke('eml:dataset:data', { datasetId }),
  );
  const preview = (): { columns: readonly string[]; rows: ReadonlyArray<readonly number[]> } | undefined => {
    const imp = imported();
    if (imp && imp.dataset.id === sel.datasetId()) return { columns: imp.columns, rows: imp.preview };
    const d = fetched.state === 'ready' ? fetched() : undefined;
    if (!d || d.datasetId !== sel.datasetId()) return undefined;
    const n = Math.min(DATASET_PREVIEW_ROWS, d.values[0]?.length ?? 0);
    return { columns: d.columns, rows: Array.from({ length: n }, (_, i) => d.values.map((c) => c[i]!)) };
  };

  const importFile = async (file: File | undefined): Promise<void> => {
    if (!file) return;
    setImportError(null);
    if (file.size > MAX_DATASET_TEXT) {
      setImportError(`${file.name} is ${Math.round(file.size / 1000)} kB; the import takes files up to ${MAX_DATASET_TEXT / 1000} kB`);
      return;
    }
    setImporting(true);
    try {
      const res = await invoke('eml:dataset:import', { fileName: file.name, text: await file.text() });
      setImported(res);
      await wb.refreshProject();
      sel.choose(res.dataset.id);
    } catch (e) {
      setImported(null);
      setImportError(errorText(e));
    } finally {
      setImporting(false);
    }
  };

  const badNames = (): string[] => sel.xCols().filter((c) => !VARIABLE.test(c));

  const justImported = (): DatasetImportResponse | undefined => {
    const imp = imported();
    return imp && imp.dataset.id === sel.datasetId() ? imp : undefined;
  };

  return (
    <section class="panel fit-data" aria-labelledby="fit-data-title" data-testid="fit-data">
      <h3 id="fit-data-title">Data</h3>
      <div class="fit-data-grid">
        <div class="fit-data-controls">
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
            <Show when={sel.datasets().length > 0}>
              <label>
                <span>Dataset</span>
                <select data-testid="fit-dataset" onChange={(e) => sel.choose(e.currentTarget.value)}>
                  <For each={sel.datasets()}>
                    {(d) => (
                      <option value={d.id} selected={d.id === sel.datasetId()}>
                        {d.name} ({d.rows} rows)
                      </option>
                    )}
                  </For>
                </select>
              </label>
            </Show>
          </div>
          <ErrorAlert message={importError()} testid="fit-import-error" class="import-error" />
          <Show when={sel.datasets().length === 0 && wb.project()}>
            <p class="muted">Import a CSV or TSV file with a header row: one column per input and one for the target.</p>
          </Show>
          <Show when={sel.dataset()}>
            {(d) => (
              <>
                <div class="row">
                  <fieldset class="columns">
                    <legend>Inputs</legend>
                    <For each={d().columns.map((c) => c.name)}>
                      {(name) => (
                        <label class="radio">
                          <input
                            type="checkbox"
                            data-testid={`fit-x-${name}`}
                            checked={sel.xCols().includes(name)}
                            disabled={name === sel.yCol()}
                            onChange={(e) => sel.setInput(name, e.currentTarget.checked)}
                          />
                          {name}
                        </label>
                      )}
                    </For>
                  </fieldset>
                  <label>
                    <span>Target column</span>
                    <select data-testid="fit-y" onChange={(e) => sel.setTarget(e.currentTarget.value)}>
                      <For each={d().columns.map((c) => c.name)}>
                        {(n) => (
                          <option value={n} selected={n === sel.yCol()}>
                            {n}
                          </option>
                        )}
                      </For>
                    </select>
                  </label>
                </div>
                <Show when={!justImported()}>
                  <p class="muted" data-testid="fit-dataset-detail">
                    {d().source.detail}
                  </p>
                </Show>
                <Show when={badNames().length > 0}>
                  <p class="muted">
                    Discover needs input names made of letters, digits and _ (starting with a letter); rename {badNames().join(', ')} in the file to
                    discover with {badNames().length === 1 ? 'it' : 'them'}.
                  </p>
                </Show>
              </>
            )}
          </Show>
          <Show when={justImported()}>
            {(imp) => (
              <div class="csv-import" data-testid="csv-import">
                <p data-testid="csv-summary">
                  Imported {imp().dataset.name}: {imp().kept} of {imp().rows} rows kept, {imp().columns.length} columns.
                </p>
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
        </div>
        <Show when={preview()}>
          {(p) => (
            <div class="table-wrap fit-data-preview">
              <table data-testid="csv-preview" aria-label="First rows of the chosen dataset">
                <thead>
                  <tr>
                    <For each={p().columns}>{(c) => <th scope="col">{c}</th>}</For>
                  </tr>
                </thead>
                <tbody>
                  <For each={p().rows}>
                    {(row) => (
                      <tr>
                        <For each={row}>{(v) => <td class="num">{v.toPrecision(6)}</td>}</For>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </div>
    </section>
  );
}
