import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ExportFormat, LogFilter } from '../../shared/log/log-query';
import type { LogRecord } from '../../shared/log/log-record';
import {
  canonicalJson,
  csvColumns,
  csvRow,
  describeLogFilter,
  emptyChainHash,
  escapeHtml,
  jsonlLine,
  jsonlTrailer,
  overridesCell,
  type ChainedLogRecord,
} from '../../shared/log/log-format';
import { syncDirectory } from './durable-files';

/** `sha256(previousHash + canonicalJson(record))`, hex. */
export function logRecordHash(previousHash: string, record: LogRecord, json = canonicalJson(record)): string {
  return crypto.createHash('sha256').update(previousHash).update(json).digest('hex');
}

export const exportMimeTypes: Record<ExportFormat, string> = {
  csv: 'text/csv;charset=utf-8',
  jsonl: 'application/x-ndjson;charset=utf-8',
  html: 'text/html;charset=utf-8',
};

/** Where an export's text goes, in pieces; `flush` pushes on what is buffered. */
export interface TextSink {
  write(text: string): void;
  flush(): void;
}

const chunkBytes = 1 << 20;

/** Buffers writes and hands them on in pieces of about 1 MB. */
class ChunkedSink implements TextSink {
  private parts: string[] = [];
  private length = 0;

  constructor(private readonly emit: (text: string) => void) {}

  write(text: string): void {
    this.parts.push(text);
    this.length += text.length;
    if (this.length >= chunkBytes) this.flush();
  }

  flush(): void {
    if (this.parts.length === 0) return;
    this.emit(this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }
}

/** Writes to an open file descriptor in ~1 MB chunks. */
function fdSink(fd: number): TextSink {
  return new ChunkedSink((text) => {
    const buffer = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buffer.length) written += fs.writeSync(fd, buffer, written);
  });
}

/** Collects the whole export as one string (for the renderer, which saves it). */
export function stringSink(): TextSink & { text(): string } {
  const parts: string[] = [];
  const sink = new ChunkedSink((text) => parts.push(text));
  return Object.assign(sink, {
    text: () => {
      sink.flush();
      return parts.join('');
    },
  });
}

/** One format's writer: fed chained records in log order, then ended with the chain head. */
interface LogWriter {
  /** `json` is the record's canonical JSON, already made for its hash. */
  record(record: ChainedLogRecord, json: string): void;
  end(chainHead: string, records: number): void;
}

const csvRowsPerChunk = 1_000;

function csvWriter(sink: TextSink): LogWriter {
  let rows: (string | number)[][] = [];
  const push = () => {
    if (rows.length === 0) return;
    // With a record_delimiter given, csv-stringify 6.9 quotes a lone \n or \r only when asked to (quote_record_delimiter).
    sink.write(stringify(rows, { record_delimiter: '\r\n', quote_record_delimiter: true, eof: true }));
    rows = [];
  };
  // The BOM makes Excel read the file as UTF-8 (Chinese shows correctly).
  sink.write('\uFEFF');
  rows.push([...csvColumns]);
  return {
    record(record) {
      rows.push(csvRow(record));
      if (rows.length >= csvRowsPerChunk) push();
    },
    end() {
      push();
      sink.flush();
    },
  };
}

function jsonlWriter(sink: TextSink): LogWriter {
  return {
    record(record, json) {
      sink.write(`${jsonlLine(record, json)}\n`);
    },
    end(chainHead, records) {
      sink.write(`${jsonlTrailer(chainHead, records)}\n`);
      sink.flush();
    },
  };
}

const htmlStyle = `
  body { font: 11pt/1.4 system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 2em; color: #111; }
  h1 { font-size: 18pt; margin: 0 0 .3em; }
  h2 { font-size: 14pt; margin: 1.5em 0 .4em; break-after: avoid; }
  dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: 0 0 1em; }
  dl.meta dt { font-weight: 600; }
  table { border-collapse: collapse; width: 100%; font-size: 9pt; }
  th, td { border: 1px solid #999; padding: .25em .4em; vertical-align: top; text-align: left; }
  th { background: #eee; }
  tr { break-inside: avoid; }
  td.text { white-space: pre-wrap; min-width: 18em; }
  .hash, code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 7.5pt; word-break: break-all; }
  @media print { body { margin: 0; } thead { display: table-header-group; } a { color: inherit; } }
`;

const htmlHead = ['ID', 'Platform', 'Purpose', 'Author', 'Approvers', 'Submitted', 'Approved', 'Published', 'Link', 'Rev.', 'Edited', 'Findings (E/W/I)', 'Overrides', 'Queue (s)', 'Text', 'Hash'];

function htmlRow(r: ChainedLogRecord): string {
  const e = escapeHtml;
  const cells = [
    `<code>${e(r.id)}</code>`,
    e(r.platform),
    e(r.purpose ?? ''),
    e(r.author),
    e(r.approvers.join('; ')),
    e(r.submittedAt),
    e(r.approvedAt),
    e(r.publishedAt ?? ''),
    r.url ? `<a href="${e(r.url)}">${e(r.url)}</a>` : '',
    String(r.revisions),
    r.reviewerEdited ? 'yes' : 'no',
    `${r.findingsAtApproval.error}/${r.findingsAtApproval.warning}/${r.findingsAtApproval.info}`,
    e(overridesCell(r)),
    String(r.secondsInQueue),
    e(r.text),
    `<span class="hash">${e(r.hash)}</span>`,
  ];
  return `<tr>${cells.map((c, i) => (i === 14 ? `<td class="text">${c}</td>` : `<td>${c}</td>`)).join('')}</tr>\n`;
}

/**
 * A standalone HTML report for printing, one table per approval month
 * (oldest first). The chain head goes at the top, so the rows are kept per
 * month until the end; a report is for reading, not for 100,000 posts.
 */
function htmlWriter(sink: TextSink, filter: LogFilter, generatedAt: string): LogWriter {
  const months = new Map<string, string[]>();
  return {
    record(record) {
      const month = record.approvedAt.slice(0, 7);
      let rows = months.get(month);
      if (!rows) months.set(month, (rows = []));
      rows.push(htmlRow(record));
    },
    end(chainHead, records) {
      sink.write(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Approved-post log</title>
<style>${htmlStyle}</style>
</head>
<body>
<h1>Approved-post log</h1>
<dl class="meta">
<dt>Posts</dt><dd>${records}</dd>
<dt>Filter</dt><dd>${escapeHtml(describeLogFilter(filter))}</dd>
<dt>Chain head</dt><dd><code>${chainHead}</code></dd>
<dt>Generated</dt><dd>${escapeHtml(generatedAt)}</dd>
</dl>
`);
      const head = `<thead><tr>${htmlHead.map((h) => `<th>${h}</th>`).join('')}</tr></thead>`;
      for (const month of [...months.keys()].sort()) {
        const rows = months.get(month)!;
        sink.write(`<h2>${escapeHtml(month)}</h2>\n<table>${head}\n<tbody>\n`);
        for (const row of rows) sink.write(row);
        sink.write('</tbody>\n</table>\n');
        months.delete(month);
      }
      if (records === 0) sink.write('<p>No posts match.</p>\n');
      sink.write('</body>\n</html>\n');
      sink.flush();
    },
  };
}

export interface ExportSummary {
  records: number;
  chainHead: string;
}

/** Chains `records` (log order) and writes them in `format` to `sink`. */
export function writeLog(records: Iterable<LogRecord>, format: ExportFormat, sink: TextSink, options: { filter: LogFilter; generatedAt: string }): ExportSummary {
  const writer = format === 'csv' ? csvWriter(sink) : format === 'jsonl' ? jsonlWriter(sink) : htmlWriter(sink, options.filter, options.generatedAt);
  let previousHash = emptyChainHash;
  let count = 0;
  for (const record of records) {
    const json = canonicalJson(record);
    const hash = logRecordHash(previousHash, record, json);
    writer.record({ ...record, previousHash, hash }, json);
    previousHash = hash;
    count += 1;
  }
  writer.end(previousHash, count);
  return { records: count, chainHead: previousHash };
}

/** Writes through a temporary file renamed over `file` once complete, so a failed export leaves no half file. */
export function writeFileStreamed<T>(file: string, work: (sink: TextSink) => T): T {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(temp, 'w');
  let result: T;
  try {
    result = work(fdSink(fd));
    fs.fsyncSync(fd);
  } catch (err) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw err;
  }
  fs.closeSync(fd);
  fs.renameSync(temp, file);
  syncDirectory(path.dirname(path.resolve(file)));
  return result;
}
