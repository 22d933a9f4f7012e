import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalFileName } from '../../electron/core/store/journal-file';
import { tempDir } from '../temp-dir';
import { errorOf, openWorkstation, seedProfiles } from './open-workstation';

describe('workstation', () => {
  it('submits and approves, and the result survives reopening', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(ws);
    const submitted = await ws.drafts.act('submit', exec, { platform: 'weibo', text: '感谢客服团队昨晚的快速响应。' });
    expect(submitted).toMatchObject({ status: 'pending', author: 'Zhang Wei', platform: 'weibo', revision: 1 });
    const approved = await ws.drafts.act('approve', reviewer, { id: submitted.id, comment: ' fine ' });
    expect(approved.status).toBe('approved');
    await ws.close();

    const { ws: again } = await openWorkstation(dir);
    const draft = await again.drafts.get(submitted.id);
    expect(draft.status).toBe('approved');
    expect(draft.events.map((e) => [e.type, e.actor, e.role, e.revision, e.comment])).toEqual([
      ['submitted', 'Zhang Wei', 'executive', 1, undefined],
      ['approved', 'Li Na', 'reviewer', 1, 'fine'],
    ]);
    expect((await again.drafts.list({ status: 'approved' })).map((d) => d.id)).toEqual([submitted.id]);
    expect(await again.drafts.list({ status: 'pending' })).toEqual([]);
    await again.close();
  });

  it('a refused action leaves the journal byte-for-byte unchanged', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(ws);
    const draft = await ws.drafts.act('submit', exec, { platform: 'x', text: 'Hello' });
    const file = path.join(dir, journalFileName);
    const before = fs.readFileSync(file);
    expect((await errorOf(() => ws.drafts.act('approve', exec, { id: draft.id }))).code).toBe('error.roleNotAllowed');
    expect((await errorOf(() => ws.drafts.act('submit', reviewer, { platform: 'x', text: 'Hi' }))).code).toBe('error.roleNotAllowed');
    expect((await errorOf(() => ws.drafts.act('submit', exec, { platform: 'x', text: 'bell\u0007' }))).code).toBe('error.textControl');
    expect((await errorOf(() => ws.drafts.act('approve', reviewer, { id: 'nope' }))).kind).toBe('not_found');
    await ws.drafts.act('approve', reviewer, { id: draft.id });
    const afterApproval = fs.readFileSync(file);
    expect((await errorOf(() => ws.drafts.act('approve', reviewer, { id: draft.id }))).code).toBe('error.statusNotAllowed');
    expect(fs.readFileSync(file)).toEqual(afterApproval);
    expect(afterApproval.subarray(0, before.length)).toEqual(before);
    await ws.close();
  });

  it('profiles: the first may be added by anyone, later ones only by an admin or from the terminal', async () => {
    const { ws } = await openWorkstation(tempDir());
    const first = ws.profiles.add({ name: ' Ada ', role: 'admin' }, null);
    expect(first.name).toBe('Ada');
    expect((await errorOf(() => ws.profiles.add({ name: 'Bo', role: 'reviewer' }, null))).code).toBe('error.profilesLocked');
    const exec = ws.profiles.add({ name: 'Cy', role: 'executive' }, first);
    expect((await errorOf(() => ws.profiles.add({ name: 'Di', role: 'reviewer' }, exec))).code).toBe('error.profilesLocked');
    expect(ws.profiles.add({ name: 'Di', role: 'reviewer' }, 'terminal').role).toBe('reviewer');
    expect((await errorOf(() => ws.profiles.add({ name: 'ada', role: 'reviewer' }, 'terminal'))).code).toBe('error.profileExists');
    expect(ws.profiles.list().map((p) => p.name)).toEqual(['Ada', 'Cy', 'Di']);
    await ws.close();
  });

  it('two processes on one data directory see each other\'s drafts', async () => {
    const dir = tempDir();
    const { ws: a } = await openWorkstation(dir);
    const { exec, reviewer } = seedProfiles(a);
    const { ws: b } = await openWorkstation(dir);
    const changes: boolean[] = [];
    b.onChange((c) => changes.push(c.drafts === true));
    const draft = await a.drafts.act('submit', exec, { platform: 'linkedin', text: 'Proud of the team.' });
    expect((await b.drafts.list()).map((d) => d.id)).toEqual([draft.id]);
    expect(changes).toEqual([true]);
    await b.drafts.act('approve', reviewer, { id: draft.id });
    expect((await a.drafts.get(draft.id)).status).toBe('approved');
    await a.close();
    await b.close();
  });

  it('cuts a torn last record with a warning and keeps every complete one', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec } = seedProfiles(ws);
    const kept = await ws.drafts.act('submit', exec, { platform: 'weibo', text: 'kept' });
    await ws.close();
    const file = path.join(dir, journalFileName);
    const intact = fs.readFileSync(file);
    fs.appendFileSync(file, '{"type":"submitted","draftId":"torn","at":"2026-');

    const { ws: again, warnings } = await openWorkstation(dir);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`at byte ${intact.length}`);
    expect((await again.drafts.list()).map((d) => d.id)).toEqual([kept.id]);
    expect(fs.readFileSync(file)).toEqual(intact);
    await again.close();
  });

  it('refuses to open a journal damaged in the middle, naming file and offset, and leaves it untouched', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec } = seedProfiles(ws);
    await ws.drafts.act('submit', exec, { platform: 'weibo', text: 'one' });
    await ws.drafts.act('submit', exec, { platform: 'weibo', text: 'two' });
    await ws.close();
    const file = path.join(dir, journalFileName);
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    const offset = Buffer.byteLength(`${lines[0]}\n${lines[1]}\n`);
    lines[2] = (lines[2] ?? '').replace('"two"', '"tw');
    const damaged = lines.join('\n');
    fs.writeFileSync(file, damaged);

    const err = await errorOf(() => openWorkstation(dir));
    expect(err.kind).toBe('corrupt');
    expect(err.message).toContain(file);
    expect(err.message).toContain(`byte ${offset.toLocaleString('en')}`);
    expect(err.message).toContain('line 3');
    expect(fs.readFileSync(file, 'utf8')).toBe(damaged);
  });

  it('reports a damaged settings file by name instead of starting empty', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{"profiles": [ {"name": ');
    const err = await errorOf(() => openWorkstation(dir));
    expect(err.code).toBe('error.corruptSettings');
    expect(err.message).toContain(path.join(dir, 'settings.json'));
    expect(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')).toBe('{"profiles": [ {"name": ');
  });

  it('reports settings with the wrong shape', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({ profiles: [{ name: 'X', role: 'king' }] }));
    const err = await errorOf(() => openWorkstation(dir));
    expect(err.code).toBe('error.corruptSettings');
    expect(err.message).toContain('“profiles”');
  });
});

describe('rule checks in the core', () => {
  it('records the main process\'s own findings on submit and again on approval, under the policy then in force', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec, reviewer, admin } = seedProfiles(ws);
    const draft = await ws.drafts.act('submit', exec, { platform: 'weibo', text: '凡客也在做，全网最低价' });
    expect(draft.findingCounts).toEqual({ error: 0, warning: 1, info: 0 });
    ws.policy.set(admin, { extends: 'default', lists: { competitors: ['凡客'] } });
    await ws.drafts.act('approve', reviewer, { id: draft.id });
    await ws.close();

    const { ws: again } = await openWorkstation(dir);
    const stored = await again.drafts.get(draft.id);
    expect(stored.revisions[0]?.findings.map((f) => f.ruleId)).toEqual(['absolute.zh-claim']);
    expect(stored.events.map((e) => e.findings.map((f) => f.ruleId))).toEqual([['absolute.zh-claim'], ['competitor.named', 'absolute.zh-claim']]);
    await again.close();
  });

  it('only an admin changes the policy, and an invalid one is refused without touching the settings', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec, admin } = seedProfiles(ws);
    expect((await errorOf(() => ws.policy.set(exec, { lists: { competitors: ['x'] } }))).code).toBe('error.adminOnly');
    const settingsFile = path.join(dir, 'settings.json');
    const before = fs.readFileSync(settingsFile, 'utf8');
    const invalid = await errorOf(() => ws.policy.set(admin, { rules: { 'tone.shouting': { severity: 'loud' } } }));
    expect(invalid.message).toContain('rules["tone.shouting"].severity');
    expect(fs.readFileSync(settingsFile, 'utf8')).toBe(before);
    expect(ws.settings.policy).toEqual({ extends: 'default' });
    await ws.close();
  });
});
