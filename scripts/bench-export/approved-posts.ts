// The data directory npm run bench:export (and bench:responsiveness) measures:
// approved posts from the bench:queue generator, built as fast as the store allows.
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DraftStore } from '../../electron/core/store/draft-store';
import type { JournalRecord } from '../../electron/core/store/journal-records';
import { openNodeSettings } from '../../electron/core/settings';
import { Workstation } from '../../electron/core/workstation';
import { draftGenerator } from '../bench-queue/fixture';

const batchSize = 1_000;

/**
 * A data directory of `posts` approved posts: imported in group commits
 * through the workstation (each checked by the rule engine), then approved
 * by appending approval records in group commits through the store (one by
 * one, 100,000 approvals take over a minute, each with its own fsync); every
 * tenth with an override, every fifth also published.
 */
export async function buildApprovedPosts(root: string, posts: number, label: string, log: (message: string) => void): Promise<{ dir: string; buildMs: number; journalBytes: number }> {
  const dir = path.join(root, label);
  const t0 = performance.now();
  const submittedAt = new Date(Date.UTC(2025, 11, 31, 9));
  const ws = await Workstation.open({ dataDir: dir, settings: openNodeSettings(dir), warn: log, command: 'bench:export build', clock: () => submittedAt });
  const exec = ws.profiles.add({ name: '张伟', role: 'executive' }, 'terminal');
  ws.profiles.add({ name: 'Li Na', role: 'reviewer' }, 'terminal');
  const next = draftGenerator(7);
  const release = await ws.drafts.holdWriteLock();
  const ids: string[] = [];
  try {
    for (let done = 0; done < posts; done += batchSize) {
      const batch = Array.from({ length: Math.min(batchSize, posts - done) }, next);
      for (const d of await ws.drafts.importDrafts(exec, batch)) ids.push(d.id);
    }
  } finally {
    release();
  }
  await ws.close();
  const store = await DraftStore.open({ dataDir: dir, warn: log, command: 'bench:export build' });
  const year = 365 * 24 * 3_600_000;
  const approvedAt = (i: number) => new Date(Date.UTC(2026, 0, 1) + Math.floor((i * year) / posts)).toISOString();
  const releaseStore = await store.hold();
  try {
    for (let done = 0; done < posts; done += batchSize) {
      await store.transact(async () => {
        const records: JournalRecord[] = [];
        for (let i = done; i < Math.min(done + batchSize, posts); i++) {
          const at = approvedAt(i);
          const base = { draftId: ids[i]!, revision: 1, findings: [] };
          records.push({
            ...base,
            type: 'approved',
            at,
            actor: 'Li Na',
            role: 'reviewer',
            status: 'approved',
            ...(i % 10 === 0 ? { overrides: [{ ruleId: 'privacy.mobile-cn', start: 0, end: 11, match: '13812345678', justification: '对外公开的客服热线, "checked"' }] } : {}),
          });
          if (i % 5 === 0) {
            records.push({ ...base, type: 'published', at, actor: 'Li Na', role: 'reviewer', status: 'published', publishedAt: at, url: `https://weibo.com/u/${i}` });
          }
        }
        await store.append(records);
      });
    }
  } finally {
    releaseStore();
  }
  await store.close();
  return { dir, buildMs: performance.now() - t0, journalBytes: fs.statSync(path.join(dir, 'drafts.journal.jsonl')).size };
}
