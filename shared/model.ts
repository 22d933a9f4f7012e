// The draft model shared by every layer. Plain data only, so that it crosses
// IPC, HTTP and the journal unchanged.

import type { Finding, Severity } from './rules/types';

export const platforms = ['weibo', 'x', 'linkedin'] as const;
export type Platform = (typeof platforms)[number];

export const roles = ['executive', 'reviewer', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The three roles an executive's account plays in the seed article. */
export const purposes = ['image', 'product', 'customer-service'] as const;
export type Purpose = (typeof purposes)[number];

export const draftStatuses = [
  'draft',
  'pending',
  'changes_requested',
  'awaiting_author',
  'approved',
  'rejected',
  'withdrawn',
  'published',
] as const;
export type DraftStatus = (typeof draftStatuses)[number];

export interface Profile {
  name: string;
  role: Role;
  createdAt: string;
}

export interface Revision {
  number: number;
  text: string;
  author: string;
  at: string;
  /** The main process's own check when the revision was recorded (messages in English). */
  findings: Finding[];
}

export type SeverityCounts = Record<Severity, number>;

/** One event per workflow action; `saved` and `submitted` create the draft. */
export const draftEventTypes = [
  'saved',
  'submitted',
  'withdrawn',
  'edited',
  'changes_requested',
  'rejected',
  'approved',
  'signed_off',
  'resubmitted',
  'published',
  'commented',
] as const;
export type DraftEventType = (typeof draftEventTypes)[number];

/** An `error` finding a reviewer approved over, with the written justification. */
export interface Override {
  ruleId: string;
  start: number;
  end: number;
  match: string;
  justification: string;
}

export interface DraftEvent {
  type: DraftEventType;
  actor: string;
  role: Role;
  at: string;
  /** The revision the action concerned (the new one for a submit, edit or resubmit). */
  revision: number;
  /** The status the action left the draft in. */
  status: DraftStatus;
  /** The main process's check at that moment, under the policy then in force. */
  findings: Finding[];
  /** A note, the changes asked for, or the reason for a rejection. */
  comment?: string;
  overrides?: Override[];
  /** When the post went out and where (a `published` event). */
  publishedAt?: string;
  url?: string;
}

/** What every view of a draft carries, whole or summarised. */
export interface DraftHeader {
  id: string;
  platform: Platform;
  purpose?: Purpose;
  crisis: boolean;
  author: string;
  status: DraftStatus;
  createdAt: string;
  updatedAt: string;
  /** When the draft last entered the review queue; null before its first submission. */
  waitingSince: string | null;
  publishedAt?: string;
  publishedUrl?: string;
}

export interface Draft extends DraftHeader {
  revisions: Revision[];
  events: DraftEvent[];
}

/** What lists show: the latest revision without the history. */
export interface DraftSummary extends DraftHeader {
  revision: number;
  /** Who wrote the latest revision: someone other than `author` means a reviewer edited it. */
  revisionAuthor: string;
  text: string;
  /** Findings of the latest revision by severity, as recorded. */
  findingCounts: SeverityCounts;
}

export function latestRevision(draft: Draft): Revision {
  const last = draft.revisions.at(-1);
  if (!last) throw new Error(`draft ${draft.id} has no revision`);
  return last;
}

/** True when the text in force was written by someone other than the draft's author. */
export function reviewerEdited(draft: Pick<DraftSummary, 'author' | 'revisionAuthor'>): boolean {
  return draft.revisionAuthor !== draft.author;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  let error = 0;
  let warning = 0;
  for (const f of findings) {
    if (f.severity === 'error') error += 1;
    else if (f.severity === 'warning') warning += 1;
  }
  return { error, warning, info: findings.length - error - warning };
}

export function summarize(draft: Draft): DraftSummary {
  const { revisions: _revisions, events: _events, ...header } = draft;
  const rev = latestRevision(draft);
  return { ...header, revision: rev.number, revisionAuthor: rev.author, text: rev.text, findingCounts: countBySeverity(rev.findings) };
}
