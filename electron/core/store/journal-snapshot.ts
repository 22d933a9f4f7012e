import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { makeSummary } from './journal-records';
import { noLogFacts, type ApprovalFacts, type LogFacts } from '../log/log-facts';
import type { DraftStatus, DraftSummary, Platform, Purpose } from '../../../shared/model';
import type { RuleCategory } from '../../../shared/rules/types';
import { syncDirectory } from './durable-files';
import { yieldToEventLoop } from '../async/serial';
import type { JournalPosition } from './journal-file';

export const snapshotFileName = 'drafts.snapshot.json';
const format = 'countersign-snapshot';
const version = 3;
/** The header line is padded to this size so it can be written last, once the sizes and checksum are known. */
const headerBytes = 256;
const textChunkChars = 1 << 19;

/** One draft in the index: its summary, its log facts, and where its records are in the journal (offset, length pairs). */
export interface IndexEntry {
  summary: DraftSummary;
  log: LogFacts;
  records: number[];
}

export interface Snapshot {
  position: JournalPosition;
  entries: IndexEntry[];
}

/** The index column by column: small values as JSON, repeated strings as indices into `names`. */
interface Columns {
  names: string[];
  id: string[];
  platform: number[];
  purpose: number[];
  crisis: number[];
  author: number[];
  status: number[];
  createdAt: string[];
  updatedAt: string[];
  waitingSince: (string | null)[];
  publishedAt: (string | null)[];
  publishedUrl: (string | null)[];
  revision: number[];
  revisionAuthor: number[];
  counts: number[];
  textLength: number[];
  recordCount: number[];
  records: number[];
  /** Only the drafts whose log facts are not `noLogFacts` (those that left the queue), by index; approvers and categories as indices into `names`. */
  logFacts: [
    index: number,
    submittedAt: string | null,
    queueMs: number,
    reviewerEdited: 0 | 1,
    approvedAt: string | null,
    approval: [approvers: number[], error: number, warning: number, info: number, categories: number[], overrides: ApprovalFacts['overrides']] | null,
  ][];
}

/**
 * The draft index as of one journal position, so opening replays only what
 * came after it. It is derived data: the journal stays the record, and a
 * missing, damaged or mismatched snapshot only means a longer replay.
 *
 * Layout: a header line (padded to 256 bytes) with the sizes and a CRC-32 of
 * the rest; the columns as UTF-8 JSON; then every draft's text as UTF-16LE,
 * which decodes with a copy instead of a UTF-8 parse (measured: the
 * one-JSON-document snapshot took 1.2 s to decode and parse at 100,000
 * drafts). Written in chunks to a temporary file, then renamed into place.
 */
export async function writeSnapshot(dataDir: string, snapshot: Snapshot): Promise<void> {
  const file = path.join(dataDir, snapshotFileName);
  const temp = `${file}.${process.pid}.${crypto.randomBytes(6).toString('hex')}.tmp`;
  const meta = await encodeMeta(snapshot);
  const handle = await fs.promises.open(temp, 'wx');
  try {
    let crc = 0;
    let at = headerBytes;
    const write = async (bytes: Buffer) => {
      crc = zlib.crc32(bytes, crc);
      await handle.write(bytes, 0, bytes.length, at);
      at += bytes.length;
    };
    for (const part of meta) await write(part);
    const metaBytes = at - headerBytes;
    let chunk: string[] = [];
    let chunkChars = 0;
    const flush = async () => {
      await write(Buffer.from(chunk.join(''), 'utf16le'));
      chunk = [];
      chunkChars = 0;
    };
    for (const { summary } of snapshot.entries) {
      chunk.push(summary.text);
      chunkChars += summary.text.length;
      if (chunkChars >= textChunkChars) await flush();
    }
    await flush();
    const header = JSON.stringify({ format, version, metaBytes, textBytes: at - headerBytes - metaBytes, crc32: crc });
    await handle.write(Buffer.from(`${header.padEnd(headerBytes - 1)}\n`), 0, headerBytes, 0);
    await handle.sync();
  } catch (err) {
    await handle.close();
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  await fs.promises.rename(temp, file);
  syncDirectory(dataDir);
}

/**
 * The meta JSON (`{"position":…,"columns":{…}}`) in pieces, one column at a
 * time with a pause between, so encoding 100,000 drafts never holds the
 * event loop for long.
 */
async function encodeMeta(snapshot: Snapshot): Promise<Buffer[]> {
  const columns = await toColumns(snapshot.entries);
  const parts = [Buffer.from(`{"position":${JSON.stringify(snapshot.position)},"columns":{`)];
  let first = true;
  for (const [key, value] of Object.entries(columns)) {
    await yieldToEventLoop();
    parts.push(Buffer.from(`${first ? '' : ','}${JSON.stringify(key)}:${JSON.stringify(value)}`));
    first = false;
  }
  parts.push(Buffer.from('}}'));
  return parts;
}

/** The snapshot, or the reason it cannot be used (null when there is none). */
export function readSnapshot(dataDir: string): Snapshot | { unusable: string } | null {
  const file = path.join(dataDir, snapshotFileName);
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { unusable: `${file} cannot be read: ${(err as Error).message}` };
  }
  try {
    const header = JSON.parse(buffer.toString('latin1', 0, headerBytes)) as { format?: unknown; version?: unknown; metaBytes?: unknown; textBytes?: unknown; crc32?: unknown };
    if (header.format !== format || header.version !== version) return { unusable: `${file} is not a version ${version} snapshot` };
    const { metaBytes, textBytes } = header as { metaBytes: number; textBytes: number };
    const body = buffer.subarray(headerBytes);
    if (metaBytes + textBytes !== body.length || header.crc32 !== zlib.crc32(body)) {
      return { unusable: `${file} is damaged (its size or checksum does not match)` };
    }
    const { position, columns } = JSON.parse(body.toString('utf8', 0, metaBytes)) as { position: JournalPosition; columns: Columns };
    const texts = body.toString('utf16le', metaBytes);
    return { position, entries: fromColumns(columns, texts) };
  } catch (err) {
    return { unusable: `${file} cannot be parsed: ${(err as Error).message}` };
  }
}

/** Drafts between pauses while the columns are made. */
const entriesPerChunk = 10_000;

async function toColumns(entries: readonly IndexEntry[]): Promise<Columns> {
  const names: string[] = [];
  const nameIndex = new Map<string, number>();
  const name = (value: string | undefined): number => {
    if (value === undefined) return -1;
    let index = nameIndex.get(value);
    if (index === undefined) {
      index = names.push(value) - 1;
      nameIndex.set(value, index);
    }
    return index;
  };
  const c: Columns = {
    names,
    id: [],
    platform: [],
    purpose: [],
    crisis: [],
    author: [],
    status: [],
    createdAt: [],
    updatedAt: [],
    waitingSince: [],
    publishedAt: [],
    publishedUrl: [],
    revision: [],
    revisionAuthor: [],
    counts: [],
    textLength: [],
    recordCount: [],
    records: [],
    logFacts: [],
  };
  for (const [i, { summary: s, log, records }] of entries.entries()) {
    if (i > 0 && i % entriesPerChunk === 0) await yieldToEventLoop();
    c.id.push(s.id);
    c.platform.push(name(s.platform));
    c.purpose.push(name(s.purpose));
    c.crisis.push(s.crisis ? 1 : 0);
    c.author.push(name(s.author));
    c.status.push(name(s.status));
    c.createdAt.push(s.createdAt);
    c.updatedAt.push(s.updatedAt);
    c.waitingSince.push(s.waitingSince);
    c.publishedAt.push(s.publishedAt ?? null);
    c.publishedUrl.push(s.publishedUrl ?? null);
    c.revision.push(s.revision);
    c.revisionAuthor.push(name(s.revisionAuthor));
    c.counts.push(s.findingCounts.error, s.findingCounts.warning, s.findingCounts.info);
    c.textLength.push(s.text.length);
    c.recordCount.push(records.length);
    for (const r of records) c.records.push(r);
    if (log === noLogFacts) continue;
    const a = log.approval;
    c.logFacts.push([
      i,
      log.submittedAt,
      log.queueMs,
      log.reviewerEdited ? 1 : 0,
      log.approvedAt,
      a && [a.approvers.map(name), a.findings.error, a.findings.warning, a.findings.info, a.categories.map(name), a.overrides],
    ]);
  }
  return c;
}

function fromColumns(c: Columns, texts: string): IndexEntry[] {
  const entries: IndexEntry[] = new Array<IndexEntry>(c.id.length);
  // Log facts are never changed in place (applyToLogFacts replaces them), so
  // equal ones can be one object: most drafts share their approvers, counts
  // and categories (sharing saved 20 MB at 100,000 approved posts).
  const interned = new Map<string, unknown>();
  const shared = <T>(key: string, make: () => T): T => {
    let value = interned.get(key) as T | undefined;
    if (value === undefined) interned.set(key, (value = make()));
    return value;
  };
  let textAt = 0;
  let recordAt = 0;
  for (let i = 0; i < c.id.length; i++) {
    const purpose = c.purpose[i]!;
    const summary = makeSummary({
      id: c.id[i]!,
      platform: c.names[c.platform[i]!] as Platform,
      purpose: purpose >= 0 ? (c.names[purpose] as Purpose) : undefined,
      crisis: c.crisis[i] === 1,
      author: c.names[c.author[i]!]!,
      status: c.names[c.status[i]!] as DraftStatus,
      createdAt: c.createdAt[i]!,
      updatedAt: c.updatedAt[i]!,
      waitingSince: c.waitingSince[i] ?? null,
      publishedAt: c.publishedAt[i] ?? undefined,
      publishedUrl: c.publishedUrl[i] ?? undefined,
      revision: c.revision[i]!,
      revisionAuthor: c.names[c.revisionAuthor[i]!]!,
      // Substrings of one decoded string: no copy per draft.
      text: texts.slice(textAt, (textAt += c.textLength[i]!)),
      findingCounts: { error: c.counts[3 * i]!, warning: c.counts[3 * i + 1]!, info: c.counts[3 * i + 2]! },
    });
    entries[i] = { summary, log: noLogFacts, records: c.records.slice(recordAt, (recordAt += c.recordCount[i]!)) };
  }
  for (const [i, submittedAt, queueMs, reviewerEdited, approvedAt, a] of c.logFacts) {
    entries[i]!.log = {
      submittedAt,
      queueMs,
      reviewerEdited: reviewerEdited === 1,
      approvedAt,
      approval: a && {
        approvers: shared(`a${a[0].join()}`, () => a[0].map((n) => c.names[n]!)),
        findings: shared(`f${a[1]},${a[2]},${a[3]}`, () => ({ error: a[1], warning: a[2], info: a[3] })),
        categories: shared(`c${a[4].join()}`, () => a[4].map((n) => c.names[n] as RuleCategory)),
        overrides: a[5].length === 0 ? shared('o', () => a[5]) : a[5],
      },
    };
  }
  return entries;
}
