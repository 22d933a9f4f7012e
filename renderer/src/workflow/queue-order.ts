import { draftStatuses, type DraftStatus, type DraftSummary } from '../../../shared/model';

/** How many drafts are in each status; every status is present. */
export function countByStatus(drafts: readonly DraftSummary[]): Record<DraftStatus, number> {
  const counts = Object.fromEntries(draftStatuses.map((s) => [s, 0])) as Record<DraftStatus, number>;
  for (const d of drafts) counts[d.status] += 1;
  return counts;
}

const waitedFrom = (d: DraftSummary) => d.waitingSince ?? d.createdAt;

/**
 * The order a status's drafts are worked in. Pending: crises first, then the
 * one waiting longest. Every other status: the most recently changed first.
 */
export function queueOrder(drafts: readonly DraftSummary[], status: DraftStatus): DraftSummary[] {
  const picked = drafts.filter((d) => d.status === status);
  if (status !== 'pending') return picked.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
  return picked.sort((a, b) => Number(b.crisis) - Number(a.crisis) || waitedFrom(a).localeCompare(waitedFrom(b)) || a.id.localeCompare(b.id));
}

/** An author's drafts, the most recently changed first. */
export function latestFirst(drafts: readonly DraftSummary[]): DraftSummary[] {
  return [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id));
}
