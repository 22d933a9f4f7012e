import type { DraftStatus, Platform, Purpose, SeverityCounts } from './model';

// The reviewer's queue at 100,000 drafts: the core answers a filtered,
// ordered window of rows with the counts per status, so the renderer fetches
// only the rows it shows.

/** Most rows one query returns: a few screens' worth. */
export const maxQueueWindow = 500;
/** Longest search text accepted. */
export const maxQueueSearchLength = 200;
/** Furthest offset accepted: far beyond any queue, bounded so a payload cannot ask for nonsense. */
export const maxQueueOffset = 10_000_000;

export interface QueueFilter {
  /** One status's drafts; without it, every draft in the pending order. */
  status?: DraftStatus | undefined;
  platform?: Platform | undefined;
  /** The author's profile name, exactly. */
  author?: string | undefined;
  purpose?: Purpose | undefined;
  /** true: crises only; false: no crises. */
  crisis?: boolean | undefined;
  /** A substring of the latest text (Latin letters in any case), or a draft's whole id. */
  search?: string | undefined;
}

export interface QueueQuery extends QueueFilter {
  offset: number;
  limit: number;
  /** The selected draft, whose position in the result comes back as `selectedIndex`. */
  selectedId?: string | undefined;
}

/** What one line of the queue shows. */
export interface QueueRow {
  id: string;
  author: string;
  platform: Platform;
  purpose?: Purpose;
  crisis: boolean;
  status: DraftStatus;
  createdAt: string;
  updatedAt: string;
  waitingSince: string | null;
  revision: number;
  revisionAuthor: string;
  /** The first line of the latest text that holds anything, cut short (see the core's queue index). */
  firstLine: string;
  findingCounts: SeverityCounts;
}

export interface QueuePage {
  /** Drafts that pass every filter. */
  total: number;
  offset: number;
  /** Rows `offset` to `offset + limit` of the result, fewer at its end. */
  rows: QueueRow[];
  /** Drafts in each status that pass every filter but the status. */
  counts: Record<DraftStatus, number>;
  /** Every author with a draft, for the author filter. */
  authors: string[];
  /** Where `selectedId` stands in the result, or null when it does not pass the filters. */
  selectedIndex: number | null;
}
