// The draft model shared by every layer. Plain data only, so that it crosses
// IPC, HTTP and the journal unchanged.

import type { Finding, Severity } from './rules/types';

export const platforms = ['weibo', 'x', 'linkedin'] as const;
export type Platform = (typeof platforms)[number];

export const roles = ['executive', 'reviewer', 'admin'] as const;
export type Role = (typeof roles)[number];

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

export const draftEventTypes = ['submitted', 'approved'] as const;
export type DraftEventType = (typeof draftEventTypes)[number];

export interface DraftEvent {
  type: DraftEventType;
  actor: string;
  role: Role;
  at: string;
  revision: number;
  /** The main process's check at that moment, under the policy then in force. */
  findings: Finding[];
  comment?: string;
}

export interface Draft {
  id: string;
  platform: Platform;
  author: string;
  status: DraftStatus;
  createdAt: string;
  updatedAt: string;
  revisions: Revision[];
  events: DraftEvent[];
}

/** What lists show: the latest revision's text without the history. */
export interface DraftSummary {
  id: string;
  platform: Platform;
  author: string;
  status: DraftStatus;
  createdAt: string;
  updatedAt: string;
  revision: number;
  text: string;
  /** Findings of the latest revision by severity, as recorded. */
  findingCounts: SeverityCounts;
}

export function latestRevision(draft: Draft): Revision {
  const last = draft.revisions.at(-1);
  if (!last) throw new Error(`draft ${draft.id} has no revision`);
  return last;
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

export function summarize(draft: Draft): DraftSummary {
  const rev = latestRevision(draft);
  return {
    id: draft.id,
    platform: draft.platform,
    author: draft.author,
    status: draft.status,
    createdAt: draft.createdAt,
    updatedAt: draft.updatedAt,
    revision: rev.number,
    text: rev.text,
    findingCounts: countBySeverity(rev.findings),
  };
}
