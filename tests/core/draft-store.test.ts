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
afterEach(async () => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

/** A data directory holding `count` pending drafts, closed. */
async function withDrafts(count: number, options: { snapshotEvery?: number } = {}) {
  const dir = tempDir();
  const { ws } = await openWorkstation(dir, options);
  const { exec } = seedProfiles(ws);
  const ids = (await ws.drafts.importDrafts(exec, Array.from({ length: count }, (_, i) => ({ platform: 'x' as const, text: `Post number ${i}` })))).map((d) => d.id);
  await ws.close();
  return { dir, ids, file: path.join(dir, journalFileName) };
}

async function openStore(dir: string) {
  const warnings: string[] = [];
  const store = await DraftStore.open({ dataDir: dir, warn: (m) => warnings.push(m), command: 'test' });
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
  it('each record is "<chain hash> <JSON>", chained from the header', async () => {
    const { file } = await withDrafts(3);
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
  ])('a record %s in the middle stops opening, naming file, offset and line, and the file is untouched', async (_kind, tamper, badLine) => {
    const { dir, file } = await withDrafts(4);
    const content = lines(file);
    tamper(content);
    fs.writeFileSync(file, content.join('\n'));
    fs.rmSync(path.join(dir, snapshotFileName), { force: true });
    const before = fs.readFileSync(file);
    const offset = Buffer.byteLength(content.slice(0, badLine - 1).join('\n')) + 1;

    const err = await errorOf(() => openWorkstation(dir));
    expect(err.kind).toBe('corrupt');
    expect(err.params).toMatchObject({ file, offset, line: badLine });
    expect(err.message).toContain('countersign recover --data-dir');
    expect(fs.readFileSync(file)).toEqual(before);
  });

  it('a journal from a newer version is refused, not overwritten', async () => {
    const dir = tempDir();
    const file = path.join(dir, journalFileName);
    fs.writeFileSync(file, '{"format":"countersign-journal","version":3}\n');
    expect((await errorOf(() => openWorkstation(dir))).code).toBe('error.journalTooNew');
    expect(fs.readFileSync(file, 'utf8')).toBe('{"format":"countersign-journal","version":3}\n');
  });
});

describe('snapshots', () => {
  it('opening replays only what came after the snapshot', async () => {
    const { dir } = await withDrafts(30, { snapshotEvery: 10 });
    expect(fs.existsSync(path.join(dir, snapshotFileName))).toBe(true);
    const { ws } = await openWorkstation(dir, { snapshotEvery: 10 });
    const exec = ws.profiles.require('Zhang Wei');
    await ws.drafts.act('submit', exec, { platform: 'weibo', text: 'after the snapshot' });
    await ws.drafts.act('submit', exec, { platform: 'weibo', text: 'and another' });
    await ws.close();

    const { store, warnings } = await openStore(dir);
    expect(store.opened).toEqual({ fromSnapshot: true, replayed: 2 });
    expect(store.list({ status: 'pending' })).toHaveLength(32);
    expect(warnings).toEqual([]);
    const fromSnapshot = store.list();
    await store.close();

    fs.rmSync(path.join(dir, snapshotFileName));
    const replayed = (await openStore(dir)).store;
    expect(replayed.opened).toEqual({ fromSnapshot: false, replayed: 32 });
    expect(fromSnapshot).toEqual(replayed.list());
    await replayed.close();
  });

  it('a snapshot keeps every field of every summary, whatever the status, text or names', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir, { snapshotEvery: 1 });
    const { exec, reviewer } = seedProfiles(ws);
    const a = await ws.drafts.act('submit', exec, { platform: 'weibo', text: '客服热线 13812345678 😀 mixed English', purpose: 'customer-service', crisis: true });
    await ws.drafts.act('edit', reviewer, { id: a.id, text: '客服热线请见官网 😀' });
    await ws.drafts.act('approve', reviewer, { id: a.id });
    await ws.drafts.act('sign_off', exec, { id: a.id });
    await ws.drafts.act('publish', exec, { id: a.id, url: 'https://weibo.com/1/2' });
    await ws.drafts.act('save', exec, { platform: 'x', text: 'kept for later' });
    await ws.drafts.act('submit', exec, { platform: 'linkedin', text: 'a'.repeat(3000) });
    const before = await ws.drafts.list();
    await ws.close();
    const { store } = await openStore(dir);
    expect(store.opened.fromSnapshot).toBe(true);
    expect(store.list()).toEqual(before);
    expect((await store.draft(a.id))?.events.map((e) => e.type)).toEqual(['submitted', 'edited', 'approved', 'signed_off', 'published']);
    await store.close();
  });

  it('a damaged snapshot, or one that does not match the journal, is ignored with a warning', async () => {
    const { dir, ids } = await withDrafts(30, { snapshotEvery: 10 });
    const snapshot = path.join(dir, snapshotFileName);
    const bytes = fs.readFileSync(snapshot);
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 20) ^ 1, bytes.length - 20);
    fs.writeFileSync(snapshot, bytes);
    const damaged = await openStore(dir);
    expect(damaged.warnings.join('\n')).toMatch(/damaged.*replaying the whole journal/);
    expect(damaged.store.opened).toEqual({ fromSnapshot: false, replayed: 30 });
    expect(damaged.store.list().map((d) => d.id).sort()).toEqual([...ids].sort());
    await damaged.store.close();

    // Another directory's snapshot: its last record is not where it says.
    const other = await withDrafts(40, { snapshotEvery: 10 });
    fs.copyFileSync(path.join(other.dir, snapshotFileName), snapshot);
    const mismatched = await openStore(dir);
    expect(mismatched.warnings.join('\n')).toContain('does not match');
    expect(mismatched.store.size).toBe(30);
    await mismatched.store.close();
  });
});

describe('crash recovery', () => {
  it('a torn last record is left alone while a live process holds the lock, and cut once it is gone', async () => {
    const { dir, file, ids } = await withDrafts(2);
    const intact = fs.readFileSync(file);
    fs.appendFileSync(file, `${'a'.repeat(64)} {"type":"submitted","draftId":"torn`);
    const pid = livePid();
    writeLock(dir, pid, 'countersign import');

    const during = await openStore(dir);
    expect(during.warnings).toEqual([]);
    expect(during.store.list().map((d) => d.id).sort()).toEqual([...ids].sort());
    await during.store.close();
    expect(fs.readFileSync(file).length).toBeGreaterThan(intact.length);

    // Once reaped: until then the killed process is a zombie, which still counts as running.
    const holder = children.pop()!;
    await new Promise((resolve) => holder.once('exit', resolve).kill('SIGKILL'));
    const after = await openWorkstation(dir);
    expect(after.warnings.join('\n')).toContain(`cut off an incomplete last record of 100 bytes at byte ${intact.length}`);
    expect(after.warnings.join('\n')).toContain(`left by process ${pid} (countersign import`);
    expect(fs.readFileSync(file)).toEqual(intact);
    await after.ws.close();
  });

  it('recover keeps every record before the damage and the damaged file byte for byte', async () => {
    const { dir, file, ids } = await withDrafts(5);
    const content = lines(file);
    content[4] = content[4]!.replace('Post number 3', 'Post number X');
    fs.writeFileSync(file, content.join('\n'));
    const damaged = fs.readFileSync(file);
    expect((await errorOf(() => openWorkstation(dir))).kind).toBe('corrupt');

    const result = await recoverJournal(dir, new Date('2026-11-27T08:00:00Z'));
    expect(result).toMatchObject({ intact: false, records: 3, line: 5 });
    if (result.intact) throw new Error('unreachable');
    expect(fs.readFileSync(result.keptAs)).toEqual(damaged);
    expect(path.basename(result.keptAs)).toBe('drafts.journal.damaged-2026-11-27T08-00-00-000Z.jsonl');

    const { ws, warnings } = await openWorkstation(dir);
    expect(warnings).toEqual([]);
    expect((await ws.drafts.list()).map((d) => d.id).sort()).toEqual(ids.slice(0, 3).sort());
    await ws.drafts.act('submit', ws.profiles.require('Zhang Wei'), { platform: 'x', text: 'life goes on' });
    await ws.close();
    expect(await recoverJournal(dir)).toEqual({ intact: true, records: 4 });
  });
});

describe('the write lock', () => {
  it('a lock left by a process that has ended is taken over, with a warning', async () => {
    const { dir } = await withDrafts(1);
    const pid = deadPid();
    writeLock(dir, pid, 'countersign import');
    const { ws, warnings } = await openWorkstation(dir);
    await ws.drafts.act('submit', ws.profiles.require('Zhang Wei'), { platform: 'x', text: 'taken over' });
    expect(warnings.join('\n')).toContain(`left by process ${pid} (countersign import, since 2026-11-01T00:00:00.000Z), which has ended`);
    expect(fs.existsSync(path.join(dir, lockFileName))).toBe(false);
    await ws.close();
  });

  it('a writer finds the lock held by a live process: a busy error naming it, and nothing written', async () => {
    const { dir, file, ids } = await withDrafts(1);
    const { ws } = await openWorkstation(dir);
    const pid = livePid();
    writeLock(dir, pid, 'countersign import');
    const before = fs.readFileSync(file);
    const err = await errorOf(() => ws.drafts.act('approve', ws.profiles.require('Li Na'), { id: ids[0]! }));
    expect(err.kind).toBe('busy');
    expect(err.message).toContain(`countersign import, process ${pid} on ${os.hostname()}`);
    expect(fs.readFileSync(file)).toEqual(before);
    // Reading never needs the lock.
    expect(await ws.drafts.list()).toHaveLength(1);
    fs.rmSync(path.join(dir, lockFileName));
    expect((await ws.drafts.act('approve', ws.profiles.require('Li Na'), { id: ids[0]! })).status).toBe('approved');
    await ws.close();
  });

  it('two workstations on one directory take turns: each writes after catching up with the other', async () => {
    const dir = tempDir();
    const { ws: a } = await openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(a);
    const { ws: b } = await openWorkstation(dir);
    for (let i = 0; i < 20; i++) {
      const d = await (i % 2 ? a : b).drafts.act('submit', exec, { platform: 'x', text: `turn ${i}` });
      await (i % 2 ? b : a).drafts.act('approve', reviewer, { id: d.id });
    }
    expect(await a.drafts.list({ status: 'approved' })).toHaveLength(20);
    expect(await b.drafts.list({ status: 'pending' })).toHaveLength(0);
    await a.close();
    await b.close();
    expect((await openStore(dir)).store.opened.replayed).toBeGreaterThan(0);
  });
});

describe('bulk import', () => {
  it('is one group commit: one write and one sync for the whole batch', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec } = seedProfiles(ws);
    const sync = vi.spyOn(fs, 'fdatasync');
    const write = vi.spyOn(fs, 'write');
    const drafts = await ws.drafts.importDrafts(exec, Array.from({ length: 300 }, (_, i) => ({ platform: 'weibo' as const, text: `第${i}条` })));
    expect(drafts).toHaveLength(300);
    expect(sync).toHaveBeenCalledTimes(1);
    expect(write).toHaveBeenCalledTimes(1);
    sync.mockRestore();
    write.mockRestore();
    expect(lines(path.join(dir, journalFileName))).toHaveLength(302);
    await ws.close();
  });
});

describe('migration', () => {
  it('a version-1 journal is rewritten as version 2, keeping the original beside it', async () => {
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
    const { ws, warnings } = await openWorkstation(dir);
    expect(warnings.join('\n')).toContain(`kept as ${path.join(dir, migratedBackupName(1))}`);
    expect(fs.readFileSync(path.join(dir, migratedBackupName(1)), 'utf8')).toBe(v1);
    expect(await ws.drafts.get('a1')).toMatchObject({ status: 'approved', crisis: false, platform: 'weibo', author: 'Zhang Wei' });
    expect((await ws.drafts.get('a1')).events.map((e) => [e.type, e.status, e.comment])).toEqual([
      ['submitted', 'pending', undefined],
      ['approved', 'approved', 'ok'],
    ]);
    expect((await ws.drafts.list({ status: 'pending' })).map((d) => d.id)).toEqual(['b2']);
    await ws.close();
    expect(JSON.parse(lines(file)[0]!)).toEqual({ format: 'countersign-journal', version: 2 });
  });
});
