// The Shortest-form table tab: the minimal pure-EML size K of every calculator primitive the search reaches
// within small limits (seconds on the host), under each chosen semantics, beside the reference columns
// (paper, best known IEEE, toolkit compiler).

import { createMemo, For, Show, type JSX } from 'solid-js';
import { SEMANTICS, type Semantics } from '../../../../core/semantics';
import { SEARCH_LIMITS, type TableResultRow } from '../../../../shared/search';
import { useWorkbench } from '../../state/workbench';
import { searchState as ss } from '../searchState';
import { formatMs, latestRun, startSearch } from './searchRuns';

const cell = (v: number | null | undefined): string => (v === null || v === undefined ? '—' : String(v));

function foundCell(row: TableResultRow, s: Semantics): string {
  const c = row.results[s];
  if (!c) return '—';
  if (c.K !== null) return String(c.K);
  return c.upper ? `≤${c.upper} (>${c.decidedUpTo})` : `>${c.decidedUpTo}`;
}

export default function TablePanel(): JSX.Element {
  const wb = useWorkbench();
  const latest = latestRun(wb, 'table');
  const form = ss.table;
  const setNum = (key: 'maxConstant' | 'maxUnary' | 'maxBinary' | 'upperK', text: string): void => {
    ss.setTable((f) => ({ ...f, [key]: Math.round(Number(text)) || (key === 'upperK' ? 0 : 1) }));
    ss.save();
  };
  const toggle = (s: Semantics, on: boolean): void => {
    ss.setTable((f) => ({ ...f, semantics: SEMANTICS.filter((x) => (x === s ? on : f.semantics.includes(x))) }));
    ss.save();
  };
  const result = latest.result;
  const sems = createMemo(() => {
    const s = latest.run()?.settings;
    return s?.task === 'table' ? s.semantics : [];
  });
  const status = latest.status;

  const run = (): void => {
    const f = form();
    void startSearch(wb, {
      task: 'table',
      semantics: f.semantics,
      maxK: { constant: f.maxConstant, unary: f.maxUnary, binary: f.maxBinary },
      only: null,
      domain: 'complex',
      memoryMiB: 512,
      upperK: f.upperK ?? 0,
    });
  };

  return (
    <section class="search-panel" aria-labelledby="table-title" data-testid="table-panel">
      <h3 id="table-title">Shortest-form table</h3>
      <p class="muted">
        One enumeration per semantics and arity serves every primitive of the reference table; a cell shows the minimal K found, or &gt;N when no
        tree with K ≤ N exists (≤U (&gt;N): a verified tree of size U found beyond the decided sizes). Keep the limits small here (19/17/17 takes seconds); the command line runs larger ones.
      </p>
      <form
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <fieldset class="inline-fieldset">
          <legend>Semantics</legend>
          <For each={SEMANTICS}>
            {(s) => (
              <label class="check-label">
                <input type="checkbox" data-testid={`table-sem-${s}`} checked={form().semantics.includes(s)} onChange={(e) => toggle(s, e.currentTarget.checked)} />
                {s}
              </label>
            )}
          </For>
        </fieldset>
        <label>
          <span>Max K constants</span>
          <input type="number" data-testid="table-maxk-constant" min={1} max={SEARCH_LIMITS.tableMaxK} value={form().maxConstant} onInput={(e) => setNum('maxConstant', e.currentTarget.value)} />
        </label>
        <label>
          <span>unary</span>
          <input type="number" data-testid="table-maxk-unary" min={1} max={SEARCH_LIMITS.tableMaxK} value={form().maxUnary} onInput={(e) => setNum('maxUnary', e.currentTarget.value)} />
        </label>
        <label>
          <span>binary</span>
          <input type="number" data-testid="table-maxk-binary" min={1} max={SEARCH_LIMITS.tableMaxK} value={form().maxBinary} onInput={(e) => setNum('maxBinary', e.currentTarget.value)} />
        </label>
        <label title="Beyond the decided sizes: spine search and compositions of verified forms, for constants and unary primitives (0 = off). A cell ≤U (>N) has a verified tree of size U; sizes above N are not all decided.">
          <span>upper bounds to K</span>
          <input type="number" data-testid="table-upper-k" min={0} max={SEARCH_LIMITS.tableUpperK} value={form().upperK ?? 0} onInput={(e) => setNum('upperK', e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary" data-testid="table-run" disabled={!wb.project() || latest.running() || form().semantics.length === 0}>
          Run table
        </button>
        <Show when={latest.running()}>
          <button type="button" data-testid="table-cancel" onClick={() => void wb.cancelJob(latest.job()!.id)}>
            Cancel
          </button>
        </Show>
      </form>
      <Show when={latest.run()}>
        {(r) => (
          <>
            <p class="search-status" data-testid="table-status" data-status={status()}>
              {r().label} — <strong>{status()}</strong>: {r().progress.done} / {r().progress.total || '…'} enumerations
              <Show when={latest.running() && latest.job()}>{(j) => <> ({j().message})</>}</Show>
              <Show when={result()}>{(res) => <> in {formatMs(res().ms)}</>}</Show>
              <Show when={r().error}>{(e) => <span class="error"> {e()}</span>}</Show>
            </p>
            <progress max={Math.max(1, r().progress.total)} value={r().progress.done} aria-label="Table progress" />
            <Show when={result()}>
              {(res) => (
                <div class="table-wrap">
                  <table class="results" data-testid="table-result">
                    <thead>
                      <tr>
                        <th>Primitive</th>
                        <th>Formula</th>
                        <For each={sems()}>{(s) => <th>K {s}</th>}</For>
                        <th>paper extended</th>
                        <th>paper ∞-free</th>
                        <th>best IEEE</th>
                        <th>toolkit compiler</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={res().rows}>
                        {(row) => (
                          <tr data-testid="table-row" data-name={row.name}>
                            <td>{row.name}</td>
                            <td>
                              <code>{row.formula}</code>
                            </td>
                            <For each={sems()}>
                              {(s) => (
                                <td data-testid={`table-k-${s}`} classList={{ found: row.results[s]?.K != null }}>
                                  {foundCell(row, s)}
                                </td>
                              )}
                            </For>
                            <td>{cell(row.paperShortestK_extended)}</td>
                            <td>{cell(row.paperShortestK_ieee)}</td>
                            <td>{cell(row.bestKnownK_ieee)}</td>
                            <td>{cell(row.toolkitCompilerK)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                  <Show when={!res().reference}>
                    <p class="muted">The reference table was not found beside the application: its columns are empty.</p>
                  </Show>
                </div>
              )}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
