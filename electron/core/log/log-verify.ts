import fs from 'node:fs';
import { emptyChainHash, logRecordFields } from './log-format';
import type { LogRecord } from '../../../shared/log/log-record';
import { logRecordHash } from './log-export';

export type LogVerdict =
  | { kind: 'intact'; records: number; chainHead: string }
  /** The first bad record (or trailer): its line number, its id when it has one, and what is wrong. */
  | { kind: 'damaged'; line: number; id: string | null; problem: string; records: number }
  /** Not a JSONL export of the approved-post log, or it cannot be read. */
  | { kind: 'unreadable'; problem: string };

const hashPattern = /^[0-9a-f]{64}$/;
const recordKeys = new Set<string>([...logRecordFields, 'previousHash', 'hash']);
const readChunk = 1 << 20;

/** The file's lines, read in chunks (memory does not grow with the file); the line number comes with each. */
function* lines(file: string): Generator<{ text: string; number: number }> {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(readChunk);
    let carry = '';
    let number = 0;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    for (;;) {
      const read = fs.readSync(fd, buffer, 0, buffer.length, null);
      if (read === 0) {
        const rest = carry + decoder.decode();
        if (rest !== '') yield { text: rest, number: number + 1 };
        return;
      }
      const parts = (carry + decoder.decode(buffer.subarray(0, read), { stream: true })).split('\n');
      carry = parts.pop()!;
      for (const text of parts) {
        number += 1;
        yield { text, number };
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Checks a JSONL export: each record's hash against its content and the
 * previous record's hash, then the trailer's count and chain head, then
 * (when given) that chain head against the one written down elsewhere.
 */
export function verifyLogFile(file: string, expectedHead?: string): LogVerdict {
  let previous = emptyChainHash;
  let records = 0;
  let trailer: { line: number; chainHead: unknown; records: unknown } | null = null;
  try {
    for (const { text, number } of lines(file)) {
      const line = number === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (trailer) return { kind: 'damaged', line: number, id: null, problem: 'a line after the trailer', records };
      if (line.trim() === '') return { kind: 'damaged', line: number, id: null, problem: 'an empty line', records };
      const value = parse(line);
      if (value && 'chainHead' in value) {
        trailer = { line: number, chainHead: value.chainHead, records: value.records };
        continue;
      }
      const id = value && typeof value.id === 'string' ? value.id : null;
      if (!value || id === null || typeof value.hash !== 'string' || typeof value.previousHash !== 'string') {
        if (number === 1) return { kind: 'unreadable', problem: 'the first line is not a record of the approved-post log' };
        return { kind: 'damaged', line: number, id, problem: 'not a record of the approved-post log', records };
      }
      const keys = Object.keys(value);
      if (keys.length !== recordKeys.size || keys.some((k) => !recordKeys.has(k))) {
        return { kind: 'damaged', line: number, id, problem: 'hash mismatch (its fields were changed)', records };
      }
      let hash: string;
      try {
        hash = logRecordHash(value.previousHash, value as unknown as LogRecord);
      } catch {
        return { kind: 'damaged', line: number, id, problem: 'hash mismatch (its fields were changed)', records };
      }
      if (hash !== value.hash) return { kind: 'damaged', line: number, id, problem: 'hash mismatch (the record was edited)', records };
      if (value.previousHash !== previous) {
        return { kind: 'damaged', line: number, id, problem: 'previous-hash mismatch (a record was deleted, inserted or reordered before it)', records };
      }
      previous = value.hash;
      records += 1;
    }
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== undefined || err instanceof TypeError) return { kind: 'unreadable', problem: err instanceof Error ? err.message : String(err) };
    throw err;
  }
  if (!trailer) {
    if (records === 0) return { kind: 'unreadable', problem: 'the file is empty' };
    return { kind: 'damaged', line: records + 1, id: null, problem: 'trailer missing (the file was cut short)', records };
  }
  if (trailer.records !== records) {
    return { kind: 'damaged', line: trailer.line, id: null, problem: `trailer wrong count (it says ${String(trailer.records)} records, the file has ${records}: records were deleted or added at the end)`, records };
  }
  if (trailer.chainHead !== previous) {
    return { kind: 'damaged', line: trailer.line, id: null, problem: 'trailer chain head does not match the last record', records };
  }
  if (expectedHead !== undefined && expectedHead.toLowerCase() !== previous) {
    return { kind: 'damaged', line: trailer.line, id: null, problem: `head mismatch (the file's chain head is ${previous}, not ${expectedHead})`, records };
  }
  return { kind: 'intact', records, chainHead: previous };
}

export { hashPattern as chainHashPattern };
