import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HostSession } from '../../electron/core/handlers';
import { journalFileName } from '../../electron/core/store/journal-file';
import { tempDir } from '../temp-dir';
import { errorOf, openWorkstation, seedProfiles } from './open-workstation';

const settingsFile = (dir: string) => path.join(dir, 'settings.json');

describe('renaming profiles', () => {
  it('an admin renames anyone, a profile renames itself, nobody else renames anyone', () => {
    const { ws } = openWorkstation(tempDir());
    const { exec, reviewer, admin } = seedProfiles(ws);
    expect(ws.renameProfile({ name: 'Zhang Wei', newName: ' 张伟 ' }, admin)).toMatchObject({ name: '张伟', role: 'executive', createdAt: exec.createdAt });
    expect(ws.renameProfile({ name: 'Li Na', newName: 'Li Na (PR)' }, reviewer).name).toBe('Li Na (PR)');
    const other = errorOf(() => ws.renameProfile({ name: 'Chen Admin', newName: 'Boss' }, { ...reviewer, name: 'Li Na (PR)' }));
    expect(other).toMatchObject({ kind: 'refused', code: 'error.renameNotAllowed' });
    expect(errorOf(() => ws.renameProfile({ name: '张伟', newName: 'Zed' }, { ...exec, name: 'Zed?' })).code).toBe('error.renameNotAllowed');
    expect(ws.listProfiles().map((p) => p.name)).toEqual(['张伟', 'Li Na (PR)', 'Chen Admin']);
    ws.close();
  });

  it('names stay unique (ignoring case) and valid, as for a new profile; a refusal leaves the settings file unchanged', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { admin } = seedProfiles(ws);
    const before = fs.readFileSync(settingsFile(dir));
    expect(errorOf(() => ws.renameProfile({ name: 'Zhang Wei', newName: 'li na' }, admin)).code).toBe('error.profileExists');
    expect(errorOf(() => ws.renameProfile({ name: 'Zhang Wei', newName: '   ' }, admin)).code).toBe('error.nameInvalid');
    expect(errorOf(() => ws.renameProfile({ name: 'Zhang Wei', newName: 'a\u0007b' }, admin)).code).toBe('error.nameInvalid');
    expect(errorOf(() => ws.renameProfile({ name: 'Zhang Wei', newName: 'x'.repeat(65) }, admin)).code).toBe('error.nameInvalid');
    expect(errorOf(() => ws.renameProfile({ name: 'Nobody', newName: 'Somebody' }, admin)).kind).toBe('not_found');
    expect(fs.readFileSync(settingsFile(dir))).toEqual(before);
    // A change of case alone is a rename of the same profile, not a clash with itself.
    expect(ws.renameProfile({ name: 'Zhang Wei', newName: 'zhang wei' }, admin).name).toBe('zhang wei');
    ws.close();
  });

  it('a name on record in the journal cannot change, whoever acted under it; the history keeps its names', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec, reviewer, admin } = seedProfiles(ws);
    const bystander = ws.addProfile({ name: 'Wang "Quote"', role: 'reviewer' }, admin);
    const draft = ws.submitDraft(exec, { platform: 'x', text: 'Hello, "actor":"Wang \\"Quote\\"" here' });
    ws.requestChanges(reviewer, { id: draft.id, comment: 'Less formal, please.' });
    const journal = fs.readFileSync(path.join(dir, journalFileName));
    const settings = fs.readFileSync(settingsFile(dir));

    expect(errorOf(() => ws.renameProfile({ name: 'Zhang Wei', newName: 'Zhang W.' }, admin))).toMatchObject({ kind: 'refused', code: 'error.nameOnRecord' });
    expect(errorOf(() => ws.renameProfile({ name: 'Li Na', newName: 'Li N.' }, reviewer)).code).toBe('error.nameOnRecord');
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);
    // Quoted in a draft's text is not acting: the text's quotes are escaped in the record.
    expect(ws.renameProfile({ name: bystander.name, newName: 'Wang Q.' }, admin).name).toBe('Wang Q.');
    expect(ws.getDraft(draft.id).events.map((e) => e.actor)).toEqual(['Zhang Wei', 'Li Na']);
    expect(fs.readFileSync(path.join(dir, journalFileName))).toEqual(journal);
    ws.close();
  });

  it('the last used profile follows a rename', () => {
    const { ws } = openWorkstation(tempDir());
    const { admin } = seedProfiles(ws);
    ws.settings.lastProfile = 'Chen Admin';
    ws.renameProfile({ name: 'Chen Admin', newName: 'Chen' }, admin);
    expect(ws.settings.lastProfile).toBe('Chen');
    ws.close();
  });
});

describe('changing roles', () => {
  it('only admins change roles, past events keep the role they were recorded with', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { exec, reviewer, admin } = seedProfiles(ws);
    const draft = ws.submitDraft(exec, { platform: 'weibo', text: '谢谢客服团队。' });
    const settings = fs.readFileSync(settingsFile(dir));
    expect(errorOf(() => ws.setProfileRole({ name: 'Zhang Wei', role: 'reviewer' }, exec))).toMatchObject({ kind: 'refused', code: 'error.rolesAdminOnly' });
    expect(errorOf(() => ws.setProfileRole({ name: 'Li Na', role: 'admin' }, reviewer)).code).toBe('error.rolesAdminOnly');
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);

    const promoted = ws.setProfileRole({ name: 'Zhang Wei', role: 'reviewer' }, admin);
    expect(promoted).toMatchObject({ name: 'Zhang Wei', role: 'reviewer' });
    // Still nobody reviews their own draft, whatever their role today.
    expect(errorOf(() => ws.approveDraft(promoted, { id: draft.id })).code).toBe('error.ownDraft');
    expect(ws.getDraft(draft.id).events[0]).toMatchObject({ actor: 'Zhang Wei', role: 'executive' });
    ws.close();
  });

  it('at least one admin remains once there is one', () => {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    const { admin } = seedProfiles(ws);
    const settings = fs.readFileSync(settingsFile(dir));
    expect(errorOf(() => ws.setProfileRole({ name: 'Chen Admin', role: 'reviewer' }, admin))).toMatchObject({ kind: 'refused', code: 'error.lastAdmin' });
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);
    const second = ws.setProfileRole({ name: 'Li Na', role: 'admin' }, admin);
    expect(ws.setProfileRole({ name: 'Chen Admin', role: 'executive' }, second).role).toBe('executive');
    expect(errorOf(() => ws.setProfileRole({ name: 'Li Na', role: 'reviewer' }, second)).code).toBe('error.lastAdmin');
    expect(ws.listProfiles().map((p) => [p.name, p.role])).toEqual([
      ['Zhang Wei', 'executive'],
      ['Li Na', 'admin'],
      ['Chen Admin', 'executive'],
    ]);
    ws.close();
  });
});

describe('the settings channels', () => {
  function host() {
    const dir = tempDir();
    const { ws } = openWorkstation(dir);
    seedProfiles(ws);
    const handlers = createHandlers(ws);
    const call = (channel: string, payload: unknown, session: HostSession) => dispatch(handlers, channel, payload, session);
    return { dir, ws, call };
  }

  it('refuses bad payloads naming the field, before anything is stored', () => {
    const { dir, ws, call } = host();
    const admin: HostSession = { profileName: 'Chen Admin' };
    const settings = fs.readFileSync(settingsFile(dir));
    const detailsOf = (result: ReturnType<typeof call>) => (result.ok ? '' : String(result.error.params.details));
    expect(detailsOf(call('renameProfile', { name: 'Li Na' }, admin))).toMatch(/^newName: /);
    expect(detailsOf(call('renameProfile', { name: 'Li Na', newName: 'x'.repeat(65) }, admin))).toMatch(/^newName: /);
    expect(detailsOf(call('setProfileRole', { name: 'Li Na', role: 'root' }, admin))).toMatch(/^role: /);
    expect(detailsOf(call('setProfileRole', { name: 'Li Na', role: 'admin', admin: true }, admin))).toMatch(/Unrecognized key.*"admin"/);
    expect(detailsOf(call('setPreferences', { theme: 'sepia' }, admin))).toMatch(/^theme: /);
    expect(detailsOf(call('setPreferences', { theme: 'dark', defaultPlatform: 'myspace' }, admin))).toMatch(/^defaultPlatform: /);
    expect(call('getWaitingCount', { extra: 1 }, admin)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);
    expect(ws.settings.theme).toBe('system');
    ws.close();
  });

  it('roles are enforced by the main process whatever the window sends; the session follows its own rename', () => {
    const { ws, call } = host();
    const exec: HostSession = { profileName: 'Zhang Wei' };
    expect(call('setProfileRole', { name: 'Zhang Wei', role: 'admin' }, exec)).toMatchObject({ ok: false, error: { code: 'error.rolesAdminOnly' } });
    expect(call('renameProfile', { name: 'Li Na', newName: 'Mallory' }, exec)).toMatchObject({ ok: false, error: { code: 'error.renameNotAllowed' } });
    expect(call('renameProfile', { name: 'Li Na', newName: 'Mallory' }, { profileName: null })).toMatchObject({ ok: false, error: { code: 'error.noActiveProfile' } });
    expect(call('renameProfile', { name: 'Zhang Wei', newName: 'Zhang W.' }, exec)).toMatchObject({ ok: true, value: { name: 'Zhang W.' } });
    expect(exec.profileName).toBe('Zhang W.');
    expect(call('getSession', {}, exec)).toMatchObject({ ok: true, value: { profile: { name: 'Zhang W.', role: 'executive' } } });
    ws.close();
  });

  it('preferences: theme and default platform are remembered; the system language comes from the host', () => {
    const { dir, ws, call } = host();
    const session: HostSession = { profileName: 'Li Na' };
    expect(call('getPreferences', {}, session)).toEqual({ ok: true, value: { locale: null, systemLocale: null, theme: 'system', defaultPlatform: 'weibo' } });
    const changes: unknown[] = [];
    ws.onChange((c) => changes.push(c));
    expect(call('setPreferences', { theme: 'dark', defaultPlatform: 'linkedin' }, session)).toMatchObject({ ok: true, value: { theme: 'dark', defaultPlatform: 'linkedin' } });
    expect(changes).toEqual([{ preferences: true }]);
    ws.close();
    const { ws: again } = openWorkstation(dir);
    const desktop: HostSession = { profileName: 'Li Na', systemLanguages: ['zh-HK', 'en-US'] };
    expect(dispatch(createHandlers(again), 'getPreferences', {}, desktop)).toEqual({
      ok: true,
      value: { locale: null, systemLocale: 'zh-Hant', theme: 'dark', defaultPlatform: 'linkedin' },
    });
    again.close();
  });

  it('counts what waits for the profile: the queue for reviewers and admins, sign-offs and changes asked for an executive', () => {
    const { ws, call } = host();
    const [exec, reviewer] = ws.listProfiles();
    const other = ws.addProfile({ name: 'Wu', role: 'executive' }, 'terminal');
    const count = (name: string) => {
      const result = call('getWaitingCount', {}, { profileName: name });
      return result.ok ? (result.value as { count: number }).count : -1;
    };
    const a = ws.submitDraft(exec!, { platform: 'x', text: 'One' });
    const b = ws.submitDraft(exec!, { platform: 'x', text: 'Two' });
    ws.submitDraft(other, { platform: 'x', text: 'Three' });
    ws.saveDraft(exec!, { platform: 'x', text: 'Kept, not sent' });
    expect([count('Li Na'), count('Chen Admin'), count('Zhang Wei'), count('Wu')]).toEqual([3, 3, 0, 0]);
    ws.requestChanges(reviewer!, { id: a.id, comment: 'Shorter.' });
    ws.editDraft(reviewer!, { id: b.id, text: 'Two, edited' });
    ws.approveDraft(reviewer!, { id: b.id });
    expect([count('Li Na'), count('Zhang Wei'), count('Wu')]).toEqual([1, 2, 0]);
    expect(call('getWaitingCount', {}, { profileName: null })).toEqual({ ok: true, value: { count: 0 } });
    ws.close();
  });
});
