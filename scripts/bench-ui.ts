// npm run bench:ui [-- --drafts N] [--runs N] [--keep] — the reviewer's
// queue in Chromium against the loopback host: the first render (navigation
// to the first row, and to the status counts) and the answer to a filter
// change and to a search, at 100,000 drafts (targets: < 1 s and < 100 ms)
// and, as the baseline in the same run, at 1,000. Needs `npm run build`
// (the npm script runs it) and a Chromium (as the e2e tests find one).
// Exits 0 either way, since a shared VM's figures move between runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { findChromium } from '../e2e/browsers';
import { median, mib } from './bench-queue/fixture';
import { coreTimings, type CoreTimings } from './bench-ui/core-timing';
import { firstRenderProbe, measureChange, measureFirstRender, type FirstRender } from './bench-ui/page-timing';
import { buildQueue } from './bench-ui/queue-data';
import { startHost } from './bench-ui/web-host';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const large = Number(option('--drafts') ?? 100_000);
const runs = Number(option('--runs') ?? 7);
if (!Number.isInteger(large) || large < 2_000) throw new Error('--drafts takes a whole number of at least 2000');
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a whole number of at least 1');
const small = 1_000;
const keep = process.argv.includes('--keep');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-ui-'));
const log = (message: string) => console.error(`[bench:ui] ${message}`);
const started = performance.now();

// Searches a reviewer might type: Latin in another case, Simplified, Traditional, a rare name.
const searches = ['WAREHOUSE', '客服', '台南', 'falcon', 'thanks', '感谢'];

interface Figures {
  drafts: number;
  hostStartMs: number;
  /** The first load after the host started: the queue's index is built then. */
  cold: FirstRender;
  warm: FirstRender[];
  filter: number[];
  search: number[];
  hostRss: { host: number | null; core: number | null };
  core: CoreTimings;
}

async function measure(browser: Browser, dir: string, drafts: number): Promise<Figures> {
  const host = await startHost(repo, dir);
  try {
    const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1440, height: 900 } });
    await context.addInitScript({ content: firstRenderProbe });
    const renders: FirstRender[] = [];
    let page = await context.newPage();
    for (let run = 0; run <= runs; run++) {
      if (run > 0) {
        await page.close();
        page = await context.newPage();
      }
      renders.push(await measureFirstRender(page, host.url));
    }
    // The page has settled: every row in view and the counts are there.
    await page.waitForTimeout(500);
    const filter: number[] = [];
    const search: number[] = [];
    for (let run = 0; run < runs; run++) {
      filter.push(await measureChange(page, 'platform', 'x'));
      filter.push(await measureChange(page, 'platform', ''));
      search.push(await measureChange(page, 'search', searches[run % searches.length]!));
      await measureChange(page, 'search', '');
    }
    const hostRss = host.rss();
    await context.close();
    await host.stop();
    const core = await coreTimings(dir, searches, runs, log);
    return { drafts, hostStartMs: host.startMs, cold: renders[0]!, warm: renders.slice(1), filter, search, hostRss, core };
  } finally {
    await host.stop();
  }
}

async function measureBoth(): Promise<{ small: Figures; large: Figures }> {
  log(`building ${large.toLocaleString('en')} drafts (imported in batches of 1,000, 5 % then decided)`);
  const big = await buildQueue(root, large, log);
  log(`built in ${(big.buildMs / 1_000).toFixed(1)} s (${mib(big.journalBytes).toFixed(0)} MB journal); building ${small.toLocaleString('en')}`);
  const baseline = await buildQueue(root, small, log);
  const browser = await chromium.launch({
    executablePath: findChromium(),
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    log(`measuring ${small.toLocaleString('en')} drafts`);
    const atSmall = await measure(browser, baseline.dir, small);
    log(`measuring ${large.toLocaleString('en')} drafts`);
    return { small: atSmall, large: await measure(browser, big.dir, large) };
  } finally {
    await browser.close();
  }
}

function report(results: { small: Figures; large: Figures }): void {
  const ms = (n: number) => (n >= 1_000 ? `${(n / 1_000).toFixed(2)} s` : `${n.toFixed(n < 10 ? 1 : 0)} ms`);
  const mb = (bytes: number | null) => (bytes === null ? '—' : `${mib(bytes).toFixed(0)} MB`);
  const list = (ns: number[]) => ns.map((n) => n.toFixed(0)).join(' ');
  const medianOf = (rs: FirstRender[], key: keyof FirstRender) => median(rs.map((r) => r[key]));
  for (const f of [results.small, results.large]) {
    console.log(
      `${f.drafts.toLocaleString('en')} drafts: host up in ${ms(f.hostStartMs)}; RSS after the runs: core process ${mb(f.hostRss.core)}, HTTP process ${mb(f.hostRss.host)}\n` +
        `  first row, ms: cold ${f.cold.firstRow.toFixed(0)}, then ${list(f.warm.map((r) => r.firstRow))}\n` +
        `  counts, ms:    cold ${f.cold.counts.toFixed(0)}, then ${list(f.warm.map((r) => r.counts))}\n` +
        `  of which (medians, ms after navigation): the app's scripts run by ${medianOf(f.warm, 'scriptsDone').toFixed(0)}, ` +
        `the first queue query sent at ${medianOf(f.warm, 'queryStart').toFixed(0)} and answered at ${medianOf(f.warm, 'queryEnd').toFixed(0)}\n` +
        `  filter, ms:    ${list(f.filter)}\n` +
        `  search, ms:    ${list(f.search)} (${searches.slice(0, runs).join(', ')})\n` +
        `  in the core (this process): index built ${ms(f.core.build)}; then a window ${ms(f.core.window)}, a filter ${ms(f.core.filter)}, a search ${ms(f.core.search)} (medians)`,
    );
  }

  const verdict = (met: boolean) => (met ? 'PASS' : 'FAIL <<<');
  const { small: s, large: l } = results;
  type Row = [string, string, string, string, string];
  const rows: Row[] = [
    [`first render: navigation → first row visible, median of ${runs}`, ms(medianOf(s.warm, 'firstRow')), ms(medianOf(l.warm, 'firstRow')), '< 1 s', verdict(medianOf(l.warm, 'firstRow') < 1_000)],
    [`first render: navigation → status counts shown, median of ${runs}`, ms(medianOf(s.warm, 'counts')), ms(medianOf(l.warm, 'counts')), '< 1 s', verdict(medianOf(l.warm, 'counts') < 1_000)],
    ['first render just after the host started (queue index built), first row', ms(s.cold.firstRow), ms(l.cold.firstRow), '< 1 s', verdict(l.cold.firstRow < 1_000)],
    [`filter change (platform) → list shows the result, median of ${l.filter.length}`, ms(median(s.filter)), ms(median(l.filter)), '< 100 ms', verdict(median(l.filter) < 100)],
    [`search → list shows the result, median of ${l.search.length}`, ms(median(s.search)), ms(median(l.search)), '< 100 ms', verdict(median(l.search) < 100)],
    ['the core alone: building the sorted index (first query, and the first after a change)', ms(s.core.build), ms(l.core.build), '—', ''],
    ['the core alone: a filter / a search, median', `${ms(s.core.filter)} / ${ms(s.core.search)}`, `${ms(l.core.filter)} / ${ms(l.core.search)}`, '—', ''],
    ['slowest filter change / search', `${ms(Math.max(...s.filter))} / ${ms(Math.max(...s.search))}`, `${ms(Math.max(...l.filter))} / ${ms(Math.max(...l.search))}`, '—', ''],
  ];
  const header: Row = ['figure', `${small.toLocaleString('en')} drafts`, `${large.toLocaleString('en')} drafts`, 'target', ''];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  console.log('');
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  const failed = rows.filter((r) => r[4].startsWith('FAIL'));
  console.log(`\n${failed.length === 0 ? 'all targets met' : `${failed.length} target(s) missed: ${failed.map((r) => r[0]).join('; ')}`} — ${((performance.now() - started) / 1_000).toFixed(0)} s in all`);
}

measureBoth()
  .then(report)
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    if (keep) console.log(`kept ${root}`);
    else fs.rmSync(root, { recursive: true, force: true });
  });
