import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalFileName } from '../../electron/core/store/journal-file';
import { tempDir } from '../temp-dir';
import { errorOf, openWorkstation, seedProfiles } from './open-workstation';

// A mainland mobile number is a privacy `error` finding in the built-in policy.
const withPhone = '有问题请直接打我手机 13812345678';

async function setup() {
  const dir = tempDir();
  let tick = 0;
  const { ws } = await openWorkstation(dir, { clock: () => new Date(Date.UTC(2026, 10, 1, 9, 0, tick++)) });
  return { dir, ws, ...seedProfiles(ws) };
}

describe('the full workflow in the core', () => {
  it('request changes → resubmit → reviewer edit → approve waits for the author → sign off → publish, all on the record', async () => {
    const { dir, ws, exec, reviewer } = await setup();
    const d = await ws.drafts.act('submit', exec, { platform: 'weibo', text: '新品下周发布，敬请期待', purpose: 'product', crisis: true });
    expect(d).toMatchObject({ status: 'pending', purpose: 'product', crisis: true, revision: 1, waitingSince: d.createdAt });

    expect((await ws.drafts.act('request_changes', reviewer, { id: d.id, comment: ' 请去掉日期 ' })).status).toBe('changes_requested');
    const resubmitted = await ws.drafts.act('resubmit', exec, { id: d.id, text: '新品即将发布，敬请期待' });
    expect(resubmitted).toMatchObject({ status: 'pending', revision: 2, revisionAuthor: exec.name });
    expect(resubmitted.waitingSince).not.toBe(d.waitingSince);

    expect(await ws.drafts.act('edit', reviewer, { id: d.id, text: '新品即将发布，敬请关注。' })).toMatchObject({ status: 'pending', revision: 3, revisionAuthor: reviewer.name });
    expect((await ws.drafts.act('approve', reviewer, { id: d.id })).status).toBe('awaiting_author');
    expect((await ws.drafts.act('sign_off', exec, { id: d.id })).status).toBe('approved');
    const published = await ws.drafts.act('publish', exec, { id: d.id, url: 'https://weibo.com/1234/abc', publishedAt: '2026-11-01T09:00:30.000Z' });
    expect(published).toMatchObject({ status: 'published', publishedAt: '2026-11-01T09:00:30.000Z', publishedUrl: 'https://weibo.com/1234/abc' });
    expect((await ws.drafts.act('comment', reviewer, { id: d.id, text: '发得好' })).status).toBe('published');
    await ws.close();

    const { ws: again } = await openWorkstation(dir);
    const draft = await again.drafts.get(d.id);
    expect(draft.events.map((e) => [e.type, e.actor, e.role, e.revision, e.status, e.comment])).toEqual([
      ['submitted', exec.name, 'executive', 1, 'pending', undefined],
      ['changes_requested', reviewer.name, 'reviewer', 1, 'changes_requested', '请去掉日期'],
      ['resubmitted', exec.name, 'executive', 2, 'pending', undefined],
      ['edited', reviewer.name, 'reviewer', 3, 'pending', undefined],
      ['approved', reviewer.name, 'reviewer', 3, 'awaiting_author', undefined],
      ['signed_off', exec.name, 'executive', 3, 'approved', undefined],
      ['published', exec.name, 'executive', 3, 'published', undefined],
      ['commented', reviewer.name, 'reviewer', 3, 'published', '发得好'],
    ]);
    expect(draft.revisions.map((r) => [r.number, r.author, r.text])).toEqual([
      [1, exec.name, '新品下周发布，敬请期待'],
      [2, exec.name, '新品即将发布，敬请期待'],
      [3, reviewer.name, '新品即将发布，敬请关注。'],
    ]);
    expect(draft.events[6]).toMatchObject({ publishedAt: '2026-11-01T09:00:30.000Z', url: 'https://weibo.com/1234/abc' });
    expect((await again.drafts.list())[0]).toEqual(expect.objectContaining({ status: 'published', revision: 3, text: '新品即将发布，敬请关注。' }));
    await again.close();
  });

  it('with authorSignOffOnEdits off, approving an edited draft approves it', async () => {
    const { ws, exec, reviewer, admin } = await setup();
    ws.policy.set(admin, { extends: 'default', workflow: { authorSignOffOnEdits: false } });
    const d = await ws.drafts.act('submit', exec, { platform: 'x', text: 'Shipping next week.' });
    await ws.drafts.act('edit', reviewer, { id: d.id, text: 'Shipping soon.' });
    expect((await ws.drafts.act('approve', reviewer, { id: d.id })).status).toBe('approved');
    await ws.close();
  });

  it('approve is refused while an error finding stands, and each justification is recorded against its finding', async () => {
    const { dir, ws, exec, reviewer } = await setup();
    const d = await ws.drafts.act('submit', exec, { platform: 'weibo', text: withPhone });
    expect(d.findingCounts.error).toBe(1);
    const file = path.join(dir, journalFileName);
    const before = fs.readFileSync(file);
    const refused = await errorOf(() => ws.drafts.act('approve', reviewer, { id: d.id }));
    expect(refused.code).toBe('error.unjustifiedErrors');
    expect(refused.message).toContain('privacy.');
    expect((await errorOf(() => ws.drafts.act('approve', reviewer, { id: d.id, justification: '   ' }))).code).toBe('error.unjustifiedErrors');
    expect((await errorOf(() => ws.drafts.act('approve', reviewer, { id: d.id, overrides: [{ ruleId: 'privacy.other', start: 0, justification: 'x' }] }))).code).toBe(
      'error.unjustifiedErrors',
    );
    expect(fs.readFileSync(file)).toEqual(before);

    const finding = (await ws.drafts.get(d.id)).revisions[0]!.findings.find((f) => f.severity === 'error')!;
    const approved = await ws.drafts.act('approve', reviewer, {
      id: d.id,
      overrides: [{ ruleId: finding.ruleId, start: finding.start, justification: '这是公司客服热线，已公开' }],
    });
    expect(approved.status).toBe('approved');
    const event = (await ws.drafts.get(d.id)).events.at(-1)!;
    expect(event.overrides).toEqual([
      { ruleId: finding.ruleId, start: finding.start, end: finding.end, match: '13812345678', justification: '这是公司客服热线，已公开' },
    ]);
    expect(event.findings.some((f) => f.severity === 'error')).toBe(true);
    await ws.close();
  });

  it('withdraw, reject and save/submit of a kept draft', async () => {
    const { ws, exec, reviewer } = await setup();
    const saved = await ws.drafts.act('save', exec, { platform: 'linkedin', text: 'Draft for later' });
    expect(saved).toMatchObject({ status: 'draft', waitingSince: null });
    expect(await ws.drafts.list({ status: 'pending' })).toEqual([]);
    const submitted = await ws.drafts.act('submit', exec, { id: saved.id, text: 'Draft for now' });
    expect(submitted).toMatchObject({ status: 'pending', revision: 2 });
    expect((await ws.drafts.act('withdraw', exec, { id: saved.id, comment: 'not needed' })).status).toBe('withdrawn');

    const other = await ws.drafts.act('submit', exec, { platform: 'x', text: 'Hello' });
    expect((await errorOf(() => ws.drafts.act('reject', reviewer, { id: other.id, reason: '' }))).code).toBe('error.noteRequired');
    expect((await ws.drafts.act('reject', reviewer, { id: other.id, reason: 'Off-message' })).status).toBe('rejected');
    expect((await errorOf(() => ws.drafts.act('withdraw', exec, { id: other.id }))).code).toBe('error.statusNotAllowed');
    expect((await ws.drafts.get(other.id)).events.at(-1)).toMatchObject({ type: 'rejected', comment: 'Off-message' });
    await ws.close();
  });

  it('bad input is refused with a reason and writes nothing', async () => {
    const { dir, ws, exec, reviewer } = await setup();
    const d = await ws.drafts.act('submit', exec, { platform: 'x', text: 'Hello world' });
    const file = path.join(dir, journalFileName);
    const before = fs.readFileSync(file);
    expect((await errorOf(() => ws.drafts.act('edit', reviewer, { id: d.id, text: 'Hello world' }))).code).toBe('error.editUnchanged');
    expect((await errorOf(() => ws.drafts.act('edit', reviewer, { id: d.id, text: 'bad\u0000' }))).code).toBe('error.textControl');
    expect((await errorOf(() => ws.drafts.act('edit', reviewer, { id: d.id, text: 'x'.repeat(20_001) }))).code).toBe('error.textTooLong');
    expect((await errorOf(() => ws.drafts.act('request_changes', reviewer, { id: d.id, comment: ' \n ' }))).code).toBe('error.noteRequired');
    expect((await errorOf(() => ws.drafts.act('request_changes', reviewer, { id: d.id, comment: 'a\u001bb' }))).code).toBe('error.textControl');
    expect((await errorOf(() => ws.drafts.act('comment', exec, { id: d.id, text: 'x'.repeat(4_001) }))).code).toBe('error.noteTooLong');
    expect((await errorOf(() => ws.drafts.act('edit', exec, { id: d.id, text: 'mine' }))).code).toBe('error.roleNotAllowed');
    expect((await errorOf(() => ws.drafts.act('sign_off', exec, { id: d.id }))).code).toBe('error.statusNotAllowed');
    expect((await errorOf(() => ws.drafts.act('withdraw', exec, { id: 'missing' }))).kind).toBe('not_found');
    await ws.drafts.act('approve', reviewer, { id: d.id });
    const approved = fs.readFileSync(file);
    expect((await errorOf(() => ws.drafts.act('publish', exec, { id: d.id, url: 'javascript:alert(1)' }))).code).toBe('error.urlInvalid');
    expect((await errorOf(() => ws.drafts.act('publish', exec, { id: d.id, url: 'not a url' }))).code).toBe('error.urlInvalid');
    expect((await errorOf(() => ws.drafts.act('publish', exec, { id: d.id, publishedAt: '2026-10-31T00:00:00.000Z' }))).code).toBe('error.publishTimeInvalid');
    expect((await errorOf(() => ws.drafts.act('publish', exec, { id: d.id, publishedAt: '2026-11-02T00:00:00.000Z' }))).code).toBe('error.publishTimeInvalid');
    expect(fs.readFileSync(file)).toEqual(approved);
    expect(approved.subarray(0, before.length)).toEqual(before);
    await ws.close();
  });

  it('an executive acts only on their own drafts', async () => {
    const { ws, exec } = await setup();
    const other = ws.profiles.add({ name: 'Wang', role: 'executive' }, 'terminal');
    const d = await ws.drafts.act('submit', exec, { platform: 'x', text: 'Mine' });
    const err = await errorOf(() => ws.drafts.act('withdraw', other, { id: d.id }));
    expect(err.code).toBe('error.notAuthor');
    expect(err.message).toBe(`Wang did not write this draft (${exec.name} did) and may not withdraw it.`);
    await ws.close();
  });
});
