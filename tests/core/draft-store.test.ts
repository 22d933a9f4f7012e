import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DraftStore } from '../../electron/core/store/draft-store';
import { chainHash, genesisHash, journalFileName } from '../../electron/core/store/journal-file';
import { migratedBackupName } from '../../electron/core/store/journal-migration';
import { recoverJournal } from '../../electron/core/store/journal-recovery';
import { snapshotFileName } from '../../electron/core/store/journal-snapshot';
import { lockFileName } from '../../electron/core/store/write-lock';
import { tempDir } from '../temp-dir';
import { errorOf, openWorkstation, seedProfiles } from './open-workstation';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A data directory holding `count` pending drafts, closed. */
function withDrafts(count: number, options: { snapshotEvery?: number } = {}) {
  const dir = tempDir();
  const { ws } = openWorkstation(dir, options);
  const { exec } = seedProfiles(ws);
  const ids = ws.importDrafts(exec, Array.from({ length: count }, (_, i) => ({ platform: 'x' as const, text: `Post number ${i}` }))).map((d) => d.id);
  ws.close();
  return { dir, ids, file: path.join(dir, journalFileName) };
}

function openStore(dir: string) {
  const warnings: string[] = [];
  const store = DraftStore.open({ dataDir: dir, warn: (m) => warnings.push(m), command: 'test' });
  return { store, warnings };
}

function lines(file: string): string[] {
  return fs.readFileSync(file, 'utf8').split('\n');
}

/** A process that is running until the test ends. */
function livePid(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  children.push(child);
  return child.pid!;
}

/** The pid of a process that has ended. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '']).pid;
}

function writeLock(dir: string, pid: number, command: string) {
  fs.writeFileSync(path.join(dir, lockFileName), JSON.stringify({ pid, host: os.hostname(), command, since: '2026-11-01T00:00:00.000Z' }));
}

describe('the journal format', () => {
  it('each record is "<chain hash> <JSON>", chained from the header', () => {
    const { file } = withDrafts(3);
    const [header, ...records] = lines(file);
    expect(JSON.parse(header!)).toEqual({ format: 'countersign-journal', version: 2 });
    expect(records.at(-1)).toBe('');
    let previous = genesisHash;
    for (const line of records.slice(0, -1)) {
      const json = line.slice(65);
      expect(line.slice(0, 64)).toBe(chainHash(previous, json));
      expect(JSON.parse(json)).toMatchObject({ type: 'submitted', status: 'pending', revision: 1 });
      previous = line.slice(0, 64);
    }
  });

  it.each([
    ['altered', (l: string[]) => (l[2] = l[2]!.replace('Post number 1', 'Post number 9')), 3],
    ['deleted', (l: string[]) => l.splice(2, 1), 3],
    ['moved', (l: string[]) => l.splice(1, 2, l[2]!, l[1]!), 2],
    ['inserted', (l: string[]) => l.splice(2, 0, l[1]!), 3],
  ])('a record %s in the middle stops opening, naming file, offset and line, and the file is untouched', (_kind, tamper, badLine) => {
    const { dir, file } = withDrafts(4);
    const content = lines(file);
    tamper(content);
    fs.writeFileSync(file, content.join('\n'));
    fs.rmSync(path.join(dir, snapshotFileName), { force: true });
    const before = fs.readFileSync(file);
    const offset = Buffer.byteLength(content.slice(0, badLine - 1).join('\n')) + 1;

    const err = errorOf(() => openWorkstation(dir));
    expect(err.kind).toBe('corrupt');
    expect(err.params).toMatchObject({ file, offset, line: badLine });
    expect(err.message).toContain('countersign recover --data-dir');
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('a journal from a newer version is refused, not overwritten', () => {
    const dir = tempDir();
    const file = path.join(dir, journalFileName);
    fs.writeFileSync(file, '{"format":"countersign-journal","version":3}\n');
    expect(errorOf(() => openWorkstation(dir)).code).toBe('error.journalTooNew');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"format":"countersign-journal","version":3}\n');
  });
});

describe('snapshots', () => {
  it('opening replays only what came after the snapshot', () => {
    const { dir } = withDrafts(30, { snapshotEvery: 10 });
    expect(fs.existsSync(path.join(dir, snapshotFileName))).toBe(true);
    const { ws } = openWorkstation(dir, { snapshotEvery: 10 });
    const exec = ws.requireProfile('Zhang Wei');
    ws.submitDraft(exec, { platform: 'weibo', text: 'after the snapshot' });
    ws.submitDraft(exec, { platform: 'weibo', text: 'and another' });
    ws.close();

    const { store, warnings } = openStore(dir);
    expect(store.opened).toEqual({ fromSnapshot: true, replayed: 2 });
    expect(store.list({ status: 'pending' })).toHaveLength(32);
    expect(warnings).toEqual([]);
    const fromSnapshot = store.list();
    store.close();

    fs.rmSync(path.join(dir, snapshotFileName));
    const replayed = openStore(dir).store;
    expect(replayed.opened).toEqual({ fromSnapshot: false, replayed: 32 });
    expect(fromSnapshot).toEqual(replayed.list());
    replayed.close();
  });

  it('a snapshot keeps every field of every summary, whatever the status, text or names', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir, { snapshotEvery: 1 });
    const { exec, reviewer } = seedProfiles(ws);
    const a = ws.submitDraft(exec, { platform: 'weibo', text: '客服热线 13812345678 😀 mixed English', purpose: 'customer-service', crisis: true });
    ws.editDraft(reviewer, { id: a.id, text: '客服热线请见官网 😀' });
    ws.approveDraft(reviewer, { id: a.id });
    ws.signOff(exec, { id: a.id });
    ws.publishDraft(exec, { id: a.id, url: 'https://weibo.com/1/2' });
    ws.saveDraft(exec, { platform: 'x', text: 'kept for later' });
    ws.submitDraft(exec, { platform: 'linkedin', text: 'a'.repeat(3000) });
    const before = ws.listDrafts();
    ws.close();
    const { store } = openStore(dir);
    expect(store.opened.fromSnapshot).toBe(true);
    expect(store.list()).toEqual(before);
    expect(store.draft(a.id)?.events.map((e) => e.type)).toEqual(['submitted', 'edited', 'approved', 'signed_off', 'published']);
    store.close();
  });

  it('a damaged snapshot, or one that does not match the journal, is ignored with a warning', () => {
    const { dir, ids } = withDrafts(30, { snapshotEvery: 10 });
    const snapshot = path.join(dir, snapshotFileName);
    const bytes = fs.readFileSync(snapshot);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 1, bytes.length - 20);
    fs.writeFileSync(snapshot, bytes);
    const damaged = openStore(dir);
    expect(damaged.warnings.join('\n')).toMatch(/damaged.*replaying the whole journal/);
    expect(damaged.store.opened).toEqual({ fromSnapshot: false, replayed: 30 });
    expect(damaged.store.list().map((d) => d.id).sort()).toEqual([...ids].sort());
    damaged.store.close();

    // Another directory's snapshot: its last record is not where it says.
    const other = withDrafts(40, { snapshotEvery: 10 });
    fs.copyFileSync(path.join(other.dir, snapshotFileName), snapshot);
    const mismatched = openStore(dir);
    expect(mismatched.warnings.join('\n')).toContain('does not match');
    expect(mismatched.store.size).toBe(30);
    mismatched.store.close();
  });
});

describe('crash recovery', () => {
  it('a torn last record is left alone while a live process holds the lock, and cut once it is gone', async () => {
    const { dir, file, ids } = withDrafts(2);
    const intact = fs.readFileSync(file);
    fs.appendFileSync(file, `${'a'.repeat(64)} {"type":"submitted","draftId":"torn`);
    const pid = livePid();
    writeLock(dir, pid, 'countersign import');

    const during = openStore(dir);
    expect(during.warnings).toEqual([]);
    expect(during.store.list().map((d) => d.id).sort()).toEqual([...ids].sort());
    during.store.close();
    expect(fs.readFileSync(file).length).toBeGreaterThan(intact.length);

    // Once reaped: until then the killed process is a zombie, which still counts as running.
    const holder = children.pop()!;
    await new Promise((resolve) => holder.once('exit', resolve).kill('SIGKILL'));
    const after = openWorkstation(dir);
    expect(after.warnings.join('\n')).toContain(`cut off an incomplete last record of 100 bytes at byte ${intact.length}`);
    expect(after.warnings.join('\n')).toContain(`left by process ${pid} (countersign import`);
    expect(fs.readFileSync(file)).toEqual(intact);
    after.ws.close();
  });

  it('recover keeps every record before the damage and the damaged file byte for byte', () => {
    const { dir, file, ids } = withDrafts(5);
    const content = lines(file);
    content[4] = content[4]!.replace('Post number 3', 'Post number X');
    fs.writeFileSync(file, content.join('\n'));
    const damaged = fs.readFileSync(file);
    expect(errorOf(() => openWorkstation(dir)).kind).toBe('corrupt');

    const result = recoverJournal(dir, new Date('2026-11-27T08:00:00Z'));
    expect(result).toMatchObject({ intact: false, records: 3, line: 5 });
    if (result.intact) throw new Error('unreachable');
    expect(fs.readFileSync(result.keptAs)).toEqual(damaged);
    expect(path.basename(result.keptAs)).toBe('drafts.journal.damaged-2026-11-27T08-00-00-000Z.jsonl');

    const { ws, warnings } = openWorkstation(dir);
    expect(warnings).toEqual([]);
    expect(ws.listDrafts().map((d) => d.id).sort()).toEqual(ids.slice(0, 3).sort());
    ws.submitDraft(ws.requireProfile('Zhang Wei'), { platform: 'x', text: 'life goes on' });
    ws.close();
    expect(recoverJournal(dir)).toEqual({ intact: true, records: 4 });
  });
});

describe('the write lock', () => {
  it('a lock left by a process that has ended is taken over, with a warning', () => {
    const { dir } = withDrafts(1);
    const pid = deadPid();
    writeLock(dir, pid, 'countersign import');
    const { ws, warnings } = openWorkstation(dir);
    ws.submitDraft(ws.requireProfile('Zhang Wei'), { platform: 'x', text: 'taken over' });
    expect(warnings.join('\n')).toContain(`left by process ${pid} (countersign import, since 2026-11-01T00:00:00.000Z), which has ended`);
    expect(fs.existsSync(path.join(dir, lockFileName))).toBe(false);
    ws.close();
  });

  it('a writer finds the lock held by a live process: a busy error naming it, and nothing written', () => {
    const { dir, file, ids } = withDrafts(1);
    const { ws } = openWorkstation(dir);
    const pid = livePid();
    writeLock(dir, pid, 'countersign import');
    const before = fs.readFileSync(file);
    const err = errorOf(() => ws.approveDraft(ws.requireProfile('Li Na'), { id: ids[0]! }));
    expect(err.kind).toBe('busy');
    expect(err.message).toContain(`countersign import, process ${pid} on ${os.hostname()}`);
    expect(fs.readFileSync(file)).toEqual(before);
    // Reading never needs the lock.
    expect(ws.listDrafts()).toHaveLength(1);
    fs.rmSync(path.join(dir, lockFileName));
    expect(ws.approveDraft(ws.requireProfile('Li Na'), { id: ids[0]! }).status).toBe('approved');
    ws.close();
  });

  it('two workstations on one directory take turns: each writes after catching up with the other', () => {
    const dir = tempDir();
    const { ws: a } = openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(a);
    const { ws: b } = openWorkstation(dir);
    for (let i = 0; i < 20; i++) {
      const d = (i % 2 ? a : b).submitDraft(exec, { platform: 'x', text: `turn ${i}` });
      (i % 2 ? b : a).approveDraft(reviewer, { id: d.id });
    }
    expect(a.listDrafts({ status: 'approved' })).toHaveLength(20);
    expect(b.listDrafts({ status: 'pending' })).toHaveLength(0);
    a.close();
    b.close();
    expect(openStore(dir).store.opened.replayed).toBeGreaterThan(0);
  });
});

describe('bulk import', () => {
  it('is one group commit: one write and one sync for the whole batch', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec } = seedProfiles(ws);
    const sync = vi.spyOn(fs, 'fdatasyncSync');
    const write = vi.spyOn(fs, 'writeSync');
    const drafts = ws.importDrafts(exec, Array.from({ length: 300 }, (_, i) => ({ platform: 'weibo' as const, text: `第${i}条` })));
    expect(drafts).toHaveLength(300);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledTimes(1);
    sync.mockRestore();
    write.mockRestore();
    expect(lines(path.join(dir, journalFileName))).toHaveLength(302);
    ws.close();
  });
});

describe('migration', () => {
  it('a version-1 journal is rewritten as version 2, keeping the original beside it', () => {
    const dir = tempDir();
    const file = path.join(dir, journalFileName);
    const v1 = [
      '{"format":"countersign-journal","version":1}',
      '{"type":"submitted","draftId":"a1","at":"2026-10-01T08:00:00.000Z","actor":"Zhang Wei","role":"executive","platform":"weibo","text":"旧的草稿","findings":[]}',
      '{"type":"approved","draftId":"a1","at":"2026-10-01T09:00:00.000Z","actor":"Li Na","role":"reviewer","revision":1,"findings":[],"comment":"ok"}',
      '{"type":"submitted","draftId":"b2","at":"2026-10-02T08:00:00.000Z","actor":"Zhang Wei","role":"executive","platform":"x","text":"second","findings":[]}',
      '{"type":"submitted","draftId":"to',
    ].join('\n');
    fs.writeFileSync(file, v1);
    const { ws, warnings } = openWorkstation(dir);
    expect(warnings.join('\n')).toContain(`kept as ${path.join(dir, migratedBackupName(1))}`);
    expect(fs.readFileSync(path.join(dir, migratedBackupName(1)), 'utf8')).toBe(v1);
    expect(ws.getDraft('a1')).toMatchObject({ status: 'approved', crisis: false, platform: 'weibo', author: 'Zhang Wei' });
    expect(ws.getDraft('a1').events.map((e) => [e.type, e.status, e.comment])).toEqual([
      ['submitted', 'pending', undefined],
      ['approved', 'approved', 'ok'],
    ]);
    expect(ws.listDrafts({ status: 'pending' }).map((d) => d.id)).toEqual(['b2']);
    ws.close();
    expect(JSON.parse(lines(file)[0]!)).toEqual({ format: 'countersign-journal', version: 2 });
  });
});
