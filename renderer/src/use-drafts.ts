import { useEffect, useState } from 'react';
import type { CountersignApi } from '../../shared/api';
import type { ApiError } from '../../shared/errors';
import type { DraftStatus, DraftSummary } from '../../shared/model';

/** Drafts from the core, reloaded whenever `version` moves (a draftsChanged event). */
export function useDrafts(api: CountersignApi, status: DraftStatus | undefined, version: number, onError: (e: ApiError) => void) {
  const [drafts, setDrafts] = useState<DraftSummary[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.listDrafts(status ? { status } : {}).then((result) => {
      if (!live) return;
      if (result.ok) setDrafts(result.value);
      else onError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, status, version, onError]);
  return drafts;
}
