import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
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

/** Bytes read at a time: one buffer, used again for every read, so no copy of the file is left for the collector. */
const readChunkBytes = 1 << 20;

/**
 * The snapshot, or the reason it cannot be used (null when there is none).
 *
 * Never read as a whole: a Buffer of the whole file (45 MB at 100,000
 * drafts) lived through the whole open, so it was promoted and only a full
 * collection could free it, which came after the first list: 46 MB of the
 * 320 MB RSS measured then. Every read goes through one reused 1 MB
 * buffer: the meta JSON is decoded a chunk at a time, the texts a batch of
 * whole drafts at a time, each batch one string the drafts' texts are slices
 * of, so nothing of them is garbage. The checksum covers every byte before
 * anything read is used.
 */
export function readSnapshot(dataDir: string): Snapshot | { unusable: string } | null {
  const file = path.join(dataDir, snapshotFileName);
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    return { unusable: `${file} cannot be read: ${(err as Error).message}` };
  }
  try {
    return readOpenSnapshot(file, fd);
  } catch (err) {
    return { unusable: `${file} cannot be read: ${(err as Error).message}` };
  } finally {
    fs.closeSync(fd);
  }
}

function readOpenSnapshot(file: string, fd: number): Snapshot | { unusable: string } {
  const damaged = { unusable: `${file} is damaged (its size or checksum does not match)` };
  // No closures here: see fromColumns.
  let chunk = Buffer.allocUnsafe(readChunkBytes);
  const size = fs.fstatSync(fd).size;
  if (size < headerBytes) return damaged;
  let header: { format?: unknown; version?: unknown; metaBytes?: unknown; textBytes?: unknown; crc32?: unknown };
  try {
    header = JSON.parse(readInto(fd, chunk, headerBytes, 0).toString('latin1')) as typeof header;
  } catch (err) {
    return { unusable: `${file} cannot be parsed: ${(err as Error).message}` };
  }
  if (header.format !== format || header.version !== version) return { unusable: `${file} is not a version ${version} snapshot` };
  const { metaBytes, textBytes } = header as { metaBytes: number; textBytes: number };
  if (!Number.isSafeInteger(metaBytes) || !Number.isSafeInteger(textBytes) || metaBytes < 0 || textBytes < 0 || headerBytes + metaBytes + textBytes !== size) return damaged;

  // The meta JSON, a chunk at a time through the same buffer (a character may span two chunks).
  let crc = 0;
  const decoder = new StringDecoder('utf8');
  const pieces: string[] = [];
  for (let at = 0; at < metaBytes; at += readChunkBytes) {
    const bytes = readInto(fd, chunk, Math.min(readChunkBytes, metaBytes - at), headerBytes + at);
    crc = zlib.crc32(bytes, crc);
    pieces.push(decoder.write(bytes));
  }
  pieces.push(decoder.end());
  let meta: { position: JournalPosition; columns: Columns } | null = null;
  let parseError: Error | null = null;
  try {
    meta = JSON.parse(pieces.join('')) as { position: JournalPosition; columns: Columns };
  } catch (err) {
    parseError = err as Error;
  }
  pieces.length = 0;

  const textStart = headerBytes + metaBytes;
  const lengths = meta?.columns?.textLength;
  if (!meta || !Array.isArray(lengths) || !lengthsFit(lengths, textBytes)) {
    // Unusable either way; the checksum tells a damaged file from one this version cannot read.
    for (let at = 0; at < textBytes; at += readChunkBytes) crc = zlib.crc32(readInto(fd, chunk, Math.min(readChunkBytes, textBytes - at), textStart + at), crc);
    if (crc !== header.crc32) return damaged;
    return { unusable: `${file} cannot be parsed: ${parseError?.message ?? 'the text lengths do not add up to the text block'}` };
  }

  // The texts (UTF-16LE), a batch of whole drafts at a time: each batch is
  // one decoded string, and each draft's text a slice of it (no copy per draft).
  const texts = new Array<string>(lengths.length);
  let at = textStart;
  for (let first = 0; first < lengths.length; ) {
    let last = first;
    let units = 0;
    while (last < lengths.length && (units === 0 || 2 * (units + lengths[last]!) <= readChunkBytes)) units += lengths[last++]!;
    if (2 * units > chunk.length) chunk = Buffer.allocUnsafe(2 * units);
    const bytes = readInto(fd, chunk, 2 * units, at);
    at += bytes.length;
    crc = zlib.crc32(bytes, crc);
    const batch = bytes.toString('utf16le');
    for (let i = first, offset = 0; i < last; i++) texts[i] = batch.slice(offset, (offset += lengths[i]!));
    first = last;
  }
  if (crc !== header.crc32) return damaged;
  try {
    return { position: meta.position, entries: fromColumns(meta.columns, texts) };
  } catch (err) {
    return { unusable: `${file} cannot be parsed: ${(err as Error).message}` };
  }
}

/** Reads `bytes` bytes at `at` into the start of `buffer`; returns that part of it. */
function readInto(fd: number, buffer: Buffer, bytes: number, at: number): Buffer {
  for (let done = 0; done < bytes; ) {
    const read = fs.readSync(fd, buffer, done, bytes - done, at + done);
    if (read === 0) throw new Error('the file ended early');
    done += read;
  }
  return buffer.subarray(0, bytes);
}

/** Whole, non-negative lengths whose UTF-16 bytes are exactly the text block. */
function lengthsFit(lengths: readonly unknown[], textBytes: number): boolean {
  let units = 0;
  for (const n of lengths) {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) return false;
    units += n;
  }
  return 2 * units === textBytes;
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

/**
 * The entries from the columns. No closure in here or in `logFactsFrom` may
 * capture the columns: a captured variable lives in a context object, and the
 * optimized code V8 makes for the long loop while it runs (on-stack
 * replacement) kept that context, so the parsed columns (~20 MB of arrays
 * at 100,000 drafts) stayed reachable after the open: live heap after
 * `readSnapshot` 73 MB with the closures, 55 MB without.
 */
function fromColumns(c: Columns, texts: readonly string[]): IndexEntry[] {
  const count = c.id.length;
  const entries: IndexEntry[] = new Array<IndexEntry>(count);
  const { names, platform, purpose, crisis, author, status, createdAt, updatedAt, waitingSince, publishedAt, publishedUrl, revision, revisionAuthor, counts, recordCount, records } = c;
  let recordAt = 0;
  for (let i = 0; i < count; i++) {
    const purposeName = purpose[i]!;
    const summary = makeSummary({
      id: c.id[i]!,
      platform: names[platform[i]!] as Platform,
      purpose: purposeName >= 0 ? (names[purposeName] as Purpose) : undefined,
      crisis: crisis[i] === 1,
      author: names[author[i]!]!,
      status: names[status[i]!] as DraftStatus,
      createdAt: createdAt[i]!,
      updatedAt: updatedAt[i]!,
      waitingSince: waitingSince[i] ?? null,
      publishedAt: publishedAt[i] ?? undefined,
      publishedUrl: publishedUrl[i] ?? undefined,
      revision: revision[i]!,
      revisionAuthor: names[revisionAuthor[i]!]!,
      text: texts[i]!,
      findingCounts: { error: counts[3 * i]!, warning: counts[3 * i + 1]!, info: counts[3 * i + 2]! },
    });
    entries[i] = { summary, log: noLogFacts, records: records.slice(recordAt, (recordAt += recordCount[i]!)) };
  }
  logFactsFrom(names, c.logFacts, entries);
  return entries;
}

/**
 * Sets the log facts of the drafts that have them. Log facts are never
 * changed in place (applyToLogFacts replaces them), so equal ones can be one
 * object: most drafts share their approvers, counts and categories (sharing
 * saved 20 MB at 100,000 approved posts). Written without closures (see
 * fromColumns).
 */
function logFactsFrom(names: readonly string[], rows: Columns['logFacts'], entries: IndexEntry[]): void {
  const interned = new Map<string, unknown>();
  const noOverrides: ApprovalFacts['overrides'] = [];
  for (const [i, submittedAt, queueMs, reviewerEdited, approvedAt, a] of rows) {
    let approval: ApprovalFacts | null = null;
    if (a) {
      const approversKey = `a${a[0].join()}`;
      let approvers = interned.get(approversKey) as string[] | undefined;
      if (approvers === undefined) interned.set(approversKey, (approvers = namesAt(names, a[0])));
      const findingsKey = `f${a[1]},${a[2]},${a[3]}`;
      let findings = interned.get(findingsKey) as ApprovalFacts['findings'] | undefined;
      if (findings === undefined) interned.set(findingsKey, (findings = { error: a[1], warning: a[2], info: a[3] }));
      const categoriesKey = `c${a[4].join()}`;
      let categories = interned.get(categoriesKey) as RuleCategory[] | undefined;
      if (categories === undefined) interned.set(categoriesKey, (categories = namesAt(names, a[4]) as RuleCategory[]));
      approval = { approvers, findings, categories, overrides: a[5].length === 0 ? noOverrides : a[5] };
    }
    entries[i]!.log = { submittedAt, queueMs, reviewerEdited: reviewerEdited === 1, approvedAt, approval };
  }
}

function namesAt(names: readonly string[], indices: readonly number[]): string[] {
  const out = new Array<string>(indices.length);
  for (let k = 0; k < indices.length; k++) out[k] = names[indices[k]!]!;
  return out;
}
