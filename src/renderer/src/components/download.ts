// Saves files through the browser's download mechanism (a Blob URL on a temporary link); in Electron the
// same click opens the save dialog. Several files go out as one zip archive (fflate), since a browser
// delivers only the first of several downloads started by one click.

import { strToU8, zipSync } from 'fflate';

/** Offers `data` for download as `name`. */
export function downloadBlob(name: string, data: Blob): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Offers `content` for download as `name`. */
export function downloadText(name: string, content: string, mediaType: string): void {
  downloadBlob(name, new Blob([content], { type: mediaType }));
}

/** Returns a zip archive holding each text file under its name (a repeated name gets a numbered suffix). */
export function zipTexts(files: ReadonlyArray<{ readonly name: string; readonly content: string }>): Uint8Array {
  const entries: Record<string, Uint8Array> = {};
  for (const f of files) {
    let name = f.name;
    for (let i = 2; Object.hasOwn(entries, name); i++) name = f.name.replace(/(\.[^.]*)?$/, `-${i}$1`);
    entries[name] = strToU8(f.content);
  }
  return zipSync(entries, { level: 6 });
}

/** Offers one file as itself and several as one zip archive named `archiveName`. */
export function downloadFiles(files: ReadonlyArray<{ readonly name: string; readonly content: string; readonly mediaType: string }>, archiveName: string): void {
  if (files.length === 1) {
    downloadText(files[0]!.name, files[0]!.content, files[0]!.mediaType);
    return;
  }
  const zip = zipTexts(files);
  downloadBlob(archiveName, new Blob([zip.buffer.slice(zip.byteOffset, zip.byteOffset + zip.byteLength) as ArrayBuffer], { type: 'application/zip' }));
}
