import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { tempDir } from '../temp-dir';
import { openWorkstation, seedProfiles } from './open-workstation';

describe('the queue query in the core', () => {
  it('follows actions taken here and drafts another process appends', async () => {
    const dir = tempDir();
    let minute = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 9, minute++));
    const { ws } = await openWorkstation(dir, { clock });
    const { exec, reviewer } = seedProfiles(ws);
    const first = await ws.drafts.act('submit', exec, { platform: 'weibo', text: '第一条' });
    const second = await ws.drafts.act('submit', exec, { platform: 'x', text: 'Second one' });
    const crisis = await ws.drafts.act('submit', exec, { platform: 'x', text: 'A crisis', crisis: true });

    const window = { status: 'pending' as const, offset: 0, limit: 10 };
    expect((await ws.queue.query(window)).rows.map((r) => r.id)).toEqual([crisis.id, first.id, second.id]);

    await ws.drafts.act('approve', reviewer, { id: first.id });
    const afterApproval = await ws.queue.query({ ...window, selectedId: first.id });
    expect(afterApproval.rows.map((r) => r.id)).toEqual([crisis.id, second.id]);
    expect(afterApproval.counts).toMatchObject({ pending: 2, approved: 1 });
    expect(afterApproval.selectedIndex).toBeNull();

    // Another process (the CLI) submits: the next query sees it without a restart.
    const { ws: other } = await openWorkstation(dir, { clock });
    const late = await other.drafts.act('submit', other.profiles.require('Zhang Wei'), { platform: 'linkedin', text: 'Later' });
    await other.close();
    const afterOther = await ws.queue.query({ ...window, selectedId: late.id });
    expect(afterOther.rows.map((r) => r.id)).toEqual([crisis.id, second.id, late.id]);
    expect(afterOther.selectedIndex).toBe(2);
    expect((await ws.queue.query({ ...window, platform: 'x', search: 'second' })).rows.map((r) => r.id)).toEqual([second.id]);
    await ws.close();
  });

  it('is a channel whose payload is validated before the core sees it', async () => {
    const { ws } = await openWorkstation(tempDir());
    seedProfiles(ws);
    const handlers = createHandlers(ws);
    const good = await dispatch(handlers, 'queryQueue', { offset: 0, limit: 20 }, { profileName: 'Li Na' });
    expect(good).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    const bad = await dispatch(handlers, 'queryQueue', { offset: 0, limit: 100_000 }, { profileName: 'Li Na' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid', code: 'error.invalidRequest' } });
    await ws.close();
  });
});
