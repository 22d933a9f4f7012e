import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { tempDir } from '../temp-dir';
import { openWorkstation, seedProfiles } from './open-workstation';

describe('the queue query in the core', () => {
  it('follows actions taken here and drafts another process appends', () => {
    const dir = tempDir();
    let minute = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 9, minute++));
    const { ws } = openWorkstation(dir, { clock });
    const { exec, reviewer } = seedProfiles(ws);
    const first = ws.submitDraft(exec, { platform: 'weibo', text: '第一条' });
    const second = ws.submitDraft(exec, { platform: 'x', text: 'Second one' });
    const crisis = ws.submitDraft(exec, { platform: 'x', text: 'A crisis', crisis: true });

    const window = { status: 'pending' as const, offset: 0, limit: 10 };
    expect(ws.queryQueue(window).rows.map((r) => r.id)).toEqual([crisis.id, first.id, second.id]);

    ws.approveDraft(reviewer, { id: first.id });
    const afterApproval = ws.queryQueue({ ...window, selectedId: first.id });
    expect(afterApproval.rows.map((r) => r.id)).toEqual([crisis.id, second.id]);
    expect(afterApproval.counts).toMatchObject({ pending: 2, approved: 1 });
    expect(afterApproval.selectedIndex).toBeNull();

    // Another process (the CLI) submits: the next query sees it without a restart.
    const { ws: other } = openWorkstation(dir, { clock });
    const late = other.submitDraft(other.requireProfile('Zhang Wei'), { platform: 'linkedin', text: 'Later' });
    other.close();
    const afterOther = ws.queryQueue({ ...window, selectedId: late.id });
    expect(afterOther.rows.map((r) => r.id)).toEqual([crisis.id, second.id, late.id]);
    expect(afterOther.selectedIndex).toBe(2);
    expect(ws.queryQueue({ ...window, platform: 'x', search: 'second' }).rows.map((r) => r.id)).toEqual([second.id]);
    ws.close();
  });

  it('is a channel whose payload is validated before the core sees it', () => {
    const { ws } = openWorkstation(tempDir());
    seedProfiles(ws);
    const handlers = createHandlers(ws);
    const good = dispatch(handlers, 'queryQueue', { offset: 0, limit: 20 }, { profileName: 'Li Na' });
    expect(good).toMatchObject({ ok: true, value: { total: 0, rows: [] } });
    const bad = dispatch(handlers, 'queryQueue', { offset: 0, limit: 100_000 }, { profileName: 'Li Na' });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid', code: 'error.invalidRequest' } });
    ws.close();
  });
});
