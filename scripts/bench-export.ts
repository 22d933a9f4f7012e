// npm run bench:export [-- --posts N] [--keep] — the approved-post log
// export at 100,000 approved posts: CSV to a file three times (target < 3 s),
// JSONL and HTML once each for information, each in a fresh process with its
// RSS sampled during the export; the same at 10,000 posts to show that the
// export's memory does not grow with the log; and, in the same run, the
// naive baseline of building the whole CSV in memory with csv-stringify's
// sync API and then writing it. Exits 0 either way, since a shared VM's
// figures move between runs.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { buildApprovedPosts } from './bench-export/approved-posts';
import { median, mib } from './bench-queue/fixture';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at === -1 ? undefined : process.argv[at + 1];
}

const total = Number(option('--posts') ?? 100_000);
if (!Number.isInteger(total) || total < 10_000) throw new Error('--posts takes a whole number of at least 10000');
const keep = process.argv.includes('--keep');
const runs = 3;
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-bench-export-'));
const log = (message: string) => console.error(`[bench:export] ${message}`);
const started = performance.now();

interface ExportRun {
  mode: string;
  records: number;
  openMs: number;
  exportMs: number;
  bytes: number;
  rssBefore: number;
  rssPeak: number;
  heapBefore: number;
  heapPeak: number;
  heapRetained: number;
  maxRss: number;
}

function child(dir: string, mode: string): ExportRun {
  const out = path.join(root, `out-${path.basename(dir)}.${mode}`);
  const result = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(here, 'bench-export', 'export-child.ts'), dir, mode, out], {
    cwd: repo,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`export-child ${mode} failed (${result.status}):\n${result.stderr}`);
  fs.rmSync(out, { force: true });
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as ExportRun;
}

async function main(): Promise<void> {
  log(`building ${total.toLocaleString('en')} approved posts`);
  const big = await buildApprovedPosts(root, total, 'large', log);
  log(`built in ${(big.buildMs / 1_000).toFixed(1)} s; building 10,000`);
  const small = await buildApprovedPosts(root, 10_000, 'small', log);

  log('CSV exports');
  const csv = Array.from({ length: runs }, () => child(big.dir, 'csv'));
  const csvSmall = Array.from({ length: runs }, () => child(small.dir, 'csv'));
  log('JSONL, HTML');
  const jsonl = child(big.dir, 'jsonl');
  const html = child(big.dir, 'html');
  log('baseline: the whole CSV in memory');
  const baseline = Array.from({ length: runs }, () => child(big.dir, 'baseline-csv'));
  const baselineSmall = child(small.dir, 'baseline-csv');

  const ms = (n: number) => (n >= 1_000 ? `${(n / 1_000).toFixed(2)} s` : `${n.toFixed(0)} ms`);
  const mb = (bytes: number) => `${mib(bytes).toFixed(0)} MB`;
  const mbSigned = (bytes: number) => `${bytes < 0 ? '−' : '+'}${mib(Math.abs(bytes)).toFixed(1)} MB`;
  const rate = (r: ExportRun) => `${(mib(r.bytes) / (r.exportMs / 1_000)).toFixed(1)} MB/s`;
  const growth = (r: ExportRun) => r.rssPeak - r.rssBefore;
  const line = (name: string, rs: ExportRun[]) =>
    console.log(
      `${name}: ${rs[0]!.records.toLocaleString('en')} records, ${mb(rs[0]!.bytes)}; export ${rs.map((r) => ms(r.exportMs)).join(' / ')} (${rs.map(rate).join(' / ')}); ` +
        `open ${rs.map((r) => ms(r.openMs)).join(' / ')}; RSS before export ${rs.map((r) => mb(r.rssBefore)).join(' / ')}, peak during ${rs.map((r) => mb(r.rssPeak)).join(' / ')} (+${rs.map((r) => mb(growth(r))).join(' / +')}); process max RSS ${rs.map((r) => mb(r.maxRss)).join(' / ')}; ` +
        `heap before ${rs.map((r) => mb(r.heapBefore)).join(' / ')}, peak ${rs.map((r) => mb(r.heapPeak)).join(' / ')}, retained after GC ${rs.map((r) => mbSigned(r.heapRetained)).join(' / ')}`,
    );

  console.log(`journal: ${mb(big.journalBytes)} at ${total.toLocaleString('en')} posts (built in ${ms(big.buildMs)}), ${mb(small.journalBytes)} at 10,000\n`);
  line('CSV, streamed', csv);
  line('CSV, streamed, 10,000 posts', csvSmall);
  line('JSONL, streamed', [jsonl]);
  line('HTML (rows kept per month)', [html]);
  line('baseline CSV, whole file in memory', baseline);
  line('baseline CSV, whole file in memory, 10,000 posts', [baselineSmall]);

  const csvMedian = median(csv.map((r) => r.exportMs));
  const csvGrowth = median(csv.map(growth));
  const csvGrowthSmall = median(csvSmall.map(growth));
  const verdict = (met: boolean) => (met ? 'PASS' : 'FAIL <<<');
  type Row = [string, string, string, string, string];
  const rows: Row[] = [
    [`CSV export, ${total.toLocaleString('en')} posts, median of ${runs}`, ms(csvMedian), ms(median(baseline.map((r) => r.exportMs))), '< 3 s', verdict(csvMedian < 3_000)],
    ['CSV throughput', rate(csv[0]!), rate(baseline[0]!), '—', ''],
    [`RSS growth during the export, ${total.toLocaleString('en')} posts`, mb(csvGrowth), mb(median(baseline.map(growth))), '—', ''],
    ['RSS growth during the export, 10,000 posts', mb(csvGrowthSmall), mb(growth(baselineSmall)), '—', ''],
    ['growth at 100,000 − growth at 10,000', mb(csvGrowth - csvGrowthSmall), mb(median(baseline.map(growth)) - growth(baselineSmall)), 'no growth with the log (< 32 MB)', verdict(csvGrowth - csvGrowthSmall < 32 * 2 ** 20)],
    [`live heap kept after the export (GC'd), ${total.toLocaleString('en')} posts`, mbSigned(median(csv.map((r) => r.heapRetained))), mbSigned(median(baseline.map((r) => r.heapRetained))), '≈ 0', verdict(median(csv.map((r) => r.heapRetained)) < 4 * 2 ** 20)],
    [`JSONL export, ${total.toLocaleString('en')} posts`, ms(jsonl.exportMs), '', '—', ''],
    [`HTML export, ${total.toLocaleString('en')} posts`, ms(html.exportMs), '', '—', ''],
  ];
  const header: Row = ['figure', 'Countersign (streamed)', 'baseline (in memory)', 'target', ''];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((r) => r[i]!.length)));
  console.log('');
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
  const failed = rows.filter((r) => r[4].startsWith('FAIL'));
  console.log(`\n${failed.length === 0 ? 'all targets met' : `${failed.length} target(s) missed: ${failed.map((r) => r[0]).join('; ')}`} — ${((performance.now() - started) / 1_000).toFixed(0)} s in all`);

  if (keep) console.log(`kept ${root}`);
  else fs.rmSync(root, { recursive: true, force: true });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
