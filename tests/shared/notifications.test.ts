import { describe, expect, it } from 'vitest';
import type { JournalRecord } from '../../electron/core/store/journal-records';
import { batchFor, concerns, notificationFor, notificationText, waitsFor, type DraftNotification } from '../../shared/notifications';

const draft = { author: 'Zhang Wei', platform: 'weibo' as const, crisis: false, text: 'Text in force' };
const record = (type: JournalRecord['type'], status: JournalRecord['status'], actor = 'Li Na'): JournalRecord => ({
  type,
  draftId: 'd1',
  at: '2025-03-01T08:00:00.000Z',
  actor,
  role: actor === 'Zhang Wei' ? 'executive' : 'reviewer',
  status,
  revision: 1,
  findings: [],
});

describe('notifications', () => {
  it('come from entering the queue and from a reviewer\'s decision, nothing else', () => {
    const raised = (r: JournalRecord) => notificationFor(r, draft)?.kind ?? null;
    expect(raised(record('submitted', 'pending', 'Zhang Wei'))).toBe('queued');
    expect(raised(record('resubmitted', 'pending', 'Zhang Wei'))).toBe('queued');
    expect(raised(record('saved', 'draft', 'Zhang Wei'))).toBeNull();
    expect(raised(record('approved', 'approved'))).toBe('decided');
    expect(raised(record('approved', 'awaiting_author'))).toBe('decided');
    expect(raised(record('changes_requested', 'changes_requested'))).toBe('decided');
    expect(raised(record('rejected', 'rejected'))).toBe('decided');
    for (const type of ['edited', 'withdrawn', 'commented', 'published', 'signed_off'] as const) expect(raised(record(type, 'pending'))).toBeNull();
  });

  it('concern reviewers and admins (queue) or the draft\'s author (decisions)', () => {
    const queued = notificationFor(record('submitted', 'pending', 'Zhang Wei'), draft)!;
    const decided = notificationFor(record('rejected', 'rejected'), draft)!;
    const people = { exec: { name: 'Zhang Wei', role: 'executive' }, other: { name: 'Wu', role: 'executive' }, reviewer: { name: 'Li Na', role: 'reviewer' }, admin: { name: 'Chen', role: 'admin' } } as const;
    expect(Object.values(people).map((p) => concerns(queued, p))).toEqual([false, false, true, true]);
    expect(Object.values(people).map((p) => concerns(decided, p))).toEqual([true, false, false, false]);
    expect(batchFor([queued, decided], people.reviewer)).toEqual({ items: [queued], total: 1 });
    expect(batchFor([queued], people.exec)).toBeNull();
  });

  it('read as a sentence in each language, and as a count when there are several', () => {
    const n: DraftNotification = { ...notificationFor(record('approved', 'awaiting_author'), draft)!, crisis: true };
    expect(notificationText('en', { items: [n], total: 1 })).toEqual({
      title: 'Crisis · Decision on your draft',
      body: 'Li Na edited and approved your draft; it needs your sign-off: “Text in force”',
    });
    expect(notificationText('zh-Hans', { items: [n], total: 1 }).body).toBe('Li Na 修改并批准了你的草稿，需要你确认：“Text in force”');
    const q = notificationFor(record('submitted', 'pending', 'Zhang Wei'), draft)!;
    expect(notificationText('zh-Hant', { items: [q], total: 1 })).toEqual({ title: '有新草稿待審核', body: 'Zhang Wei 提交了一篇微博草稿：「Text in force」' });
    expect(notificationText('en', { items: [q, q], total: 1200 }).body).toBe('1,200 updates need your attention.');
  });

  it('shorten the text to one line of at most 80 characters', () => {
    const long = notificationFor({ ...record('submitted', 'pending', 'Zhang Wei'), text: `第一行\n${'长'.repeat(200)}` }, draft)!;
    expect(long.excerpt).toHaveLength(80);
    expect(long.excerpt.startsWith('第一行 长')).toBe(true);
    expect(long.excerpt.endsWith('…')).toBe(true);
  });

  it('the waiting count: pending drafts for reviewers, sent back or awaiting sign-off for their author', () => {
    const reviewer = { name: 'Li Na', role: 'reviewer' } as const;
    const exec = { name: 'Zhang Wei', role: 'executive' } as const;
    const statuses = ['draft', 'pending', 'changes_requested', 'awaiting_author', 'approved', 'rejected'] as const;
    expect(statuses.filter((status) => waitsFor({ status, author: 'Zhang Wei' }, reviewer))).toEqual(['pending']);
    expect(statuses.filter((status) => waitsFor({ status, author: 'Zhang Wei' }, exec))).toEqual(['changes_requested', 'awaiting_author']);
    expect(statuses.filter((status) => waitsFor({ status, author: 'Wu' }, exec))).toEqual([]);
  });
});
