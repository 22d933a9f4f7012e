// The data directory bench:ui measures: drafts imported as `countersign
// import` does, from the bench:queue generator, by several executives over
// the last 30 days, a few of them already decided.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openNodeSettings } from '../../electron/core/settings';
import { Workstation } from '../../electron/core/workstation';
import { draftGenerator } from '../bench-queue/fixture';

export const benchReviewer = 'Li Na';
const executives = ['张伟', 'Wang Fang', '陳美玲', 'Alice Chen'];
const batchSize = 1_000;

/** Imports `drafts` drafts into a new data directory under `root`; the reviewer is the profile the host starts with. */
export async function buildQueue(root: string, drafts: number, log: (message: string) => void): Promise<{ dir: string; buildMs: number; journalBytes: number }> {
  const dir = path.join(root, `queue-${drafts}`);
  const t0 = performance.now();
  // Each record one step later, so the drafts waited for different times and the order means something.
  const step = Math.floor((30 * 24 * 3_600_000) / (drafts + drafts / 20));
  let at = Date.now() - 30 * 24 * 3_600_000;
  const ws = await Workstation.open({ dataDir: dir, settings: openNodeSettings(dir), warn: log, command: 'bench:ui build', clock: () => new Date((at += step)) });
  try {
    const authors = executives.map((name) => ws.profiles.add({ name, role: 'executive' }, 'terminal'));
    const reviewer = ws.profiles.add({ name: benchReviewer, role: 'reviewer' }, 'terminal');
    ws.settings.lastProfile = benchReviewer;
    const next = draftGenerator(11);
    const ids: string[] = [];
    const release = await ws.drafts.holdWriteLock();
    try {
      for (let done = 0; done < drafts; done += batchSize) {
        const batch = Array.from({ length: Math.min(batchSize, drafts - done) }, next);
        for (const d of await ws.drafts.importDrafts(authors[(done / batchSize) % authors.length]!, batch)) ids.push(d.id);
        if (done % 20_000 === 0 && done > 0) log(`  ${done.toLocaleString('en')} drafts`);
      }
    } finally {
      release();
    }
    // 5 % decided, so every tab has something: approved (some over an error, justified), rejected, changes requested.
    for (let i = 0; i < ids.length; i += 20) {
      const id = ids[i]!;
      const kind = (i / 20) % 4;
      if (kind < 2) await ws.drafts.act('approve', reviewer, { id, justification: '已与法务确认。' });
      else if (kind === 2) await ws.drafts.act('reject', reviewer, { id, reason: 'Not for the company account.' });
      else await ws.drafts.act('request_changes', reviewer, { id, comment: '请补充活动地点。' });
    }
  } finally {
    await ws.close();
  }
  return { dir, buildMs: performance.now() - t0, journalBytes: fs.statSync(path.join(dir, 'drafts.journal.jsonl')).size };
}
