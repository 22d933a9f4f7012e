// The draft model shared by every layer. Plain data only, so that it crosses
// IPC, HTTP and the journal unchanged.

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
}

export const draftEventTypes = ['submitted', 'approved'] as const;
export type DraftEventType = (typeof draftEventTypes)[number];

export interface DraftEvent {
  type: DraftEventType;
  actor: string;
  role: Role;
  at: string;
  revision: number;
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
}

export function latestRevision(draft: Draft): Revision {
  const last = draft.revisions.at(-1);
  if (!last) throw new Error(`draft ${draft.id} has no revision`);
  return last;
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
  };
}
