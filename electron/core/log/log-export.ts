import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFormat, LogFilter } from '../../../shared/log/log-query';
import type { LogRecord } from '../../../shared/log/log-record';
import {
  canonicalJson,
  csvColumns,
  csvLine,
  describeLogFilter,
  emptyChainHash,
  escapeHtml,
  jsonlLine,
  jsonlTrailer,
  overridesCell,
  type ChainLink,
} from './log-format';
import { syncDirectory } from '../store/durable-files';
import { externalUrl } from '../../common/external-url';

/** `sha256(previousHash + canonicalJson(record))`, hex. */
export function logRecordHash(previousHash: string, record: LogRecord, json = canonicalJson(record)): string {
  return crypto.hash('sha256', previousHash + json);
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

/**
 * Writes to an open file descriptor through a 1 MB buffer that each text is
 * encoded into at once: holding the texts until a chunk is full kept them
 * alive long enough to reach the old generation, and the export spent a
 * third of its time collecting them.
 */
function fdSink(fd: number): TextSink {
  const buffer = Buffer.allocUnsafe(chunkBytes);
  let used = 0;
  const writeAll = (bytes: Buffer) => {
    let written = 0;
    while (written < bytes.length) written += fs.writeSync(fd, bytes, written);
  };
  const flush = () => {
    writeAll(buffer.subarray(0, used));
    used = 0;
  };
  return {
    write(text) {
      // A UTF-8 character takes at most 3 bytes per UTF-16 unit.
      if (used + text.length * 3 > chunkBytes) {
        flush();
        if (text.length * 3 > chunkBytes) return writeAll(Buffer.from(text, 'utf8'));
      }
      used += buffer.write(text, used, 'utf8');
    },
    flush,
  };
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
  record(record: LogRecord, link: ChainLink, json: string): void;
  end(chainHead: string, records: number): void;
}

function csvWriter(sink: TextSink): LogWriter {
  // The BOM makes Excel read the file as UTF-8 (Chinese shows correctly).
  sink.write(`\uFEFF${csvColumns.join(',')}\r\n`);
  return {
    record(record, link) {
      sink.write(csvLine(record, link));
    },
    end() {
      sink.flush();
    },
  };
}

function jsonlWriter(sink: TextSink): LogWriter {
  return {
    record(record, link, json) {
      sink.write(`${jsonlLine(record, link, json)}\n`);
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

/** A published link: a link only for http(s) (the allow-list the app opens links by), kept from the reader's referrer; anything else as text. */
function linkCell(url: string | null | undefined): string {
  if (!url) return '';
  const href = externalUrl(url);
  return href ? `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${escapeHtml(url)}</a>` : escapeHtml(url);
}

function htmlRow(r: LogRecord, link: ChainLink): string {
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
    linkCell(r.url),
    String(r.revisions),
    r.reviewerEdited ? 'yes' : 'no',
    `${r.findingsAtApproval.error}/${r.findingsAtApproval.warning}/${r.findingsAtApproval.info}`,
    e(overridesCell(r)),
    String(r.secondsInQueue),
    e(r.text),
    `<span class="hash">${e(link.hash)}</span>`,
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
    record(record, link) {
      const month = record.approvedAt.slice(0, 7);
      let rows = months.get(month);
      if (!rows) months.set(month, (rows = []));
      rows.push(htmlRow(record, link));
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

/** Chains `records` (log order, in batches) and writes them in `format` to `sink`. */
export async function writeLog(
  batches: AsyncIterable<readonly LogRecord[]> | Iterable<readonly LogRecord[]>,
  format: ExportFormat,
  sink: TextSink,
  options: { filter: LogFilter; generatedAt: string },
): Promise<ExportSummary> {
  const writer = format === 'csv' ? csvWriter(sink) : format === 'jsonl' ? jsonlWriter(sink) : htmlWriter(sink, options.filter, options.generatedAt);
  let previousHash = emptyChainHash;
  let count = 0;
  for await (const batch of batches) {
    for (const record of batch) {
      const json = canonicalJson(record);
      const hash = logRecordHash(previousHash, record, json);
      writer.record(record, { previousHash, hash }, json);
      previousHash = hash;
      count += 1;
    }
  }
  writer.end(previousHash, count);
  return { records: count, chainHead: previousHash };
}

/** Writes through a temporary file renamed over `file` once complete, so a failed export leaves no half file. */
export async function writeFileStreamed<T>(file: string, work: (sink: TextSink) => Promise<T>): Promise<T> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(temp, 'wx');
  let result: T;
  try {
    result = await work(fdSink(fd));
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
