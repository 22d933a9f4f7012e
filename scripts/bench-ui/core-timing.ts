// The core's share of the queue's answers, timed in this process on the
// same data directory: building the sorted index (the first query, and the
// first after any change), then a window, a filter and a search on it.
import { performance } from 'node:perf_hooks';
import { openNodeSettings } from '../../electron/core/settings';
import { Workstation } from '../../electron/core/workstation';
import { median } from '../bench-queue/fixture';

export interface CoreTimings {
  build: number;
  window: number;
  filter: number;
  search: number;
}

export function coreTimings(dir: string, searches: readonly string[], runs: number, log: (message: string) => void): CoreTimings {
  const ws = Workstation.open({ dataDir: dir, settings: openNodeSettings(dir), warn: log, command: 'bench:ui core timing' });
  try {
    const base = { status: 'pending' as const, offset: 0, limit: 100 };
    const timed = (query: Parameters<Workstation['queryQueue']>[0]) => {
      const t0 = performance.now();
      ws.queryQueue(query);
      return performance.now() - t0;
    };
    const build = timed(base);
    const window: number[] = [];
    const filter: number[] = [];
    const search: number[] = [];
    for (let run = 0; run < runs; run++) {
      window.push(timed({ ...base, offset: (run + 1) * 1_000 }));
      filter.push(timed({ ...base, platform: 'x' }));
      filter.push(timed(base));
      search.push(timed({ ...base, search: searches[run % searches.length] }));
      timed(base);
    }
    return { build, window: median(window), filter: median(filter), search: median(search) };
  } finally {
    ws.close();
  }
}
