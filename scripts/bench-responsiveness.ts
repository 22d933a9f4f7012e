// npm run bench:responsiveness [-- --drafts N] [--posts N] [--rounds N] [--keep]
// — the loopback host answers reads while the core waits or works:
//   1. while `node dist/cli.js import` of 60,000 drafts holds the data
//      directory's write lock and three submitDraft calls wait for it, twenty
//      listProfiles calls, one after another, each answer within 150 ms
//      (a few rounds during the same import);
//   2. while POST /api/exportLog makes a 100,000-post HTML export, listProfiles
//      calls (one after another, at least twenty) each answer within 150 ms,
//      and getChainHead and queryQueue reads answer before the export does.
// The baseline, measured in the same run: the same calls on the same host
// while it is idle. The host is `node dist/cli.js serve` (the core in its own
// process, dist/core.js), as bench:ui starts it; needs `npm run build` (the
// npm script runs it). Prints every figure; exits 1 if a target is missed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { openNodeSettings } from '../electron/core/settings';
import { Workstation } from '../electron/core/workstation';
import { buildApprovedPosts } from './bench-export/approved-posts';
import { draftGenerator, median, mib } from './bench-queue/fixture';
import { startHost, type BenchHost } from './bench-ui/web-host';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const importDrafts = Number(option('--drafts') ?? 60_000);
const exportPosts = Number(option('--posts') ?? 100_000);
const rounds = Number(option('--rounds') ?? 3);
if (!Number.isInteger(importDrafts) || importDrafts < 5_000) throw new Error('--drafts takes a whole number of at least 5000');
if (!Number.isInteger(exportPosts) || exportPosts < 10_000) throw new Error('--posts takes a whole number of at least 10000');
const keep = process.argv.includes('--keep');
const targetMs = 150;
const reads = 20;
/** Between two listProfiles calls of a round: twenty of them then span about half a second of the submitDraft calls' wait. */
const gapMs = 25;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-responsiveness-'));
const log = (message: string) => console.error(`[bench:responsiveness] ${message}`);
const started = performance.now();
const cli = path.join(repo, 'dist', 'cli.js');
const executive = 'Zhang Wei';
const reviewer = 'Li Na';

interface Answer {
  channel: string;
  status: number;
  ms: number;
  /** performance.now() when the call was sent. */
  sent: number;
  /** performance.now() when the status line arrived (the core had answered). */
  headersAt: number;
  /** performance.now() when the answer (its whole body) had arrived. */
  at: number;
  /** For the export: bytes of the body. */
  bytes?: number;
}

/** One contract call as the page makes it; the body is read to its end (and only counted, so a 70 MB export is not parsed here). */
async function call(host: BenchHost, channel: string, body: unknown = {}): Promise<Answer> {
  const url = new URL(host.url);
  const token = url.searchParams.get('token')!;
  const t0 = performance.now();
  const response = await fetch(`${url.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const headersAt = performance.now();
  let bytes = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) bytes += chunk.length;
  const at = performance.now();
  return { channel, status: response.status, ms: at - t0, sent: t0, headersAt, at, bytes };
}

/** `count` listProfiles calls, one after another, `gap` ms apart; each must answer 200. */
async function listProfilesCalls(host: BenchHost, count: number, gap: number): Promise<Answer[]> {
  const answers: Answer[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await call(host, 'listProfiles');
    if (answer.status !== 200) throw new Error(`listProfiles answered ${answer.status}`);
    answers.push(answer);
    if (gap > 0) await delay(gap);
  }
  return answers;
}

function jsonlFile(file: string, count: number): void {
  const next = draftGenerator(60);
  const fd = fs.openSync(file, 'w');
  try {
    for (let done = 0; done < count; done += 1_000) {
      const lines: string[] = [];
      for (let i = done; i < Math.min(count, done + 1_000); i++) lines.push(JSON.stringify(next()));
      fs.writeSync(fd, `${lines.join('\n')}\n`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

interface Round {
  listProfiles: Answer[];
  submits: Answer[];
  /** listProfiles answered while all three submitDraft calls were still waiting. */
  beforeAnySubmit: number;
  importRunning: boolean;
}

interface ImportFigures {
  idle: Answer[];
  idleSubmits: Answer[];
  rounds: Round[];
  importMs: number;
  imported: number;
}

/** Part 1: a CLI import holding the lock, submitDraft calls waiting, listProfiles calls answering. */
async function duringImport(): Promise<ImportFigures> {
  const dir = path.join(root, 'import');
  const ws = await Workstation.open({ dataDir: dir, settings: openNodeSettings(dir), warn: log, command: 'bench:responsiveness setup' });
  ws.profiles.add({ name: executive, role: 'executive' }, 'terminal');
  ws.profiles.add({ name: reviewer, role: 'reviewer' }, 'terminal');
  // The page works as the executive, who may submit.
  ws.settings.lastProfile = executive;
  await ws.close();
  const file = path.join(root, 'import.jsonl');
  jsonlFile(file, importDrafts);
  log(`${importDrafts.toLocaleString('en')} drafts to import (${mib(fs.statSync(file).size).toFixed(0)} MB); starting the host`);

  const host = await startHost(repo, dir);
  try {
    await listProfilesCalls(host, 5, 0);
    const idle = await listProfilesCalls(host, reads, gapMs);
    const idleSubmits: Answer[] = [];
    for (let i = 0; i < 3; i++) idleSubmits.push(await call(host, 'submitDraft', { platform: 'weibo', text: `Idle-host submission ${i + 1}: thanks to the team.` }));

    log('starting node dist/cli.js import');
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, 'import', file, '--as', executive, '--data-dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let imported = 0;
    const lines = readline.createInterface({ input: child.stdout });
    // Its first line is printed once the first batch is written: the lock is held from before it until the import ends.
    const firstLine = new Promise<void>((resolve) => lines.once('line', () => resolve()));
    lines.on('line', () => (imported += 1));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await Promise.race([firstLine, exited]);
    if (child.exitCode !== null) throw new Error(`the import ended before it printed anything (${child.exitCode}):\n${stderr}`);

    const done: Round[] = [];
    for (let r = 0; r < rounds && child.exitCode === null; r++) {
      const submits: (Answer | null)[] = [null, null, null];
      const waiting = [0, 1, 2].map((i) =>
        call(host, 'submitDraft', { platform: 'x', text: `Submitted during the import, round ${r + 1}, call ${i + 1}.` }).then((a) => (submits[i] = a)),
      );
      // The three calls are on their way to the core before the first read.
      await delay(20);
      const listProfiles: Answer[] = [];
      let beforeAnySubmit = 0;
      for (const a of await listProfilesCalls(host, reads, gapMs)) {
        listProfiles.push(a);
        if (submits.every((s) => s === null || s.at > a.at)) beforeAnySubmit += 1;
      }
      await Promise.all(waiting);
      done.push({ listProfiles, submits: submits as Answer[], beforeAnySubmit, importRunning: child.exitCode === null });
      log(`round ${r + 1}: listProfiles max ${Math.max(...listProfiles.map((a) => a.ms)).toFixed(0)} ms; submitDraft ${submits.map((s) => `${s!.status} after ${s!.ms.toFixed(0)} ms`).join(', ')}`);
    }
    const code = await exited;
    const importMs = performance.now() - t0;
    if (code !== 0) throw new Error(`the import failed (${code}):\n${stderr}`);
    log(`import done: ${imported.toLocaleString('en')} drafts in ${(importMs / 1_000).toFixed(1)} s`);
    return { idle, idleSubmits, rounds: done, importMs, imported };
  } finally {
    await host.stop();
  }
}

interface ExportFigures {
  idle: Answer[];
  idleOther: Answer[];
  during: Answer[];
  duringOther: Answer[];
  exportAnswer: Answer;
  /** The same export with the host otherwise idle, before the one measured. */
  exportAlone: Answer;
  exportSent: number;
  buildMs: number;
  hostRss: { host: number | null; core: number | null };
}

/** Part 2: reads while the core makes a 100,000-post HTML export. */
async function duringExport(): Promise<ExportFigures> {
  log(`building ${exportPosts.toLocaleString('en')} approved posts`);
  const built = await buildApprovedPosts(root, exportPosts, 'export', log);
  openNodeSettings(built.dir).lastProfile = reviewer;
  const host = await startHost(repo, built.dir);
  try {
    const queue = { status: 'approved', offset: 0, limit: 100 };
    // The first queryQueue builds the queue's index; the reads measured find it built.
    await call(host, 'queryQueue', queue);
    await listProfilesCalls(host, 5, 0);
    const idle = await listProfilesCalls(host, reads, gapMs);
    const idleOther: Answer[] = [];
    for (let i = 0; i < 3; i++) idleOther.push(await call(host, 'getChainHead'), await call(host, 'queryQueue', queue));

    log('HTML export alone');
    const exportAlone = await call(host, 'exportLog', { format: 'html' });
    if (exportAlone.status !== 200) throw new Error(`exportLog answered ${exportAlone.status}`);
    log(`HTML export alone: ${(exportAlone.ms / 1_000).toFixed(1)} s, ${mib(exportAlone.bytes ?? 0).toFixed(0)} MB answer; again with reads during it`);

    let finished = false;
    const exporting = call(host, 'exportLog', { format: 'html' }).then((a) => {
      finished = true;
      return a;
    });
    await delay(20);
    const exportSent = performance.now();
    const during: Answer[] = [];
    const duringOther: Answer[] = [];
    // Two readers side by side until the export has answered: listProfiles one after another (at least `reads`),
    // and a chain head and a queue window every 300 ms, so a slow one of those never keeps listProfiles from probing.
    const probing = (async () => {
      while (!finished || during.length < reads) {
        const a = await call(host, 'listProfiles');
        if (a.status !== 200) throw new Error(`listProfiles answered ${a.status}`);
        during.push(a);
        await delay(gapMs);
      }
    })();
    const others = (async () => {
      while (!finished) {
        duringOther.push(await call(host, 'getChainHead'), await call(host, 'queryQueue', queue));
        await delay(300);
      }
    })();
    await Promise.all([probing, others]);
    const exportAnswer = await exporting;
    if (exportAnswer.status !== 200) throw new Error(`exportLog answered ${exportAnswer.status}`);
    const hostRss = host.rss();
    return { idle, idleOther, during, duringOther, exportAnswer, exportAlone, exportSent, buildMs: built.buildMs, hostRss };
  } finally {
    await host.stop();
  }
}

async function main(): Promise<void> {
  if (!fs.existsSync(cli)) throw new Error(`${cli} is missing: run npm run build first (npm run bench:responsiveness does).`);
  console.log(`bench:responsiveness — node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus().length} cores; load average at start ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`);
  const imp = await duringImport();
  const exp = await duringExport();

  const ms = (n: number) => (n >= 1_000 ? `${(n / 1_000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);
  const stats = (as: readonly Answer[]) => `median ${ms(median(as.map((a) => a.ms)))}, max ${ms(Math.max(...as.map((a) => a.ms)))} (${as.length} calls)`;
  const each = (as: readonly Answer[]) => as.map((a) => a.ms.toFixed(0)).join(' ');
  const verdict = (met: boolean) => (met ? 'PASS' : 'FAIL <<<');

  console.log(`\n1. node dist/cli.js import of ${imp.imported.toLocaleString('en')} drafts: ${ms(imp.importMs)} under the lock`);
  console.log(`   idle host: listProfiles ${stats(imp.idle)}: ${each(imp.idle)} ms; submitDraft ${each(imp.idleSubmits)} ms`);
  for (const [n, r] of imp.rounds.entries()) {
    console.log(
      `   round ${n + 1}${r.importRunning ? '' : ' (the import ended during it)'}: listProfiles ${stats(r.listProfiles)}: ${each(r.listProfiles)} ms; ` +
        `${r.beforeAnySubmit} of ${r.listProfiles.length} answered while all three submitDraft calls waited; submitDraft ${r.submits.map((s) => `${s.status} in ${ms(s.ms)}`).join(', ')}`,
    );
  }
  console.log(`\n2. ${exportPosts.toLocaleString('en')}-post HTML export through POST /api/exportLog (${mib(exp.exportAnswer.bytes ?? 0).toFixed(0)} MB answer; data built in ${ms(exp.buildMs)})`);
  console.log(`   export alone ${ms(exp.exportAlone.ms)}; with the reads ${ms(exp.exportAnswer.ms)}; RSS after: core process ${exp.hostRss.core === null ? '—' : `${mib(exp.hostRss.core).toFixed(0)} MB`}, HTTP process ${exp.hostRss.host === null ? '—' : `${mib(exp.hostRss.host).toFixed(0)} MB`}`);
  console.log(`   idle host: listProfiles ${stats(exp.idle)}; getChainHead/queryQueue ${stats(exp.idleOther)}`);
  const answeredBefore = exp.during.filter((a) => a.sent < exp.exportAnswer.headersAt);
  // Sent while the export was being made, and how many of those were answered before it.
  const otherDuring = exp.duringOther.filter((a) => a.sent < exp.exportAnswer.headersAt);
  const otherBefore = otherDuring.filter((a) => a.headersAt < exp.exportAnswer.headersAt);
  console.log(`   during the export: listProfiles ${stats(answeredBefore)}: ${each(answeredBefore)} ms`);
  console.log(`   during the export: getChainHead/queryQueue ${otherDuring.length > 0 ? stats(otherDuring) : '—'}: ${each(otherDuring)} ms; ${otherBefore.length} of them answered before the export`);
  const since = (t: number) => `${((t - exp.exportSent) / 1_000).toFixed(2)} s`;
  const slowest = [...exp.during, ...exp.duringOther].sort((a, b) => b.ms - a.ms).slice(0, 5);
  console.log(
    `   timeline from the export's request: its status line at ${since(exp.exportAnswer.headersAt)}, its last byte at ${since(exp.exportAnswer.at)}; slowest reads: ` +
      slowest.map((a) => `${a.channel} ${ms(a.ms)} (sent at ${since(a.sent)})`).join(', '),
  );

  const allRounds = imp.rounds.filter((r) => r.importRunning);
  const roundReads = allRounds.flatMap((r) => r.listProfiles);
  const roundMax = roundReads.length > 0 ? Math.max(...roundReads.map((a) => a.ms)) : NaN;
  const exportMax = Math.max(...answeredBefore.map((a) => a.ms));
  type Row = [string, string, string, string, string];
  const rows: Row[] = [
    [
      `listProfiles while the import holds the lock and 3 submitDraft wait (${allRounds.length} rounds × ${reads})`,
      `${ms(median(roundReads.map((a) => a.ms)))} / ${ms(roundMax)}`,
      `${ms(median(imp.idle.map((a) => a.ms)))} / ${ms(Math.max(...imp.idle.map((a) => a.ms)))}`,
      `each ≤ ${targetMs} ms`,
      verdict(allRounds.length > 0 && roundMax <= targetMs),
    ],
    [
      'listProfiles answered while all three submitDraft still waited',
      `${allRounds.reduce((n, r) => n + r.beforeAnySubmit, 0)} of ${roundReads.length}`,
      '',
      'all',
      verdict(roundReads.length > 0 && allRounds.every((r) => r.beforeAnySubmit === r.listProfiles.length)),
    ],
    [
      `submitDraft while the import holds the lock`,
      allRounds.flatMap((r) => r.submits.map((s) => String(s.status))).join(' '),
      imp.idleSubmits.map((s) => String(s.status)).join(' '),
      '423 (busy) after waiting',
      verdict(allRounds.every((r) => r.submits.every((s) => s.status === 423))),
    ],
    [
      `listProfiles during the ${exportPosts.toLocaleString('en')}-post HTML export`,
      `${ms(median(answeredBefore.map((a) => a.ms)))} / ${ms(exportMax)} (${answeredBefore.length} calls)`,
      `${ms(median(exp.idle.map((a) => a.ms)))} / ${ms(Math.max(...exp.idle.map((a) => a.ms)))}`,
      `≥ ${reads} calls, each ≤ ${targetMs} ms`,
      verdict(answeredBefore.length >= reads && exportMax <= targetMs),
    ],
    [
      'getChainHead/queryQueue during the export',
      otherDuring.length > 0 ? `${ms(median(otherDuring.map((a) => a.ms)))} / ${ms(Math.max(...otherDuring.map((a) => a.ms)))} (${otherBefore.length} of ${otherDuring.length} before the export)` : '—',
      `${ms(median(exp.idleOther.map((a) => a.ms)))} / ${ms(Math.max(...exp.idleOther.map((a) => a.ms)))}`,
      '— (reported)',
      '',
    ],
    ['HTML export, alone / with the reads', `${ms(exp.exportAlone.ms)} / ${ms(exp.exportAnswer.ms)}`, '', '—', ''],
  ];
  const header: Row = ['figure (median / max)', 'under load', 'idle host (baseline)', 'target', ''];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  console.log('');
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  const failed = rows.filter((r) => r[4].startsWith('FAIL'));
  console.log(
    `\n${failed.length === 0 ? 'all targets met' : `${failed.length} target(s) missed: ${failed.map((r) => r[0]).join('; ')}`} — ${((performance.now() - started) / 1_000).toFixed(0)} s in all; load average at the end ${os.loadavg().map((n) => n.toFixed(2)).join(', ')}`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (keep) console.log(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  });
