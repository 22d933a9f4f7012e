import type { Platform } from '../model';
import type { RuleCategory } from '../rules/types';
import type { LogStatus } from './log-record';

export const exportFormats = ['csv', 'jsonl', 'html'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The formats of the desktop app's export: PDF is the HTML report printed by Chromium (printToPDF). */
export const saveFormats = [...exportFormats, 'pdf'] as const;
export type SaveFormat = (typeof saveFormats)[number];

/** Which posts of the approved-post log an export or the dashboard covers; dates are approval dates, inclusive, UTC. */
export interface LogFilter {
  from?: string | undefined;
  to?: string | undefined;
  platform?: Platform | undefined;
  author?: string | undefined;
  status?: LogStatus | undefined;
}

/** The journal's hash chain as of now: write `hash` down elsewhere to prove later that nothing before it changed. */
export interface ChainHead {
  hash: string;
  records: number;
}

/** An export as the renderer receives it, to save as a file. */
export interface ExportedLog {
  fileName: string;
  mimeType: string;
  content: string;
  records: number;
  /** The last record's hash in the export's own chain. */
  chainHead: string;
}

export interface DashboardStats {
  /** Approved posts per ISO week (Monday, YYYY-MM-DD), oldest first. */
  approvedPerWeek: { week: string; count: number }[];
  /** Median seconds in the review queue of the posts approved in each week. */
  medianSecondsInQueuePerWeek: { week: string; seconds: number }[];
  /** Findings recorded at approval, by category. */
  findingsByCategory: { category: RuleCategory; count: number }[];
  /** Approvals that overrode at least one error finding, of all approvals. */
  overrides: { approvals: number; withOverride: number };
  perReviewer: { reviewer: string; approved: number; medianSecondsInQueue: number; overrides: number }[];
}

/** The name an export is offered under: `approved-posts-YYYY-MM-DD.<format>` (UTC day). */
export function exportFileName(format: string, at: Date): string {
  return `approved-posts-${at.toISOString().slice(0, 10)}.${format}`;
}
