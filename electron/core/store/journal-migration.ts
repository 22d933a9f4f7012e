import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { CountersignError } from '../../../shared/errors';
import type { JournalRecord } from './journal-records';
import { platforms, roles } from '../../../shared/model';
import { syncDirectory } from './durable-files';
import { headerVersion, JournalFile } from './journal-file';

// Version 1 (the walking slice): plain JSON lines, no checksums, two event
// types. Kept only to read such files once and rewrite them as version 2.
const v1Base = { draftId: z.string().min(1), at: z.iso.datetime(), actor: z.string().min(1), role: z.enum(roles), findings: z.array(z.any()) };
const v1Record = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submitted'), ...v1Base, platform: z.enum(platforms), text: z.string() }),
  z.object({ type: z.literal('approved'), ...v1Base, revision: z.number().int().positive(), comment: z.string().optional() }),
]);

function upgrade(record: z.infer<typeof v1Record>): JournalRecord {
  const { draftId, at, actor, role, findings } = record;
  const base = { draftId, at, actor, role, findings: findings as JournalRecord['findings'] };
  if (record.type === 'submitted') {
    return { type: 'submitted', ...base, status: 'pending', revision: 1, text: record.text, draft: { platform: record.platform, crisis: false } };
  }
  return { type: 'approved', ...base, status: 'approved', revision: record.revision, ...(record.comment ? { comment: record.comment } : {}) };
}

/** The name the original file is kept under after a migration. */
export const migratedBackupName = (version: number) => `drafts.journal.v${version}.jsonl`;

/**
 * Rewrites an older journal as the current version, keeping the original
 * beside it. Returns the backup's path, or null when `file` needs no migration.
 * The caller holds the write lock.
 */
export async function migrateJournal(file: string): Promise<string | null> {
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  if (headerVersion(lines[0] ?? '') !== 1) return null;
  // A last line without its newline was never acknowledged: it is left behind in the backup.
  const complete = lines.slice(1, -1);
  const records = complete.map((line, index) => {
    const damaged = (details: string) =>
      new CountersignError('corrupt', 'error.corruptJournal', { file, offset: '?', line: index + 2, details, dataDir: path.dirname(file) });
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw damaged('the record is not valid JSON');
    }
    const parsed = v1Record.safeParse(value);
    if (!parsed.success) throw damaged('the record does not have the expected fields');
    return upgrade(parsed.data);
  });

  const temp = `${file}.migrating`;
  fs.rmSync(temp, { force: true });
  const next = JournalFile.open(temp);
  try {
    await next.append(records);
  } finally {
    next.close();
  }
  const backup = path.join(path.dirname(file), migratedBackupName(1));
  fs.renameSync(file, backup);
  fs.renameSync(temp, file);
  syncDirectory(path.dirname(file));
  return backup;
}
