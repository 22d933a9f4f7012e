import { useMemo } from 'react';
import type { Profile } from '../../../shared/model';
import { useApp } from '../app-context';
import { useApiQuery } from '../data/use-api-query';

/**
 * How many drafts wait for the profile working here, asked again whenever
 * drafts change or the profile does. In Electron the main process sets the
 * dock / taskbar badge from the same answer.
 */
export function useWaitingCount(profile: Profile | null): number {
  const { api } = useApp();
  const who = profile ? `${profile.name}\u0000${profile.role}` : null;
  // A new question per profile; none without one.
  const load = useMemo(() => (who ? () => api.getWaitingCount({}) : null), [api, who]);
  // A refusal is not reported: the count is only a hint beside the navigation.
  const { data, stale } = useApiQuery(api, load, { reloadOn: ['draftsChanged'] });
  // An answer for the previous profile is never shown for this one.
  return data && !stale ? data.count : 0;
}
