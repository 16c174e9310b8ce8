// The renderer's view of the host: the open project, the workspace listing, the jobs, and the actions
// the views call. Host events keep it current (job progress, project data written by jobs); after a
// reload everything is fetched again, so nothing here is the source of truth.

import { createContext, createSignal, onCleanup, useContext, type Accessor } from 'solid-js';
import type { HostEvent, VersionInfo } from '../../../shared/api';
import type { JobInfo, VerifyJobInput } from '../../../shared/jobs';
import type { ExportFormat, ExportResult, FormulaSaveRequest, FormulaUpdateRequest } from '../../../shared/library';
import type { FormulaRecord, ProjectSnapshot, WorkspaceInfo } from '../../../shared/project';
import { errorText, invoke, subscribeEvents } from '../host';

/** True while a job waits for cores or runs: it can be cancelled, and its run is not over. */
export function jobActive(job: JobInfo | undefined): boolean {
  return job?.status === 'running' || job?.status === 'queued';
}

export interface Notice {
  readonly kind: 'error' | 'info';
  readonly text: string;
}

export interface Workbench {
  readonly version: Accessor<VersionInfo | undefined>;
  readonly hostError: Accessor<string | null>;
  readonly project: Accessor<ProjectSnapshot | null>;
  readonly workspace: Accessor<WorkspaceInfo | null>;
  readonly jobs: Accessor<readonly JobInfo[]>;
  readonly eventsConnected: Accessor<boolean>;
  readonly notice: Accessor<Notice | null>;
  notify(notice: Notice | null): void;
  refreshProject(): Promise<void>;
  refreshWorkspace(): Promise<void>;
  createProject(name: string): Promise<boolean>;
  openProject(path: string): Promise<boolean>;
  closeProject(): Promise<void>;
  renameProject(path: string, name: string): Promise<boolean>;
  deleteProject(path: string): Promise<boolean>;
  saveFormula(request: FormulaSaveRequest): Promise<FormulaRecord | undefined>;
  updateFormula(request: FormulaUpdateRequest): Promise<void>;
  deleteFormulas(ids: readonly string[]): Promise<void>;
  exportFormulas(ids: readonly string[], format: ExportFormat): Promise<ExportResult | undefined>;
  startVerify(input: VerifyJobInput): Promise<JobInfo | undefined>;
  cancelJob(id: string): Promise<void>;
}

/** How long project refreshes triggered by host events are coalesced. */
const REFRESH_COALESCE_MS = 200;
/** How long an info notice stays (errors stay until dismissed or replaced). */
const INFO_NOTICE_MS = 6000;

/** Creates the workbench state and subscribes to host events (until the owner is cleaned up). */
export function createWorkbench(): Workbench {
  const [version, setVersion] = createSignal<VersionInfo | undefined>();
  const [hostError, setHostError] = createSignal<string | null>(null);
  const [project, setProject] = createSignal<ProjectSnapshot | null>(null);
  const [workspace, setWorkspace] = createSignal<WorkspaceInfo | null>(null);
  const [jobs, setJobs] = createSignal<readonly JobInfo[]>([]);
  const [eventsConnected, setEventsConnected] = createSignal(false);
  const [notice, setNoticeNow] = createSignal<Notice | null>(null);
  let noticeTimer: ReturnType<typeof setTimeout> | undefined;
  const setNotice = (n: Notice | null): void => {
    clearTimeout(noticeTimer);
    setNoticeNow(n);
    if (n?.kind === 'info') noticeTimer = setTimeout(() => setNoticeNow((now) => (now === n ? null : now)), INFO_NOTICE_MS);
  };

  const fail = (e: unknown): void => {
    setNotice({ kind: 'error', text: errorText(e) });
  };

  /** Runs a host call, reporting its failure as a notice; resolves undefined on failure. */
  async function attempt<T>(f: () => Promise<T>): Promise<T | undefined> {
    try {
      return await f();
    } catch (e) {
      fail(e);
      return undefined;
    }
  }

  // Every change of the project signal takes a ticket; a host answer is applied only if no newer change
  // was made meanwhile (a slow refresh started before "create project" must not reset it to null).
  let projectTicket = 0;
  let workspaceTicket = 0;
  const applyProject = (snapshot: ProjectSnapshot | null): void => {
    projectTicket++;
    setProject(snapshot);
  };
  const refreshProject = async (): Promise<void> => {
    const ticket = ++projectTicket;
    const snapshot = await attempt(() => invoke('eml:project:current'));
    if (snapshot !== undefined && ticket === projectTicket) setProject(snapshot);
  };
  const refreshWorkspace = async (): Promise<void> => {
    const ticket = ++workspaceTicket;
    const info = await attempt(() => invoke('eml:workspace:get'));
    if (info !== undefined && ticket === workspaceTicket) setWorkspace(info);
  };
  const refreshJobs = async (): Promise<void> => {
    const list = await attempt(() => invoke('eml:jobs:list'));
    if (list !== undefined) setJobs(list);
  };

  let refreshTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleProjectRefresh = (): void => {
    refreshTimer ??= setTimeout(() => {
      refreshTimer = undefined;
      void refreshProject();
    }, REFRESH_COALESCE_MS);
  };

  const upsertJob = (job: JobInfo): void => {
    setJobs((list) => {
      const i = list.findIndex((j) => j.id === job.id);
      if (i === -1) return [...list, job];
      const next = list.slice();
      next[i] = job;
      return next;
    });
  };

  const onEvent = (e: HostEvent): void => {
    switch (e.type) {
      case 'hello':
        setJobs(e.jobs);
        // events may have been missed while disconnected
        void refreshProject();
        return;
      case 'job':
        upsertJob(e.job);
        // a job that starts, ends or fails changed its run record
        if (e.job.status !== 'running' || e.job.message === 'starting') {
          if (e.job.projectPath === project()?.path) scheduleProjectRefresh();
        }
        return;
      case 'project':
        if (e.path === project()?.path) scheduleProjectRefresh();
        return;
    }
  };

  const off = subscribeEvents(onEvent, setEventsConnected);
  onCleanup(() => {
    off();
    clearTimeout(refreshTimer);
    clearTimeout(noticeTimer);
  });

  void invoke('eml:version').then(
    (v) => {
      setVersion(v);
      void refreshProject();
      void refreshWorkspace();
      void refreshJobs();
    },
    (e: unknown) => setHostError(e instanceof Error ? e.message : String(e)),
  );

  const afterProjectChange = async (snapshot: ProjectSnapshot | null): Promise<void> => {
    applyProject(snapshot);
    await refreshWorkspace();
  };

  return {
    version,
    hostError,
    project,
    workspace,
    jobs,
    eventsConnected,
    notice,
    notify: setNotice,
    refreshProject,
    refreshWorkspace,
    async createProject(name) {
      const s = await attempt(() => invoke('eml:project:create', { name }));
      if (s === undefined) return false;
      await afterProjectChange(s);
      setNotice({ kind: 'info', text: `Created project “${s.data.name}”` });
      return true;
    },
    async openProject(path) {
      const s = await attempt(() => invoke('eml:project:open', { path }));
      if (s === undefined) return false;
      await afterProjectChange(s);
      setNotice({ kind: 'info', text: `Opened project “${s.data.name}”` });
      return true;
    },
    async closeProject() {
      if ((await attempt(() => invoke('eml:project:close'))) === undefined) return;
      await afterProjectChange(null);
    },
    async renameProject(path, name) {
      const summary = await attempt(() => invoke('eml:project:rename', { path, name }));
      if (summary === undefined) return false;
      await refreshProject();
      await refreshWorkspace();
      setNotice({ kind: 'info', text: `Renamed to “${summary.name}”` });
      return true;
    },
    async deleteProject(path) {
      if ((await attempt(() => invoke('eml:project:delete', { path }))) === undefined) return false;
      await refreshProject();
      await refreshWorkspace();
      setNotice({ kind: 'info', text: 'Project deleted' });
      return true;
    },
    async saveFormula(request) {
      const record = await attempt(() => invoke('eml:formula:save', request));
      if (record !== undefined) {
        await refreshProject();
        setNotice({ kind: 'info', text: `Saved “${record.name}” to the library` });
      }
      return record;
    },
    async updateFormula(request) {
      if ((await attempt(() => invoke('eml:formula:update', request))) !== undefined) await refreshProject();
    },
    async deleteFormulas(ids) {
      const r = await attempt(() => invoke('eml:formula:delete', { ids }));
      if (r !== undefined) {
        await refreshProject();
        setNotice({ kind: 'info', text: `Deleted ${r.deleted} formula(s)` });
      }
    },
    async exportFormulas(ids, format) {
      return await attempt(() => invoke('eml:formula:export', { ids, format }));
    },
    async startVerify(input) {
      const job = await attempt(() => invoke('eml:jobs:start', { kind: 'verify', input }));
      if (job !== undefined) {
        upsertJob(job);
        scheduleProjectRefresh();
      }
      return job;
    },
    async cancelJob(id) {
      const job = await attempt(() => invoke('eml:jobs:cancel', { id }));
      if (job !== undefined) upsertJob(job);
    },
  };
}

export const WorkbenchContext = createContext<Workbench>();

/** Returns the workbench of the enclosing <WorkbenchContext.Provider>. */
export function useWorkbench(): Workbench {
  const wb = useContext(WorkbenchContext);
  if (!wb) throw new Error('renderer: useWorkbench outside the workbench provider');
  return wb;
}
