// Child of npm run bench:queue: the naive design it is measured against,
// every draft in one electron-store file (conf is electron-store without
// Electron). Prints its figures as one JSON line.
//   build <journal> <dir>      the same drafts, replayed from Countersign's journal, as one `drafts` array
//   load <dir> [actions]       a cold load and the pending filter, then `actions` approvals
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import Conf from 'conf';
import { applyToDraft, type JournalRecord } from '../../electron/core/store/journal-records';
import type { Draft, DraftEvent } from '../../shared/model';
import { check, compilePolicy } from '../../shared/rules/engine';
import { benchPolicy } from './fixture';

const [mode, ...args] = process.argv.slice(2);

function open(dir: string): Conf<Record<string, unknown>> {
  return new Conf<Record<string, unknown>>({ cwd: dir, configName: 'drafts', projectName: 'countersign-bench' });
}

if (mode === 'build') {
  const [journal, dir] = args;
  if (!journal || !dir) throw new Error('usage: naive-store.ts build <journal> <dir>');
  const drafts = new Map<string, Draft>();
  const lines = fs.readFileSync(journal, 'utf8').split('\n');
  // Line 1 is the header; each record line is `<chain hash> <JSON>`.
  for (const line of lines.slice(1)) {
    if (line === '') continue;
    const record = JSON.parse(line.slice(line.indexOf(' ') + 1)) as JournalRecord;
    drafts.set(record.draftId, applyToDraft(drafts.get(record.draftId), record));
  }
  const start = performance.now();
  const store = open(dir);
  store.set('drafts', [...drafts.values()]);
  const writeMs = performance.now() - start;
  console.log(JSON.stringify({ drafts: drafts.size, writeMs, file: store.path, bytes: fs.statSync(store.path).size }));
} else if (mode === 'load') {
  const [dir, actionsArg] = args;
  if (!dir) throw new Error('usage: naive-store.ts load <dir> [actions]');
  const start = performance.now();
  const store = open(dir);
  const pending = (store.get('drafts') as Draft[]).filter((d) => d.status === 'pending');
  const loadMs = performance.now() - start;
  const memory = process.memoryUsage();
  (globalThis as { gc?: () => void }).gc?.();
  const heapLive = process.memoryUsage().heapUsed;

  // Each action does what an app on this design does: read the drafts, change
  // one, check it as the real action does, and set the array back.
  const policy = compilePolicy(benchPolicy);
  const actionMs: number[] = [];
  const count = Number(actionsArg ?? 0);
  for (let i = 0; i < count; i++) {
    const id = pending[Math.floor(((i + 0.5) * pending.length) / count)]!.id;
    const t0 = performance.now();
    const drafts = store.get('drafts') as Draft[];
    const draft = drafts.find((d) => d.id === id)!;
    const text = draft.revisions.at(-1)!.text;
    const at = new Date().toISOString();
    const event: DraftEvent = {
      type: 'approved',
      actor: 'Li Na',
      role: 'reviewer',
      at,
      revision: draft.revisions.length,
      status: 'approved',
      findings: check(policy, text, { platform: draft.platform, locale: 'en' }).findings,
    };
    draft.events.push(event);
    draft.status = 'approved';
    draft.updatedAt = at;
    store.set('drafts', drafts);
    actionMs.push(performance.now() - t0);
  }
  console.log(JSON.stringify({ loadMs, pending: pending.length, rss: memory.rss, heapUsed: memory.heapUsed, heapLive, actionMs }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
