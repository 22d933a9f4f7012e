import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract';
import type { DraftStatus, DraftSummary, Platform, Purpose } from '../../shared/model';
import { byUrgency, latestFirst, queueOrder } from '../../shared/queue-order';
import { maxQueueSearchLength, maxQueueWindow, type QueueQuery } from '../../shared/queue-query';
import { firstLine, QueueIndex, toQueueRow } from '../../electron/core/queue-index';

let serial = 0;
/** A summary with defaults; `at` is a minute offset from a fixed day, so times order as numbers do. */
function draft(over: Partial<DraftSummary> & { at?: number } = {}): DraftSummary {
  serial += 1;
  const { at = serial, ...rest } = over;
  const time = new Date(Date.UTC(2026, 0, 1, 0, at)).toISOString();
  return {
    id: `d${String(serial).padStart(11, '0')}`,
    platform: 'weibo',
    crisis: false,
    author: 'Zhang Wei',
    status: 'pending',
    createdAt: time,
    updatedAt: time,
    waitingSince: time,
    revision: 1,
    revisionAuthor: over.author ?? 'Zhang Wei',
    text: `Draft number ${serial}`,
    findingCounts: { error: 0, warning: 0, info: 0 },
    ...rest,
  };
}

const ids = (page: { rows: { id: string }[] }) => page.rows.map((r) => r.id);
const all = (over: Partial<QueueQuery> = {}): QueueQuery => ({ offset: 0, limit: maxQueueWindow, ...over });

describe('queue order', () => {
  it('puts crises first, then the longest waiting, then by id', async () => {
    const late = draft({ at: 30 });
    const early = draft({ at: 10 });
    const crisisLate = draft({ at: 40, crisis: true });
    const crisisEarly = draft({ at: 20, crisis: true });
    // Resubmitted: waits from its last entry into the queue, not from its creation.
    const resubmitted = draft({ at: 1, waitingSince: new Date(Date.UTC(2026, 0, 1, 0, 35)).toISOString() });
    const sameTimeB = { ...draft({ at: 50 }), id: 'b00000000000' };
    const sameTimeA = { ...draft({ at: 50 }), id: 'a00000000000' };
    const order = queueOrder([late, sameTimeB, resubmitted, crisisLate, early, sameTimeA, crisisEarly], 'pending').map((d) => d.id);
    expect(order).toEqual([crisisEarly.id, crisisLate.id, early.id, late.id, resubmitted.id, sameTimeA.id, sameTimeB.id]);
  });

  it('shows decided drafts most recently changed first, and only the asked status', async () => {
    const older = draft({ status: 'approved', at: 5 });
    const newer = draft({ status: 'approved', at: 9 });
    const pending = draft({ at: 1 });
    expect(queueOrder([older, pending, newer], 'approved').map((d) => d.id)).toEqual([newer.id, older.id]);
    expect(latestFirst([older, pending, newer]).map((d) => d.id)).toEqual([newer.id, older.id, pending.id]);
  });

  it('uses the creation time for a draft that never entered the queue', async () => {
    const saved = draft({ status: 'draft', at: 3, waitingSince: null });
    const waiting = draft({ at: 4 });
    expect([waiting, saved].sort(byUrgency).map((d) => d.id)).toEqual([saved.id, waiting.id]);
  });
});

describe('queue query', async () => {
  const statuses: DraftStatus[] = ['pending', 'pending', 'pending', 'approved', 'rejected'];
  const platforms: Platform[] = ['weibo', 'x', 'linkedin'];
  const purposes: (Purpose | undefined)[] = [undefined, 'image', 'product', 'customer-service'];
  const authors = ['Zhang Wei', '王芳', 'Alice'];
  const texts = ['Visited the WAREHOUSE in Chengdu.', '感谢客服团队的耐心。', '這次颱風期間，台南門市的同仁主動留守。', 'Thanks to the warehouse team!'];
  // 60 drafts cycling through every combination that matters.
  const drafts = Array.from({ length: 60 }, (_, i) =>
    draft({
      at: 1000 - i,
      status: statuses[i % statuses.length]!,
      platform: platforms[i % 3]!,
      purpose: purposes[i % 4],
      author: authors[i % 3]!,
      crisis: i % 7 === 0,
      text: texts[i % 4]!,
    }),
  );
  const index = await QueueIndex.build(drafts);
  const expected = (keep: (d: DraftSummary) => boolean, status: DraftStatus = 'pending') => queueOrder(drafts.filter(keep), status).map((d) => d.id);

  it('returns a status in working order with the total and the counts of every status', async () => {
    const page = index.query(all({ status: 'pending' }));
    expect(ids(page)).toEqual(expected(() => true));
    expect(page.total).toBe(36);
    expect(page.counts).toEqual({ draft: 0, pending: 36, changes_requested: 0, awaiting_author: 0, approved: 12, rejected: 12, withdrawn: 0, published: 0 });
    expect(page.authors).toEqual(['Alice', 'Zhang Wei', '王芳']);
    expect(ids(index.query(all({ status: 'approved' })))).toEqual(expected(() => true, 'approved'));
  });

  it('without a status returns every draft, crises first', async () => {
    const page = index.query(all());
    expect(page.total).toBe(60);
    expect(page.rows.slice(0, 9).every((r) => r.crisis)).toBe(true);
    expect(page.rows[9]?.crisis).toBe(false);
  });

  it('filters by platform, author, purpose and crisis, and counts each status under the same filters', async () => {
    const page = index.query(all({ status: 'pending', platform: 'x', author: '王芳' }));
    expect(ids(page)).toEqual(expected((d) => d.platform === 'x' && d.author === '王芳'));
    expect(page.total).toBeGreaterThan(0);
    expect(page.counts.approved).toBe(drafts.filter((d) => d.status === 'approved' && d.platform === 'x' && d.author === '王芳').length);
    expect(ids(index.query(all({ status: 'pending', purpose: 'product' })))).toEqual(expected((d) => d.purpose === 'product'));
    expect(ids(index.query(all({ status: 'pending', crisis: true })))).toEqual(expected((d) => d.crisis));
    expect(ids(index.query(all({ status: 'pending', crisis: false })))).toEqual(expected((d) => !d.crisis));
    const none = index.query(all({ status: 'pending', author: 'Nobody' }));
    expect(none).toMatchObject({ total: 0, rows: [] });
    expect(Object.values(none.counts).every((n) => n === 0)).toBe(true);
  });

  it('searches the text as a substring, ignoring the case of Latin letters', async () => {
    const warehouse = expected((d) => /warehouse/i.test(d.text));
    expect(warehouse.length).toBeGreaterThan(0);
    expect(ids(index.query(all({ status: 'pending', search: 'warehouse' })))).toEqual(warehouse);
    expect(ids(index.query(all({ status: 'pending', search: '  WareHouse ' })))).toEqual(warehouse);
    expect(ids(index.query(all({ status: 'pending', search: '台南' })))).toEqual(expected((d) => d.text.includes('台南')));
    // A Traditional form finds only Traditional text.
    expect(index.query(all({ status: 'pending', search: '颱風' })).total).toBe(expected((d) => d.text.includes('颱風')).length);
    expect(index.query(all({ status: 'pending', search: '台风' })).total).toBe(0);
    expect(index.query(all({ search: 'warehouse x' })).total).toBe(0);
    // A blank search is no search.
    expect(index.query(all({ status: 'pending', search: '   ' })).total).toBe(36);
  });

  it('finds a draft by its whole id', async () => {
    const target = drafts[17]!;
    const page = index.query(all({ search: target.id.toUpperCase() }));
    expect(ids(page)).toEqual([target.id]);
    expect(index.query(all({ search: target.id.slice(0, 6) })).total).toBe(0);
  });

  it('returns the asked window and where the selected draft stands', async () => {
    const order = expected(() => true);
    const page = index.query({ status: 'pending', offset: 10, limit: 5, selectedId: order[12] });
    expect(ids(page)).toEqual(order.slice(10, 15));
    expect(page).toMatchObject({ total: 36, offset: 10, selectedIndex: 12 });
    expect(ids(index.query({ status: 'pending', offset: 34, limit: 5 }))).toEqual(order.slice(34));
    expect(index.query({ status: 'pending', offset: 40, limit: 5 }).rows).toEqual([]);
    expect(index.query({ status: 'pending', offset: 0, limit: 5, selectedId: 'missing' }).selectedIndex).toBeNull();
    // A draft filtered out has no place in the result.
    const approved = drafts.find((d) => d.status === 'approved')!;
    expect(index.query({ status: 'pending', offset: 0, limit: 5, selectedId: approved.id }).selectedIndex).toBeNull();
    // Never more than the most a window holds, whatever the caller asks.
    expect(index.query({ offset: 0, limit: 10_000 }).rows).toHaveLength(Math.min(60, maxQueueWindow));
  });

  it('answers from the kept result without being changed by what callers do with it', async () => {
    const first = index.query(all({ status: 'pending', platform: 'weibo' }));
    first.rows.length = 0;
    first.counts.pending = -1;
    first.authors.push('Mallory');
    const again = index.query(all({ status: 'pending', platform: 'weibo' }));
    expect(again.rows.length).toBe(again.total);
    expect(again.counts.pending).toBe(again.total);
    expect(again.authors).not.toContain('Mallory');
  });

  it('a row carries what the queue shows and the first line of the text', async () => {
    const d = draft({ text: '\n\n  First line  \nsecond line', purpose: 'image', crisis: true, findingCounts: { error: 1, warning: 2, info: 0 } });
    expect(toQueueRow(d)).toEqual({
      id: d.id,
      author: d.author,
      platform: 'weibo',
      purpose: 'image',
      crisis: true,
      status: 'pending',
      createdAt: d.createdAt,
      updatedAt: d.updatedAt,
      waitingSince: d.waitingSince,
      revision: 1,
      revisionAuthor: d.revisionAuthor,
      firstLine: 'First line',
      findingCounts: { error: 1, warning: 2, info: 0 },
    });
    expect(toQueueRow(draft()).purpose).toBeUndefined();
    expect(firstLine('a'.repeat(300))).toHaveLength(200);
    // Never cut between the halves of a surrogate pair.
    expect(firstLine(`${'a'.repeat(199)}😀 tail`)).toBe('a'.repeat(199));
    expect(firstLine('one\r\ntwo')).toBe('one');
  });
});

describe('queryQueue payload', () => {
  const schema = contract.queryQueue.request;
  const ok = { offset: 0, limit: 50 };

  it('accepts a full query', async () => {
    expect(
      schema.safeParse({ ...ok, status: 'pending', platform: 'x', author: 'Li Na', purpose: 'product', crisis: true, search: '客服', selectedId: 'abc' }).success,
    ).toBe(true);
  });

  it.each([
    ['no window', {}],
    ['a window over the maximum', { offset: 0, limit: maxQueueWindow + 1 }],
    ['an empty window', { offset: 0, limit: 0 }],
    ['a negative offset', { offset: -1, limit: 10 }],
    ['a fractional offset', { offset: 1.5, limit: 10 }],
    ['an offset that is a string', { offset: '0', limit: 10 }],
    ['an unknown status', { ...ok, status: 'lost' }],
    ['an unknown platform', { ...ok, platform: 'myspace' }],
    ['an unknown purpose', { ...ok, purpose: 'gossip' }],
    ['crisis as a string', { ...ok, crisis: 'yes' }],
    ['a search over the longest', { ...ok, search: 'a'.repeat(maxQueueSearchLength + 1) }],
    ['an empty author', { ...ok, author: '' }],
    ['an unknown field', { ...ok, sort: 'id' }],
  ])('refuses %s', (_what, payload) => {
    expect(schema.safeParse(payload).success).toBe(false);
  });

  it('refuses a payload that is not an object', async () => {
    expect(schema.safeParse(null).success).toBe(false);
    expect(schema.safeParse([ok]).success).toBe(false);
  });
});

describe('queue query, one query after another', () => {
  const texts = ['Our warehouse team', 'A ware of the week', 'Warehouses everywhere', '客服团队', 'software', 'Nothing here'];
  const drafts = Array.from({ length: 48 }, (_, i) =>
    draft({ at: 500 - i, platform: (['weibo', 'x', 'linkedin'] as const)[i % 3], author: i % 2 ? 'Alice' : 'Bob', text: texts[i % texts.length]!, status: i % 4 ? 'pending' : 'approved' }),
  );
  const fresh = async (q: QueueQuery) => (await QueueIndex.build(drafts)).query(q);

  it('gives the same answers as a fresh index while a search is typed, widened and combined with filters', async () => {
    const index = await QueueIndex.build(drafts);
    const steps: QueueQuery[] = [
      all({ status: 'pending', search: 'w' }),
      all({ status: 'pending', search: 'wa' }),
      all({ status: 'pending', search: 'ware' }),
      all({ status: 'pending', search: 'warehouse' }),
      all({ status: 'approved', search: 'warehouse' }),
      all({ status: 'approved', search: 'ware' }),
      all({ status: 'pending', search: 'ware', platform: 'x' }),
      all({ status: 'pending', search: 'ware', platform: 'x', author: 'Alice' }),
      all({ status: 'pending', search: 'ware', author: 'Alice' }),
      all({ status: 'pending', search: 'software', author: 'Alice' }),
      all({ status: 'pending' }),
      all({ search: 'ware' }),
    ];
    for (const step of steps) {
      const got = index.query(step);
      const want = await fresh(step);
      expect(ids(got), JSON.stringify(step)).toEqual(ids(want));
      expect(got.counts, JSON.stringify(step)).toEqual(want.counts);
    }
    // The steps are not vacuous: the search narrowed and widened again.
    expect(index.query(all({ status: 'pending', search: 'warehouse' })).total).toBeLessThan(index.query(all({ status: 'pending', search: 'ware' })).total);
  });
});
