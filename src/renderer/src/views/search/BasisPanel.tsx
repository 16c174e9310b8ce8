// The Basis verification tab: bootstraps the calculator from a base of primitives (default {1, EML}) on the
// host, then draws the witness chain like the paper's Fig. 1 (layoutBasisGraph: nodes along a spiral in
// discovery order, edges from the primitives each witness uses) and lists it with K and witness.

import { createMemo, For, Show, type JSX } from 'solid-js';
import { SEARCH_LIMITS, type BasisResult } from '../../../../shared/search';
import { layoutBasisGraph } from '../../search/basisGraph';
import { useWorkbench } from '../../state/workbench';
import { searchState as ss, splitList } from '../searchState';
import { formatMs, latestRun, startSearch } from './searchRuns';

function BasisSpiral(props: { result: BasisResult }): JSX.Element {
  const graph = createMemo(() => layoutBasisGraph(props.result.base, props.result.chain));
  return (
    <figure class="basis-figure">
      <svg
        class="basis-graph"
        viewBox={`0 0 ${graph().size} ${graph().size}`}
        role="img"
        aria-label={`Dependency graph of the chain: ${graph().nodes.length} primitives, ${graph().edges.length} uses`}
        data-testid="basis-graph"
      >
        <defs>
          <marker id="basis-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" orient="auto-start-reverse">
            <path d="M0,0L10,5L0,10z" class="basis-arrowhead" />
          </marker>
        </defs>
        <g class="basis-edges">
          <For each={graph().edges}>
            {(e) => <path class={`basis-edge basis-edge-${e.style}`} d={e.d} marker-end="url(#basis-arrow)" data-testid="basis-edge" />}
          </For>
        </g>
        <For each={graph().nodes}>
          {(n) => (
            <g
              class={`basis-node family-${n.family}`}
              transform={`translate(${n.x},${n.y})`}
              data-testid="basis-node"
              data-origin={n.origin}
              data-name={n.name}
              data-kind={n.kind}
            >
              <circle r={graph().radius} />
              <text dy="0.35em" class={n.label.length <= 4 ? 'label-l' : n.label.length === 5 ? 'label-m' : 'label-s'}>
                {n.label}
              </text>
              <title>
                {n.step === null ? `${n.name} (${n.kind}, given)` : `#${n.step} ${n.name} (${n.kind}), K ${n.K}: ${n.witness}`}
              </title>
            </g>
          )}
        </For>
      </svg>
      <figcaption class="muted">
        Discovery order along the spiral from the centre; arrows from each primitive a witness uses (black: EML, dashed: 1).
      </figcaption>
    </figure>
  );
}

export default function BasisPanel(): JSX.Element {
  const wb = useWorkbench();
  const latest = latestRun(wb, 'verify-basis');
  const form = ss.basis;
  const set = <K extends keyof ReturnType<typeof form>>(key: K, value: ReturnType<typeof form>[K]): void => {
    ss.setBasis((f) => ({ ...f, [key]: value }));
    ss.save();
  };
  const result = latest.result;
  const status = latest.status;

  const run = (): void => {
    const f = form();
    void startSearch(wb, {
      task: 'verify-basis',
      constants: splitList(f.constants),
      unary: splitList(f.unary),
      binary: splitList(f.binary),
      maxK: f.maxK,
      explain: true,
      domain: 'complex',
    });
  };

  return (
    <section class="search-panel" aria-labelledby="basis-title" data-testid="basis-panel">
      <h3 id="basis-title">Basis verification</h3>
      <p class="muted">
        From the base, searches by code length K over the growing vocabulary for an expression equal to a remaining calculator primitive (x =
        EulerGamma, y = Glaisher), validates it at 8 probe pairs, adds it and starts again at K = 1 — the reference's VerifyBaseSet.
      </p>
      <form
        class="search-form"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <label>
          <span>Constants</span>
          <input data-testid="basis-constants" value={form().constants} spellcheck={false} size={10} onInput={(e) => set('constants', e.currentTarget.value)} />
        </label>
        <label>
          <span>Unary</span>
          <input data-testid="basis-unary" value={form().unary} placeholder="Exp, Log …" spellcheck={false} size={12} onInput={(e) => set('unary', e.currentTarget.value)} />
        </label>
        <label>
          <span>Binary</span>
          <input data-testid="basis-binary" value={form().binary} spellcheck={false} size={10} onInput={(e) => set('binary', e.currentTarget.value)} />
        </label>
        <label>
          <span>Max K</span>
          <input
            type="number"
            data-testid="basis-maxk"
            min={1}
            max={SEARCH_LIMITS.basisMaxK}
            value={form().maxK}
            onInput={(e) => set('maxK', Math.round(Number(e.currentTarget.value)) || 1)}
          />
        </label>
        <button type="submit" class="primary" data-testid="basis-run" disabled={!wb.project() || latest.running()}>
          Verify basis
        </button>
        <Show when={latest.running()}>
          <button type="button" data-testid="basis-cancel" onClick={() => void wb.cancelJob(latest.job()!.id)}>
            Cancel
          </button>
        </Show>
      </form>
      <Show when={latest.run()}>
        {(r) => (
          <>
            <p class="search-status" data-testid="basis-status" data-status={status()}>
              {r().label} — <strong>{status()}</strong>: {r().progress.done} found
              <Show when={r().progress.total > 0}> of {r().progress.total}</Show>
              <Show when={latest.running() && latest.job()}>{(j) => <> ({j().message})</>}</Show>
              <Show when={r().error}>{(e) => <span class="error"> {e()}</span>}</Show>
            </p>
            <Show when={latest.running()}>
              <p class="muted" data-testid="basis-discoveries">
                Found so far: {r().discoveries.map((d) => d.name).join(', ') || '—'}
              </p>
            </Show>
            <Show when={result()}>
              {(res) => (
                <>
                  <p data-testid="basis-summary">
                    {res().complete ? `All ${res().chain.length} targets found` : `${res().chain.length} found; remaining: ${res().remaining.join(', ')}`}; largest K{' '}
                    {res().largestK}; {res().passes} passes; total time <strong data-testid="basis-time">{formatMs(res().ms)}</strong> ({res().stop.text}).
                  </p>
                  <div class="basis-layout">
                    <BasisSpiral result={res()} />
                    <div class="table-wrap basis-chain-wrap">
                      <table class="results" data-testid="basis-chain">
                        <thead>
                          <tr>
                            <th>#</th>
                            <th>Primitive</th>
                            <th>Kind</th>
                            <th>K</th>
                            <th>Witness</th>
                            <th>at</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={res().chain}>
                            {(s) => (
                              <tr data-testid="basis-chain-row">
                                <td>{s.index}</td>
                                <td>{s.name}</td>
                                <td>{s.kind}</td>
                                <td>{s.K}</td>
                                <td>
                                  <code>{s.witness}</code>
                                </td>
                                <td>{formatMs(s.ms)}</td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                      <Show when={res().rejected.length > 0}>
                        <p class="muted">Rejected witnesses (failed validation):</p>
                        <ul class="rejected">
                          <For each={res().rejected}>
                            {(j) => (
                              <li>
                                {j.name} (K {j.K}): <code>{j.witness}</code> — {j.reason}
                              </li>
                            )}
                          </For>
                        </ul>
                      </Show>
                    </div>
                  </div>
                </>
              )}
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
