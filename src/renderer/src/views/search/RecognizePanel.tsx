// The Recognize tab: the shortest pure-EML tree equal to a constant or a function of x (and y), found by
// exhaustive search on the host. Before a run it says what the search can reach (BudgetPanel); during a run
// it shows the progress per K for every K up to Max K (measured, then estimated ahead; levelRows.ts) with
// the stop meter; then K, depth, EML, RPN, LaTeX, the tree, the verification and minimality, and saves the
// tree to the library. A constant and a function keep their own target and leaves.

import { createMemo, createResource, For, Show, type JSX } from 'solid-js';
import { SEMANTICS, type Semantics } from '../../../../core/semantics';
import { SEARCH_LIMITS, type RecognizeResult, type RecognizeSettings, type SearchJobInput } from '../../../../shared/search';
import EmlTree from '../../components/EmlTree';
import Latex from '../../components/Latex';
import { dagOfEml } from '../../search/emlDag';
import { useWorkbench } from '../../state/workbench';
import { labelPrimitives } from '../../tree/primitiveLabels';
import { compileState } from '../compileState';
import { searchState as ss, splitList, type TargetFields } from '../searchState';
import BudgetPanel from './BudgetPanel';
import LevelChart from './LevelChart';
import { levelTable } from './levelRows';
import { defaultLeaves, formatCount, formatSize, stopMeter, targetBudget } from './searchBudget';
import { formatBytes, formatMs, latestRun, saveHit, startSearch } from './searchRuns';

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
  /** The target and leaves of the kind shown. */
  const fields = (): TargetFields => form().targets[form().kind];
  const setField = (key: keyof TargetFields, value: string): void => {
    ss.setRecognize((f) => ({ ...f, targets: { ...f.targets, [f.kind]: { ...f.targets[f.kind], [key]: value } } }));
    ss.save();
  };
  const result = latest.result;
  const levels = createMemo(() => latest.run()?.levels ?? []);
  const status = latest.status;
  const settings = createMemo(() => {
    const s = latest.run()?.settings;
    return s?.task === 'recognize' ? (s as RecognizeSettings) : undefined;
  });
  // the run's own budget, carried on from the levels it measured: the rows ahead and the stop meter
  const runBudget = createMemo(() => {
    const s = settings();
    if (!s) return undefined;
    const b = targetBudget({ kind: s.target.kind, text: s.target.text, leaves: s.leaves, maxK: s.maxK, memoryMiB: s.memoryMiB, semantics: s.semantics }, levels());
    return 'error' in b ? undefined : b;
  });
  const table = createMemo(() => {
    const s = settings();
    const b = runBudget();
    if (!s || !b) return undefined;
    return levelTable({ levels: levels(), maxK: s.maxK, running: latest.running(), status: status(), stop: result()?.stop, estimate: b.budget });
  });
  const meter = createMemo(() => {
    const b = runBudget();
    const reached = table()?.rows.filter((r) => r.state !== 'ahead').at(-1)?.K;
    return b && reached ? stopMeter(b, reached) : undefined;
  });

  const run = (): void => {
    const f = form();
    const t = fields();
    const given = splitList(t.leaves);
    const input: SearchJobInput = {
      task: 'recognize',
      target: { kind: f.kind, text: t.text },
      leaves: given.length ? given : defaultLeaves(t.text),
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
            value={fields().text}
            maxLength={SEARCH_LIMITS.targetText}
            spellcheck={false}
            autocomplete="off"
            onInput={(e) => setField('text', e.currentTarget.value)}
          />
        </label>
        <label>
          <span>Leaves</span>
          <input
            data-testid="search-leaves"
            value={fields().leaves}
            placeholder={defaultLeaves(fields().text).join(', ')}
            spellcheck={false}
            size={8}
            onInput={(e) => setField('leaves', e.currentTarget.value)}
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
            data-testid="search-memory"
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
      <BudgetPanel
        collapsed={latest.run() !== undefined}
        input={{
          kind: form().kind,
          text: fields().text,
          leaves: splitList(fields().leaves),
          maxK: form().maxK,
          memoryMiB: form().memoryMiB,
          semantics: form().semantics,
        }}
      />
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
                  <caption class="muted">
                    Progress per K, every size up to Max K {settings()?.maxK}: measured where the run got, estimated ahead (grey)
                  </caption>
                  <thead>
                    <tr>
                      <th>K</th>
                      <th title="Distinct values first reached at this size (values equal at the probe points count once)">values at K</th>
                      <th title="Values stored in all levels so far">stored</th>
                      <th title="Memory of the stored levels">memory</th>
                      <th title="Trees of this size whose value matched the target at the probe points; each is then re-verified at more points and to 40 digits, and only verified ones count as found">
                        candidates matched
                      </th>
                      <th>elapsed</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={table()?.rows ?? []}>
                      {(l) => (
                        <tr data-testid="level-row" data-k={l.K} data-state={l.state} classList={{ estimated: l.state === 'ahead', 'out-of-reach': !l.reachable }}>
                          <td>{l.K}</td>
                          <td>{l.distinct === null ? '— (not stored)' : l.state === 'ahead' ? `≈ ${formatCount(l.distinct)}` : formatCount(l.distinct)}</td>
                          <td>{l.stored === null ? '' : formatCount(l.stored)}</td>
                          <td>{l.bytes === null ? '' : l.state === 'ahead' ? `≈ ${formatSize(l.bytes)}${l.reachable ? '' : ' (over budget)'}` : formatBytes(l.bytes)}</td>
                          <td>{l.candidates === null ? (l.state === 'ahead' ? '' : '—') : l.candidates}</td>
                          <td>{l.elapsedMs === null ? '' : formatMs(l.elapsedMs)}</td>
                        </tr>
                      )}
                    </For>
                    <Show when={table()?.skipped}>
                      {(sk) => (
                        <tr data-testid="level-skipped" data-from={sk().from} data-to={sk().to} class="estimated">
                          <td>
                            {sk().from === sk().to ? sk().from : `${sk().from}–${sk().to}`}
                          </td>
                          <td colspan={5}>{sk().reason}</td>
                        </tr>
                      )}
                    </Show>
                  </tbody>
                </table>
                <p class="muted table-note">
                  A size is decided by storing the levels up to K − 4 and matching the target against trees built from stored halves, so the
                  last sizes are matched without being stored. “candidates matched”: trees of size K whose value equals the target at the probe
                  points, before each is re-verified.
                </p>
              </div>
            </div>
            <Show when={meter()}>
              {(m) => (
                <div class="stop-meter" data-testid="run-stop-meter" data-tried={m().tried.toFixed(2)} data-digits={m().digits}>
                  <meter min={0} max={1} low={0.5} high={0.99} optimum={0} value={m().fill} aria-label="Formulas tried against the precision of the target" />
                  <span>{m().text}</span>
                </div>
              )}
            </Show>
            <Show when={result()}>
              {(res) => (
                <Show
                  when={res().found && res().hits.length > 0}
                  fallback={
                    <p data-testid="search-none">
                      No tree found ({res().stop.text}): {res().minimality}.
                    </p>
                  }
                >
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
