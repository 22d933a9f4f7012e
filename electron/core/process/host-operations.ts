import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CountersignError } from '../../../shared/errors';
import type { LogFilter } from '../../../shared/log/log-query';
import type { HostSession } from '../handlers';
import { stringSink, writeFileStreamed, type ExportSummary } from '../log/log-export';
import { writeFileAtomic } from '../store/durable-files';
import type { Workstation } from '../workstation';

/**
 * What the desktop's main process asks of the core besides the contract:
 * the file work of "save the log" (the native dialog and printing stay in
 * the main process; the disk work happens here). Only the main process holds
 * the port these arrive on; a window cannot send them.
 */
export interface HostOperations {
  /** Refuses (as the result's error) unless the window's profile may read the log: asked before the save dialog opens. */
  checkLogAccess: { input: Record<string, never>; output: null };
  /** Streams the log in a file format to `file` (through a temporary file renamed over it). */
  exportToFile: { input: { format: 'csv' | 'jsonl' | 'html'; filter: LogFilter; file: string }; output: ExportSummary };
  /** Writes the HTML report to a private temporary directory for printing; `removeReport` deletes it. */
  exportReport: { input: { filter: LogFilter }; output: ExportSummary & { file: string } };
  /** Writes bytes (the printed PDF) to `file` atomically. */
  writeFile: { input: { file: string; bytes: Uint8Array }; output: null };
  removeReport: { input: { file: string }; output: null };
}

type Implementations = { [K in keyof HostOperations]: (input: HostOperations[K]['input'], session: HostSession) => Promise<HostOperations[K]['output']> };

/** The operations over one workstation; `reports` are the temporary report files made, the only ones `removeReport` deletes. */
export function hostOperations(ws: Workstation): Implementations {
  const reports = new Set<string>();
  const access = (session: HostSession) => {
    if (!session.profileName) throw new CountersignError('refused', 'error.noActiveProfile');
    ws.log.requireAccess(ws.profiles.require(session.profileName));
  };
  return {
    checkLogAccess: async (_input, session) => {
      access(session);
      return null;
    },
    exportToFile: async ({ format, filter, file }, session) => {
      access(session);
      return writeFileStreamed(file, (sink) => ws.log.export(format, filter, sink, session.progress));
    },
    exportReport: async ({ filter }, session) => {
      access(session);
      const html = stringSink();
      const summary = await ws.log.export('html', filter, html, session.progress);
      const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'countersign-report-'));
      const file = path.join(dir, 'report.html');
      await fs.promises.writeFile(file, html.text(), { mode: 0o600, flag: 'wx' });
      reports.add(file);
      return { ...summary, file };
    },
    writeFile: async ({ file, bytes }) => {
      writeFileAtomic(file, Buffer.from(bytes));
      return null;
    },
    removeReport: async ({ file }) => {
      if (!reports.delete(file)) throw new CountersignError('invalid', 'error.invalidRequest', { details: 'not a report this core made' });
      await fs.promises.rm(path.dirname(file), { recursive: true, force: true });
      return null;
    },
  };
}
