// The app:// scheme the Electron window loads the built renderer from (instead of file://, which would give
// the page the reach of the file system's origin): app://renderer/<path> answers only files inside the
// renderer folder, located by src/node/rendererFiles.ts (traversal and symlink guards), with the page's CSP.
// Plain Node: no electron import, so the tests run it directly; src/main/index.ts registers it.

import { readFile } from 'node:fs/promises';
import { locateRendererFile, RENDERER_CSP } from '../node/rendererFiles';

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
/** Origin of the app's pages. */
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window opens. */
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** True when `url` is a page or file of the app (app://renderer/...). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

function refusal(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
}

/** Answers an app:// request from the renderer folder `root` (a real path): the file, 403, 404 or 405. */
export async function serveAppRequest(root: string, request: { readonly url: string; readonly method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refusal(405, 'method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refusal(400, 'bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refusal(404, 'not found');
  // the raw path, as sent: URL parsing already removed plain ../ segments, encoded ones stay for the guard
  const located = await locateRendererFile(root, url.pathname);
  if ('status' in located) return refusal(located.status, located.status === 403 ? 'forbidden' : 'not found');
  const body = request.method === 'HEAD' ? null : await readFile(located.file);
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': located.type,
      'content-length': String(located.size),
      'content-security-policy': RENDERER_CSP,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    },
  });
}
