import { useCallback, useEffect, useRef, useState } from 'react';
import type { CountersignApi } from '../../../../shared/api';
import type { RequestOf } from '../../../../shared/contract';
import type { ApiError, ApiResult } from '../../../../shared/errors';
import type { DraftStatus, Platform, Purpose } from '../../../../shared/model';
import type { QueuePage, QueueRow } from '../../../../shared/queue-query';

/** What the reviewer narrowed the queue to. Keep one object per choice: a new object means new filters. */
export interface QueueFilters {
  status: DraftStatus;
  platform?: Platform | undefined;
  author?: string | undefined;
  purpose?: Purpose | undefined;
  /** Crises only when true. */
  crisis?: boolean | undefined;
  search: string;
}

/** Rows per request: a few screens' worth, answered in milliseconds. */
export const queuePageSize = 100;

/** The rows the renderer holds: the pages fetched so far of one answer. */
export interface QueueView {
  /** The filters and the drafts' version these rows answer. */
  filters: QueueFilters;
  version: number;
  total: number;
  counts: Record<DraftStatus, number>;
  authors: string[];
  pages: ReadonlyMap<number, readonly QueueRow[]>;
  /** Where `selectedFor` stood in the result when it was loaded. */
  selectedFor: string | null;
  selectedIndex: number | null;
}

/** The queue screen's window on the core's queue: the rows held and how to ask for more. */
export interface Queue {
  view: QueueView | null;
  /** True while the rows shown answer other filters, or an older version of the drafts, than asked. */
  busy: boolean;
  rowAt: (index: number) => QueueRow | undefined;
  /** Where a draft stands in the rows held, as far as they tell. */
  indexOf: (id: string | null) => number | null;
  /** The list shows rows `start` to `end`: fetches those not held yet. */
  show: (start: number, end: number) => void;
  /** The row at `index`, fetched first when it is not held. */
  locate: (index: number) => Promise<QueueRow | undefined>;
}

const pagesBetween = (start: number, end: number): number[] => {
  const pages: number[] = [];
  for (let p = Math.floor(start / queuePageSize); p <= Math.floor(Math.max(start, end) / queuePageSize); p++) pages.push(p);
  return pages;
};

function request(filters: QueueFilters, page: number, selectedId: string | null): RequestOf<'queryQueue'> {
  const search = filters.search.trim();
  return {
    status: filters.status,
    ...(filters.platform ? { platform: filters.platform } : {}),
    ...(filters.author ? { author: filters.author } : {}),
    ...(filters.purpose ? { purpose: filters.purpose } : {}),
    ...(filters.crisis ? { crisis: true } : {}),
    ...(search ? { search } : {}),
    offset: page * queuePageSize,
    limit: queuePageSize,
    ...(selectedId ? { selectedId } : {}),
  };
}

/**
 * The reviewer's queue as windows of rows from the core: the first page
 * (or, after the drafts changed, the pages in view) when the filters or the
 * drafts change, then each page as the list scrolls to it. Answers that
 * arrive after newer questions are dropped.
 */
export function useQueue(api: CountersignApi, filters: QueueFilters, version: number, selectedId: string | null, onError: (e: ApiError) => void): Queue {
  const [view, setView] = useState<QueueView | null>(null);
  const held = useRef<QueueView | null>(null);
  const range = useRef({ start: 0, end: 0 });
  const selected = useRef(selectedId);
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());

  useEffect(() => {
    selected.current = selectedId;
  }, [selectedId]);

  const keep = useCallback((next: QueueView) => {
    held.current = next;
    setView(next);
  }, []);

  const fetchPage = useCallback(
    (of: QueueFilters, page: number): Promise<ApiResult<QueuePage>> => api.queryQueue(request(of, page, selected.current)),
    [api],
  );

  useEffect(() => {
    const gen = ++generation.current;
    inFlight.current = new Set();
    // Same filters, changed drafts: reload what is in view and keep the scroll position.
    const pages = held.current?.filters === filters ? pagesBetween(range.current.start, range.current.end) : [0];
    const selectedFor = selected.current;
    void Promise.all(pages.map((p) => fetchPage(filters, p))).then((results) => {
      if (gen !== generation.current) return;
      const answers: QueuePage[] = [];
      for (const result of results) {
        if (!result.ok) return onError(result.error);
        answers.push(result.value);
      }
      const first = answers[0]!;
      keep({
        filters,
        version,
        total: first.total,
        counts: first.counts,
        authors: first.authors,
        pages: new Map(pages.map((p, i) => [p, answers[i]!.rows])),
        selectedFor,
        selectedIndex: first.selectedIndex,
      });
    });
  }, [filters, version, fetchPage, keep, onError]);

  const load = useCallback(
    async (page: number): Promise<readonly QueueRow[] | undefined> => {
      const from = held.current;
      if (!from) return undefined;
      const have = from.pages.get(page);
      if (have) return have;
      const gen = generation.current;
      inFlight.current.add(page);
      const result = await fetchPage(from.filters, page);
      if (gen !== generation.current) return undefined;
      inFlight.current.delete(page);
      if (!result.ok) {
        onError(result.error);
        return undefined;
      }
      const now = held.current!;
      keep({ ...now, pages: new Map(now.pages).set(page, result.value.rows) });
      return result.value.rows;
    },
    [fetchPage, keep, onError],
  );

  const show = useCallback(
    (start: number, end: number) => {
      range.current = { start, end };
      const now = held.current;
      if (!now) return;
      for (const page of pagesBetween(start, end)) {
        if (!now.pages.has(page) && !inFlight.current.has(page) && page * queuePageSize < now.total) void load(page);
      }
    },
    [load],
  );

  const locate = useCallback(
    async (index: number) => (await load(Math.floor(index / queuePageSize)))?.[index % queuePageSize],
    [load],
  );

  const rowAt = useCallback((index: number) => view?.pages.get(Math.floor(index / queuePageSize))?.[index % queuePageSize], [view]);

  const indexOf = useCallback(
    (id: string | null) => {
      if (!view || id === null) return null;
      for (const [page, rows] of view.pages) {
        const at = rows.findIndex((r) => r.id === id);
        if (at !== -1) return page * queuePageSize + at;
      }
      return view.selectedFor === id ? view.selectedIndex : null;
    },
    [view],
  );

  const busy = view === null || view.filters !== filters || view.version !== version;
  return { view, busy, rowAt, indexOf, show, locate };
}
