import fs from 'node:fs';
import path from 'node:path';
import { CountersignError } from '../../../shared/errors';
import { applyToSummary } from './journal-records';
import type { DraftSummary } from '../../../shared/model';
import { writeFileAtomic } from './durable-files';
import { journalFileName, JournalFile } from './journal-file';
import { snapshotFileName } from './journal-snapshot';
import { WriteLock } from './write-lock';

export type RecoveryResult =
  | { intact: true; records: number }
  | { intact: false; records: number; damagedAt: number; line: number | string; details: string; keptAs: string };

/**
 * The documented way out of a damaged journal: keeps every record before the
 * first damaged one as the journal (their chain hashes stay valid) and keeps
 * the whole damaged file beside it, byte for byte. Nothing is deleted: what
 * followed the damage is still in that file for someone to examine.
 */
export async function recoverJournal(dataDir: string, now: Date = new Date()): Promise<RecoveryResult> {
  const file = path.join(dataDir, journalFileName);
  const lock = new WriteLock(dataDir, 'countersign recover');
  await lock.acquire();
  try {
    const damage = await findDamage(file);
    if (damage.error === null) return { intact: true, records: damage.records };
    const { offset, line, details } = damage.error.params as { offset: number; line: number | string; details: string };
    const keptAs = path.join(dataDir, `drafts.journal.damaged-${now.toISOString().replace(/[:.]/g, '-')}.jsonl`);
    const prefix = readPrefix(file, offset);
    // A hard link keeps the damaged file's bytes under the new name; then the journal is replaced atomically.
    fs.linkSync(file, keptAs);
    if (prefix.length > 0) writeFileAtomic(file, prefix);
    else fs.rmSync(file);
    fs.rmSync(path.join(dataDir, snapshotFileName), { force: true });
    return { intact: false, records: damage.records, damagedAt: offset, line, details, keptAs };
  } finally {
    lock.release();
  }
}

export type JournalVerdict =
  | { intact: true; file: string; records: number; chainHead: string; tornBytes: number }
  | { intact: false; file: string; records: number; offset: number; line: number | string; details: string };

/**
 * `countersign verify --data-dir`: replays the whole journal from its first
 * record, checking every line's chain hash and that every record applies,
 * without writing anything. Throws `not_found` when the directory holds no journal.
 */
export async function verifyJournal(dataDir: string): Promise<JournalVerdict> {
  const file = path.join(dataDir, journalFileName);
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new CountersignError('not_found', 'error.noJournal', { dataDir });
  }
  // Opening an empty file would write a header; an empty journal has nothing to verify.
  if (size === 0) throw new CountersignError('not_found', 'error.noJournal', { dataDir });
  const damage = await findDamage(file);
  if (damage.error === null) return { intact: true, file, records: damage.records, chainHead: damage.head, tornBytes: damage.tornBytes };
  const { offset, line, details } = damage.error.params as { offset: number; line: number | string; details: string };
  return { intact: false, file, records: damage.records, offset, line, details };
}

/** Replays the journal as opening does; the first damage found, and how many records came before it. */
async function findDamage(file: string): Promise<{ error: CountersignError | null; records: number; head: string; tornBytes: number }> {
  let records = 0;
  let journal: JournalFile;
  try {
    journal = JournalFile.open(file);
  } catch (err) {
    if (err instanceof CountersignError && err.code === 'error.corruptJournal') return { error: err, records, head: '', tornBytes: 0 };
    throw err;
  }
  const drafts = new Map<string, DraftSummary>();
  try {
    await journal.readNew((entry) => {
      try {
        drafts.set(entry.record.draftId, applyToSummary(drafts.get(entry.record.draftId), entry.record));
      } catch (err) {
        throw journal.damaged(entry.offset, entry.line, err instanceof Error ? err.message : String(err));
      }
      records += 1;
    });
    return { error: null, records, head: journal.at.hash, tornBytes: journal.tornTailBytes() };
  } catch (err) {
    if (err instanceof CountersignError && err.code === 'error.corruptJournal') return { error: err, records, head: journal.at.hash, tornBytes: 0 };
    throw err;
  } finally {
    journal.close();
  }
}

function readPrefix(file: string, length: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(length);
    fs.readSync(fd, buffer, 0, length, 0);
    return buffer;
  } finally {
    fs.closeSync(fd);
  }
}
