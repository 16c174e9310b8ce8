// The Projects view: create a project, open one (recent, in the projects folder, or by path), rename,
// close or delete the open one, and see its run history (each run opens in the view that shows it).
// Projects are folders on the host's disk; the listing is fetched again whenever the open project changes,
// so its counts follow what the other views save.

import { createEffect, createSignal, For, on, onMount, Show, type JSX } from 'solid-js';
import type { RunRecord } from '../../../shared/project';
import { runProgressText } from '../state/jobProgress';
import { runFocus } from '../state/runFocus';
import { useWorkbench } from '../state/workbench';

/** One line of a project list. */
interface ListItem {
  readonly path: string;
  readonly name: string;
  readonly detail: string;
  readonly error: string | null;
}

const KIND_TEXT: Readonly<Record<RunRecord['kind'], string>> = { verify: 'verification', search: 'search', train: 'fit', discover: 'discovery' };

function when(iso: string | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

function CurrentProject(): JSX.Element {
  const wb = useWorkbench();
  const [renaming, setRenaming] = createSignal<string | null>(null);
  const [confirmDelete, setConfirmDelete] = createSignal(false);
  return (
    <Show when={wb.project()} fallback={<p class="muted" data-testid="no-project">No project is open.</p>}>
      {(p) => (
        <div class="panel current-project" data-testid="current-project-card">
          <div class="card-head">
            <h3 data-testid="project-name">{p().data.name}</h3>
            <code class="path" data-testid="project-path">
              {p().path}
            </code>
          </div>
          <p>
            {p().data.formulas.length} formula(s), {p().data.runs.length} run(s), {p().data.datasets.length} dataset(s); last change {when(p().data.updatedAt)}
          </p>
          <div class="row">
            <Show
              when={renaming() !== null}
              fallback={
                <button type="button" data-testid="rename-project" onClick={() => setRenaming(p().data.name)}>
                  Rename
                </button>
              }
            >
              <form
                class="inline-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void wb.renameProject(p().path, renaming() ?? '').then((ok) => ok && setRenaming(null));
                }}
              >
                <input data-testid="rename-input" value={renaming() ?? ''} onInput={(e) => setRenaming(e.currentTarget.value)} aria-label="New project name" />
                <button type="submit" class="primary" data-testid="rename-save">
                  Save name
                </button>
                <button type="button" onClick={() => setRenaming(null)}>
                  Cancel
                </button>
              </form>
            </Show>
            <button type="button" data-testid="close-project" onClick={() => void wb.closeProject()}>
              Close
            </button>
            <Show
              when={confirmDelete()}
              fallback={
                <button type="button" class="danger" data-testid="delete-project" onClick={() => setConfirmDelete(true)}>
                  Delete…
                </button>
              }
            >
              <span class="confirm">
                Delete the folder and everything in it?
                <button type="button" class="danger" data-testid="delete-project-confirm" onClick={() => void wb.deleteProject(p().path).then(() => setConfirmDelete(false))}>
                  Delete
                </button>
                <button type="button" onClick={() => setConfirmDelete(false)}>
                  Keep
                </button>
              </span>
            </Show>
          </div>
          <h4>Run history</h4>
          <Show when={p().data.runs.length > 0} fallback={<p class="muted">No runs yet.</p>}>
            <div class="table-wrap">
              <table class="results" data-testid="run-history">
                <thead>
                  <tr>
                    <th>Run</th>
                    <th>Kind</th>
                    <th>Status</th>
                    <th>Progress</th>
                    <th>Started</th>
                    <th>Ended</th>
                    <th>
                      <span class="visually-hidden">Open</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={[...p().data.runs].reverse()}>
                    {(r) => (
                      <tr data-testid="run-row" data-status={r.status} data-run={r.id}>
                        <td>
                          <button type="button" class="link" data-testid="run-open-label" onClick={() => runFocus.open(r)}>
                            {r.label}
                          </button>
                        </td>
                        <td>{KIND_TEXT[r.kind]}</td>
                        <td>
                          {r.status}
                          <Show when={r.kind === 'verify' && r.summary}>{(s) => <span class="muted"> ({s().passed} passed, {s().failed} failed)</span>}</Show>
                        </td>
                        <td>{runProgressText(r)}</td>
                        <td>{when(r.createdAt)}</td>
                        <td>{when(r.endedAt)}</td>
                        <td>
                          <button type="button" data-testid="run-open" onClick={() => runFocus.open(r)} title={`Show this run in the ${r.kind === 'verify' ? 'Compile' : r.kind === 'search' ? 'Search' : 'Fit'} view`}>
                            Open
                          </button>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
          </Show>
        </div>
      )}
    </Show>
  );
}

function ProjectList(props: { items: readonly ListItem[]; testid: string }): JSX.Element {
  const wb = useWorkbench();
  return (
    <ul class="project-list" data-testid={props.testid}>
      <For each={props.items}>
        {(item) => (
          <li data-testid={`${props.testid}-item`} classList={{ unreadable: item.error !== null }}>
            <div>
              <strong>{item.name}</strong> <code class="path">{item.path}</code>
              <Show when={item.error} fallback={<span class="muted"> — {item.detail}</span>}>
                {(e) => <div class="error">{e()}</div>}
              </Show>
            </div>
            <button type="button" disabled={item.error !== null || wb.project()?.path === item.path} onClick={() => void wb.openProject(item.path)}>
              Open
            </button>
          </li>
        )}
      </For>
    </ul>
  );
}

export default function ProjectsView(): JSX.Element {
  const wb = useWorkbench();
  const [name, setName] = createSignal('');
  const [path, setPath] = createSignal('');
  // the listing's counts (formulas, runs) come from disk: fetch it when the view opens and after every change
  onMount(() => void wb.refreshWorkspace());
  createEffect(on(() => wb.project()?.data.updatedAt, () => void wb.refreshWorkspace(), { defer: true }));
  return (
    <section class="view projects-view" aria-labelledby="projects-title">
      <h2 id="projects-title">Projects</h2>
      <CurrentProject />
      <div class="panel">
        <h3>New project</h3>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void wb.createProject(name()).then((ok) => ok && setName(''));
          }}
        >
          <input data-testid="new-project-name" placeholder="Project name" value={name()} maxLength={120} onInput={(e) => setName(e.currentTarget.value)} aria-label="New project name" />
          <button type="submit" class="primary" data-testid="create-project" disabled={name().trim() === ''}>
            Create
          </button>
        </form>
        <p class="muted">
          Created in <code>{wb.workspace()?.projectsDir ?? '…'}</code>
        </p>
      </div>
      <div class="panel">
        <h3>Open a project folder</h3>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void wb.openProject(path().trim());
          }}
        >
          <input data-testid="open-path" class="grow" placeholder="/path/to/project.emlw" value={path()} onInput={(e) => setPath(e.currentTarget.value)} aria-label="Project folder path" />
          <button type="submit" disabled={path().trim() === ''}>
            Open
          </button>
        </form>
      </div>
      <div class="panel">
        <h3>Recent</h3>
        <Show when={wb.workspace()?.recentError}>{(e) => <p class="error">{e()}</p>}</Show>
        <Show when={(wb.workspace()?.recent.length ?? 0) > 0} fallback={<p class="muted">Nothing opened yet.</p>}>
          <ProjectList
            testid="recent"
            items={(wb.workspace()?.recent ?? []).map((r) => ({ path: r.path, name: r.name, detail: `opened ${when(r.openedAt)}`, error: null }))}
          />
        </Show>
      </div>
      <div class="panel">
        <h3>In the projects folder</h3>
        <Show when={(wb.workspace()?.projects.length ?? 0) > 0} fallback={<p class="muted">No projects there yet.</p>}>
          <ProjectList
            testid="folder"
            items={(wb.workspace()?.projects ?? []).map((p) => ({
              path: p.path,
              name: p.name,
              detail: `${p.formulas} formula(s), ${p.runs} run(s), changed ${when(p.updatedAt)}`,
              error: p.error,
            }))}
          />
        </Show>
      </div>
    </section>
  );
}
