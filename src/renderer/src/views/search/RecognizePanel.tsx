// The Recognize tab: the shortest pure-EML tree equal to a constant or a function of x (and y), found by
// exhaustive search on the host. Shows the live progress per K (table and bar chart of distinct values),
// then K, depth, EML, RPN, LaTeX, the tree, the verification and minimality, and saves the tree to the library.

import { createMemo, createResource, For, Show, type JSX } from 'solid-js';
import { variables } from '../../../../core/expr';
import { SEMANTICS, type Semantics } from '../../../../core/semantics';
import { parseInfix } from '../../../../core/syntax';
import { SEARCH_LIMITS, type RecognizeResult, type SearchJobInput } from '../../../../shared/search';
import EmlTree from '../../components/EmlTree';
import Latex from '../../components/Latex';
import { dagOfEml } from '../../search/emlDag';
import { useWorkbench } from '../../state/workbench';
import { labelPrimitives } from '../../tree/primitiveLabels';
import { compileState } from '../compileState';
import { searchState as ss, splitList } from '../searchState';
import LevelChart from './LevelChart';
import { formatBytes, formatMs, latestRun, saveHit, startSearch } from './searchRuns';

/** Returns the default leaves of a target: 1 and its variables (just 1 when the text does not parse: the host names the error). */
function defaultLeaves(text: string): string[] {
  try {
    return ['1', ...variables(parseInfix(text))];
  } catch {
    return ['1'];
  }
}

function HitView(props: { result: RecognizeResult; runId: string }): JSX.Element {
  const wb = useWorkbench();
  const hit = () => props.result.hits[0]!;
  const dag = createMemo(() => {
    try {
      return dagOfEml(hit().eml);
    } catch {
      return undefined;
    }
  });
  const [patterns] = createResource(() => compileState.patterns('paper', 'robust'));
  const labels = createMemo(() => {
    const d = dag();
    const p = patterns();
    return d && p ? labelPrimitives(d, p) : new Map();
  });
  return (
    <div class="search-hit" data-testid="search-hit">
      <dl class="stats">
        <div>
          <dt>K</dt>
          <dd data-testid="search-k">{hit().K}</dd>
        </div>
        <div>
          <dt>depth</dt>
          <dd data-testid="search-depth">{hit().depth}</dd>
        </div>
        <div>
          <dt>leaf set</dt>
          <dd>{`{${props.result.leaves.join(', ')}}`}</dd>
        </div>
        <div>
          <dt>trees of this K</dt>
          <dd>{props.result.hits.length}</dd>
        </div>
      </dl>
      <p class="check" classList={{ 'check-ok': hit().verification.verified, 'check-bad': !hit().verification.verified }} data-testid="search-verification">
        Verification: {hit().verification.verified ? 'verified' : 'not verified'} at {hit().verification.points} point(s), {hit().verification.agreeingDigits} of{' '}
        {hit().verification.digits} digits agree, float64 error {hit().verification.floatRelError.toExponential(1)}
      </p>
      <p class="muted" data-testid="search-minimality">
        Minimality: {props.result.minimality}.
      </p>
      <div class="latex-block latex-scroll" data-testid="search-latex">
        <Latex tex={hit().latex} display />
      </div>
      <dl class="forms">
        <dt>EML</dt>
        <dd>
          <code data-testid="search-eml">{hit().eml}</code>
        </dd>
        <dt>RPN</dt>
        <dd>
          <code data-testid="search-rpn">{hit().rpn}</code>
        </dd>
      </dl>
      <button type="button" class="primary" data-testid="search-save" onClick={() => void saveHit(wb, props.runId)}>
        Save to Library
      </button>
      <Show when={dag()}>
        {(d) => (
          <>
            <h4>
              Tree <span class="muted">(K {hit().K}, depth {hit().depth}; named subtrees equal the primitive shown)</span>
            </h4>
            <EmlTree dag={d()} labels={labels()} />
          </>
        )}
      </Show>
    </div>
  );
}

export default function RecognizePanel(): JSX.Element {
  const wb = useWorkbench();
  const latest = latestRun(wb, 'recognize');
  const form = ss.recognize;
  const set = <K extends keyof ReturnType<typeof form>>(key: K, value: ReturnType<typeof form>[K]): void => {
    ss.setRecognize((f) => ({ ...f, [key]: value }));
    ss.save();
  };
  const result = latest.result;
  const levels = createMemo(() => latest.run()?.levels ?? []);
  const grown = createMemo(() => levels().filter((l) => l.phase === 'grow'));
  const matched = createMemo(() => new Map(levels().filter((l) => l.phase === 'match').map((l) => [l.K, l.candidates ?? 0])));
  const status = latest.status;

  const run = (): void => {
    const f = form();
    const given = splitList(f.leaves);
    const input: SearchJobInput = {
      task: 'recognize',
      target: { kind: f.kind, text: f.text },
      leaves: given.length ? given : defaultLeaves(f.text),
      maxK: f.maxK,
      semantics: f.semantics,
      domain: 'complex',
      memoryMiB: f.memoryMiB,
    };
    void startSearch(wb, input);
  };

  return (
    <section class="search-panel" aria-labelledby="recognize-title" data-testid="recognize-panel">
      <h3 id="recognize-title">Recognize a constant or a function</h3>
      <p class="muted">
        Enumerates every pure EML tree by size K (RPN tokens) with functional deduplication until one equals the target; each hit is re-verified at
        more points and to 40 digits. The shortest K is minimal under the stated semantics.
      </p>
      <form
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          <span>Target</span>
          <select data-testid="search-kind" value={form().kind} onChange={(e) => set('kind', e.currentTarget.value as 'const' | 'fn')}>
            <option value="const">constant</option>
            <option value="fn">function of x[, y]</option>
          </select>
        </label>
        <label class="grow">
          <span>{form().kind === 'const' ? 'Constant (2, -1/2, pi …)' : 'Function (ln(x), x*y …)'}</span>
          <input
            data-testid="search-target"
            value={form().text}
            maxLength={SEARCH_LIMITS.targetText}
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => set('text', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Leaves</span>
          <input
            data-testid="search-leaves"
            value={form().leaves}
            placeholder={form().kind === 'const' ? '1' : '1, x'}
            spellcheck={false}
            size={8}
            onInput={(e) => set('leaves', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Max K</span>
          <input
            data-testid="search-maxk"
            type="number"
            min={1}
            max={SEARCH_LIMITS.recognizeMaxK}
            value={form().maxK}
            onInput={(e) => set('maxK', Math.round(Number(e.currentTarget.value)) || 1)}
          />
        </label>
        <label>
          <span>Semantics</span>
          <select data-testid="search-semantics" value={form().semantics} onChange={(e) => set('semantics', e.currentTarget.value as Semantics)}>
            <For each={SEMANTICS}>{(s) => <option value={s}>{s}</option>}</For>
          </select>
        </label>
        <label>
          <span>Memory (MiB)</span>
          <input
            type="number"
            min={SEARCH_LIMITS.minMemoryMiB}
            max={SEARCH_LIMITS.maxMemoryMiB}
            value={form().memoryMiB}
            onInput={(e) => set('memoryMiB', Math.round(Number(e.currentTarget.value)) || 512)}
          />
        </label>
        <button type="submit" class="primary" data-testid="search-run" disabled={!wb.project() || latest.running()}>
          Run
        </button>
        <Show when={latest.running()}>
          <button type="button" data-testid="search-cancel" onClick={() => void wb.cancelJob(latest.job()!.id)}>
            Cancel
          </button>
        </Show>
      </form>
      <Show when={!wb.project()}>
        <p class="muted">Open or create a project to search: runs and their results are stored in the project.</p>
      </Show>
      <Show when={latest.run()}>
        {(r) => (
          <>
            <p class="search-status" data-testid="search-status" data-status={status()}>
              {r().label} — <strong>{status()}</strong>
              <Show when={latest.running() && latest.job()}>{(j) => <> ({j().message})</>}</Show>
              <Show when={result()}>{(res) => <> in {formatMs(res().ms)}: {res().stop.text}</>}</Show>
              <Show when={r().error}>{(e) => <span class="error"> {e()}</span>}</Show>
            </p>
            <div class="search-progress">
              <LevelChart levels={levels()} group="" title="Distinct values per K" />
              <div class="table-wrap level-table-wrap">
                <table class="results" data-testid="level-table">
                  <caption class="muted">Progress per K</caption>
                  <thead>
                    <tr>
                      <th>K</th>
                      <th>distinct values</th>
                      <th>stored</th>
                      <th>memory</th>
                      <th>candidates</th>
                      <th>elapsed</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={grown()}>
                      {(l) => (
                        <tr data-testid="level-row" data-k={l.K}>
                          <td>{l.K}</td>
                          <td>{l.distinct}</td>
                          <td>{l.nodes}</td>
                          <td>{formatBytes(l.bytes)}</td>
                          <td>{matched().get(l.K) ?? '—'}</td>
                          <td>{formatMs(l.elapsedMs)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </div>
            </div>
            <Show when={result()}>
              {(res) => (
                <Show when={res().found && res().hits.length > 0} fallback={<p data-testid="search-none">No tree found: {res().minimality}.</p>}>
                  <HitView result={res()} runId={r().id} />
                </Show>
              )}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
