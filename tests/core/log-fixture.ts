import type { Workstation } from '../../electron/core/workstation';
import type { Platform, Profile } from '../../shared/model';
import { tempDir } from '../temp-dir';
import { openWorkstation, seedProfiles } from './open-workstation';

/** Texts that would break a careless CSV or HTML writer, or run as a spreadsheet formula. */
export const awkward = {
  chinese: '新品发布会圆满结束，感谢大家！「品质」与"信任"，逗号, 还有\r\n换行\n和第三行',
  hyperlink: '=HYPERLINK("http://evil.example","点这里")',
  plus: '+1 great launch',
  minus: '-2 points down',
  at: '@SUM(A1:A9) is not a formula',
  tab: '\tstarts with a tab',
  cr: '\rstarts with a carriage return',
  xss: 'Look <img src=x onerror=alert(1)> & "quotes"',
} as const;

export interface LogFixture {
  dir: string;
  ws: Workstation;
  exec: Profile;
  other: Profile;
  reviewer: Profile;
  admin: Profile;
  /** Ids in the order they reached the journal, by name. */
  ids: Record<string, string>;
}

/**
 * A small known log: posts approved on the boundaries of October, November
 * and December 2026 (UTC), on every platform, by two authors, approved by a
 * reviewer and an admin, one published, one with an override; plus a pending
 * and a rejected draft that the log must leave out.
 */
export async function logFixture(options: { snapshotEvery?: number } = {}): Promise<LogFixture> {
  const dir = tempDir();
  let now = Date.UTC(2026, 9, 1);
  const { ws } = await openWorkstation(dir, { clock: () => new Date(now), ...options });
  const { exec, reviewer, admin } = seedProfiles(ws);
  const other = ws.profiles.add({ name: 'Wang Fang', role: 'executive' }, 'terminal');
  const at = (iso: string) => (now = Date.parse(iso));
  const ids: Record<string, string> = {};
  const post = async (name: string, author: Profile, platform: Platform, text: string, submitted: string, approved: string, approver = reviewer) => {
    at(submitted);
    const id = (await ws.drafts.act('submit', author, { platform, text, purpose: 'product' })).id;
    at(approved);
    await ws.drafts.act('approve', approver, { id, justification: 'checked with legal' });
    ids[name] = id;
    return id;
  };
  await post('chinese', exec, 'weibo', awkward.chinese, '2026-10-31T20:00:00.000Z', '2026-10-31T23:59:59.000Z');
  await post('hyperlink', exec, 'x', awkward.hyperlink, '2026-10-31T23:00:00.000Z', '2026-11-01T00:00:00.000Z');
  await post('plus', other, 'linkedin', awkward.plus, '2026-11-02T09:00:00.000Z', '2026-11-02T09:10:00.000Z', admin);
  await post('minus', exec, 'weibo', awkward.minus, '2026-11-03T09:00:00.000Z', '2026-11-03T09:30:00.000Z');
  await post('at', other, 'x', awkward.at, '2026-11-10T09:00:00.000Z', '2026-11-10T10:00:00.000Z');
  await post('tab', exec, 'linkedin', awkward.tab, '2026-11-20T09:00:00.000Z', '2026-11-20T09:01:00.000Z');
  await post('cr', exec, 'weibo', awkward.cr, '2026-11-30T23:00:00.000Z', '2026-11-30T23:59:59.000Z');
  // A mainland mobile number is an `error` finding: approving it records an override.
  await post('phone', other, 'weibo', '请拨打 13812345678 咨询', '2026-12-01T00:00:00.000Z', '2026-12-01T00:02:00.000Z', admin);
  await post('xss', exec, 'x', awkward.xss, '2026-12-05T09:00:00.000Z', '2026-12-05T09:05:00.000Z');
  at('2026-12-06T09:00:00.000Z');
  await ws.drafts.act('publish', exec, { id: ids.hyperlink!, url: 'https://x.com/zhang/status/1', publishedAt: '2026-11-01T08:00:00.000Z' });
  at('2026-12-07T09:00:00.000Z');
  ids.pending = (await ws.drafts.act('submit', exec, { platform: 'weibo', text: '还在排队' })).id;
  const rejected = (await ws.drafts.act('submit', other, { platform: 'x', text: 'Not this one' })).id;
  await ws.drafts.act('reject', reviewer, { id: rejected, reason: 'off message' });
  ids.rejected = rejected;
  return { dir, ws, exec, other, reviewer, admin, ids };
}

/** The approved and published posts of the fixture, in journal order. */
export const logOrder = ['chinese', 'hyperlink', 'plus', 'minus', 'at', 'tab', 'cr', 'phone', 'xss'] as const;
