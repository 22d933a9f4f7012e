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

export async function coreTimings(dir: string, searches: readonly string[], runs: number, log: (message: string) => void): Promise<CoreTimings> {
  const ws = await Workstation.open({ dataDir: dir, settings: openNodeSettings(dir), warn: log, command: 'bench:ui core timing' });
  try {
    const base = { status: 'pending' as const, offset: 0, limit: 100 };
    const timed = async (query: Parameters<Workstation['queue']['query']>[0]) => {
      const t0 = performance.now();
      await ws.queue.query(query);
      return performance.now() - t0;
    };
    const build = await timed(base);
    const window: number[] = [];
    const filter: number[] = [];
    const search: number[] = [];
    for (let run = 0; run < runs; run++) {
      window.push(await timed({ ...base, offset: (run + 1) * 1_000 }));
      filter.push(await timed({ ...base, platform: 'x' }));
      filter.push(await timed(base));
      search.push(await timed({ ...base, search: searches[run % searches.length] }));
      await timed(base);
    }
    return { build, window: median(window), filter: median(filter), search: median(search) };
  } finally {
    await ws.close();
  }
}
