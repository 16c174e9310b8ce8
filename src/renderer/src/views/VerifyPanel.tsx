// The compiler verification panel of the Compile view: starts the verify job (grid suites and the
// high-precision identity check, src/core/verify) on the host, shows its live progress, and lists the
// results of the project's latest verification run as the job writes them into the project, each case with
// the tolerance it had to meet (cases differ: the Compile view's single check uses one tolerance of its own).

import { createMemo, createSignal, For, Show, type JSX } from 'solid-js';
import type { CompileMode } from '../../../core/compile';
import type { Semantics } from '../../../core/semantics';
import { BINARY_CASES, UNARY_CASES } from '../../../core/verify/suites';
import type { VerifyCaseSummary, VerifyRunRecord, VerifySettings } from '../../../shared/project';
import { runFocus } from '../state/runFocus';
import { jobActive, useWorkbench } from '../state/workbench';

const SUITES: ReadonlyArray<{ value: VerifySettings['suite']; text: string }> = [
  { value: 'all', text: 'all (grids + identities)' },
  { value: 'unary', text: 'unary grids' },
  { value: 'binary', text: 'binary grid' },
  { value: 'identities', text: 'identities (high precision)' },
];

function fmt(x: number | null): string {
  return x === null ? '—' : x === 0 ? '0' : x.toExponential(2);
}

const GRID_TOLERANCE = new Map([...UNARY_CASES, ...BINARY_CASES].map((c) => [c.name, c.tolerance]));

/** Returns the tolerance a case had to meet as text ("≤ 1e-7", "≥ 35 digits"); older runs did not record it. */
export function toleranceText(c: VerifyCaseSummary, digits: number): string {
  const t = c.tolerance;
  if (t && 'digits' in t) return `≥ ${t.digits} digits`;
  if (t) return `≤ ${t.maxScaledError.toExponential(0)}`;
  // runs recorded before the tolerance was kept: the suite's tolerance of the case, by name
  if (c.kind === 'identity') return `≥ ${digits - 5} digits`;
  const known = GRID_TOLERANCE.get(c.name);
  return known === undefined ? '—' : `≤ ${known.toExponential(0)}`;
}

export default function VerifyPanel(props: { mode: CompileMode }): JSX.Element {
  const wb = useWorkbench();
  const [suite, setSuite] = createSignal<VerifySettings['suite']>('all');
  const [digits, setDigits] = createSignal(40);
  const [semantics, setSemantics] = createSignal<Semantics>('extended');

  // the verification run the user opened (run history, jobs panel), else the latest
  const latestRun = createMemo(() => {
    const runs = wb.project()?.data.runs.filter((r): r is VerifyRunRecord => r.kind === 'verify') ?? [];
    return runs.find((r) => r.id === runFocus.id()) ?? runs[runs.length - 1];
  });
  const job = createMemo(() => {
    const run = latestRun();
    return run ? wb.jobs().find((j) => j.runId === run.id) : undefined;
  });
  const progress = createMemo(() => {
    const run = latestRun();
    if (!run) return undefined;
    const j = job();
    const done = j && j.status === 'running' ? Math.max(j.done, run.progress.done) : run.progress.done;
    const total = j && j.status === 'running' ? Math.max(j.total, run.progress.total) : run.progress.total;
    return { done, total, status: j?.status === 'running' ? 'running' : run.status };
  });

  const start = (): void => {
    runFocus.clear();
    void wb.startVerify({ suite: suite(), mode: props.mode, semantics: semantics(), digits: digits() });
  };

  return (
    <section class="panel verify-panel" data-testid="verify-panel" aria-labelledby="verify-title">
      <h3 id="verify-title">Compiler verification</h3>
      <p class="muted">
        Compiles every reference case in <strong>{props.mode}</strong> mode and checks it on its grid and, for identities, against the
        formula at high precision. Runs as a job on the host; results are saved in the project's run history as they arrive. Each case
        passes when its worst error stays within its own tolerance (column “Tolerance”): 1e-11 for most grid cases, 1e-7 for asin, acos
        and acosh, whose square root near the edge of the domain loses half the digits; identities must agree to all but 5 digits.
      </p>
      <form
        class="verify-form"
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label>
          <span>Suite</span>
          <select data-testid="verify-suite" value={suite()} onChange={(e) => setSuite(e.currentTarget.value as VerifySettings['suite'])}>
            <For each={SUITES}>{(s) => <option value={s.value}>{s.text}</option>}</For>
          </select>
        </label>
        <label>
          <span>Digits</span>
          <input
            data-testid="verify-digits"
            type="number"
            min={10}
            max={200}
            value={digits()}
            onInput={(e) => setDigits(Math.round(Number(e.currentTarget.value)) || 40)}
          />
        </label>
        <label>
          <span>Grid semantics</span>
          <select value={semantics()} onChange={(e) => setSemantics(e.currentTarget.value as Semantics)}>
            <option value="extended">extended</option>
            <option value="ieee">ieee</option>
            <option value="strict">strict</option>
          </select>
        </label>
        <button type="submit" class="primary" data-testid="run-verify" disabled={!wb.project() || jobActive(job())}>
          Run verification
        </button>
        <Show when={jobActive(job())}>
          <button type="button" data-testid="cancel-verify" onClick={() => void wb.cancelJob(job()!.id)}>
            Cancel
          </button>
        </Show>
      </form>
      <Show when={!wb.project()}>
        <p class="muted">Open or create a project to run the verification: its results are stored in the project.</p>
      </Show>
      <Show when={latestRun()}>
        {(run) => (
          <>
            <p class="verify-progress" data-testid="verify-progress" data-status={progress()?.status} data-done={progress()?.done}>
              {run().label}: {progress()?.done} / {progress()?.total || '…'} cases, {progress()?.status}
              <Show when={run().summary}>{(s) => <> — {s().passed} passed, {s().failed} failed</>}</Show>
            </p>
            <progress max={Math.max(1, progress()?.total ?? 1)} value={progress()?.done ?? 0} />
            <div class="table-wrap">
              <table class="results" data-testid="verify-results">
                <thead>
                  <tr>
                    <th>Case</th>
                    <th>Check</th>
                    <th>K</th>
                    <th>Worst scaled error / digits</th>
                    <th>Tolerance</th>
                    <th>Result</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={run().results}>
                    {(c) => (
                      <tr data-testid="verify-row" data-name={c.name} data-kind={c.kind} classList={{ failed: !c.passed }}>
                        <td>
                          {c.name} <span class="muted">{c.formula}</span>
                        </td>
                        <td>{c.kind === 'grid' ? `grid ${c.valid}/${c.samples}` : 'identity'}</td>
                        <td>{c.K}</td>
                        <td>{c.kind === 'grid' ? fmt(c.maxScaledError) : `${c.agreeingDigits} digits`}</td>
                        <td data-testid="verify-tolerance">{toleranceText(c, run().settings.digits)}</td>
                        <td>{c.passed ? 'ok' : `FAILED: ${c.failure ?? ''}`}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}
