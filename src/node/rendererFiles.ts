// The built renderer's files as the hosts serve them (the browser host over HTTP, the Electron shell over
// app://): URL path → file inside the renderer folder (traversal and symlink guards), MIME types and the
// page's Content-Security-Policy. Neither host serves a file this module did not locate.

import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

/** Same policy as the page's meta tag; both hosts also send it as a header with every file. */
export const RENDERER_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const MIME_TYPES: ReadonlyMap<string, string> = new Map([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.ico', 'image/x-icon'],
  ['.woff', 'font/woff'],
  ['.woff2', 'font/woff2'],
  ['.ttf', 'font/ttf'],
  ['.wasm', 'application/wasm'],
  ['.txt', 'text/plain; charset=utf-8'],
]);

/** Returns the MIME type of a file by its extension (application/octet-stream when unknown). */
export function mimeType(file: string): string {
  return MIME_TYPES.get(extname(file).toLowerCase()) ?? 'application/octet-stream';
}

/** Resolves a URL path to a file inside `root`, or undefined when it is malformed or escapes root. */
export function resolveStaticPath(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..' || s === '.')) return undefined;
  const relative = decoded.endsWith('/') ? decoded + 'index.html' : decoded;
  const file = resolve(root, '.' + relative);
  if (file !== root && !file.startsWith(root + sep)) return undefined;
  return file;
}

/** A located renderer file, or why there is none (403: outside the folder or malformed; 404: no such file). */
export type RendererFile = { readonly file: string; readonly size: number; readonly type: string } | { readonly status: 403 | 404 };

/**
 * Locates the file a URL path names inside `root` (a real path): follows symlinks, then checks again that
 * the real file is inside the folder, and answers only regular files.
 */
export async function locateRendererFile(root: string, urlPath: string): Promise<RendererFile> {
  const candidate = resolveStaticPath(root, urlPath);
  if (candidate === undefined) return { status: 403 };
  try {
    const file = await realpath(candidate);
    if (!file.startsWith(root + sep)) return { status: 403 };
    const info = await stat(file);
    if (!info.isFile()) return { status: 404 };
    return { file, size: info.size, type: mimeType(file) };
  } catch {
    return { status: 404 };
  }
}
