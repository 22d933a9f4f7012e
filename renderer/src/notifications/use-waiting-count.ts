import { useEffect, useState } from 'react';
import type { CountersignApi } from '../../../shared/api';
import type { Profile } from '../../../shared/model';

/**
 * How many drafts wait for the profile working here, asked again whenever
 * drafts change (`draftsVersion`) or the profile does. In Electron the main
 * process sets the dock / taskbar badge from the same answer.
 */
export function useWaitingCount(api: CountersignApi, profile: Profile | null, draftsVersion: number): number {
  // The answer is kept with whom it was for, so a switch never shows the previous profile's count.
  const [answer, setAnswer] = useState<{ who: string; count: number } | null>(null);
  const who = profile ? `${profile.name}\u0000${profile.role}` : null;
  useEffect(() => {
    if (!who) return;
    let live = true;
    void api.getWaitingCount({}).then((result) => {
      if (live && result.ok) setAnswer({ who, count: result.value.count });
    });
    return () => {
      live = false;
    };
  }, [api, who, draftsVersion]);
  return answer && answer.who === who ? answer.count : 0;
}
