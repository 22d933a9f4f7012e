import type { RuleCategory } from '../../../shared/rules/types';
import type { DashboardStats } from '../../../shared/log/log-query';
import type { LogRecord } from '../../../shared/log/log-record';

/** One approved or published post as the dashboard counts it. */
export interface DashboardItem {
  record: LogRecord;
  /** Categories of the findings recorded at approval, one entry per finding. */
  categories: readonly RuleCategory[];
}

/** The Monday (UTC) of the ISO week an ISO timestamp falls in, as YYYY-MM-DD. */
export function isoWeek(at: string): string {
  const day = new Date(`${at.slice(0, 10)}T00:00:00Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  day.setUTCDate(day.getUTCDate() - sinceMonday);
  return day.toISOString().slice(0, 10);
}

/** The median, the mean of the middle two for an even count, rounded to a whole number; 0 for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return Math.round(sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}

/**
 * The dashboard's figures from the approved-post log: approvals and median
 * time in queue per ISO week (of the approval), findings at approval by
 * category, the override rate, and per reviewer (the last approver).
 */
/** The dashboard over the log's posts, read in batches (see ApprovedLogDomain.batches). */
export async function computeDashboard(batches: AsyncIterable<readonly DashboardItem[]> | Iterable<readonly DashboardItem[]>): Promise<DashboardStats> {
  const weeks = new Map<string, number[]>();
  const categories = new Map<RuleCategory, number>();
  const reviewers = new Map<string, { queue: number[]; overrides: number }>();
  let approvals = 0;
  let withOverride = 0;
  for await (const batch of batches) for (const { record, categories: found } of batch) {
    approvals += 1;
    if (record.overrides.length > 0) withOverride += 1;
    const week = isoWeek(record.approvedAt);
    let queue = weeks.get(week);
    if (!queue) weeks.set(week, (queue = []));
    queue.push(record.secondsInQueue);
    for (const category of found) categories.set(category, (categories.get(category) ?? 0) + 1);
    const reviewer = record.approvers.at(-1) ?? '';
    let entry = reviewers.get(reviewer);
    if (!entry) reviewers.set(reviewer, (entry = { queue: [], overrides: 0 }));
    entry.queue.push(record.secondsInQueue);
    entry.overrides += record.overrides.length;
  }
  const weekList = [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    approvedPerWeek: weekList.map(([week, queue]) => ({ week, count: queue.length })),
    medianSecondsInQueuePerWeek: weekList.map(([week, queue]) => ({ week, seconds: median(queue) })),
    findingsByCategory: [...categories.entries()]
      .map(([category, count]) => ({ category, count }))
      .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    overrides: { approvals, withOverride },
    perReviewer: [...reviewers.entries()]
      .map(([reviewer, e]) => ({ reviewer, approved: e.queue.length, medianSecondsInQueue: median(e.queue), overrides: e.overrides }))
      .sort((a, b) => b.approved - a.approved || a.reviewer.localeCompare(b.reviewer)),
  };
}
