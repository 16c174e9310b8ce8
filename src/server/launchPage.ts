// The launch page `npm start -- --open` hands to Chromium: a local HTML file that forwards to a one-time
// launch URL. Chromium's command line then names only the file, which other users can read neither in
// `ps` nor on disk (the file is created 0600, and only if it does not exist yet); the code inside opens one
// session and expires soon after (session.ts).

import { writeFile } from 'node:fs/promises';

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Returns the HTML of a page that forwards at once to `url` (sending no referrer). */
export function launchPageHtml(url: string): string {
  const href = escapeAttribute(url);
  return (
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer">' +
    `<meta http-equiv="refresh" content="0;url=${href}"><title>EML Workbench</title></head>` +
    `<body><p>Opening <a href="${href}">EML Workbench</a>…</p></body></html>\n`
  );
}

/** Writes the launch page for `url` to `file`: readable by this user only, never over an existing file. */
export async function writeLaunchPage(file: string, url: string): Promise<void> {
  await writeFile(file, launchPageHtml(url), { flag: 'wx', mode: 0o600 });
}
