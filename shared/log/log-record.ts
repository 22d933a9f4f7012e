import { countBySeverity, type Draft, type DraftEvent, type Platform, type Purpose, type SeverityCounts } from '../model';
import type { RuleCategory } from '../rules/types';

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
  approvers: string[];
  submittedAt: string;
  approvedAt: string;
  publishedAt: string | null;
  url: string | null;
  revisions: number;
  /** A reviewer wrote at least one revision. */
  reviewerEdited: boolean;
  findingsAtApproval: SeverityCounts;
  /** Every `error` finding approved over, with who approved and why. */
  overrides: { ruleId: string; match: string; justification: string; by: string }[];
  /** Time spent waiting in the review queue, summed over every stay. */
  secondsInQueue: number;
}

/** The log record of an approved or published draft; null for any other status. */
export function toLogRecord(draft: Draft): LogRecord | null {
  if (draft.status !== 'approved' && draft.status !== 'published') return null;
  let approvedAt: string | null = null;
  let approval: DraftEvent | undefined;
  const approvers: string[] = [];
  let queueMs = 0;
  let enteredQueue: number | null = null;
  let previous: string | null = null;
  for (const event of draft.events) {
    const at = Date.parse(event.at);
    if (event.status === 'pending' && previous !== 'pending') enteredQueue = at;
    if (event.status !== 'pending' && previous === 'pending' && enteredQueue !== null) {
      queueMs += at - enteredQueue;
      enteredQueue = null;
    }
    if (event.type === 'approved') {
      approval = event;
      if (!approvers.includes(event.actor)) approvers.push(event.actor);
    }
    if (event.status === 'approved' && previous !== 'approved') approvedAt = event.at;
    previous = event.status;
  }
  const submitted = draft.events.find((e) => e.type === 'submitted');
  if (!approval || !approvedAt || !submitted) return null;
  return {
    id: draft.id,
    status: draft.status,
    platform: draft.platform,
    purpose: draft.purpose ?? null,
    text: draft.revisions.at(-1)?.text ?? '',
    author: draft.author,
    approvers,
    submittedAt: submitted.at,
    approvedAt,
    publishedAt: draft.publishedAt ?? null,
    url: draft.publishedUrl ?? null,
    revisions: draft.revisions.length,
    reviewerEdited: draft.revisions.some((r) => r.author !== draft.author),
    findingsAtApproval: countBySeverity(approval.findings),
    overrides: (approval.overrides ?? []).map((o) => ({ ruleId: o.ruleId, match: o.match, justification: o.justification, by: approval.actor })),
    secondsInQueue: Math.round(queueMs / 1000),
  };
}

/** The categories of the findings recorded at the draft's last approval (one entry per finding), for the dashboard. */
export function approvalCategories(draft: Draft): RuleCategory[] {
  let approval: DraftEvent | undefined;
  for (const event of draft.events) if (event.type === 'approved') approval = event;
  return approval ? approval.findings.map((f) => f.category) : [];
}
