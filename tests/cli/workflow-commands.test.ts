import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Draft, DraftSummary } from '../../shared/model';
import { tempDir } from '../temp-dir';
import { cli } from './run-cli';


const exec = '张伟';
const reviewer = 'Li Na';
/** A mainland mobile number: an `error` finding (privacy.mobile-cn) under the built-in policy. */
const withPhone = '新品咨询请拨 13812345678，欢迎来电！';

async function seeded() {
  const dir = tempDir();
  expect((await cli(['profiles', 'add', '--name', exec, '--role', 'executive', '--data-dir', dir])).code).toBe(0);
  expect((await cli(['profiles', 'add', '--name', reviewer, '--role', 'reviewer', '--data-dir', dir])).code).toBe(0);
  expect((await cli(['profiles', 'add', '--name', 'Wang Fang', '--role', 'executive', '--data-dir', dir])).code).toBe(0);
  const run = async (args: string[]) => cli([...args, '--data-dir', dir]);
  /** Runs an action that must succeed and returns its `<id> <status>` line split. */
  const ok = async (args: string[]) => {
    const out = await run(args);
    expect(out.code, `${args.join(' ')}\n${out.stderr}`).toBe(0);
    expect(out.stdout).toMatch(/^[0-9a-f]{12} [a-z_]+\n$/);
    const [id, status] = out.stdout.trim().split(' ');
    return { id: id!, status: status! };
  };
  const submit = async (text: string, ...more: string[]) => (await ok(['submit', '--as', exec, '--platform', 'weibo', '--text', text, ...more])).id;
  const show = async (id: string): Promise<Draft> => {
    const out = await run(['show', id, '--format', 'json']);
    expect(out.code, out.stderr).toBe(0);
    return JSON.parse(out.stdout) as Draft;
  };
  return { dir, run, ok, submit, show };
}

describe('workflow commands', () => {
  it('round trip: submit → reviewer edit → approve (awaiting the author) → sign-off → publish, all on the record', async () => {
    const { run, ok, submit, show } = await seeded();
    const id = await submit('新品上线，感谢团队！', '--purpose', 'product', '--crisis');

    expect(await ok(['edit', id, '--as', reviewer, '--text', '新品今天上线，感谢团队的努力！', '--comment', '语气更完整'])).toEqual({ id, status: 'pending' });
    // The reviewer edited it, so approval waits for the author.
    expect(await ok(['approve', id, '--as', reviewer, '--comment', 'ok'])).toEqual({ id, status: 'awaiting_author' });
    // Only the author signs off.
    const byReviewer = await run(['sign-off', id, '--as', reviewer]);
    expect(byReviewer.code).toBe(1);
    expect(byReviewer.stderr).toMatch(/^countersign: Li Na .*may not sign off drafts/m);
    expect(await ok(['sign-off', id, '--as', exec, '--comment', '同意修改'])).toEqual({ id, status: 'approved' });
    // A minute from now, written in UTC+8: it must come back as the same instant in UTC.
    const when = new Date(Date.now() + 60_000);
    const inBeijing = new Date(when.getTime() + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    expect(await ok(['publish', id, '--as', exec, '--url', 'https://weibo.com/123/abc', '--at', inBeijing])).toEqual({
      id,
      status: 'published',
    });

    const draft = await show(id);
    expect(draft).toMatchObject({
      id,
      status: 'published',
      platform: 'weibo',
      purpose: 'product',
      crisis: true,
      author: exec,
      publishedAt: when.toISOString(),
      publishedUrl: 'https://weibo.com/123/abc',
    });
    expect(draft.revisions.map((r) => [r.number, r.author, r.text])).toEqual([
      [1, exec, '新品上线，感谢团队！'],
      [2, reviewer, '新品今天上线，感谢团队的努力！'],
    ]);
    expect(draft.events.map((e) => [e.type, e.actor, e.role, e.revision, e.status, e.comment])).toEqual([
      ['submitted', exec, 'executive', 1, 'pending', undefined],
      ['edited', reviewer, 'reviewer', 2, 'pending', '语气更完整'],
      ['approved', reviewer, 'reviewer', 2, 'awaiting_author', 'ok'],
      ['signed_off', exec, 'executive', 2, 'approved', '同意修改'],
      ['published', exec, 'executive', 2, 'published', undefined],
    ]);
    expect(draft.events.at(-1)).toMatchObject({ publishedAt: when.toISOString(), url: 'https://weibo.com/123/abc' });
    for (const e of draft.events) expect(Date.parse(e.at)).not.toBeNaN();

    const text = await run(['show', id]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(new RegExp(`^id: +${id}$`, 'm'));
    expect(text.stdout).toMatch(/^status: +published$/m);
    expect(text.stdout).toMatch(/^purpose: +product$/m);
    expect(text.stdout).toMatch(/^crisis: +yes$/m);
    expect(text.stdout).toMatch(/^url: +https:\/\/weibo\.com\/123\/abc$/m);
    expect(text.stdout).toContain(`Revision 2 by ${reviewer}`);
    expect(text.stdout).toContain('    新品今天上线，感谢团队的努力！');
    const history = text.stdout.slice(text.stdout.indexOf('History:'));
    expect(history.split('\n').filter((l) => /^\d{4}-/.test(l)).map((l) => l.split(/ {2}/).slice(1, 4))).toEqual([
      [`${exec} (executive)`, 'submitted', 'revision 1'],
      [`${reviewer} (reviewer)`, 'edited', 'revision 2'],
      [`${reviewer} (reviewer)`, 'approved', 'revision 2'],
      [`${exec} (executive)`, 'signed_off', 'revision 2'],
      [`${exec} (executive)`, 'published', 'revision 2'],
    ]);
    expect(history).toContain('comment: 语气更完整');
  });

  it('approving over an error finding needs --justify, and the override is recorded', async () => {
    const { run, ok, submit, show } = await seeded();
    // The same rules the core applies: the number is an `error` finding.
    const checked = await cli(['check', '--platform', 'weibo', '--format', 'json', '-'], { stdin: withPhone });
    expect(checked.code).toBe(1);
    expect(JSON.parse(checked.stdout).findings).toContainEqual(expect.objectContaining({ ruleId: 'privacy.mobile-cn', severity: 'error', match: '13812345678' }));
    const id = await submit(withPhone);

    const refused = await run(['approve', id, '--as', reviewer]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^countersign: 1 error finding\(s\) stand \(privacy\.mobile-cn\)/m);
    expect(refused.stdout).toBe('');
    expect((await show(id)).status).toBe('pending');

    const blank = await run(['approve', id, '--as', reviewer, '--justify', '   ']);
    expect(blank.code).toBe(1);

    expect(await ok(['approve', id, '--as', reviewer, '--justify', '客服热线，已获授权公开'])).toEqual({ id, status: 'approved' });
    const approved = (await show(id)).events.at(-1)!;
    expect(approved).toMatchObject({ type: 'approved', actor: reviewer, role: 'reviewer', revision: 1 });
    expect(approved.overrides).toEqual([
      { ruleId: 'privacy.mobile-cn', start: withPhone.indexOf('138'), end: withPhone.indexOf('138') + 11, match: '13812345678', justification: '客服热线，已获授权公开' },
    ]);
    const text = (await run(['show', id])).stdout;
    expect(text).toContain('override: privacy.mobile-cn');
    expect(text).toContain('justification: 客服热线，已获授权公开');
  });

  it('request-changes needs --comment and reject needs --reason (usage errors, exit 2)', async () => {
    const { run, ok, submit, show } = await seeded();
    const id = await submit('第一稿');

    const noComment = await run(['request-changes', id, '--as', reviewer]);
    expect(noComment.code).toBe(2);
    expect(noComment.stderr).toContain("required option '--comment <text>' not specified");
    const emptyComment = await run(['request-changes', id, '--as', reviewer, '--comment', '  ']);
    expect(emptyComment.code).toBe(2);
    expect(emptyComment.stderr).toContain('comment is required');
    const noReason = await run(['reject', id, '--as', reviewer]);
    expect(noReason.code).toBe(2);
    expect(noReason.stderr).toContain("required option '--reason <text>' not specified");
    expect((await show(id)).events).toHaveLength(1);

    expect(await ok(['request-changes', id, '--as', reviewer, '--comment', '请补充发布时间'])).toEqual({ id, status: 'changes_requested' });
    expect(await ok(['resubmit', id, '--as', exec, '--text', '第二稿：六月一日发布', '--comment', '已补充'])).toEqual({ id, status: 'pending' });
    expect(await ok(['reject', id, '--as', reviewer, '--reason', '时机不对'])).toEqual({ id, status: 'rejected' });
    const draft = await show(id);
    expect(draft.revisions.map((r) => r.text)).toEqual(['第一稿', '第二稿：六月一日发布']);
    expect(draft.events.map((e) => [e.type, e.revision, e.comment])).toEqual([
      ['submitted', 1, undefined],
      ['changes_requested', 1, '请补充发布时间'],
      ['resubmitted', 2, '已补充'],
      ['rejected', 2, '时机不对'],
    ]);
    const again = await run(['approve', id, '--as', reviewer]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('You cannot approve a draft that is “Rejected”');
  });

  it('withdraw, comment, resubmit without new text, edit from a file, save, and who may do what', async () => {
    const { dir, run, ok, submit, show } = await seeded();
    const saved = await ok(['submit', '--as', exec, '--platform', 'linkedin', '--text', 'Saved for later', '--save']);
    expect(saved.status).toBe('draft');
    expect((await show(saved.id)).waitingSince).toBeNull();

    const id = await submit('需要撤回的稿件');
    const notAuthor = await run(['withdraw', id, '--as', 'Wang Fang']);
    expect(notAuthor.code).toBe(1);
    expect(notAuthor.stderr).toContain('did not write this draft');
    const ownEdit = await run(['edit', id, '--as', exec, '--text', 'x']);
    expect(ownEdit.code).toBe(1);
    expect(await ok(['comment', id, '--as', reviewer, '--text', '看一下'])).toEqual({ id, status: 'pending' });
    expect(await ok(['withdraw', id, '--as', exec, '--comment', '不发了'])).toEqual({ id, status: 'withdrawn' });
    expect((await show(id)).events.map((e) => [e.type, e.actor, e.comment])).toEqual([
      ['submitted', exec, undefined],
      ['commented', reviewer, '看一下'],
      ['withdrawn', exec, '不发了'],
    ]);

    const second = await submit('原文');
    const file = path.join(dir, 'edit.txt');
    fs.writeFileSync(file, '\uFEFF改过的文本');
    expect(await ok(['edit', second, '--as', reviewer, '--text-file', file])).toEqual({ id: second, status: 'pending' });
    const unchanged = await run(['edit', second, '--as', reviewer, '--text', '改过的文本']);
    expect(unchanged.code).toBe(2);
    expect(unchanged.stderr).toContain('same as the current revision');
    const noText = await run(['edit', second, '--as', reviewer]);
    expect(noText.code).toBe(2);
    expect(noText.stderr).toContain('exactly one of --text TEXT or --text-file FILE');
    expect(await ok(['approve', second, '--as', reviewer])).toEqual({ id: second, status: 'awaiting_author' });
    // Resubmitting without text keeps the reviewer's revision.
    expect(await ok(['resubmit', second, '--as', exec])).toEqual({ id: second, status: 'pending' });
    const draft = await show(second);
    expect(draft.revisions).toHaveLength(2);
    expect(draft.events.at(-1)).toMatchObject({ type: 'resubmitted', revision: 2 });
    const both = await run(['resubmit', second, '--as', exec, '--text', 'a', '--text-file', file]);
    expect(both.code).toBe(2);
  });

  it('publish: --at must be a time, the URL must be a web address, and --at defaults to now', async () => {
    const { run, ok, submit, show } = await seeded();
    const id = await submit('上线公告');
    await ok(['approve', id, '--as', reviewer]);
    const badTime = await run(['publish', id, '--as', exec, '--at', 'next tuesday']);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--at must be a date and time');
    expect(badTime.stderr).toContain('next tuesday');
    const badUrl = await run(['publish', id, '--as', exec, '--url', 'javascript:alert(1)']);
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain('is not a web address');
    expect((await show(id)).status).toBe('approved');

    const before = Date.now();
    expect(await ok(['publish', id, '--as', reviewer])).toEqual({ id, status: 'published' });
    const published = Date.parse((await show(id)).publishedAt!);
    expect(published).toBeGreaterThanOrEqual(before - 1_000);
    expect(published).toBeLessThanOrEqual(Date.now() + 1_000);
  });

  it('submit --purpose and --crisis; list --author; show of an unknown id', async () => {
    const { run, ok, submit } = await seeded();
    const a = await submit('张伟的稿件', '--purpose', 'customer-service');
    const b = (await ok(['submit', '--as', 'Wang Fang', '--platform', 'x', '--text', 'Wang Fang here', '--crisis'])).id;
    const list = async (...args: string[]) => JSON.parse((await run(['list', '--format', 'json', ...args])).stdout) as DraftSummary[];
    expect((await list('--author', exec)).map((d) => [d.id, d.purpose, d.crisis])).toEqual([[a, 'customer-service', false]]);
    expect((await list('--author', 'Wang Fang')).map((d) => [d.id, d.purpose, d.crisis])).toEqual([[b, undefined, true]]);
    expect(await list('--author', 'Wang Fang', '--status', 'approved')).toEqual([]);
    expect(await list('--author', 'Nobody')).toEqual([]);

    const badPurpose = await run(['submit', '--as', exec, '--platform', 'x', '--text', 'x', '--purpose', 'fun']);
    expect(badPurpose.code).toBe(2);
    expect(badPurpose.stderr).toContain("argument 'fun' is invalid");
    const unknown = await run(['show', 'nope']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no draft with id “nope”');
    const badFormat = await run(['show', a, '--format', 'yaml']);
    expect(badFormat.code).toBe(2);
  });

  it('has --help with --data-dir on every new command', async () => {
    const commands = ['import', 'show', 'withdraw', 'edit', 'request-changes', 'reject', 'approve', 'sign-off', 'resubmit', 'publish', 'comment'];
    for (const command of commands) {
      const out = await cli([command, '--help']);
      expect(out.code, command).toBe(0);
      expect(out.stdout, command).toMatch(new RegExp(`^Usage: countersign ${command} `));
      expect(out.stdout, command).toContain('--data-dir');
    }
    expect((await cli(['approve', '--help'])).stdout).toContain('--justify <text>');
    expect((await cli(['submit', '--help'])).stdout).toMatch(/--purpose <purpose>[\s\S]*--crisis[\s\S]*--save/);
  });
});
