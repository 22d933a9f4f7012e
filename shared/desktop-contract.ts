import { z } from 'zod';
import { logFilter } from './contract';
import type { ApiResult } from './errors';
import { saveFormats } from './log/log-query';

// Calls only the desktop app can answer (native dialogs, printing). They are
// kept out of the shared contract so the loopback host never has to pretend:
// the browser bridge simply has no `desktop` member, and the renderer offers
// what needs one only where it exists.

export const saveLogRequest = z.strictObject({ format: z.enum(saveFormats), ...logFilter });
export type SaveLogRequest = z.output<typeof saveLogRequest>;

/** Where the export went, or that the user closed the save dialog. */
export type SavedLog = { canceled: true } | { canceled: false; file: string; records: number; chainHead: string };

export interface DesktopApi {
  /** Asks where to save with the native dialog, then writes the export there from the main process. */
  saveLog(request: z.input<typeof saveLogRequest>): Promise<ApiResult<SavedLog>>;
}
