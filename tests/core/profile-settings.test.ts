import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch, type HostSession } from '../../electron/core/handlers';
import { journalFileName } from '../../electron/core/store/journal-file';
import { tempDir } from '../temp-dir';
import { errorOf, openWorkstation, seedProfiles } from './open-workstation';

const settingsFile = (dir: string) => path.join(dir, 'settings.json');

describe('renaming profiles', () => {
  it('an admin renames anyone, a profile renames itself, nobody else renames anyone', async () => {
    const { ws } = await openWorkstation(tempDir());
    const { exec, reviewer, admin } = seedProfiles(ws);
    expect(await ws.profiles.rename({ name: 'Zhang Wei', newName: ' 张伟 ' }, admin)).toMatchObject({ name: '张伟', role: 'executive', createdAt: exec.createdAt });
    expect((await ws.profiles.rename({ name: 'Li Na', newName: 'Li Na (PR)' }, reviewer)).name).toBe('Li Na (PR)');
    const other = await errorOf(() => ws.profiles.rename({ name: 'Chen Admin', newName: 'Boss' }, { ...reviewer, name: 'Li Na (PR)' }));
    expect(other).toMatchObject({ kind: 'refused', code: 'error.renameNotAllowed' });
    expect((await errorOf(() => ws.profiles.rename({ name: '张伟', newName: 'Zed' }, { ...exec, name: 'Zed?' }))).code).toBe('error.renameNotAllowed');
    expect(ws.profiles.list().map((p) => p.name)).toEqual(['张伟', 'Li Na (PR)', 'Chen Admin']);
    await ws.close();
  });

  it('names stay unique (ignoring case) and valid, as for a new profile; a refusal leaves the settings file unchanged', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { admin } = seedProfiles(ws);
    const before = fs.readFileSync(settingsFile(dir));
    expect((await errorOf(() => ws.profiles.rename({ name: 'Zhang Wei', newName: 'li na' }, admin))).code).toBe('error.profileExists');
    expect((await errorOf(() => ws.profiles.rename({ name: 'Zhang Wei', newName: '   ' }, admin))).code).toBe('error.nameInvalid');
    expect((await errorOf(() => ws.profiles.rename({ name: 'Zhang Wei', newName: 'a\u0007b' }, admin))).code).toBe('error.nameInvalid');
    expect((await errorOf(() => ws.profiles.rename({ name: 'Zhang Wei', newName: 'x'.repeat(65) }, admin))).code).toBe('error.nameInvalid');
    expect((await errorOf(() => ws.profiles.rename({ name: 'Nobody', newName: 'Somebody' }, admin))).kind).toBe('not_found');
    expect(fs.readFileSync(settingsFile(dir))).toEqual(before);
    // A change of case alone is a rename of the same profile, not a clash with itself.
    expect((await ws.profiles.rename({ name: 'Zhang Wei', newName: 'zhang wei' }, admin)).name).toBe('zhang wei');
    await ws.close();
  });

  it('a name on record in the journal cannot change, whoever acted under it; the history keeps its names', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec, reviewer, admin } = seedProfiles(ws);
    const bystander = ws.profiles.add({ name: 'Wang "Quote"', role: 'reviewer' }, admin);
    const draft = await ws.drafts.act('submit', exec, { platform: 'x', text: 'Hello, "actor":"Wang \\"Quote\\"" here' });
    await ws.drafts.act('request_changes', reviewer, { id: draft.id, comment: 'Less formal, please.' });
    const journal = fs.readFileSync(path.join(dir, journalFileName));
    const settings = fs.readFileSync(settingsFile(dir));

    expect(await errorOf(() => ws.profiles.rename({ name: 'Zhang Wei', newName: 'Zhang W.' }, admin))).toMatchObject({ kind: 'refused', code: 'error.nameOnRecord' });
    expect((await errorOf(() => ws.profiles.rename({ name: 'Li Na', newName: 'Li N.' }, reviewer))).code).toBe('error.nameOnRecord');
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);
    // Quoted in a draft's text is not acting: the text's quotes are escaped in the record.
    expect((await ws.profiles.rename({ name: bystander.name, newName: 'Wang Q.' }, admin)).name).toBe('Wang Q.');
    expect((await ws.drafts.get(draft.id)).events.map((e) => e.actor)).toEqual(['Zhang Wei', 'Li Na']);
    expect(fs.readFileSync(path.join(dir, journalFileName))).toEqual(journal);
    await ws.close();
  });

  it('the last used profile follows a rename', async () => {
    const { ws } = await openWorkstation(tempDir());
    const { admin } = seedProfiles(ws);
    ws.settings.lastProfile = 'Chen Admin';
    await ws.profiles.rename({ name: 'Chen Admin', newName: 'Chen' }, admin);
    expect(ws.settings.lastProfile).toBe('Chen');
    await ws.close();
  });
});

describe('changing roles', () => {
  it('only admins change roles, past events keep the role they were recorded with', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { exec, reviewer, admin } = seedProfiles(ws);
    const draft = await ws.drafts.act('submit', exec, { platform: 'weibo', text: '谢谢客服团队。' });
    const settings = fs.readFileSync(settingsFile(dir));
    expect(await errorOf(() => ws.profiles.setRole({ name: 'Zhang Wei', role: 'reviewer' }, exec))).toMatchObject({ kind: 'refused', code: 'error.rolesAdminOnly' });
    expect((await errorOf(() => ws.profiles.setRole({ name: 'Li Na', role: 'admin' }, reviewer))).code).toBe('error.rolesAdminOnly');
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);

    const promoted = ws.profiles.setRole({ name: 'Zhang Wei', role: 'reviewer' }, admin);
    expect(promoted).toMatchObject({ name: 'Zhang Wei', role: 'reviewer' });
    // Still nobody reviews their own draft, whatever their role today.
    expect((await errorOf(() => ws.drafts.act('approve', promoted, { id: draft.id }))).code).toBe('error.ownDraft');
    expect((await ws.drafts.get(draft.id)).events[0]).toMatchObject({ actor: 'Zhang Wei', role: 'executive' });
    await ws.close();
  });

  it('at least one admin remains once there is one', async () => {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    const { admin } = seedProfiles(ws);
    const settings = fs.readFileSync(settingsFile(dir));
    expect(await errorOf(() => ws.profiles.setRole({ name: 'Chen Admin', role: 'reviewer' }, admin))).toMatchObject({ kind: 'refused', code: 'error.lastAdmin' });
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);
    const second = ws.profiles.setRole({ name: 'Li Na', role: 'admin' }, admin);
    expect(ws.profiles.setRole({ name: 'Chen Admin', role: 'executive' }, second).role).toBe('executive');
    expect((await errorOf(() => ws.profiles.setRole({ name: 'Li Na', role: 'reviewer' }, second))).code).toBe('error.lastAdmin');
    expect(ws.profiles.list().map((p) => [p.name, p.role])).toEqual([
      ['Zhang Wei', 'executive'],
      ['Li Na', 'admin'],
      ['Chen Admin', 'executive'],
    ]);
    await ws.close();
  });
});

describe('the settings channels', () => {
  async function host() {
    const dir = tempDir();
    const { ws } = await openWorkstation(dir);
    seedProfiles(ws);
    const handlers = createHandlers(ws);
    const call = (channel: string, payload: unknown, session: HostSession) => dispatch(handlers, channel, payload, session);
    return { dir, ws, call };
  }

  it('refuses bad payloads naming the field, before anything is stored', async () => {
    const { dir, ws, call } = await host();
    const admin: HostSession = { profileName: 'Chen Admin' };
    const settings = fs.readFileSync(settingsFile(dir));
    const detailsOf = (result: Awaited<ReturnType<typeof call>>) => (result.ok ? '' : String(result.error.params.details));
    expect(detailsOf(await call('renameProfile', { name: 'Li Na' }, admin))).toMatch(/^newName: /);
    expect(detailsOf(await call('renameProfile', { name: 'Li Na', newName: 'x'.repeat(65) }, admin))).toMatch(/^newName: /);
    expect(detailsOf(await call('setProfileRole', { name: 'Li Na', role: 'root' }, admin))).toMatch(/^role: /);
    expect(detailsOf(await call('setProfileRole', { name: 'Li Na', role: 'admin', admin: true }, admin))).toMatch(/Unrecognized key.*"admin"/);
    expect(detailsOf(await call('setPreferences', { theme: 'sepia' }, admin))).toMatch(/^theme: /);
    expect(detailsOf(await call('setPreferences', { theme: 'dark', defaultPlatform: 'myspace' }, admin))).toMatch(/^defaultPlatform: /);
    expect(await call('getWaitingCount', { extra: 1 }, admin)).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(fs.readFileSync(settingsFile(dir))).toEqual(settings);
    expect(ws.settings.theme).toBe('system');
    await ws.close();
  });

  it('roles are enforced by the main process whatever the window sends; the session follows its own rename', async () => {
    const { ws, call } = await host();
    const exec: HostSession = { profileName: 'Zhang Wei' };
    expect(await call('setProfileRole', { name: 'Zhang Wei', role: 'admin' }, exec)).toMatchObject({ ok: false, error: { code: 'error.rolesAdminOnly' } });
    expect(await call('renameProfile', { name: 'Li Na', newName: 'Mallory' }, exec)).toMatchObject({ ok: false, error: { code: 'error.renameNotAllowed' } });
    expect(await call('renameProfile', { name: 'Li Na', newName: 'Mallory' }, { profileName: null })).toMatchObject({ ok: false, error: { code: 'error.noActiveProfile' } });
    expect(await call('renameProfile', { name: 'Zhang Wei', newName: 'Zhang W.' }, exec)).toMatchObject({ ok: true, value: { name: 'Zhang W.' } });
    expect(exec.profileName).toBe('Zhang W.');
    expect(await call('getSession', {}, exec)).toMatchObject({ ok: true, value: { profile: { name: 'Zhang W.', role: 'executive' } } });
    await ws.close();
  });

  it('preferences: theme and default platform are remembered; the system language comes from the host', async () => {
    const { dir, ws, call } = await host();
    const session: HostSession = { profileName: 'Li Na' };
    expect(await call('getPreferences', {}, session)).toEqual({ ok: true, value: { locale: null, systemLocale: null, theme: 'system', defaultPlatform: 'weibo' } });
    const changes: unknown[] = [];
    ws.onChange((c) => changes.push(c));
    expect(await call('setPreferences', { theme: 'dark', defaultPlatform: 'linkedin' }, session)).toMatchObject({ ok: true, value: { theme: 'dark', defaultPlatform: 'linkedin' } });
    expect(changes).toEqual([{ preferences: true }]);
    await ws.close();
    const { ws: again } = await openWorkstation(dir);
    const desktop: HostSession = { profileName: 'Li Na', systemLanguages: ['zh-HK', 'en-US'] };
    expect(await dispatch(createHandlers(again), 'getPreferences', {}, desktop)).toEqual({
      ok: true,
      value: { locale: null, systemLocale: 'zh-Hant', theme: 'dark', defaultPlatform: 'linkedin' },
    });
    await again.close();
  });

  it('counts what waits for the profile: the queue for reviewers and admins, sign-offs and changes asked for an executive', async () => {
    const { ws, call } = await host();
    const [exec, reviewer] = ws.profiles.list();
    const other = ws.profiles.add({ name: 'Wu', role: 'executive' }, 'terminal');
    const count = async (name: string) => {
      const result = await call('getWaitingCount', {}, { profileName: name });
      return result.ok ? (result.value as { count: number }).count : -1;
    };
    const a = await ws.drafts.act('submit', exec!, { platform: 'x', text: 'One' });
    const b = await ws.drafts.act('submit', exec!, { platform: 'x', text: 'Two' });
    await ws.drafts.act('submit', other, { platform: 'x', text: 'Three' });
    await ws.drafts.act('save', exec!, { platform: 'x', text: 'Kept, not sent' });
    expect([await count('Li Na'), await count('Chen Admin'), await count('Zhang Wei'), await count('Wu')]).toEqual([3, 3, 0, 0]);
    await ws.drafts.act('request_changes', reviewer!, { id: a.id, comment: 'Shorter.' });
    await ws.drafts.act('edit', reviewer!, { id: b.id, text: 'Two, edited' });
    await ws.drafts.act('approve', reviewer!, { id: b.id });
    expect([await count('Li Na'), await count('Zhang Wei'), await count('Wu')]).toEqual([1, 2, 0]);
    expect(await call('getWaitingCount', {}, { profileName: null })).toEqual({ ok: true, value: { count: 0 } });
    await ws.close();
  });
});
