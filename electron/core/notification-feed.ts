import { batchFor, notificationFor, type DraftNotification, type NotificationBatch } from '../../shared/notifications';
import type { HostSession } from './handlers';
import { JournalTail } from './store/journal-tail';
import type { Workstation } from './workstation';

/**
 * Calls `listener` with the notifications raised by records appended to the
 * journal from now on, whoever appended them: this host's windows, another
 * host or the CLI (seen when `ws.watch` polls). Every host filters them per
 * session with `batchForSession`, so the desktop app and the loopback host
 * announce the same things. Returns a function that stops listening.
 */
export function watchNotifications(ws: Workstation, listener: (items: DraftNotification[]) => void): () => void {
  const tail = new JournalTail(ws.journalFile);
  return ws.onChange((changes) => {
    if (!changes.drafts) return;
    const items: DraftNotification[] = [];
    for (const record of tail.readNew()) {
      const draft = ws.drafts.facts(record.draftId);
      const item = draft ? notificationFor(record, draft) : null;
      if (item) items.push(item);
    }
    if (items.length > 0) listener(items);
  });
}

/** What a window (or the loopback host's page) is told: only what concerns the profile working there. */
export function batchForSession(ws: Workstation, session: HostSession, items: readonly DraftNotification[]): NotificationBatch | null {
  const profile = session.profileName ? ws.profiles.list().find((p) => p.name === session.profileName) : undefined;
  return batchFor(items, profile ?? null);
}
