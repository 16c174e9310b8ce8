// Renderer-side host client: one `invoke` and one event subscription for both hosts.
// Electron: the preload's `window.eml`; browser host: HTTP /api/<channel> and the /events stream
// (Server-Sent Events read through fetch). The browser host authenticates the page by its HttpOnly session
// cookie (opened when the printed URL was loaded) together with PAGE_REQUEST_HEADER.

import { EVENT_CHANNEL, PAGE_REQUEST_HEADER, type ApiErrorBody, type ApiRequest, type ApiResponse, type Channel, type HostEvent } from '../../shared/api';
import { labelFieldPaths } from './state/fieldLabels';

export type HostKind = 'electron' | 'browser';

export function hostKind(): HostKind {
  return typeof window !== 'undefined' && window.eml !== undefined ? 'electron' : 'browser';
}

/** Headers of every browser-host request; the session cookie goes along by itself (same origin). */
function pageHeaders(): Record<string, string> {
  return { [PAGE_REQUEST_HEADER]: '1' };
}

/** An error the host reported for a call, with its message cleaned of transport prefixes. */
export class HostError extends Error {
  constructor(
    readonly channel: string,
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'HostError';
  }
}

async function invokeHttp<C extends Channel>(channel: C, arg?: ApiRequest<C>): Promise<ApiResponse<C>> {
  const headers = pageHeaders();
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
    throw new HostError(channel, `${channel}: HTTP ${response.status} ${detail}`, response.status);
  }
  return body as ApiResponse<C>;
}

/** Calls `channel` on whichever host runs this page. */
export async function invoke<C extends Channel>(channel: C, arg?: ApiRequest<C>): Promise<ApiResponse<C>> {
  const bridge = window.eml;
  if (bridge === undefined) return await invokeHttp(channel, arg);
  try {
    return await bridge.invoke(channel, arg);
  } catch (e) {
    // Electron wraps remote errors as "Error invoking remote method 'eml:x': Error: <message>"
    const message = (e as Error).message.replace(/^Error invoking remote method '[^']*': (\w*Error: )?/, '');
    throw new HostError(channel, message, null);
  }
}

/** Returns the message of a failed call without the channel and HTTP status prefix, fields named as the forms label them. */
export function errorText(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return labelFieldPaths(m.replace(/^eml:[\w:]+: (HTTP \d+ )?(eml:[\w:]+: )?/, ''));
}

const RECONNECT_MS = 1000;

/** Reads the browser host's /events stream until `signal` aborts, reconnecting after a drop. */
async function streamEvents(onEvent: (e: HostEvent) => void, onState: (connected: boolean) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const response = await fetch('/events', { headers: pageHeaders(), cache: 'no-store', signal });
      if (!response.ok || !response.body) throw new Error(`events: HTTP ${response.status}`);
      onState(true);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data !== '') onEvent(JSON.parse(data) as HostEvent);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    onState(false);
    await new Promise((r) => setTimeout(r, RECONNECT_MS));
  }
}

/**
 * Subscribes to host events; `onState` reports whether the event channel is up (the browser host's stream
 * reconnects by itself and starts each connection with a 'hello' event). Returns the unsubscribe function.
 */
export function subscribeEvents(onEvent: (e: HostEvent) => void, onState: (connected: boolean) => void = () => {}): () => void {
  const bridge = window.eml;
  if (bridge !== undefined) {
    onState(true);
    return bridge.on(EVENT_CHANNEL, (payload) => onEvent(payload as HostEvent));
  }
  const abort = new AbortController();
  void streamEvents(onEvent, onState, abort.signal);
  return () => abort.abort();
}
