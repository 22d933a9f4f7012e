import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { journalRecordProblem, type JournalRecord } from './journal-records';
import { appendAll, datasync, fsync, readAt, syncDirectory, truncate } from './durable-files';

export const journalFileName = 'drafts.journal.jsonl';
const journalFormat = 'countersign-journal';
const journalVersion = 2;

const headerLine = JSON.stringify({ format: journalFormat, version: journalVersion });
const newline = 0x0a;
const hashLength = 64;
/** Read at a time while replaying: about 2,000 records, some 20 ms of checking before the next chunk lets other calls in. */
const readChunk = 1024 * 1024;
/**
 * Longest line a reader joins across chunks. A record is far smaller (a
 * draft is at most 20,000 characters); bytes beyond this without a newline
 * are a torn or damaged tail, and are not held in memory.
 */
export const maxLineBytes = 16 * 1024 * 1024;

/** Where reading stopped: after the last complete record, with that record's chain hash. */
export interface JournalPosition {
  offset: number;
  /** Line number of the last record read (the header is line 1). */
  line: number;
  hash: string;
  /** Byte offset of the last record read, so a snapshot can be matched to the file. */
  lastLineOffset: number;
}

export interface JournalEntry {
  record: JournalRecord;
  offset: number;
  length: number;
  line: number;
}

/**
 * Each record line is `<chain hash> <JSON>`: the SHA-256 of the previous
 * line's hash and this line's JSON. It is the per-record checksum (any damage
 * shows) and a hash chain (a deleted, inserted or reordered record shows).
 * The first record chains from the hash of the header line.
 */
export function chainHash(previous: string, json: string): string {
  return crypto.createHash('sha256').update(previous).update(json).digest('hex');
}

export const genesisHash = chainHash('', headerLine);

/** The version the journal `file` declares on its first line; null when it is empty or not a journal. */
export function fileVersion(file: string): number | null {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const probe = Buffer.alloc(256);
    const read = fs.readSync(fd, probe, 0, probe.length, 0);
    const end = probe.subarray(0, read).indexOf(newline);
    return headerVersion(probe.toString('utf8', 0, end === -1 ? read : end));
  } finally {
    fs.closeSync(fd);
  }
}

/** The version a journal's first line declares, or null when it is not a journal header. */
export function headerVersion(firstLine: string): number | null {
  try {
    const value: unknown = JSON.parse(firstLine);
    if (typeof value === 'object' && value !== null && (value as Record<string, unknown>).format === journalFormat) {
      const version = (value as Record<string, unknown>).version;
      return typeof version === 'number' ? version : null;
    }
  } catch {
    // Not JSON: reported by the caller as a bad header.
  }
  return null;
}

/**
 * The append-only journal file. Several processes may read it; only the
 * holder of the data directory's write lock appends (see DraftStore).
 */
export class JournalFile {
  private position: JournalPosition;

  private constructor(
    readonly file: string,
    private readonly fd: number,
  ) {
    this.position = { offset: Buffer.byteLength(headerLine) + 1, line: 1, hash: genesisHash, lastLineOffset: 0 };
  }

  /** Opens an existing version-2 journal, or writes the header of a new one (the caller holds the lock then). */
  static open(file: string): JournalFile {
    const fd = fs.openSync(file, 'a+');
    const journal = new JournalFile(file, fd);
    try {
      if (fs.fstatSync(fd).size === 0) {
        fs.writeFileSync(fd, `${headerLine}\n`);
        fs.fdatasyncSync(fd);
        syncDirectory(path.dirname(file));
      } else {
        journal.checkHeader();
      }
    } catch (err) {
      fs.closeSync(fd);
      throw err;
    }
    return journal;
  }

  get at(): JournalPosition {
    return { ...this.position };
  }

  get size(): number {
    return fs.fstatSync(this.fd).size;
  }

  /** Continues from a snapshot's position; false when the file does not hold that record there. */
  resume(position: JournalPosition): boolean {
    if (position.offset > this.size || position.lastLineOffset >= position.offset) return false;
    const probe = Buffer.alloc(hashLength);
    fs.readSync(this.fd, probe, 0, hashLength, position.lastLineOffset);
    const end = Buffer.alloc(1);
    fs.readSync(this.fd, end, 0, 1, position.offset - 1);
    if (probe.toString('latin1') !== position.hash || end[0] !== newline) return false;
    this.position = { ...position };
    return true;
  }

  /**
   * Reads every complete record after the current position (written by
   * anyone), verifying the chain, a chunk at a time. A line that spans chunks
   * is joined once when its end arrives, so a long tail costs linear time.
   * Never runs beside another read or an append (DraftStore orders them).
   */
  async readNew(onEntry: (entry: JournalEntry) => void): Promise<number> {
    let count = 0;
    let fileOffset = this.position.offset;
    const size = this.size;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    while (fileOffset < size) {
      const chunk = Buffer.allocUnsafe(Math.min(readChunk, size - fileOffset));
      const read = await readAt(this.fd, chunk, fileOffset);
      if (read === 0) break;
      fileOffset += read;
      const data = chunk.subarray(0, read);
      let start = 0;
      let stop = data.indexOf(newline);
      if (stop !== -1 && pending.length > 0) {
        const line = Buffer.concat([...pending, data.subarray(0, stop + 1)]);
        pending = [];
        pendingBytes = 0;
        onEntry(this.verifyNext(line, 0, line.length - 1));
        count += 1;
        start = stop + 1;
        stop = data.indexOf(newline, start);
      }
      for (; stop !== -1; stop = data.indexOf(newline, start)) {
        onEntry(this.verifyNext(data, start, stop));
        count += 1;
        start = stop + 1;
      }
      if (start < data.length) {
        pendingBytes += data.length - start;
        // Past the longest possible line: a tail with no end, which only the torn-tail cut can deal with.
        if (pendingBytes > maxLineBytes) break;
        pending.push(data.subarray(start));
      }
    }
    return count;
  }

  /** Bytes after the last complete record: a write that never finished (only meaningful under the lock). */
  tornTailBytes(): number {
    return this.size - this.position.offset;
  }

  async cutTornTail(): Promise<number> {
    const torn = this.tornTailBytes();
    if (torn <= 0) return 0;
    await truncate(this.fd, this.position.offset);
    await fsync(this.fd);
    return torn;
  }

  /**
   * Appends records in one write and one fsync (a group commit); the caller
   * holds the lock and has read to the end. The position moves only once the
   * bytes are synced: a failed write leaves a torn tail, cut on the next write.
   */
  async append(records: readonly JournalRecord[]): Promise<JournalEntry[]> {
    if (this.size !== this.position.offset) throw new Error(`${this.file} grew while this process held the write lock`);
    const entries: JournalEntry[] = [];
    const lines: string[] = [];
    let { offset, line, hash, lastLineOffset } = this.position;
    for (const record of records) {
      const json = JSON.stringify(record);
      hash = chainHash(hash, json);
      const text = `${hash} ${json}\n`;
      const length = Buffer.byteLength(text);
      line += 1;
      entries.push({ record, offset, length, line });
      lines.push(text);
      lastLineOffset = offset;
      offset += length;
    }
    await appendAll(this.fd, Buffer.from(lines.join('')));
    await datasync(this.fd);
    this.position = { offset, line, hash, lastLineOffset };
    return entries;
  }

  /** One record by its place in the file, for a draft's history. */
  async readAt(offset: number, length: number): Promise<JournalRecord> {
    // Only the bytes read are used, so the buffer need not be zeroed first.
    const buffer = Buffer.allocUnsafe(length);
    const read = await readAt(this.fd, buffer, offset);
    const text = buffer.toString('utf8', 0, read).trimEnd();
    return this.parseRecord(text.slice(hashLength + 1), offset, null);
  }

  damaged(offset: number, line: number | null, details: string): CountersignError {
    return new CountersignError('corrupt', 'error.corruptJournal', {
      file: this.file,
      offset,
      line: line ?? '?',
      details,
      dataDir: path.dirname(this.file),
    });
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  /** The line in `buffer` from `start` to the newline at `stop`, checked against the chain. */
  private verifyNext(buffer: Buffer, start: number, stop: number): JournalEntry {
    const offset = this.position.offset;
    const line = this.position.line + 1;
    if (stop - start <= hashLength + 1 || buffer[start + hashLength] !== 0x20) {
      throw this.damaged(offset, line, 'the line is not “<checksum> <record>”');
    }
    // Hashing the bytes as they are on disk saves encoding the JSON again.
    const json = buffer.subarray(start + hashLength + 1, stop);
    const hash = crypto.createHash('sha256').update(this.position.hash).update(json).digest('hex');
    if (hash !== buffer.toString('latin1', start, start + hashLength)) {
      throw this.damaged(offset, line, 'the checksum does not match: the record was altered, or one before it was removed, added or moved');
    }
    const record = this.parseRecord(json.toString('utf8'), offset, line);
    const length = stop - start + 1;
    this.position = { offset: offset + length, line, hash, lastLineOffset: offset };
    return { record, offset, length, line };
  }

  private parseRecord(json: string, offset: number, line: number | null): JournalRecord {
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      throw this.damaged(offset, line, 'the record is not valid JSON');
    }
    const problem = journalRecordProblem(value);
    if (problem) throw this.damaged(offset, line, `the record does not have the expected fields (${problem})`);
    return value as JournalRecord;
  }

  private checkHeader(): void {
    const probe = Buffer.alloc(256);
    const read = fs.readSync(this.fd, probe, 0, probe.length, 0);
    const end = probe.subarray(0, read).indexOf(newline);
    const first = probe.toString('utf8', 0, end === -1 ? read : end);
    const version = headerVersion(first);
    if (version === journalVersion && first === headerLine) return;
    if (version !== null && version > journalVersion) {
      throw new CountersignError('corrupt', 'error.journalTooNew', { file: this.file, version });
    }
    throw this.damaged(0, 1, `the first line is not a ${journalFormat} version ${journalVersion} header`);
  }
}
