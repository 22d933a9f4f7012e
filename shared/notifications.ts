import { translate, type Locale, type MessageKey, type MessageParams } from './i18n/translate';
import type { DraftEventType, DraftStatus, DraftSummary, Platform, Profile, Role } from './model';

// Notifications are facts derived from journal records as they are appended,
// so the desktop app and the loopback host announce the same things whoever
// wrote the record (this window, another window, or the CLI).

/** `queued`: a draft entered the review queue; `decided`: a reviewer decided on an executive's draft. */
export type NotificationKind = 'queued' | 'decided';

export interface DraftNotification {
  kind: NotificationKind;
  draftId: string;
  /** The event that caused it: submitted or resubmitted; approved, changes_requested or rejected. */
  event: DraftEventType;
  /** The status the event left the draft in (`awaiting_author` for an approval of a reviewer's edit). */
  status: DraftStatus;
  actor: string;
  author: string;
  platform: Platform;
  crisis: boolean;
  /** The start of the text in force, on one line. */
  excerpt: string;
  at: string;
}

/** What one window is told at once: the first items, and how many there were (a bulk import can queue thousands). */
export interface NotificationBatch {
  items: DraftNotification[];
  total: number;
}

/** Most items a batch carries; the rest are only counted. */
export const maxBatchItems = 20;
const excerptLength = 80;

const decisions: ReadonlySet<DraftEventType> = new Set(['approved', 'changes_requested', 'rejected']);

/** What a notification needs of a journal record (the record format itself belongs to the core). */
export interface RecordFacts {
  type: DraftEventType;
  draftId: string;
  status: DraftStatus;
  actor: string;
  at: string;
  text?: string | undefined;
}

/** The notification a journal record raises, or null; `draft` is the draft's summary after the record. */
export function notificationFor(record: RecordFacts, draft: Pick<DraftSummary, 'author' | 'platform' | 'crisis' | 'text'>): DraftNotification | null {
  let kind: NotificationKind;
  if ((record.type === 'submitted' || record.type === 'resubmitted') && record.status === 'pending') kind = 'queued';
  else if (decisions.has(record.type) && record.actor !== draft.author) kind = 'decided';
  else return null;
  return {
    kind,
    draftId: record.draftId,
    event: record.type,
    status: record.status,
    actor: record.actor,
    author: draft.author,
    platform: draft.platform,
    crisis: draft.crisis,
    excerpt: excerpt(record.text ?? draft.text),
    at: record.at,
  };
}

/** Reviewers and admins hear of drafts entering the queue; an executive hears of decisions on their own drafts. */
export function concerns(notification: DraftNotification, profile: Pick<Profile, 'name' | 'role'>): boolean {
  if (notification.kind === 'queued') return isReviewer(profile.role) && profile.name !== notification.author;
  return profile.name === notification.author;
}

/** The part of `items` that concerns `profile`, capped; null when nothing does. */
export function batchFor(items: readonly DraftNotification[], profile: Pick<Profile, 'name' | 'role'> | null): NotificationBatch | null {
  if (!profile) return null;
  const mine = items.filter((n) => concerns(n, profile));
  return mine.length === 0 ? null : { items: mine.slice(0, maxBatchItems), total: mine.length };
}

/** Statuses of drafts that wait for this profile: the queue for reviewers, sign-offs and changes asked for an executive. */
export function waitsFor(draft: Pick<DraftSummary, 'status' | 'author'>, profile: Pick<Profile, 'name' | 'role'>): boolean {
  if (isReviewer(profile.role)) return draft.status === 'pending' && draft.author !== profile.name;
  return draft.author === profile.name && (draft.status === 'awaiting_author' || draft.status === 'changes_requested');
}

function isReviewer(role: Role): boolean {
  return role === 'reviewer' || role === 'admin';
}

/** The message for one notification, translated where it is shown. */
export function notificationMessage(n: DraftNotification): { key: MessageKey; params: MessageParams } {
  const params = { actor: n.actor, author: n.author, platform: n.platform, excerpt: n.excerpt };
  if (n.kind === 'queued') return { key: n.event === 'resubmitted' ? 'notify.resubmitted' : 'notify.submitted', params };
  if (n.event === 'approved') return { key: n.status === 'awaiting_author' ? 'notify.awaitingSignOff' : 'notify.approved', params };
  return { key: n.event === 'rejected' ? 'notify.rejected' : 'notify.changesRequested', params };
}

/** Title and body of a desktop notification for a batch: the item itself, or a count when there are several. */
export function notificationText(locale: Locale, batch: NotificationBatch): { title: string; body: string } {
  const [first] = batch.items;
  if (batch.total === 1 && first) {
    const { key, params } = notificationMessage(first);
    const title = translate(locale, first.kind === 'queued' ? 'notify.queuedTitle' : 'notify.decidedTitle');
    return { title: first.crisis ? `${translate(locale, 'notify.crisis')} · ${title}` : title, body: translate(locale, key, params) };
  }
  return { title: translate(locale, 'app.title'), body: translate(locale, 'notify.many', { count: batch.total }) };
}

function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line);
  return chars.length <= excerptLength ? line : `${chars.slice(0, excerptLength - 1).join('')}…`;
}
