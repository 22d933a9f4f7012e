import { useEffect, useState } from 'react';
import type { CountersignApi } from '../../../shared/api';
import type { ApiError } from '../../../shared/errors';
import type { Draft, DraftStatus, DraftSummary } from '../../../shared/model';

export interface DraftFilter {
  status?: DraftStatus | undefined;
  author?: string | undefined;
}

/** Drafts from the core, reloaded whenever `version` moves (a draftsChanged event). */
export function useDrafts(api: CountersignApi, filter: DraftFilter, version: number, onError: (e: ApiError) => void) {
  const { status, author } = filter;
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.listDrafts({ ...(status ? { status } : {}), ...(author ? { author } : {}) }).then((result) => {
      if (!live) return;
      if (result.ok) setDrafts(result.value);
      else onError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, status, author, version, onError]);
  return drafts;
}

export type DraftState = { state: 'loading' } | { state: 'loaded'; draft: Draft } | { state: 'failed'; error: ApiError };

/** One draft with its revisions and history, reloaded whenever `version` moves. */
export function useDraft(api: CountersignApi, id: string, version: number): DraftState {
  const [loaded, setLoaded] = useState<{ id: string; result: DraftState } | null>(null);
  useEffect(() => {
    let live = true;
    void api.getDraft({ id }).then((result) => {
      if (!live) return;
      setLoaded({ id, result: result.ok ? { state: 'loaded', draft: result.value } : { state: 'failed', error: result.error } });
    });
    return () => {
      live = false;
    };
  }, [api, id, version]);
  // A reload keeps showing the previous answer for the same draft until the new one arrives.
  return loaded?.id === id ? loaded.result : { state: 'loading' };
}

/** The current time, moved on every `intervalMs` so "waiting 5 minutes" stays true. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
