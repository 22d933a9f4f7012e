import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalFileName } from '../../electron/core/store/journal-file';
import { JournalTail } from '../../electron/core/store/journal-tail';
import { batchForSession, watchNotifications } from '../../electron/core/notification-feed';
import type { DraftNotification } from '../../shared/notifications';
import { tempDir } from '../temp-dir';
import { openWorkstation, seedProfiles } from './open-workstation';

describe('notifications from the journal', () => {
  it('raises one per draft entering the queue and per decision on an executive\'s draft, whoever wrote the record', async () => {
    const dir = tempDir();
    const { ws: host } = await openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(host);
    const heard: DraftNotification[][] = [];
    const stop = watchNotifications(host, (items) => heard.push(items));

    // Another process (the CLI) submits: the host hears of it when it next reads the journal.
    const { ws: cli } = await openWorkstation(dir);
    const draft = await cli.drafts.act('submit', exec, { platform: 'weibo', text: '  谢谢客服团队\n昨晚的快速响应。 ' });
    await cli.drafts.act('save', exec, { platform: 'x', text: 'Not sent yet' });
    await cli.close();
    expect(heard).toEqual([]);
    await host.refresh();
    expect(heard).toEqual([
      [
        expect.objectContaining({ kind: 'queued', draftId: draft.id, event: 'submitted', status: 'pending', actor: 'Zhang Wei', author: 'Zhang Wei', platform: 'weibo', excerpt: '谢谢客服团队 昨晚的快速响应。' }),
      ],
    ]);

    // This process decides: an edit alone is no decision, its approval is (awaiting the author's sign-off).
    await host.drafts.act('edit', reviewer, { id: draft.id, text: '感谢客服团队昨晚的快速响应。' });
    await host.drafts.act('approve', reviewer, { id: draft.id });
    expect(heard.slice(1)).toEqual([[expect.objectContaining({ kind: 'decided', event: 'approved', status: 'awaiting_author', actor: 'Li Na', author: 'Zhang Wei', excerpt: '感谢客服团队昨晚的快速响应。' })]]);
    // The author's own sign-off is no news to anyone.
    await host.drafts.act('sign_off', exec, { id: draft.id });
    expect(heard).toHaveLength(2);

    stop();
    await host.drafts.act('submit', exec, { platform: 'x', text: 'After stopping' });
    expect(heard).toHaveLength(2);
    await host.close();
  });

  it('each session hears only what concerns its profile, capped for a bulk import', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(ws);
    const heard: DraftNotification[] = [];
    watchNotifications(ws, (items) => heard.push(...items));
    const inputs = Array.from({ length: 30 }, (_, i) => ({ platform: 'x' as const, text: `Post ${i + 1}` }));
    const drafts = await ws.drafts.importDrafts(exec, inputs);
    await ws.drafts.act('reject', reviewer, { id: drafts[0]!.id, reason: 'Off message.' });
    expect(heard).toHaveLength(31);

    const forReviewer = batchForSession(ws, { profileName: 'Li Na' }, heard);
    expect(forReviewer?.total).toBe(30);
    expect(forReviewer?.items).toHaveLength(20);
    expect(forReviewer?.items.every((n) => n.kind === 'queued')).toBe(true);
    expect(batchForSession(ws, { profileName: 'Chen Admin' }, heard)?.total).toBe(30);
    expect(batchForSession(ws, { profileName: 'Zhang Wei' }, heard)).toEqual({ items: [expect.objectContaining({ event: 'rejected', actor: 'Li Na' })], total: 1 });
    expect(batchForSession(ws, { profileName: null }, heard)).toBeNull();
    await ws.close();
  });
});

describe('the journal tail', () => {
  it('starts at the last complete line, reads a half-written record once it is complete, and follows a cut file', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec } = seedProfiles(ws);
    await ws.drafts.act('submit', exec, { platform: 'x', text: 'Before the tail' });
    await ws.close();
    const file = path.join(dir, journalFileName);
    const record = (id: string) =>
      JSON.stringify({ type: 'submitted', draftId: id, at: '2025-01-02T03:04:05.000Z', actor: 'Zhang Wei', role: 'executive', status: 'pending', revision: 1, findings: [], text: 'Hi', draft: { platform: 'x', crisis: false } });
    const line = (id: string) => `${'f'.repeat(64)} ${record(id)}\n`;
    const whole = line('torn');
    fs.appendFileSync(file, whole.slice(0, 90));
    const tail = new JournalTail(file);
    expect(tail.readNew()).toEqual([]);
    fs.appendFileSync(file, whole.slice(90));
    expect(tail.readNew().map((r) => r.draftId)).toEqual(['torn']);
    expect(tail.readNew()).toEqual([]);
    // Not a record: skipped (the store reports the damage).
    fs.appendFileSync(file, `${'f'.repeat(64)} {"type":"nonsense"}\n`);
    expect(tail.readNew()).toEqual([]);
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 30);
    expect(tail.readNew()).toEqual([]);
    fs.appendFileSync(file, `\n${line('after')}`);
    expect(tail.readNew().map((r) => r.draftId)).toEqual(['after']);
  });
});
