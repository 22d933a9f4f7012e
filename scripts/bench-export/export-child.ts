// Child of npm run bench:export: one export of a data directory in a fresh
// process, so each figure has its own memory. Prints one JSON line.
//   node --expose-gc --import tsx scripts/bench-export/export-child.ts <dataDir> <csv|jsonl|html|baseline-csv> <outFile>
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { stringify } from 'csv-stringify/sync';
import { logRecordHash, writeFileStreamed, type TextSink } from '../../electron/core/log/log-export';
import { openNodeSettings } from '../../electron/core/settings';
import { Workstation } from '../../electron/core/workstation';
import { csvColumns, emptyChainHash, guardFormula, overridesCell } from '../../electron/core/log/log-format';

const [dataDir, mode, out] = process.argv.slice(2) as [string, 'csv' | 'jsonl' | 'html' | 'baseline-csv', string];
const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function main(): Promise<void> {
  const openStart = performance.now();
  const ws = await Workstation.open({ dataDir, settings: openNodeSettings(dataDir), warn: () => {}, command: 'bench:export' });
  const openMs = performance.now() - openStart;
  gc();
  const before = process.memoryUsage();
  const rssBefore = before.rss;
  let rssPeak = rssBefore;
  let heapPeak = before.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    if (m.rss > rssPeak) rssPeak = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
  };

  const start = performance.now();
  let records = 0;
  if (mode === 'baseline-csv') {
    // The naive way: every record in an array, the whole CSV built in memory by csv-stringify's sync API, then written.
    const rows: (string | number)[][] = [[...csvColumns]];
    let previousHash = emptyChainHash;
    for await (const batch of ws.log.batches({})) {
      for (const { record: r } of batch) {
        const hash = logRecordHash(previousHash, r);
        const g = guardFormula;
        const f = r.findingsAtApproval;
        rows.push([
          ...[r.id, r.status, r.platform, r.purpose ?? '', r.text, r.author, r.approvers.join('; '), r.submittedAt, r.approvedAt, r.publishedAt ?? '', r.url ?? ''].map(g),
          r.revisions,
          r.reviewerEdited ? 'yes' : 'no',
          f.error,
          f.warning,
          f.info,
          g(overridesCell(r)),
          r.secondsInQueue,
          hash,
          previousHash,
        ]);
        previousHash = hash;
        if (rows.length % 1_000 === 0) sample();
      }
    }
    sample();
    const text = stringify(rows, { record_delimiter: '\r\n', quote_record_delimiter: true });
    sample();
    fs.writeFileSync(out, `\uFEFF${text}`);
    sample();
    records = rows.length - 1;
  } else {
    const result = await writeFileStreamed(out, (sink) => {
      let writes = 0;
      const sampling: TextSink = {
        write(text) {
          sink.write(text);
          if (++writes % 1_000 === 0) sample();
        },
        flush() {
          sink.flush();
          sample();
        },
      };
      return ws.log.export(mode, {}, sampling);
    });
    records = result.records;
  }
  const exportMs = performance.now() - start;
  sample();
  const bytes = fs.statSync(out).size;
  // What the export kept alive: the live heap after a full collection, against before it started.
  gc();
  const heapRetained = process.memoryUsage().heapUsed - before.heapUsed;
  await ws.close();
  console.log(JSON.stringify({ mode, records, openMs, exportMs, bytes, rssBefore, rssPeak, heapBefore: before.heapUsed, heapPeak, heapRetained, maxRss: process.resourceUsage().maxRSS * 1024 }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
