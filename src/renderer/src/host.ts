// Renderer-side host client: one `invoke` for both hosts.
// Electron: the preload's `window.eml`; browser host: HTTP /api/<channel> with the per-launch token from `?token=`.

import type { ApiErrorBody, ApiRequest, ApiResponse, Channel } from '../../shared/api';

export type HostKind = 'electron' | 'browser';

export function hostKind(): HostKind {
  return typeof window !== 'undefined' && window.eml !== undefined ? 'electron' : 'browser';
}

/** The per-launch token the browser host printed in its URL (`?token=...`), or '' when absent. */
export function launchToken(): string {
  return new URLSearchParams(window.location.search).get('token') ?? '';
}

async function invokeHttp<C extends Channel>(channel: C, arg?: ApiRequest<C>): Promise<ApiResponse<C>> {
  const headers: Record<string, string> = { authorization: 'Bearer ' + launchToken() };
  const init: RequestInit = { headers, cache: 'no-store' };
  if (arg !== undefined) {
    init.method = 'POST';
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(arg);
  }
  const response = await fetch('/api/' + channel, init);
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const detail = (body as Partial<ApiErrorBody> | undefined)?.error ?? response.statusText;
    throw new Error(`${channel}: HTTP ${response.status} ${detail}`);
  }
  return body as ApiResponse<C>;
}

/** Calls `channel` on whichever host runs this page. */
export function invoke<C extends Channel>(channel: C, arg?: ApiRequest<C>): Promise<ApiResponse<C>> {
  const bridge = window.eml;
  if (bridge !== undefined) return bridge.invoke(channel, arg);
  return invokeHttp(channel, arg);
}
