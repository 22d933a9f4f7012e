import path from 'node:path';
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { CountersignError, type ApiResult } from '../../shared/errors';
import type { SavedLog, SaveLogRequest } from '../../shared/desktop-contract';
import type { CoreClient } from '../common/core-client';
import { exportFileName } from '../../shared/log/log-query';

// The desktop app's log export: the native save dialog here, the file
// written by the core (streamed; nothing crosses IPC but the answer), and
// PDF as the HTML report printed by Chromium.

/** The value of a result, or its error thrown as a CountersignError (the IPC wrapper turns it back into a result). */
function valueOf<T>(result: ApiResult<T>): T {
  if (result.ok) return result.value;
  throw new CountersignError(result.error.kind, result.error.code, result.error.params);
}

/** Saves the approved-post log where the user chooses; reviewers and admins only, checked by the core before the dialog opens. */
export async function saveLog(core: CoreClient, request: SaveLogRequest, sender: WebContents): Promise<SavedLog> {
  const window = sender.id;
  valueOf(await core.host(window, 'checkLogAccess', {}));
  const { format, ...filter } = request;
  const owner = BrowserWindow.fromWebContents(sender);
  const options = {
    defaultPath: path.join(app.getPath('documents'), exportFileName(format, new Date())),
    filters: [{ name: format.toUpperCase(), extensions: [format] }],
  };
  const choice = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  if (choice.canceled || !choice.filePath) return { canceled: true };
  const file = choice.filePath;
  if (format !== 'pdf') {
    const { records, chainHead } = valueOf(await core.host(window, 'exportToFile', { format, filter, file }));
    return { canceled: false, file, records, chainHead };
  }
  const report = valueOf(await core.host(window, 'exportReport', { filter }));
  try {
    const pdf = await printToPdf(report.file);
    valueOf(await core.host(window, 'writeFile', { file, bytes: pdf }));
  } finally {
    await core.host(window, 'removeReport', { file: report.file });
  }
  return { canceled: false, file, records: report.records, chainHead: report.chainHead };
}

/**
 * Prints the report in a hidden window with JavaScript off. The core wrote
 * it to a private temporary directory (a data: URL would be too long for a
 * large log) and removes it afterwards.
 */
async function printToPdf(file: string): Promise<Uint8Array> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    await win.loadFile(file);
    return await win.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true });
  } finally {
    win.destroy();
  }
}
