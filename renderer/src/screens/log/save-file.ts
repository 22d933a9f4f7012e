/**
 * Hands a file to the host's download handling: a download in the browser,
 * the native save dialog in Electron (its default for a download).
 */
export function saveFile(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has taken its copy once the click's task has run.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
