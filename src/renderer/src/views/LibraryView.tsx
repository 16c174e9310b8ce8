// The Library view: every formula saved in the project with its provenance (source, settings, rules,
// numeric check), search over names, formulas and tags, tag editing, and export of the selected formulas
// (LaTeX, Mathematica, SymPy, JS, C, Python, RPN or a bundle). Export files are written into the project's
// exports/ folder by the host and offered as downloads (several files as one zip). A formula opens back in
// the Compile view (its tree), and the run that found it opens in its view.

import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import { EXPORT_FORMATS, type ExportFormat, type ExportedFile } from '../../../shared/library';
import type { FormulaRecord, RunRecord } from '../../../shared/project';
import { downloadFiles } from '../components/download';
import Latex from '../components/Latex';
import { onAction } from '../state/actions';
import { runFocus } from '../state/runFocus';
import { useWorkbench } from '../state/workbench';
import { compileState } from './compileState';
import { compileInput } from './library/compileInput';
import { formulaBadge } from './library/formulaBadge';

const FORMAT_TEXT: Readonly<Record<ExportFormat, string>> = {
  latex: 'LaTeX document (.tex)',
  mathematica: 'Mathematica (.wl)',
  sympy: 'SymPy (.py)',
  js: 'JavaScript module (.mjs)',
  c: 'C (one .c per formula)',
  python: 'Python with mpmath (.py)',
  rpn: 'RPN (.txt)',
  bundle: 'Bundle of all forms (.json)',
};

/** True when the record matches every word of the query (name, formula, tags, notes, source). */
export function matchesQuery(r: FormulaRecord, query: string): boolean {
  const hay = [r.name, r.infix, r.source.text, r.notes, ...r.tags].join('\n').toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w !== '')
    .every((w) => hay.includes(w));
}

/** Loads a formula into the Compile view, compiles it and shows that view. */
function openInCompile(r: FormulaRecord): void {
  const input = compileInput(r);
  compileState.setText(input.text);
  compileState.setSyntax(input.syntax);
  compileState.setMode(r.compile.mode);
  compileState.setPrefer(r.compile.prefer);
  void compileState.compile();
  window.location.hash = '#/compile';
}

/** Returns "Recognize 2 (12/05/2026, 10:31:02)" for a run, or a short id when the run is gone. */
function runText(run: RunRecord | undefined, id: string | null): string {
  if (run) return `${run.label} (${new Date(run.createdAt).toLocaleString()})`;
  return id ? `a run no longer in the project (${id.slice(0, 8)})` : 'a run';
}

function Provenance(props: { r: FormulaRecord; runs: readonly RunRecord[] }): JSX.Element {
  const p = (): FormulaRecord['provenance'] => props.r.provenance;
  const run = (): RunRecord | undefined => (p().kind === 'run' ? props.runs.find((x) => x.id === p().runId) : undefined);
  return (
    <details class="provenance" data-testid="provenance">
      <summary>
        {p().kind === 'compile' ? 'compiled' : p().kind === 'run' ? `found by ${runText(run(), p().runId)}` : 'imported'}, saved{' '}
        {new Date(props.r.createdAt).toLocaleString()}
      </summary>
      <Show when={run()}>
        {(r) => (
          <button type="button" class="link" data-testid="provenance-open-run" onClick={() => runFocus.open(r())}>
            Show the run
          </button>
        )}
      </Show>
      <dl>
        <dt>Source</dt>
        <dd>
          <code>{props.r.source.text}</code> ({props.r.source.syntax})
        </dd>
        <dt>Settings</dt>
        <dd>
          {Object.entries(p().settings)
            .map(([k, v]) => `${k}: ${String(v)}`)
            .join(', ')}
          <Show when={p().seed !== null}>, seed {p().seed}</Show>
        </dd>
        <dt>Semantics</dt>
        <dd>exact under '{props.r.compile.semantics}'</dd>
        <dt>Rules used</dt>
        <dd>{p().rulesUsed.join(', ') || '—'}</dd>
        <dt>Verification</dt>
        <dd>
          {props.r.verification
            ? `${props.r.verification.passed ? 'passed' : 'not passed'}: ${props.r.verification.compared}/${props.r.verification.points} points, worst scaled error ${
                props.r.verification.maxScaledError === null ? '—' : props.r.verification.maxScaledError.toExponential(2)
              } (${props.r.verification.semantics})`
            : 'not checked'}
        </dd>
        <dt>Recorded by</dt>
        <dd>EML Workbench {p().appVersion}</dd>
      </dl>
    </details>
  );
}

function Row(props: { r: FormulaRecord; runs: readonly RunRecord[]; selected: boolean; onSelect: (on: boolean) => void; onTag: (tag: string) => void }): JSX.Element {
  const wb = useWorkbench();
  const badge = createMemo(() => formulaBadge(props.r, props.runs));
  const [tag, setTag] = createSignal('');
  const addTag = (): void => {
    const t = tag().trim();
    if (t === '' || props.r.tags.includes(t)) return;
    setTag('');
    void wb.updateFormula({ id: props.r.id, tags: [...props.r.tags, t] });
  };
  return (
    <tr data-testid="library-row" data-id={props.r.id} classList={{ selected: props.selected }}>
      <td>
        <input type="checkbox" data-testid="library-select" aria-label={`Select ${props.r.name}`} checked={props.selected} onChange={(e) => props.onSelect(e.currentTarget.checked)} />
      </td>
      <td>
        <div class="formula-name" data-testid="library-name">
          {props.r.name}
        </div>
        <div class="formula-latex">
          <Latex tex={props.r.latex} />
        </div>
        <button type="button" class="link" data-testid="library-open" title="Compile this formula again and show its EML tree" onClick={() => openInCompile(props.r)}>
          Open in Compile (tree)
        </button>
        <Provenance r={props.r} runs={props.runs} />
      </td>
      <td class="num">
        {props.r.compile.K} / {props.r.compile.depth}
      </td>
      <td>
        {props.r.compile.mode}
        <br />
        <span class="muted">{props.r.compile.semantics}</span>
      </td>
      <td>
        <span class={`badge ${badge().tone}`} data-testid="library-badge" data-tone={badge().tone} title={badge().title}>
          {badge().text}
        </span>
      </td>
      <td>
        <div class="tags">
          <For each={props.r.tags}>
            {(t) => (
              <span class="tag" data-testid="library-tag">
                <button type="button" class="link" onClick={() => props.onTag(t)} title="Show formulas with this tag">
                  {t}
                </button>
                <button
                  type="button"
                  class="tag-remove"
                  aria-label={`Remove tag ${t}`}
                  onClick={() => void wb.updateFormula({ id: props.r.id, tags: props.r.tags.filter((x) => x !== t) })}
                >
                  ×
                </button>
              </span>
            )}
          </For>
          <form
            class="tag-form"
            onSubmit={(e) => {
              e.preventDefault();
              addTag();
            }}
          >
            <input data-testid="tag-input" placeholder="add tag" value={tag()} maxLength={40} onInput={(e) => setTag(e.currentTarget.value)} aria-label={`Add a tag to ${props.r.name}`} />
          </form>
        </div>
      </td>
    </tr>
  );
}

export default function LibraryView(): JSX.Element {
  const wb = useWorkbench();
  const [query, setQuery] = createSignal('');
  const [selected, setSelected] = createSignal<ReadonlySet<string>>(new Set());
  const [format, setFormat] = createSignal<ExportFormat>('latex');
  const [exported, setExported] = createSignal<readonly ExportedFile[]>([]);
  let search: HTMLInputElement | undefined;
  onAction('focus-input', () => search?.focus());

  const formulas = createMemo(() => wb.project()?.data.formulas ?? []);
  const visible = createMemo(() => formulas().filter((r) => matchesQuery(r, query())));
  // Rows are keyed by formula id, not by record: a project refresh replaces every record, and a row made
  // anew would close its open provenance and drop a tag being typed.
  const byId = createMemo(() => new Map(formulas().map((r) => [r.id, r])));
  const visibleIds = createMemo(() => visible().map((r) => r.id));
  const chosen = createMemo(() => formulas().filter((r) => selected().has(r.id)));
  const select = (id: string, on: boolean): void => {
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  };
  const allVisibleSelected = createMemo(() => visible().length > 0 && visible().every((r) => selected().has(r.id)));

  const doExport = async (): Promise<void> => {
    const ids = chosen().map((r) => r.id);
    const result = await wb.exportFormulas(ids, format());
    if (!result) return;
    setExported(result.files);
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    downloadFiles(result.files, `formulas-${format()}-${stamp}.zip`);
    wb.notify({
      kind: 'info',
      text: `Exported ${ids.length} formula(s) to ${result.files.length} file(s)${result.files.length > 1 ? ', downloaded as one zip archive' : ''}`,
    });
  };

  return (
    <section class="view library-view" aria-labelledby="library-title">
      <h2 id="library-title">Library</h2>
      <Show when={wb.project()} fallback={<p class="muted">Open or create a project to see its formulas.</p>}>
        <div class="library-toolbar">
          <input
            ref={search}
            type="search"
            data-testid="library-search"
            placeholder="Search names, formulas, tags…"
            value={query()}
            onInput={(e) => setQuery(e.currentTarget.value)}
            aria-label="Search the library"
          />
          <label>
            <span>Export as</span>
            <select data-testid="export-format" value={format()} onChange={(e) => setFormat(e.currentTarget.value as ExportFormat)}>
              <For each={EXPORT_FORMATS}>{(f) => <option value={f}>{FORMAT_TEXT[f]}</option>}</For>
            </select>
          </label>
          <button type="button" class="primary" data-testid="export-button" disabled={chosen().length === 0} onClick={() => void doExport()}>
            Export {chosen().length} selected
          </button>
          <button type="button" data-testid="delete-formulas" disabled={chosen().length === 0} onClick={() => void wb.deleteFormulas(chosen().map((r) => r.id)).then(() => setSelected(new Set<string>()))}>
            Delete selected
          </button>
        </div>
        <Show when={exported().length > 0}>
          <ul class="export-files" data-testid="export-files">
            <For each={exported()}>
              {(f) => (
                <li>
                  <code data-testid="export-path">{f.path}</code>
                </li>
              )}
            </For>
          </ul>
        </Show>
        <Show when={formulas().length > 0} fallback={<p class="muted">No formulas yet: compile one and press “Save to Library”.</p>}>
          <div class="table-wrap">
            <table class="library" data-testid="library-table">
              <thead>
                <tr>
                  <th>
                    <input
                      type="checkbox"
                      aria-label="Select all shown"
                      data-testid="library-select-all"
                      checked={allVisibleSelected()}
                      onChange={(e) => {
                        const on = e.currentTarget.checked;
                        for (const r of visible()) select(r.id, on);
                      }}
                    />
                  </th>
                  <th>Formula and provenance</th>
                  <th>K / depth</th>
                  <th>Mode</th>
                  <th>Check</th>
                  <th>Tags</th>
                </tr>
              </thead>
              <tbody>
                <For each={visibleIds()}>
                  {(id) => (
                    <Show when={byId().get(id)}>
                      {(r) => <Row r={r()} runs={wb.project()?.data.runs ?? []} selected={selected().has(id)} onSelect={(on) => select(id, on)} onTag={(t) => setQuery(t)} />}
                    </Show>
                  )}
                </For>
              </tbody>
            </table>
          </div>
          <p class="muted" data-testid="library-count">
            {visible().length} of {formulas().length} formula(s) shown
          </p>
        </Show>
      </Show>
    </section>
  );
}
