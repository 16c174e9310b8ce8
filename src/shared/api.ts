// Host API contract shared by the renderer and both hosts (Electron main, browser server).
// Owns channel names and request/response types only; validation and handlers live in src/node/api.ts.

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

/** Every request channel: its argument type and its response type. */
export interface ApiMap {
  'eml:version': { request: undefined; response: VersionInfo };
  'eml:ping': { request: PingRequest | undefined; response: PingResponse };
}

export type Channel = keyof ApiMap;
export type ApiRequest<C extends Channel> = ApiMap[C]['request'];
export type ApiResponse<C extends Channel> = ApiMap[C]['response'];

/** The channel names, in a stable order (every key of ApiMap exactly once). */
export const CHANNELS = ['eml:version', 'eml:ping'] as const satisfies readonly Channel[];

/** Every channel name starts with this prefix; the preload bridge rejects any other. */
export const CHANNEL_PREFIX = 'eml:';

/** Body of a failed HTTP API call (status 400, 401, 404, 405, 413 or 500). */
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
