import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalFileName } from '../../electron/core/store/journal-file';
import { tempDir } from '../temp-dir';
import { errorOf, openWorkstation, seedProfiles } from './open-workstation';

// A mainland mobile number is a privacy `error` finding in the built-in policy.
const withPhone = '有问题请直接打我手机 13812345678';

function setup() {
  const dir = tempDir();
  let tick = 0;
  const { ws } = openWorkstation(dir, { clock: () => new Date(Date.UTC(2026, 10, 1, 9, 0, tick++)) });
  return { dir, ws, ...seedProfiles(ws) };
}

describe('the full workflow in the core', () => {
  it('request changes → resubmit → reviewer edit → approve waits for the author → sign off → publish, all on the record', () => {
    const { dir, ws, exec, reviewer } = setup();
    const d = ws.submitDraft(exec, { platform: 'weibo', text: '新品下周发布，敬请期待', purpose: 'product', crisis: true });
    expect(d).toMatchObject({ status: 'pending', purpose: 'product', crisis: true, revision: 1, waitingSince: d.createdAt });

    expect(ws.requestChanges(reviewer, { id: d.id, comment: ' 请去掉日期 ' }).status).toBe('changes_requested');
    const resubmitted = ws.resubmitDraft(exec, { id: d.id, text: '新品即将发布，敬请期待' });
    expect(resubmitted).toMatchObject({ status: 'pending', revision: 2, revisionAuthor: exec.name });
    expect(resubmitted.waitingSince).not.toBe(d.waitingSince);

    expect(ws.editDraft(reviewer, { id: d.id, text: '新品即将发布，敬请关注。' })).toMatchObject({ status: 'pending', revision: 3, revisionAuthor: reviewer.name });
    expect(ws.approveDraft(reviewer, { id: d.id }).status).toBe('awaiting_author');
    expect(ws.signOff(exec, { id: d.id }).status).toBe('approved');
    const published = ws.publishDraft(exec, { id: d.id, url: 'https://weibo.com/1234/abc', publishedAt: '2026-11-01T09:00:30.000Z' });
    expect(published).toMatchObject({ status: 'published', publishedAt: '2026-11-01T09:00:30.000Z', publishedUrl: 'https://weibo.com/1234/abc' });
    expect(ws.commentOnDraft(reviewer, { id: d.id, text: '发得好' }).status).toBe('published');
    ws.close();

    const { ws: again } = openWorkstation(dir);
    const draft = again.getDraft(d.id);
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
    expect(again.listDrafts()[0]).toEqual(expect.objectContaining({ status: 'published', revision: 3, text: '新品即将发布，敬请关注。' }));
    again.close();
  });

  it('with authorSignOffOnEdits off, approving an edited draft approves it', () => {
    const { ws, exec, reviewer, admin } = setup();
    ws.setPolicy(admin, { extends: 'default', workflow: { authorSignOffOnEdits: false } });
    const d = ws.submitDraft(exec, { platform: 'x', text: 'Shipping next week.' });
    ws.editDraft(reviewer, { id: d.id, text: 'Shipping soon.' });
    expect(ws.approveDraft(reviewer, { id: d.id }).status).toBe('approved');
    ws.close();
  });

  it('approve is refused while an error finding stands, and each justification is recorded against its finding', () => {
    const { dir, ws, exec, reviewer } = setup();
    const d = ws.submitDraft(exec, { platform: 'weibo', text: withPhone });
    expect(d.findingCounts.error).toBe(1);
    const file = path.join(dir, journalFileName);
    const before = fs.readFileSync(file);
    const refused = errorOf(() => ws.approveDraft(reviewer, { id: d.id }));
    expect(refused.code).toBe('error.unjustifiedErrors');
    expect(refused.message).toContain('privacy.');
    expect(errorOf(() => ws.approveDraft(reviewer, { id: d.id, justification: '   ' })).code).toBe('error.unjustifiedErrors');
    expect(errorOf(() => ws.approveDraft(reviewer, { id: d.id, overrides: [{ ruleId: 'privacy.other', start: 0, justification: 'x' }] })).code).toBe(
      'error.unjustifiedErrors',
    );
    expect(fs.readFileSync(file)).toEqual(before);

    const finding = ws.getDraft(d.id).revisions[0]!.findings.find((f) => f.severity === 'error')!;
    const approved = ws.approveDraft(reviewer, {
      id: d.id,
      overrides: [{ ruleId: finding.ruleId, start: finding.start, justification: '这是公司客服热线，已公开' }],
    });
    expect(approved.status).toBe('approved');
    const event = ws.getDraft(d.id).events.at(-1)!;
    expect(event.overrides).toEqual([
      { ruleId: finding.ruleId, start: finding.start, end: finding.end, match: '13812345678', justification: '这是公司客服热线，已公开' },
    ]);
    expect(event.findings.some((f) => f.severity === 'error')).toBe(true);
    ws.close();
  });

  it('withdraw, reject and save/submit of a kept draft', () => {
    const { ws, exec, reviewer } = setup();
    const saved = ws.saveDraft(exec, { platform: 'linkedin', text: 'Draft for later' });
    expect(saved).toMatchObject({ status: 'draft', waitingSince: null });
    expect(ws.listDrafts({ status: 'pending' })).toEqual([]);
    const submitted = ws.submitDraft(exec, { id: saved.id, text: 'Draft for now' });
    expect(submitted).toMatchObject({ status: 'pending', revision: 2 });
    expect(ws.withdrawDraft(exec, { id: saved.id, comment: 'not needed' }).status).toBe('withdrawn');

    const other = ws.submitDraft(exec, { platform: 'x', text: 'Hello' });
    expect(errorOf(() => ws.rejectDraft(reviewer, { id: other.id, reason: '' })).code).toBe('error.noteRequired');
    expect(ws.rejectDraft(reviewer, { id: other.id, reason: 'Off-message' }).status).toBe('rejected');
    expect(errorOf(() => ws.withdrawDraft(exec, { id: other.id })).code).toBe('error.statusNotAllowed');
    expect(ws.getDraft(other.id).events.at(-1)).toMatchObject({ type: 'rejected', comment: 'Off-message' });
    ws.close();
  });

  it('bad input is refused with a reason and writes nothing', () => {
    const { dir, ws, exec, reviewer } = setup();
    const d = ws.submitDraft(exec, { platform: 'x', text: 'Hello world' });
    const file = path.join(dir, journalFileName);
    const before = fs.readFileSync(file);
    expect(errorOf(() => ws.editDraft(reviewer, { id: d.id, text: 'Hello world' })).code).toBe('error.editUnchanged');
    expect(errorOf(() => ws.editDraft(reviewer, { id: d.id, text: 'bad\u0000' })).code).toBe('error.textControl');
    expect(errorOf(() => ws.editDraft(reviewer, { id: d.id, text: 'x'.repeat(20_001) })).code).toBe('error.textTooLong');
    expect(errorOf(() => ws.requestChanges(reviewer, { id: d.id, comment: ' \n ' })).code).toBe('error.noteRequired');
    expect(errorOf(() => ws.requestChanges(reviewer, { id: d.id, comment: 'a\u001bb' })).code).toBe('error.textControl');
    expect(errorOf(() => ws.commentOnDraft(exec, { id: d.id, text: 'x'.repeat(4_001) })).code).toBe('error.noteTooLong');
    expect(errorOf(() => ws.editDraft(exec, { id: d.id, text: 'mine' })).code).toBe('error.roleNotAllowed');
    expect(errorOf(() => ws.signOff(exec, { id: d.id })).code).toBe('error.statusNotAllowed');
    expect(errorOf(() => ws.withdrawDraft(exec, { id: 'missing' })).kind).toBe('not_found');
    ws.approveDraft(reviewer, { id: d.id });
    const approved = fs.readFileSync(file);
    expect(errorOf(() => ws.publishDraft(exec, { id: d.id, url: 'javascript:alert(1)' })).code).toBe('error.urlInvalid');
    expect(errorOf(() => ws.publishDraft(exec, { id: d.id, url: 'not a url' })).code).toBe('error.urlInvalid');
    expect(errorOf(() => ws.publishDraft(exec, { id: d.id, publishedAt: '2026-10-31T00:00:00.000Z' })).code).toBe('error.publishTimeInvalid');
    expect(errorOf(() => ws.publishDraft(exec, { id: d.id, publishedAt: '2026-11-02T00:00:00.000Z' })).code).toBe('error.publishTimeInvalid');
    expect(fs.readFileSync(file)).toEqual(approved);
    expect(approved.subarray(0, before.length)).toEqual(before);
    ws.close();
  });

  it('an executive acts only on their own drafts', () => {
    const { ws, exec } = setup();
    const other = ws.addProfile({ name: 'Wang', role: 'executive' }, 'terminal');
    const d = ws.submitDraft(exec, { platform: 'x', text: 'Mine' });
    const err = errorOf(() => ws.withdrawDraft(other, { id: d.id }));
    expect(err.code).toBe('error.notAuthor');
    expect(err.message).toBe(`Wang did not write this draft (${exec.name} did) and may not withdraw it.`);
    ws.close();
  });
});
