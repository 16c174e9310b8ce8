// The Compile view: a formula (infix or Mathematica) with a live LaTeX preview, compiled by the host into
// a pure EML tree shown with its size K, depth, the semantics it needs, its LaTeX, a numeric check and the
// collapsible tree (subtrees named by the primitive they equal). Copies or downloads the result, saves the
// formula to the library and runs the compiler's verification suites as a job (VerifyPanel). A parse error
// shows once: under the field while typing (the host's answer for the same text is not repeated).

import { createMemo, createResource, For, Match, onMount, Show, Switch, type JSX } from 'solid-js';
import { COMPILE_MODES } from '../../../core/compile';
import { ParseError, parseEml, parseFormula, printLatex, printRpn } from '../../../core/syntax';
import type { CompileSuccess, InputSyntax } from '../../../shared/compile';
import type { CompilePrefer } from '../../../shared/project';
import CopyButton from '../components/CopyButton';
import { downloadText } from '../components/download';
import EmlTree from '../components/EmlTree';
import Latex from '../components/Latex';
import { onAction } from '../state/actions';
import { useWorkbench } from '../state/workbench';
import { labelPrimitives } from '../tree/primitiveLabels';
import { compileState as cs } from './compileState';
import VerifyPanel from './VerifyPanel';

/** Longest input the live preview parses (the host accepts more). */
const PREVIEW_LIMIT = 2000;

type Preview = { ok: true; latex: string } | { ok: false; message: string; column: number } | { ok: null };

function preview(text: string, syntax: InputSyntax): Preview {
  if (text.trim() === '' || text.length > PREVIEW_LIMIT) return { ok: null };
  try {
    return { ok: true, latex: printLatex(parseFormula(text, syntax)) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, message: e.message, column: e.column };
    return { ok: false, message: (e as Error).message, column: 0 };
  }
}

function formatError(x: number | null): string {
  return x === null ? '—' : x === 0 ? '0' : x.toExponential(2);
}

/** Returns the RPN of an EML text (tokens separated by spaces), or null when there is no text. */
function rpnOf(eml: string | null): string | null {
  return eml === null ? null : printRpn(parseEml(eml));
}

/** Returns a plain-text report of a compilation: the formula, its size, and its EML forms. */
function compileReport(r: CompileSuccess): string {
  const rpn = rpnOf(r.eml);
  return [
    `formula (${r.syntax}): ${r.text}`,
    `infix: ${r.infix}`,
    `mode: ${r.mode}, forms: ${r.prefer}, exact under: ${r.semantics}`,
    `K ${r.K}, depth ${r.depth}, leaves ${r.leaves}`,
    `rules used: ${r.rulesUsed.join(', ') || '—'}`,
    `EML: ${r.eml ?? '(too large to print)'}`,
    `RPN: ${rpn ?? '(too large to print)'}`,
    `LaTeX (formula): ${r.inputLatex}`,
    `LaTeX (EML): ${r.emlLatex ?? '(too large to typeset)'}`,
    '',
  ].join('\n');
}

function Result(props: { r: CompileSuccess }): JSX.Element {
  const rpn = createMemo(() => rpnOf(props.r.eml));
  const [patterns] = createResource(() => [props.r.mode, props.r.prefer] as const, ([m, p]) => cs.patterns(m, p));
  const labels = createMemo(() => {
    const tree = props.r.tree;
    const list = patterns();
    return tree && list ? labelPrimitives(tree, list) : new Map();
  });
  return (
    <div class="compile-result">
      <div class="result-head">
        <div class="latex-block" data-testid="formula-latex">
          <Latex tex={props.r.inputLatex} display />
        </div>
        <dl class="stats" data-testid="compile-stats">
          <div>
            <dt>K</dt>
            <dd data-testid="stat-k">{props.r.K}</dd>
          </div>
          <div>
            <dt>depth</dt>
            <dd data-testid="stat-depth">{props.r.depth}</dd>
          </div>
          <div>
            <dt>leaves</dt>
            <dd>{props.r.leaves}</dd>
          </div>
          <div>
            <dt>exact under</dt>
            <dd>{props.r.semantics}</dd>
          </div>
          <div>
            <dt>mode</dt>
            <dd>{props.r.mode}</dd>
          </div>
        </dl>
      </div>
      <p class="check" data-testid="formula-check" classList={{ 'check-ok': props.r.check.passed, 'check-bad': !props.r.check.passed }}>
        Numeric check ({props.r.check.semantics} semantics): EML tree vs formula at {props.r.check.compared} of {props.r.check.points} points,
        worst scaled error {formatError(props.r.check.maxScaledError)} — {props.r.check.passed ? 'passed' : 'not passed'} (tolerance{' '}
        {props.r.check.tolerance.toExponential(0)})
      </p>
      <p class="rules">Rules used: {props.r.rulesUsed.join(', ') || '—'}</p>
      <div class="copy-bar" role="toolbar" aria-label="Copy or download the result" data-testid="compile-copy-bar">
        <Show when={props.r.eml}>{(eml) => <CopyButton text={eml} label="Copy EML" testid="copy-eml" />}</Show>
        <Show when={rpn()}>{(text) => <CopyButton text={text} label="Copy RPN" testid="copy-rpn" />}</Show>
        <CopyButton text={() => props.r.inputLatex} label="Copy LaTeX" testid="copy-latex" title="LaTeX of the formula" />
        <Show when={props.r.emlLatex}>{(tex) => <CopyButton text={tex} label="Copy EML LaTeX" testid="copy-eml-latex" />}</Show>
        <button
          type="button"
          data-testid="download-compile"
          title="Formula, size, EML, RPN and LaTeX as a text file; the Library exports more formats"
          onClick={() => downloadText(`compiled-${props.r.mode}-K${props.r.K}.txt`, compileReport(props.r), 'text/plain')}
        >
          Download .txt
        </button>
      </div>
      <details class="eml-form">
        <summary>EML form (LaTeX and text)</summary>
        <Show when={props.r.emlLatex} fallback={<p class="muted">Too large to typeset (K {props.r.K}).</p>}>
          {(tex) => (
            <div class="latex-block latex-scroll" data-testid="eml-latex">
              <Latex tex={tex()} display />
            </div>
          )}
        </Show>
        <Show when={props.r.eml} fallback={<p class="muted">Too large to print (K {props.r.K}).</p>}>
          {(eml) => <pre class="eml-text" data-testid="eml-text">{eml()}</pre>}
        </Show>
      </details>
      <Show when={props.r.tree} fallback={<p class="muted">The tree has too many distinct nodes to draw.</p>}>
        {(tree) => (
          <>
            <h3>
              EML tree <span class="muted">(K {props.r.K}, depth {props.r.depth}; named subtrees equal the primitive shown)</span>
            </h3>
            <Show when={patterns.error}>
              <p class="muted">Primitive names unavailable: {String((patterns.error as Error)?.message)}</p>
            </Show>
            <EmlTree dag={tree()} labels={labels()} />
          </>
        )}
      </Show>
    </div>
  );
}

export default function CompileView(): JSX.Element {
  const wb = useWorkbench();
  let input: HTMLInputElement | undefined;
  const live = createMemo(() => preview(cs.text(), cs.syntax()));
  const success = createMemo(() => {
    const r = cs.result();
    return r && r.ok ? r : undefined;
  });

  const save = async (): Promise<void> => {
    const r = success();
    if (!r) return;
    if (!wb.project()) {
      wb.notify({ kind: 'error', text: 'Open or create a project first: formulas are saved in a project.' });
      return;
    }
    await wb.saveFormula({ text: r.text, syntax: r.syntax, mode: r.mode, prefer: r.prefer });
  };

  // after a page reload, show the formula compiled before it again
  onMount(() => {
    if (!cs.result() && cs.restored) void cs.compile();
  });

  onAction('compile', () => void cs.compile());
  onAction('save-formula', () => void save());
  onAction('focus-input', () => input?.focus());

  return (
    <section class="view compile-view" aria-labelledby="compile-title">
      <h2 id="compile-title">Compile</h2>
      <form
        class="compile-form"
        onSubmit={(e) => {
          e.preventDefault();
          void cs.compile();
        }}
      >
        <label class="grow">
          <span>Formula</span>
          <input
            ref={input}
            data-testid="formula-input"
            value={cs.text()}
            onInput={(e) => cs.setText(e.currentTarget.value)}
            spellcheck={false}
            autocomplete="off"
            placeholder={cs.syntax() === 'infix' ? 'sin(x)^2 + log(2, x)' : 'Sin[x]^2 + Log[2, x]'}
          />
        </label>
        <label>
          <span>Syntax</span>
          <select data-testid="syntax-select" value={cs.syntax()} onChange={(e) => cs.setSyntax(e.currentTarget.value as InputSyntax)}>
            <option value="infix">infix</option>
            <option value="mathematica">Mathematica</option>
          </select>
        </label>
        <label>
          <span>Mode</span>
          <select value={cs.mode()} onChange={(e) => cs.setMode(e.currentTarget.value as (typeof COMPILE_MODES)[number])}>
            <For each={COMPILE_MODES}>{(m) => <option value={m}>{m}</option>}</For>
          </select>
        </label>
        <label>
          <span>Forms</span>
          <select value={cs.prefer()} onChange={(e) => cs.setPrefer(e.currentTarget.value as CompilePrefer)}>
            <option value="robust">robust</option>
            <option value="shortest">shortest</option>
          </select>
        </label>
        <button type="submit" class="primary" data-testid="compile-button" disabled={cs.busy()}>
          Compile
        </button>
        <button type="button" data-testid="save-formula" disabled={!success()} onClick={() => void save()} title="Ctrl+S">
          Save to Library
        </button>
      </form>
      <div class="preview" data-testid="live-preview" aria-live="polite">
        <Switch>
          <Match when={live().ok === true && (live() as { latex: string })}>{(p) => <Latex tex={p().latex} />}</Match>
          <Match when={live().ok === false && (live() as { message: string; column: number })}>
            {(p) => (
              <span class="parse-error">
                <code class="caret-line">
                  {cs.text()}
                  {'\n'}
                  {' '.repeat(Math.max(0, p().column - 1))}^
                </code>
                <span>{p().message}</span>
              </span>
            )}
          </Match>
        </Switch>
      </div>
      <Show when={cs.error()}>{(e) => <p class="error">{e()}</p>}</Show>
      <Switch>
        <Match when={cs.result()?.ok === false && live().ok !== false && cs.result()}>
          {(r) => (
            <p class="error" data-testid="compile-error">
              {r().ok === false ? (r() as { error: { message: string } }).error.message : ''}
            </p>
          )}
        </Match>
        <Match when={success()}>{(r) => <Result r={r()} />}</Match>
        <Match when={!cs.result()}>
          <p class="muted">Type a formula and press Enter to compile it to a pure EML tree.</p>
        </Match>
      </Switch>
      <VerifyPanel mode={cs.mode()} />
    </section>
  );
}
