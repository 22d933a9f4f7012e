// npm run bench:queue [-- --drafts N] [--keep] — the durable draft queue at
// 100,000 drafts: a bulk import, one workflow action (with its fsync and the
// main process's rule check) at 1,000, 10,000 and 100,000 drafts, a cold open
// plus the pending list in a fresh process with and without the snapshot, and
// memory; measured in the same run against the naive design of keeping every
// draft in one electron-store (conf) file; and one action again under a policy
// with a 10,000-term competitor list. Prints figures and PASS/FAIL per
// target; exits 0 either way, since a shared VM's figures move between runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { journalFileName } from '../electron/core/store/journal-file';
import { snapshotFileName } from '../electron/core/store/journal-snapshot';
import { openNodeSettings } from '../electron/core/settings';
import { Workstation } from '../electron/core/workstation';
import type { DraftSummary, Profile } from '../shared/model';
import { check } from '../shared/rules/engine';
import { benchPolicy, draftGenerator, median, mib, percentile, random, textGenerator } from './bench-queue/fixture';
import { bundleListRunners, sameBytes, timeList, type ListRun } from './bench-queue/list-timing';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const total = Number(option('--drafts') ?? 100_000);
if (!Number.isInteger(total) || total < 1_000) throw new Error('--drafts takes a whole number of at least 1000');
const keep = process.argv.includes('--keep');
const batchSize = 500;
const measured = 300;
const warmup = 30;
const coldRuns = 3;
/** Cold `countersign list` processes of each kind (streamed, and the one-string baseline), alternating. */
const listRuns = 5;
const naiveActions = 5;
/** Share of the drafts the workflow mix acts on before measuring; most stay pending. */
const mixShare = 0.13;
const sizes = [...new Set([1_000, 10_000, total].filter((n) => n <= total))];

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-queue-'));
const log = (message: string) => console.error(`[bench:queue] ${message}`);

interface Team {
  admin: Profile;
  executives: Profile[];
  reviewer: Profile;
}

interface QueueRun {
  size: number;
  dir: string;
  importMs: number;
  /** Each import batch of 500: check, one write and one fsync. */
  batchMs: number[];
  /** Releasing the import's hold of the lock, which writes the snapshot. */
  releaseMs: number;
  mixMs: number[];
  actionMs: Record<MeasuredAction, number[]>;
  /** Actions (mix or measured) that also wrote the snapshot, and how long each took. */
  snapshotActionMs: number[];
  measuredWithSnapshot: number;
  pendingAfter: number;
  /** RSS once the team and the compiled policy are there, before any draft. */
  rssBeforeImport: number;
  /** The process's peak RSS after each phase. */
  maxRss: { batches: number; release: number; mix: number; measured: number };
  breakdown?: Breakdown;
}

interface Breakdown {
  lockMs: number;
  policyMs: number;
  checkMs: number;
  fsyncMs: number;
}

type MeasuredAction = 'approve' | 'request changes' | 'comment' | 'edit';
const measuredMix: MeasuredAction[] = ['approve', 'approve', 'request changes', 'comment', 'edit'];

const maxRss = () => process.resourceUsage().maxRSS * 1024;

async function timed<T>(samples: number[], fn: () => T | Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    samples.push(performance.now() - start);
  }
}

/** The same for synchronous work, so nothing but the work is timed. */
function timedSync<T>(samples: number[], fn: () => T): T {
  const start = performance.now();
  try {
    return fn();
  } finally {
    samples.push(performance.now() - start);
  }
}

function addTeam(ws: Workstation): Team {
  const admin = ws.profiles.add({ name: 'Chen Admin', role: 'admin' }, 'terminal');
  const executives = [ws.profiles.add({ name: 'Zhang Wei', role: 'executive' }, 'terminal'), ws.profiles.add({ name: 'Wang Fang', role: 'executive' }, 'terminal')];
  const reviewer = ws.profiles.add({ name: 'Li Na', role: 'reviewer' }, 'terminal');
  ws.policy.set(admin, benchPolicy);
  return { admin, executives, reviewer };
}

const justification = 'Checked with legal and comms; acceptable in this context.';

interface MixDraft {
  id: string;
  author: Profile;
}

/** Times one action into `samples`, and into `snapshots` too when it wrote the snapshot. */
function actionTimer(dir: string, snapshots: number[]) {
  const file = path.join(dir, snapshotFileName);
  const stamp = () => fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  return async (samples: number[], fn: () => Promise<unknown>): Promise<boolean> => {
    const before = stamp();
    await timed(samples, fn);
    const wrote = stamp() !== before;
    if (wrote) snapshots.push(samples.at(-1)!);
    return wrote;
  };
}

/** Leaves drafts in every state: approved, published, changes requested, resubmitted, rejected, awaiting sign-off, withdrawn. */
async function workflowMix(ws: Workstation, reviewer: Profile, drafts: MixDraft[], rand: () => number, act: (fn: () => Promise<unknown>) => Promise<unknown>): Promise<void> {
  const newText = textGenerator(99);
  const { drafts: d } = ws;
  for (const { id, author } of drafts) {
    const edit = async () => {
      const current = (await d.get(id)).revisions.at(-1)!.text;
      let text = newText();
      while (text === current) text = newText();
      return text;
    };
    const roll = rand();
    if (roll < 0.4) {
      await act(() => d.act('approve', reviewer, { id, justification }));
      if (rand() < 0.25) await act(() => d.act('publish', author, { id, url: `https://weibo.com/${id}` }));
    } else if (roll < 0.55) {
      await act(() => d.act('request_changes', reviewer, { id, comment: 'Please drop the figures and soften the second sentence.' }));
      if (rand() < 0.5) {
        const text = await edit();
        await act(() => d.act('resubmit', author, { id, text, comment: 'Done.' }));
      }
    } else if (roll < 0.63) {
      await act(() => d.act('reject', reviewer, { id, reason: 'Not the right moment for this post.' }));
    } else if (roll < 0.75) {
      const text = await edit();
      await act(() => d.act('edit', reviewer, { id, text, comment: 'Tightened the wording.' }));
      await act(() => d.act('approve', reviewer, { id, justification }));
      if (rand() < 0.5) await act(() => d.act('sign_off', author, { id }));
    } else if (roll < 0.85) {
      await act(() => d.act('withdraw', author, { id, comment: 'Will post after the launch instead.' }));
    } else if (roll < 0.95) {
      await act(() => d.act('comment', rand() < 0.5 ? reviewer : author, { id, text: 'Can we add the date of the event?' }));
    } else {
      await act(() => d.act('request_changes', reviewer, { id, comment: 'Needs the product name.' }));
      const text = await edit();
      await act(() => d.act('resubmit', author, { id, text }));
      await act(() => d.act('approve', reviewer, { id, justification }));
    }
  }
}

/** One action of the measured mix on a pending draft nobody has touched yet. */
function measuredAction(ws: Workstation, reviewer: Profile, kind: MeasuredAction, draft: DraftSummary, text: string): Promise<DraftSummary> {
  const id = draft.id;
  switch (kind) {
    case 'approve':
      return ws.drafts.act('approve', reviewer, { id, justification });
    case 'request changes':
      return ws.drafts.act('request_changes', reviewer, { id, comment: 'Please check the figures with finance first.' });
    case 'comment':
      return ws.drafts.act('comment', reviewer, { id, text: 'Looks fine; waiting for the launch date.' });
    case 'edit':
      return ws.drafts.act('edit', reviewer, { id, text, comment: 'Shortened.' });
  }
}

/** Where one action's time goes, each part measured alone on the same data directory. */
async function breakdown(ws: Workstation, dir: string, drafts: DraftSummary[]): Promise<Breakdown> {
  const lock: number[] = [];
  for (let i = 0; i < measured; i++) await timed(lock, async () => (await ws.drafts.holdWriteLock())());
  const policy: number[] = [];
  for (let i = 0; i < measured; i++) timedSync(policy, () => ws.policy.current());
  const compiled = ws.policy.current();
  const checks: number[] = [];
  for (const d of drafts) timedSync(checks, () => check(compiled, d.text, { platform: d.platform, locale: 'en' }));
  const scratch = path.join(dir, 'fsync-probe.tmp');
  const fd = fs.openSync(scratch, 'a');
  const line = Buffer.from(`${'0'.repeat(64)} ${JSON.stringify({ text: drafts[0]?.text ?? '', pad: 'x'.repeat(300) })}\n`);
  const fsync: number[] = [];
  try {
    for (let i = 0; i < measured; i++) {
      timedSync(fsync, () => {
        fs.writeSync(fd, line);
        fs.fdatasyncSync(fd);
      });
    }
  } finally {
    fs.closeSync(fd);
    fs.rmSync(scratch, { force: true });
  }
  return { lockMs: median(lock), policyMs: median(policy), checkMs: median(checks), fsyncMs: median(fsync) };
}

interface Queue {
  run: QueueRun;
  ws: Workstation;
  reviewer: Profile;
  /** Pending drafts nobody has touched, for the measured actions (the warm-up ones first). */
  targets: DraftSummary[];
  act: (samples: number[], fn: () => Promise<unknown>) => Promise<boolean>;
  warnings: string[];
}

/** A data directory with `size` drafts imported and the workflow mix applied; the workstation stays open. */
async function prepareQueue(size: number): Promise<Queue> {
  const dir = path.join(root, `queue-${size}`);
  const warnings: string[] = [];
  const ws = await Workstation.open({ dataDir: dir, settings: openNodeSettings(dir), warn: (m) => warnings.push(m), command: 'bench:queue' });
  try {
    const team = addTeam(ws);
    ws.policy.current();
    const rssBeforeImport = process.memoryUsage().rss;

    // Seeded choice, made before the import so that only the chosen drafts are kept
    // here: the workflow mix acts on a share, the measured actions on the next ones.
    const rand = random(size + 17);
    const order = Array.from({ length: size }, (_, i) => i);
    for (let i = size - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const mixCount = Math.round(size * mixShare);
    const place = new Int32Array(size).fill(-1);
    order.slice(0, mixCount + warmup + measured).forEach((index, at) => (place[index] = at));
    const mixDrafts: MixDraft[] = new Array<MixDraft>(mixCount);
    const targets: DraftSummary[] = new Array<DraftSummary>(warmup + measured);

    // As `countersign import` does: batches of 500, each one group commit, under one hold of the lock.
    const next = draftGenerator(size);
    const batchMs: number[] = [];
    const release = await ws.drafts.holdWriteLock();
    let releaseMs = 0;
    let batchesRss = 0;
    try {
      for (let done = 0; done < size; done += batchSize) {
        const inputs = Array.from({ length: Math.min(batchSize, size - done) }, next);
        const executive = team.executives[(done / batchSize) % team.executives.length]!;
        const summaries = await timed(batchMs, () => ws.drafts.importDrafts(executive, inputs));
        summaries.forEach((summary, k) => {
          const at = place[done + k]!;
          if (at === -1) return;
          if (at < mixCount) mixDrafts[at] = { id: summary.id, author: executive };
          else targets[at - mixCount] = summary;
        });
      }
      batchesRss = maxRss();
    } finally {
      // Releasing writes the snapshot: part of the import's cost.
      const start = performance.now();
      release();
      releaseMs = performance.now() - start;
    }
    const releaseRss = maxRss();
    const importMs = batchMs.reduce((a, b) => a + b, 0) + releaseMs;
    log(`${size} drafts imported in ${(importMs / 1000).toFixed(1)} s`);

    const snapshotActionMs: number[] = [];
    const act = actionTimer(dir, snapshotActionMs);
    const mixMs: number[] = [];
    await workflowMix(ws, team.reviewer, mixDrafts, rand, (fn) => act(mixMs, fn));
    const mixRss = maxRss();
    log(`${size}: ${mixMs.length} workflow actions`);

    const run: QueueRun = {
      size,
      dir,
      importMs,
      batchMs,
      releaseMs,
      mixMs,
      actionMs: { approve: [], 'request changes': [], comment: [], edit: [] },
      snapshotActionMs,
      measuredWithSnapshot: 0,
      pendingAfter: 0,
      rssBeforeImport,
      maxRss: { batches: batchesRss, release: releaseRss, mix: mixRss, measured: mixRss },
    };
    return { run, ws, reviewer: team.reviewer, targets, act, warnings };
  } catch (err) {
    await ws.close();
    throw err;
  }
}

/**
 * The measured actions, taken in turn on every queue (one at 1,000 drafts,
 * one at 10,000, one at 100,000, and again), so that a busy moment of the
 * shared machine falls on all sizes alike.
 */
async function measureActions(queues: Queue[]): Promise<void> {
  const texts = queues.map((q) => textGenerator(q.run.size + 5));
  for (let i = 0; i < warmup + measured; i++) {
    for (const [n, q] of queues.entries()) {
      const draft = q.targets[i]!;
      const kind = measuredMix[i % measuredMix.length]!;
      let text = '';
      if (kind === 'edit') while (text === '' || text === draft.text) text = texts[n]!();
      const samples = i < warmup ? [] : q.run.actionMs[kind];
      if ((await q.act(samples, () => measuredAction(q.ws, q.reviewer, kind, draft, text))) && i >= warmup) q.run.measuredWithSnapshot += 1;
    }
  }
}

function child<T>(entry: string, args: string[]): T {
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'bench-queue', entry), ...args], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`${entry} ${args.join(' ')} failed (${result.status}):\n${result.stderr}`);
  const last = result.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as T;
}

interface ColdOpen {
  openMs: number;
  listMs: number;
  totalMs: number;
  sinceStartMs: number;
  pending: number;
  rss: number;
  heapUsed: number;
  rssAtStart: number;
  rssBefore: number;
  heapAfterOpen: number;
  rssWithPolicy: number;
  /** Heap and RSS once the garbage of opening and listing is collected. */
  heapLive: number;
  rssAfterGc: number;
  warnings: string[];
}

interface NaiveLoad {
  loadMs: number;
  pending: number;
  rss: number;
  heapUsed: number;
  heapLive: number;
  actionMs: number[];
}

/** Newline count of a file, read in pieces so this process's memory figure stays its own. */
function lineCount(file: string): number {
  const fd = fs.openSync(file, 'r');
  const buffer = Buffer.alloc(1024 * 1024);
  let lines = 0;
  try {
    for (let read = fs.readSync(fd, buffer); read > 0; read = fs.readSync(fd, buffer)) {
      for (let at = buffer.indexOf(0x0a); at !== -1 && at < read; at = buffer.indexOf(0x0a, at + 1)) lines += 1;
    }
  } finally {
    fs.closeSync(fd);
  }
  return lines;
}

/** The journal line the snapshot was taken at (its body starts with the position). */
function snapshotLine(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return Number(/"line":(\d+)/.exec(head.toString('utf8', 0, read))?.[1] ?? NaN);
  } finally {
    fs.closeSync(fd);
  }
}

/** The newest source file the benchmark runs, so a change during a run (others edit the core) is reported. */
function sourceStamp(): string {
  let newest = 0;
  let name = '';
  for (const dir of ['electron/core', 'shared']) {
    for (const entry of fs.readdirSync(path.join(repo, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = path.join(entry.parentPath, entry.name);
      const mtime = fs.statSync(file).mtimeMs;
      if (mtime > newest) [newest, name] = [mtime, path.relative(repo, file)];
    }
  }
  return `${name} ${new Date(newest).toISOString()}`;
}

async function main(): Promise<void> {
  // --- Countersign --------------------------------------------------------------

  const sourcesAtStart = sourceStamp();

  const started = performance.now();
  console.log(`bench:queue — ${total.toLocaleString('en')} drafts; node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
  console.log(`data in ${root}\n`);

  const queues: Queue[] = [];
  try {
    for (const size of sizes) queues.push(await prepareQueue(size));
    await measureActions(queues);
    const last = queues.at(-1)!;
    last.run.maxRss.measured = maxRss();
    last.run.breakdown = await breakdown(last.ws, last.run.dir, last.targets.slice(warmup));
    for (const q of queues) {
      q.run.pendingAfter = (await q.ws.drafts.list({ status: 'pending' })).length;
      if (q.warnings.length > 0) log(`warnings at ${q.run.size}: ${q.warnings.join(' | ')}`);
    }
  } finally {
    for (const q of queues) await q.ws.close();
  }
  const runs = queues.map((q) => q.run);
  const main = runs.at(-1)!;
  // After closing: a clean close writes the snapshot, which is part of the peak.
  const peakRss = maxRss();

  const journal = path.join(main.dir, journalFileName);
  const snapshot = path.join(main.dir, snapshotFileName);
  const journalBytes = fs.statSync(journal).size;
  const snapshotBytes = fs.existsSync(snapshot) ? fs.statSync(snapshot).size : 0;
  const records = lineCount(journal) - 1;
  const snapshotTail = snapshotBytes > 0 ? records + 1 - snapshotLine(snapshot) : records;

  log('cold opens with the snapshot');
  const withSnapshot = Array.from({ length: coldRuns }, () => child<ColdOpen>('cold-open.ts', [main.dir]));
  log('cold opens replaying the whole journal');
  const kept = `${snapshot}.bench-kept`;
  if (snapshotBytes > 0) fs.copyFileSync(snapshot, kept);
  const fullReplay = Array.from({ length: coldRuns }, () => {
    fs.rmSync(snapshot, { force: true });
    return child<ColdOpen>('cold-open.ts', [main.dir]);
  });
  if (snapshotBytes > 0) fs.renameSync(kept, snapshot);

  log('countersign list --status pending --format json, cold processes: streamed, and the one-string baseline');
  const runners = await bundleListRunners(repo, root);
  const listArgs = [runners.cli, 'list', '--status', 'pending', '--format', 'json', '--data-dir', main.dir];
  const listOut = path.join(root, 'list-streamed.json');
  const baselineOut = path.join(root, 'list-baseline.json');
  // Not timed: the first open after the cold opens above may write the snapshot on close.
  timeList(listArgs, listOut);
  const streamedList: ListRun[] = [];
  const baselineList: ListRun[] = [];
  for (let i = 0; i < listRuns; i++) {
    streamedList.push(timeList(listArgs, listOut));
    baselineList.push(timeList([runners.baseline, main.dir], baselineOut));
  }
  const listIdentical = sameBytes(listOut, baselineOut);
  const cliStartup = Array.from({ length: 3 }, () => timeList([runners.cli, '--version'], path.join(root, 'version.txt')).wallMs);

  log('one action with a 10,000-term competitor list');
  const bigPolicy = child<{ terms: number; actionMs: number[]; policyMs: number[] }>('big-policy.ts', [path.join(root, 'big-policy')]);

  // --- Naive baseline -----------------------------------------------------------

  log('naive baseline: writing every draft into one conf file');
  const naiveDir = path.join(root, 'naive');
  const naiveBuild = child<{ drafts: number; writeMs: number; file: string; bytes: number }>('naive-store.ts', ['build', journal, naiveDir]);
  log('naive baseline: loads and actions');
  const naiveLoads = Array.from({ length: coldRuns }, (_, i) => child<NaiveLoad>('naive-store.ts', ['load', naiveDir, String(i === coldRuns - 1 ? naiveActions : 0)]));
  const naiveActionMs = naiveLoads.flatMap((l) => l.actionMs);

  // --- Report -------------------------------------------------------------------

  const ms = (n: number) => (n >= 1_000 ? `${(n / 1_000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 2 : 0)} ms`);
  const mb = (bytes: number) => `${mib(bytes).toFixed(mib(bytes) < 10 ? 1 : 0)} MB`;
  const all = (run: QueueRun) => Object.values(run.actionMs).flat();
  const coldMedian = (samples: ColdOpen[], key: keyof Omit<ColdOpen, 'warnings'>) => median(samples.map((s) => s[key]));

  const actionMedian = median(all(main));
  const smallest = runs[0]!;
  const growth = actionMedian / median(all(smallest));
  const openMedian = coldMedian(withSnapshot, 'totalMs');
  const coldRss = Math.max(...withSnapshot.map((s) => s.rss));
  const replayRss = Math.max(...fullReplay.map((s) => s.rss));

  console.log(`drafts pending after the workflow mix: ${main.pendingAfter.toLocaleString('en')} of ${total.toLocaleString('en')} (${((100 * main.pendingAfter) / total).toFixed(1)} %)`);
  console.log(`journal ${mb(journalBytes)} (${records.toLocaleString('en')} records), snapshot ${mb(snapshotBytes)} (${snapshotTail.toLocaleString('en')} records behind the journal's end); naive conf file ${mb(naiveBuild.bytes)}\n`);

  console.log('one durable action (in-process; lock, catch-up, workflow, rule check, append, fdatasync):');
  for (const run of runs) {
    const samples = all(run);
    const kinds = Object.entries(run.actionMs)
      .map(([kind, s]) => `${kind} ${ms(median(s))}`)
      .join(', ');
    const snapshotNote = run.measuredWithSnapshot > 0 ? `; ${run.measuredWithSnapshot} of them wrote the snapshot` : '';
    console.log(`  ${run.size.toLocaleString('en').padStart(7)} drafts: median ${ms(median(samples))}, p90 ${ms(percentile(samples, 0.9))}, max ${ms(Math.max(...samples))}  (${kinds}${snapshotNote})`);
  }
  console.log(`  workflow mix at ${total.toLocaleString('en')}: ${main.mixMs.length.toLocaleString('en')} actions, median ${ms(median(main.mixMs))}, p99 ${ms(percentile(main.mixMs, 0.99))}`);
  console.log(`  actions that also wrote the snapshot at ${total.toLocaleString('en')} drafts: ${main.snapshotActionMs.map(ms).join(', ') || 'none'}`);
  if (main.breakdown) {
    const b = main.breakdown;
    console.log(`  parts, each alone: write lock take+release ${ms(b.lockMs)}, settings read + policy lookup ${ms(b.policyMs)}, rule check ${ms(b.checkMs)}, ~1 KB append + fdatasync ${ms(b.fsyncMs)}`);
  }
  console.log(
    `  with a ${bigPolicy.terms.toLocaleString('en')}-term competitor list (1,000 drafts, own process): median ${ms(median(bigPolicy.actionMs))}, p90 ${ms(percentile(bigPolicy.actionMs, 0.9))}; ws.policy() alone ${ms(median(bigPolicy.policyMs))}`,
  );
  console.log(`\nimport: ${main.batchMs.length} batches of ${batchSize}, median ${ms(median(main.batchMs))} per batch, slowest ${ms(Math.max(...main.batchMs))}; releasing the lock (snapshot) ${ms(main.releaseMs)}`);
  const r = main.maxRss;
  console.log(`RSS of this process before the first import (Node, tsx, modules, compiled policy) ${mb(runs[0]!.rssBeforeImport)}`);
  console.log(`peak RSS of this process after the import batches ${mb(r.batches)}, after the release (snapshot) ${mb(r.release)}, after the workflow mix ${mb(r.mix)}, after the measured actions ${mb(r.measured)}`);
  const coldLine = (name: string, s: ColdOpen[]) =>
    console.log(
      `cold open ${name}: open ${s.map((c) => ms(c.openMs)).join(' / ')}; list ${s.map((c) => ms(c.listMs)).join(' / ')}; from process start ${s.map((c) => ms(c.sinceStartMs)).join(' / ')}; ` +
        `RSS at start (Node + tsx) ${s.map((c) => mb(c.rssAtStart)).join(' / ')}, before open ${s.map((c) => mb(c.rssBefore)).join(' / ')}, after list ${s.map((c) => mb(c.rss)).join(' / ')}, ` +
        `with the policy compiled ${s.map((c) => mb(c.rssWithPolicy)).join(' / ')}; heap after open ${s.map((c) => mb(c.heapAfterOpen)).join(' / ')}, after list ${s.map((c) => mb(c.heapUsed)).join(' / ')}, live after GC ${s.map((c) => mb(c.heapLive)).join(' / ')} (RSS then ${s.map((c) => mb(c.rssAfterGc)).join(' / ')})`,
    );
  coldLine('with snapshot', withSnapshot);
  coldLine('full replay', fullReplay);
  for (const w of [...withSnapshot, ...fullReplay].flatMap((s) => s.warnings)) console.log(`  warning: ${w}`);
  const phase = (key: keyof NonNullable<ListRun['phases']>) => baselineList.map((r) => ms(r.phases?.[key] ?? NaN)).join(' / ');
  console.log(
    `countersign list --status pending --format json (${mb(streamedList[0]!.bytes)}, output ${listIdentical ? 'byte for byte identical' : 'DIFFERENT'}): streamed ${streamedList.map((r) => ms(r.wallMs)).join(' / ')}; ` +
      `as before (one string) ${baselineList.map((r) => ms(r.wallMs)).join(' / ')}, of which open ${phase('openMs')}, list ${phase('listMs')}, stringify ${phase('stringifyMs')}, write and close ${phase('writeMs')}; ` +
      `max RSS as before ${baselineList.map((r) => mb(r.phases?.maxRss ?? NaN)).join(' / ')}; the bundle's start-up alone (--version) ${cliStartup.map(ms).join(' / ')}`,
  );
  console.log(`naive: load ${naiveLoads.map((l) => ms(l.loadMs)).join(' / ')}; actions ${naiveActionMs.map(ms).join(' / ')}; RSS ${naiveLoads.map((l) => mb(l.rss)).join(' / ')}; first write of all drafts ${ms(naiveBuild.writeMs)}\n`);

  type Row = [figure: string, countersign: string, naive: string, target: string, verdict: string];
  const verdict = (met: boolean) => (met ? 'PASS' : 'FAIL <<<');
  const rows: Row[] = [
    [`one action, median (${total.toLocaleString('en')} drafts)`, ms(actionMedian), ms(median(naiveActionMs)), '< 5 ms', verdict(actionMedian < 5)],
    [`one action, p90 (${total.toLocaleString('en')} drafts)`, ms(percentile(all(main), 0.9)), `${ms(Math.max(...naiveActionMs))} (max)`, '—', ''],
    ...runs.slice(0, -1).map((run): Row => [`one action, median (${run.size.toLocaleString('en')} drafts)`, ms(median(all(run))), '', '—', '']),
    [`action cost ${total.toLocaleString('en')} / ${smallest.size.toLocaleString('en')} drafts`, `${growth.toFixed(2)}×`, `—`, '≤ 1.5×', verdict(growth <= 1.5)],
    ['one action, median, 10,000-term competitor list', ms(median(bigPolicy.actionMs)), '', '< 5 ms', verdict(median(bigPolicy.actionMs) < 5)],
    ['cold open + pending list (snapshot)', ms(openMedian), ms(median(naiveLoads.map((l) => l.loadMs))), '< 1 s', verdict(openMedian < 1_000)],
    ['cold open + pending list (full replay)', ms(coldMedian(fullReplay, 'totalMs')), '', '— (after a crash)', ''],
    [
      `list --status pending --format json, cold process (median of ${listRuns})`,
      ms(median(streamedList.map((r) => r.wallMs))),
      `${ms(median(baselineList.map((r) => r.wallMs)))} (one string)`,
      '≤ 1.5 s',
      verdict(median(streamedList.map((r) => r.wallMs)) <= 1_500),
    ],
    ['list output byte for byte as JSON.stringify(list, null, 2)', listIdentical ? 'identical' : 'different', '', 'identical', verdict(listIdentical)],
    [`import ${total.toLocaleString('en')} drafts`, `${ms(main.importMs)} (${Math.round((total * 1_000) / main.importMs).toLocaleString('en')}/s)`, '', '< 60 s', verdict(main.importMs < 60_000)],
    ['peak RSS, importing process', mb(peakRss), '', '< 300 MB', verdict(peakRss < 300 * 2 ** 20)],
    ['RSS after cold open + list (snapshot)', mb(coldRss), mb(Math.max(...naiveLoads.map((l) => l.rss))), '< 300 MB', verdict(coldRss < 300 * 2 ** 20)],
    ['RSS after cold open + list (full replay)', mb(replayRss), '', '< 300 MB', verdict(replayRss < 300 * 2 ** 20)],
    ['RSS after cold open + list + policy compiled', mb(Math.max(...withSnapshot.map((s) => s.rssWithPolicy))), '', '—', ''],
    ['RSS of Node + tsx alone (in every figure)', mb(coldMedian(withSnapshot, 'rssAtStart')), '', '—', ''],
    ['live heap after cold open + list (snapshot)', mb(coldMedian(withSnapshot, 'heapLive')), mb(median(naiveLoads.map((l) => l.heapLive))), '—', ''],
    ['size on disk', `${mb(journalBytes)} journal + ${mb(snapshotBytes)} snapshot`, mb(naiveBuild.bytes), '—', ''],
  ];
  const header: Row = ['figure', 'Countersign', 'naive (one conf file)', 'target', ''];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  const failed = rows.filter((r) => r[4].startsWith('FAIL'));
  console.log(`\n${failed.length === 0 ? 'all targets met' : `${failed.length} target(s) missed: ${failed.map((r) => r[0]).join('; ')}`} — ${((performance.now() - started) / 1_000).toFixed(0)} s in all`);

  const sourcesAtEnd = sourceStamp();
  if (sourcesAtEnd !== sourcesAtStart) console.log(`WARNING: the sources changed during the run (newest was ${sourcesAtStart}, now ${sourcesAtEnd}): these figures mix two versions`);
  else console.log(`sources: newest ${sourcesAtStart}`);

  if (keep) console.log(`kept ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
