// Host API contract shared by the renderer and both hosts (Electron main, browser server).
// Owns channel names, request/response types and the host event shapes only; validation and handlers
// live in src/node/api.ts. Record types live in project.ts, compile.ts, jobs.ts and library.ts.

import type { ClusterSettings, ClusterStatus } from './cluster';
import type { DataPoints, DatasetData, DatasetDataRequest, DiscoverSaveRequest, RunDataRequest } from './discover';
import type { CompileOutcome, CompileRequest, PrimitivePattern, PrimitivesRequest } from './compile';
import type { JobInfo, StartJobRequest } from './jobs';
import type { ExportRequest, ExportResult, FormulaDeleteRequest, FormulaSaveRequest, FormulaUpdateRequest } from './library';
import type { FormulaRecord, ProjectSnapshot, ProjectSummary, WorkspaceInfo } from './project';
import type { SearchSaveRequest } from './search';
import type { DatasetImportRequest, DatasetImportResponse, TrainCurvesRequest, TrainCurvesResponse, TrainSaveRequest } from './train';

/** Name and version of the running application, as reported by the host. */
export interface VersionInfo {
  readonly name: string;
  readonly version: string;
}

/** Argument of `eml:ping`; every field is optional, and the whole argument may be omitted. */
export interface PingRequest {
  /** Echoed back unchanged; at most 256 characters. */
  readonly message?: string;
}

export interface PingResponse {
  readonly pong: true;
  /** The request's message, or '' when none was sent. */
  readonly message: string;
  /** Host clock, milliseconds since the epoch. */
  readonly time: number;
}

export interface ProjectCreateRequest {
  /** Display name; the folder is <projects dir>/<name as a file name>.emlw. */
  readonly name: string;
}

export interface ProjectPathRequest {
  /** Absolute path of a project folder (*.emlw). */
  readonly path: string;
}

export interface ProjectRenameRequest {
  readonly path: string;
  readonly name: string;
}

export interface JobIdRequest {
  readonly id: string;
}

/** Every request channel: its argument type and its response type. */
export interface ApiMap {
  'eml:version': { request: undefined; response: VersionInfo };
  'eml:ping': { request: PingRequest | undefined; response: PingResponse };
  'eml:workspace:get': { request: undefined; response: WorkspaceInfo };
  'eml:project:create': { request: ProjectCreateRequest; response: ProjectSnapshot };
  'eml:project:open': { request: ProjectPathRequest; response: ProjectSnapshot };
  'eml:project:current': { request: undefined; response: ProjectSnapshot | null };
  'eml:project:close': { request: undefined; response: null };
  'eml:project:rename': { request: ProjectRenameRequest; response: ProjectSummary };
  'eml:project:delete': { request: ProjectPathRequest; response: { readonly path: string } };
  'eml:compile': { request: CompileRequest; response: CompileOutcome };
  'eml:compile:primitives': { request: PrimitivesRequest | undefined; response: readonly PrimitivePattern[] };
  'eml:formula:save': { request: FormulaSaveRequest; response: FormulaRecord };
  'eml:formula:update': { request: FormulaUpdateRequest; response: FormulaRecord };
  'eml:formula:delete': { request: FormulaDeleteRequest; response: { readonly deleted: number } };
  'eml:formula:export': { request: ExportRequest; response: ExportResult };
  'eml:jobs:list': { request: undefined; response: readonly JobInfo[] };
  'eml:jobs:start': { request: StartJobRequest; response: JobInfo };
  'eml:jobs:cancel': { request: JobIdRequest; response: JobInfo };
  'eml:search:save': { request: SearchSaveRequest; response: FormulaRecord };
  'eml:dataset:import': { request: DatasetImportRequest; response: DatasetImportResponse };
  'eml:train:curves': { request: TrainCurvesRequest; response: TrainCurvesResponse };
  /** The run queue of the settings and its workers. */
  'eml:cluster:get': { request: undefined; response: ClusterStatus };
  /** Sets the run queue fits go to (null: this machine); answers with its status. */
  'eml:cluster:set': { request: ClusterSettings; response: ClusterStatus };
  'eml:train:save': { request: TrainSaveRequest; response: FormulaRecord };
  'eml:discover:save': { request: DiscoverSaveRequest; response: FormulaRecord };
  'eml:run:data': { request: RunDataRequest; response: DataPoints };
  'eml:dataset:data': { request: DatasetDataRequest; response: DatasetData };
}

export type Channel = keyof ApiMap;
export type ApiRequest<C extends Channel> = ApiMap[C]['request'];
export type ApiResponse<C extends Channel> = ApiMap[C]['response'];

/** The channel names, in a stable order (every key of ApiMap exactly once). */
export const CHANNELS = [
  'eml:version',
  'eml:ping',
  'eml:workspace:get',
  'eml:project:create',
  'eml:project:open',
  'eml:project:current',
  'eml:project:close',
  'eml:project:rename',
  'eml:project:delete',
  'eml:compile',
  'eml:compile:primitives',
  'eml:formula:save',
  'eml:formula:update',
  'eml:formula:delete',
  'eml:formula:export',
  'eml:jobs:list',
  'eml:jobs:start',
  'eml:jobs:cancel',
  'eml:search:save',
  'eml:dataset:import',
  'eml:train:curves',
  'eml:cluster:get',
  'eml:cluster:set',
  'eml:train:save',
  'eml:discover:save',
  'eml:run:data',
  'eml:dataset:data',
] as const satisfies readonly Channel[];

/** Compile-time check that CHANNELS lists every key of ApiMap. */
type MissingChannels = Exclude<Channel, (typeof CHANNELS)[number]>;
export const CHANNELS_COMPLETE: MissingChannels extends never ? true : MissingChannels = true;

/** The one channel hosts push events on (IPC event name in Electron, the /events stream in the browser host). */
export const EVENT_CHANNEL = 'eml:event';

/** What a host pushes to the renderer. */
export type HostEvent =
  /** First event of every browser-host stream: the jobs as they are now (resynchronises after a reload). */
  | { readonly type: 'hello'; readonly jobs: readonly JobInfo[] }
  /** A job started, progressed or ended. */
  | { readonly type: 'job'; readonly job: JobInfo }
  /** Data of a project changed on disk (a run wrote results, a formula was saved ...). */
  | { readonly type: 'project'; readonly path: string };

/** Every channel name starts with this prefix; the preload bridge rejects any other. */
export const CHANNEL_PREFIX = 'eml:';

/**
 * Header (value '1') the page sends with every browser-host API and event request. The host accepts its
 * session cookie only together with it: another site cannot add a custom header without the host's consent.
 */
export const PAGE_REQUEST_HEADER = 'x-emlw-page';

/** Body of a failed HTTP API call (status 400, 401, 403, 404, 405, 409, 413 or 500). */
export interface ApiErrorBody {
  readonly error: string;
}

/** What the preload script exposes as `window.eml` in the Electron host. */
export interface EmlBridge {
  invoke<C extends Channel>(channel: C, arg?: ApiRequest<C>): Promise<ApiResponse<C>>;
  /** Subscribes to host events on an `eml:` channel; returns the unsubscribe function. */
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    eml?: EmlBridge;
  }
}
