import { countBySeverity, type DraftStatus, type DraftSummary, type SeverityCounts } from '../../../shared/model';
import type { JournalRecord } from '../store/journal-records';
import type { RuleCategory } from '../../../shared/rules/types';
import type { LogRecord } from '../../../shared/log/log-record';

/**
 * What the approved-post log needs of a draft beyond its summary, folded
 * record by record alongside it, so the log and the dashboard are made from
 * the in-memory index without reading the journal again (measured: reading
 * and replaying each draft's history made a 100,000-post CSV export take
 * 10 s against a 3 s target). Replaced, never changed in place: every draft
 * that has not left the queue yet shares `noLogFacts`, and a snapshot shares
 * equal approvals between drafts.
 */
export interface LogFacts {
  /** When it was submitted, if not by the record that created it (then it is the draft's createdAt). */
  readonly submittedAt: string | null;
  /** Time waiting in the review queue, summed over every stay. */
  readonly queueMs: number;
  /** A reviewer wrote at least one revision. */
  readonly reviewerEdited: boolean;
  /** The last time it entered `approved` (after a sign-off, when one was needed). */
  readonly approvedAt: string | null;
  readonly approval: ApprovalFacts | null;
}

/** The approvals: who approved, and the findings and overrides of the last one. */
export interface ApprovalFacts {
  readonly approvers: readonly string[];
  readonly findings: Readonly<SeverityCounts>;
  /** Categories of the findings at the last approval, one entry per finding, for the dashboard. */
  readonly categories: readonly RuleCategory[];
  readonly overrides: LogRecord['overrides'];
}

/** The facts of a draft created by its submission that has not left the queue yet. */
export const noLogFacts: LogFacts = Object.freeze({ submittedAt: null, queueMs: 0, reviewerEdited: false, approvedAt: null, approval: null });

const none: readonly never[] = Object.freeze([]);

/**
 * The facts after `record`: `facts` itself when the record changes none of
 * them. `before` is the draft's summary before the record (the caller folds
 * facts first, since applyToSummary updates the summary in place); undefined
 * for the record that creates the draft.
 */
export function applyToLogFacts(facts: LogFacts = noLogFacts, before: Pick<DraftSummary, 'author' | 'status' | 'waitingSince'> | undefined, record: JournalRecord): LogFacts {
  const previous: DraftStatus | null = before?.status ?? null;
  const { at, status } = record;
  let { submittedAt, queueMs, reviewerEdited, approvedAt, approval } = facts;
  // Submitting is only possible once (a new draft, or a saved one), so a later `submitted` is the one from a saved draft.
  if (record.type === 'submitted' && before !== undefined) submittedAt = at;
  if (previous === 'pending' && status !== 'pending' && before?.waitingSince) queueMs += Date.parse(at) - Date.parse(before.waitingSince);
  if (record.text !== undefined && before !== undefined && record.actor !== before.author) reviewerEdited = true;
  if (status === 'approved' && previous !== 'approved') approvedAt = at;
  if (record.type === 'approved') {
    const approvers = approval?.approvers ?? none;
    approval = {
      approvers: approvers.includes(record.actor) ? approvers : [...approvers, record.actor],
      findings: countBySeverity(record.findings),
      categories: record.findings.length === 0 ? none : record.findings.map((f) => f.category),
      overrides: !record.overrides?.length ? none : record.overrides.map((o) => ({ ruleId: o.ruleId, match: o.match, justification: o.justification, by: record.actor })),
    };
  }
  const same = submittedAt === facts.submittedAt && queueMs === facts.queueMs && reviewerEdited === facts.reviewerEdited && approvedAt === facts.approvedAt && approval === facts.approval;
  return same ? facts : { submittedAt, queueMs, reviewerEdited, approvedAt, approval };
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
