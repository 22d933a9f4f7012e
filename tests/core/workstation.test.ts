import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalFileName } from '../../electron/core/store/journal-file';
import { tempDir } from '../temp-dir';
import { errorOf, openWorkstation, seedProfiles } from './open-workstation';

describe('workstation', () => {
  it('submits and approves, and the result survives reopening', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(ws);
    const submitted = ws.submitDraft(exec, { platform: 'weibo', text: '感谢客服团队昨晚的快速响应。' });
    expect(submitted).toMatchObject({ status: 'pending', author: 'Zhang Wei', platform: 'weibo', revision: 1 });
    const approved = ws.approveDraft(reviewer, { id: submitted.id, comment: ' fine ' });
    expect(approved.status).toBe('approved');
    ws.close();

    const { ws: again } = openWorkstation(dir);
    const draft = again.getDraft(submitted.id);
    expect(draft.status).toBe('approved');
    expect(draft.events.map((e) => [e.type, e.actor, e.role, e.revision, e.comment])).toEqual([
      ['submitted', 'Zhang Wei', 'executive', 1, undefined],
      ['approved', 'Li Na', 'reviewer', 1, 'fine'],
    ]);
    expect(again.listDrafts({ status: 'approved' }).map((d) => d.id)).toEqual([submitted.id]);
    expect(again.listDrafts({ status: 'pending' })).toEqual([]);
    again.close();
  });

  it('a refused action leaves the journal byte-for-byte unchanged', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(ws);
    const draft = ws.submitDraft(exec, { platform: 'x', text: 'Hello' });
    const file = path.join(dir, journalFileName);
    const before = fs.readFileSync(file);
    expect(errorOf(() => ws.approveDraft(exec, { id: draft.id })).code).toBe('error.roleNotAllowed');
    expect(errorOf(() => ws.submitDraft(reviewer, { platform: 'x', text: 'Hi' })).code).toBe('error.roleNotAllowed');
    expect(errorOf(() => ws.submitDraft(exec, { platform: 'x', text: 'bell\u0007' })).code).toBe('error.textControl');
    expect(errorOf(() => ws.approveDraft(reviewer, { id: 'nope' })).kind).toBe('not_found');
    ws.approveDraft(reviewer, { id: draft.id });
    const afterApproval = fs.readFileSync(file);
    expect(errorOf(() => ws.approveDraft(reviewer, { id: draft.id })).code).toBe('error.statusNotAllowed');
    expect(fs.readFileSync(file)).toEqual(afterApproval);
    expect(afterApproval.subarray(0, before.length)).toEqual(before);
    ws.close();
  });

  it('profiles: the first may be added by anyone, later ones only by an admin or from the terminal', () => {
    const { ws } = openWorkstation(tempDir());
    const first = ws.addProfile({ name: ' Ada ', role: 'admin' }, null);
    expect(first.name).toBe('Ada');
    expect(errorOf(() => ws.addProfile({ name: 'Bo', role: 'reviewer' }, null)).code).toBe('error.profilesLocked');
    const exec = ws.addProfile({ name: 'Cy', role: 'executive' }, first);
    expect(errorOf(() => ws.addProfile({ name: 'Di', role: 'reviewer' }, exec)).code).toBe('error.profilesLocked');
    expect(ws.addProfile({ name: 'Di', role: 'reviewer' }, 'terminal').role).toBe('reviewer');
    expect(errorOf(() => ws.addProfile({ name: 'ada', role: 'reviewer' }, 'terminal')).code).toBe('error.profileExists');
    expect(ws.listProfiles().map((p) => p.name)).toEqual(['Ada', 'Cy', 'Di']);
    ws.close();
  });

  it('two processes on one data directory see each other\'s drafts', () => {
    const dir = tempDir();
    const { ws: a } = openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(a);
    const { ws: b } = openWorkstation(dir);
    const changes: boolean[] = [];
    b.onChange((c) => changes.push(c.drafts === true));
    const draft = a.submitDraft(exec, { platform: 'linkedin', text: 'Proud of the team.' });
    expect(b.listDrafts().map((d) => d.id)).toEqual([draft.id]);
    expect(changes).toEqual([true]);
    b.approveDraft(reviewer, { id: draft.id });
    expect(a.getDraft(draft.id).status).toBe('approved');
    a.close();
    b.close();
  });

  it('cuts a torn last record with a warning and keeps every complete one', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec } = seedProfiles(ws);
    const kept = ws.submitDraft(exec, { platform: 'weibo', text: 'kept' });
    ws.close();
    const file = path.join(dir, journalFileName);
    const intact = fs.readFileSync(file);
    fs.appendFileSync(file, '{"type":"submitted","draftId":"torn","at":"2026-');

    const { ws: again, warnings } = openWorkstation(dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`at byte ${intact.length}`);
    expect(again.listDrafts().map((d) => d.id)).toEqual([kept.id]);
    expect(fs.readFileSync(file)).toEqual(intact);
    again.close();
  });

  it('refuses to open a journal damaged in the middle, naming file and offset, and leaves it untouched', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec } = seedProfiles(ws);
    ws.submitDraft(exec, { platform: 'weibo', text: 'one' });
    ws.submitDraft(exec, { platform: 'weibo', text: 'two' });
    ws.close();
    const file = path.join(dir, journalFileName);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const offset = Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`);
    lines[2] = (lines[2] ?? '').replace('"two"', '"tw');
    const damaged = lines.join('\n');
    fs.writeFileSync(file, damaged);

    const err = errorOf(() => openWorkstation(dir));
    expect(err.kind).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toContain(`byte ${offset.toLocaleString('en')}`);
    expect(err.message).toContain('line 3');
    expect(fs.readFileSync(file, 'utf8')).toBe(damaged);
  });

  it('reports a damaged settings file by name instead of starting empty', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"profiles": [ {"name": ');
    const err = errorOf(() => openWorkstation(dir));
    expect(err.code).toBe('error.corruptSettings');
    expect(err.message).toContain(path.join(dir, 'settings.json'));
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe('{"profiles": [ {"name": ');
  });

  it('reports settings with the wrong shape', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ profiles: [{ name: 'X', role: 'king' }] }));
    const err = errorOf(() => openWorkstation(dir));
    expect(err.code).toBe('error.corruptSettings');
    expect(err.message).toContain('“profiles”');
  });
});

describe('rule checks in the core', () => {
  it('records the main process\'s own findings on submit and again on approval, under the policy then in force', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec, reviewer, admin } = seedProfiles(ws);
    const draft = ws.submitDraft(exec, { platform: 'weibo', text: '凡客也在做，全网最低价' });
    expect(draft.findingCounts).toEqual({ error: 0, warning: 1, info: 0 });
    ws.setPolicy(admin, { extends: 'default', lists: { competitors: ['凡客'] } });
    ws.approveDraft(reviewer, { id: draft.id });
    ws.close();

    const { ws: again } = openWorkstation(dir);
    const stored = again.getDraft(draft.id);
    expect(stored.revisions[0]?.findings.map((f) => f.ruleId)).toEqual(['absolute.zh-claim']);
    expect(stored.events.map((e) => e.findings.map((f) => f.ruleId))).toEqual([['absolute.zh-claim'], ['competitor.named', 'absolute.zh-claim']]);
    again.close();
  });

  it('only an admin changes the policy, and an invalid one is refused without touching the settings', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec, admin } = seedProfiles(ws);
    expect(errorOf(() => ws.setPolicy(exec, { lists: { competitors: ['x'] } })).code).toBe('error.adminOnly');
    const settingsFile = path.join(dir, 'settings.json');
    const before = fs.readFileSync(settingsFile, 'utf8');
    const invalid = errorOf(() => ws.setPolicy(admin, { rules: { 'tone.shouting': { severity: 'loud' } } }));
    expect(invalid.message).toContain('rules["tone.shouting"].severity');
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(before);
    expect(ws.settings.policy).toEqual({ extends: 'default' });
    ws.close();
  });
});
