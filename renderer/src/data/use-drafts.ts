import { useCallback } from 'react';
import type { ApiError } from '../../../shared/errors';
import type { Draft, DraftStatus, DraftSummary } from '../../../shared/model';
import { useApp } from '../app-context';
import { useApiQuery } from './use-api-query';

/** Which drafts to ask for; an unset field does not narrow the list. */
export interface DraftFilter {
  status?: DraftStatus | undefined;
  author?: string | undefined;
}

/** Drafts from the core, asked again on every draftsChanged; refusals go to the notice line. */
export function useDrafts(filter: DraftFilter): DraftSummary[] | null {
  const { api, reportError } = useApp();
  const { status, author } = filter;
  const load = useCallback(() => api.listDrafts({ ...(status ? { status } : {}), ...(author ? { author } : {}) }), [api, status, author]);
  return useApiQuery(api, load, { reloadOn: ['draftsChanged'], onError: reportError }).data;
}

/** One draft as its pane shows it: still coming, there, or refused (the refusal shown in its place). */
export type DraftState = { state: 'loading' } | { state: 'loaded'; draft: Draft } | { state: 'failed'; error: ApiError };

/** One draft with its revisions and history, asked again on every draftsChanged and on `reload()` (after an action taken here). */
export function useDraft(id: string): { loaded: DraftState; reload: () => void } {
  const { api } = useApp();
  const load = useCallback(() => api.getDraft({ id }), [api, id]);
  // The refusal is shown in the pane, in place of the draft.
  const { data, error, stale, reload } = useApiQuery(api, load, { reloadOn: ['draftsChanged'] });
  // A reload keeps showing the previous answer for the same draft until the new one arrives.
  const loaded: DraftState = stale ? { state: 'loading' } : error ? { state: 'failed', error } : data ? { state: 'loaded', draft: data } : { state: 'loading' };
  return { loaded, reload };
}
