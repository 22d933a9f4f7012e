import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, type WebContents } from 'electron';
import { CountersignError } from '../../shared/errors';
import type { SavedLog, SaveLogRequest } from '../../shared/desktop-contract';
import { writeFileAtomic } from '../core/store/durable-files';
import type { HostSession } from '../core/handlers';
import { exportFileName, stringSink, writeFileStreamed } from '../core/log/log-export';
import type { Workstation } from '../core/workstation';

// The desktop app's log export: the native save dialog, then the file written
// by the main process (streamed; nothing crosses IPC but the answer), and PDF
// as the HTML report printed by Chromium.

/** Saves the approved-post log where the user chooses; reviewers and admins only, checked here in the main process. */
export async function saveLog(ws: Workstation, request: SaveLogRequest, session: HostSession, sender: WebContents): Promise<SavedLog> {
  if (!session.profileName) throw new CountersignError('refused', 'error.noActiveProfile');
  ws.requireLogAccess(ws.requireProfile(session.profileName));
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
    const { records, chainHead } = writeFileStreamed(file, (sink) => ws.exportLog(format, filter, sink, session.progress));
    return { canceled: false, file, records, chainHead };
  }
  const html = stringSink();
  const { records, chainHead } = ws.exportLog('html', filter, html, session.progress);
  writeFileAtomic(file, await printToPdf(html.text()));
  return { canceled: false, file, records, chainHead };
}

/**
 * Prints the report in a hidden window with JavaScript off. The report goes
 * through a file in a private temporary directory (a data: URL would be too
 * long for a large log), removed at once.
 */
async function printToPdf(html: string): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-report-'));
  const file = path.join(dir, 'report.html');
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, javascript: false, spellcheck: false, disableBlinkFeatures: 'Auxclick' },
  });
  try {
    fs.writeFileSync(file, html, { mode: 0o600 });
    await win.loadFile(file);
    return await win.webContents.printToPDF({ landscape: true, pageSize: 'A4', printBackground: true });
  } finally {
    win.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
