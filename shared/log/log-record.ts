import type { DraftSummary, Platform, Purpose, SeverityCounts } from '../model';
import type { LogFacts } from './log-facts';

export const logStatuses = ['approved', 'published'] as const;
export type LogStatus = (typeof logStatuses)[number];

/** One post of the approved-post log: what compliance keeps, flattened from the draft's history. */
export interface LogRecord {
  id: string;
  status: LogStatus;
  platform: Platform;
  purpose: Purpose | null;
  text: string;
  author: string;
  /** Reviewers who approved it, in order; findings and overrides are those of the last approval. */
  approvers: readonly string[];
  submittedAt: string;
  approvedAt: string;
  publishedAt: string | null;
  url: string | null;
  revisions: number;
  /** A reviewer wrote at least one revision. */
  reviewerEdited: boolean;
  findingsAtApproval: Readonly<SeverityCounts>;
  /** Every `error` finding approved over, with who approved and why. */
  overrides: readonly { ruleId: string; match: string; justification: string; by: string }[];
  /** Time spent waiting in the review queue, summed over every stay. */
  secondsInQueue: number;
}

/** The log record of an approved or published draft; null for any other status. */
export function toLogRecord(summary: Readonly<DraftSummary>, facts: Readonly<LogFacts>): LogRecord | null {
  if (summary.status !== 'approved' && summary.status !== 'published') return null;
  const { approval, approvedAt } = facts;
  if (!approval || !approvedAt) return null;
  return {
    id: summary.id,
    status: summary.status,
    platform: summary.platform,
    purpose: summary.purpose ?? null,
    text: summary.text,
    author: summary.author,
    approvers: approval.approvers,
    submittedAt: facts.submittedAt ?? summary.createdAt,
    approvedAt,
    publishedAt: summary.publishedAt ?? null,
    url: summary.publishedUrl ?? null,
    // Revisions are numbered 1, 2, 3… (replay refuses a gap).
    revisions: summary.revision,
    reviewerEdited: facts.reviewerEdited,
    findingsAtApproval: approval.findings,
    overrides: approval.overrides,
    secondsInQueue: Math.round(facts.queueMs / 1000),
  };
}
