import fs from 'node:fs';
import path from 'node:path';
import { CountersignError } from '../../shared/errors';
import { journalRecordSchema, type JournalRecord } from '../../shared/journal-records';

export const journalFileName = 'drafts.journal.jsonl';
const header = { format: 'countersign-journal', version: 1 } as const;
const newline = 0x0a;

export interface JournalLine {
  record: JournalRecord;
  /** Byte offset of the line, for error messages. */
  offset: number;
  line: number;
}

/**
 * The append-only event journal behind the draft queue: one JSON record a
 * line, fsync'd before an action is acknowledged. Several processes may
 * follow the same file; each reads what the others appended.
 */
export class DraftJournal {
  private readOffset = 0;
  private lineCount = 0;

  private constructor(
    readonly file: string,
    private readonly fd: number,
  ) {}

  /** Opens or creates the journal; a torn last line (a crash mid-write) is cut off and reported through `warn`. */
  static open(dataDir: string, warn: (message: string) => void): DraftJournal {
    fs.mkdirSync(dataDir, { recursive: true });
    const file = path.join(dataDir, journalFileName);
    const created = !fs.existsSync(file);
    const fd = fs.openSync(file, 'a+');
    const journal = new DraftJournal(file, fd);
    if (fs.fstatSync(fd).size === 0) {
      journal.appendLine(JSON.stringify(header));
      if (created) syncDirectory(dataDir);
    }
    journal.cutTornTail(warn);
    return journal;
  }

  /** Complete records appended since the last call, by anyone; the first call also checks the header. */
  readNew(): JournalLine[] {
    const size = fs.fstatSync(this.fd).size;
    if (size <= this.readOffset) return [];
    const buffer = Buffer.alloc(size - this.readOffset);
    fs.readSync(this.fd, buffer, 0, buffer.length, this.readOffset);
    const end = buffer.lastIndexOf(newline) + 1;
    const out: JournalLine[] = [];
    let start = 0;
    while (start < end) {
      const stop = buffer.indexOf(newline, start);
      const offset = this.readOffset + start;
      this.lineCount += 1;
      const parsed = this.parseLine(buffer.toString('utf8', start, stop), offset);
      if (parsed) out.push({ record: parsed, offset, line: this.lineCount });
      start = stop + 1;
    }
    this.readOffset += end;
    return out;
  }

  /** Appends one record and returns once it is on disk. */
  append(record: JournalRecord): void {
    this.appendLine(JSON.stringify(record));
  }

  damaged(offset: number, line: number, details: string): CountersignError {
    return new CountersignError('corrupt', 'error.corruptJournal', { file: this.file, offset, line, details });
  }

  close(): void {
    fs.closeSync(this.fd);
  }

  private appendLine(json: string): void {
    fs.writeSync(this.fd, `${json}\n`);
    fs.fsyncSync(this.fd);
  }

  private parseLine(text: string, offset: number): JournalRecord | null {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw this.damaged(offset, this.lineCount, 'the line is not valid JSON');
    }
    if (this.lineCount === 1) {
      const ok = isHeader(value);
      if (!ok) throw this.damaged(offset, 1, `the first line is not a ${header.format} version ${header.version} header`);
      return null;
    }
    const parsed = journalRecordSchema.safeParse(value);
    if (!parsed.success) throw this.damaged(offset, this.lineCount, 'the record does not have the expected fields');
    return parsed.data;
  }

  private cutTornTail(warn: (message: string) => void): void {
    const size = fs.fstatSync(this.fd).size;
    if (size === 0) return;
    const last = Buffer.alloc(1);
    fs.readSync(this.fd, last, 0, 1, size - 1);
    if (last[0] === newline) return;
    const buffer = Buffer.alloc(size);
    fs.readSync(this.fd, buffer, 0, size, 0);
    const keep = buffer.lastIndexOf(newline) + 1;
    fs.ftruncateSync(this.fd, keep);
    fs.fsyncSync(this.fd);
    warn(`${this.file}: cut off an incomplete last record of ${size - keep} bytes at byte ${keep} (an interrupted write).`);
  }
}

function isHeader(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as Record<string, unknown>).format === header.format &&
    (value as Record<string, unknown>).version === header.version
  );
}

function syncDirectory(dir: string): void {
  // Makes the new file's directory entry durable; not supported on Windows.
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
