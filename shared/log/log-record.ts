import type { Platform, Purpose, SeverityCounts } from '../model';

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
