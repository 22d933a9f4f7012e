import fs from 'node:fs';
import { journalRecordProblem, type JournalRecord } from './journal-records';

const chunkBytes = 4 * 1024 * 1024;
const newline = 0x0a;
/** A record line is `<64 hex chain hash> <JSON>` (see journal-file.ts). */
const jsonStart = 65;

/**
 * Follows the journal from where it ended when the tail was made, returning
 * the records appended since, by this process or any other. The store reads
 * them too (and reports damage); this only needs to know what happened, so a
 * line it cannot read is skipped rather than reported twice.
 */
export class JournalTail {
  private offset: number;
  private inode: number;

  constructor(private readonly file: string) {
    const { size, ino } = statOrEmpty(file);
    this.inode = ino;
    this.offset = lineStartBefore(file, size);
  }

  /** Records appended since the last call; none when the file was replaced or cut (recover, migration). */
  readNew(): JournalRecord[] {
    const { size, ino } = statOrEmpty(this.file);
    if (ino !== this.inode || size < this.offset) {
      this.inode = ino;
      this.offset = lineStartBefore(this.file, size);
      return [];
    }
    if (size === this.offset) return [];
    const records: JournalRecord[] = [];
    const fd = fs.openSync(this.file, 'r');
    try {
      let carry = Buffer.alloc(0);
      let at = this.offset;
      while (at < size) {
        const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, size - at));
        const read = fs.readSync(fd, chunk, 0, chunk.length, at);
        if (read === 0) break;
        at += read;
        const buffer = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
        let start = 0;
        for (let stop = buffer.indexOf(newline, start); stop !== -1; stop = buffer.indexOf(newline, start)) {
          const record = parseLine(buffer.toString('utf8', start, stop));
          if (record) records.push(record);
          this.offset += stop - start + 1;
          start = stop + 1;
        }
        carry = Buffer.from(buffer.subarray(start));
      }
    } finally {
      fs.closeSync(fd);
    }
    return records;
  }
}

function parseLine(line: string): JournalRecord | null {
  if (line.length <= jsonStart) return null;
  try {
    const value: unknown = JSON.parse(line.slice(jsonStart));
    return journalRecordProblem(value) === null ? (value as JournalRecord) : null;
  } catch {
    return null;
  }
}

function statOrEmpty(file: string): { size: number; ino: number } {
  try {
    const st = fs.statSync(file);
    return { size: st.size, ino: st.ino };
  } catch {
    return { size: 0, ino: -1 };
  }
}

/** Just after the last newline before `size`: the end of the last complete line, never inside a half-written one. */
function lineStartBefore(file: string, size: number): number {
  if (size === 0) return 0;
  const fd = fs.openSync(file, 'r');
  try {
    let end = size;
    while (end > 0) {
      const length = Math.min(64 * 1024, end);
      const buffer = Buffer.allocUnsafe(length);
      const read = fs.readSync(fd, buffer, 0, length, end - length);
      const last = buffer.subarray(0, read).lastIndexOf(newline);
      if (last !== -1) return end - length + last + 1;
      end -= length;
    }
    return 0;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Whether `name` acted in any record of the journal (wrote, submitted,
 * reviewed, commented…). A record is `JSON.stringify` output, so the actor
 * appears as `"actor":<the name as a JSON string>`; text inside a draft
 * cannot imitate it, because its quotes are escaped.
 */
export async function actedInJournal(file: string, name: string): Promise<boolean> {
  const needle = Buffer.from(`"actor":${JSON.stringify(name)}`);
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = (await handle.stat()).size;
    let at = 0;
    let carry = Buffer.alloc(0);
    while (at < size) {
      const chunk = Buffer.allocUnsafe(Math.min(chunkBytes, size - at));
      const { bytesRead: read } = await handle.read(chunk, 0, chunk.length, at);
      if (read === 0) break;
      at += read;
      const buffer = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      if (buffer.indexOf(needle) !== -1) return true;
      carry = Buffer.from(buffer.subarray(Math.max(0, buffer.length - needle.length + 1)));
    }
    return false;
  } finally {
    await handle.close();
  }
}
