// Saves text as a file through the browser's download mechanism (a Blob URL on a temporary link);
// in Electron the same click opens the save dialog.

/** Offers `content` for download as `name`. */
export function downloadText(name: string, content: string, mediaType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mediaType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
