import type { Browser, Page } from '@playwright/test';
import { expect, test, type CountersignApp } from './fixtures';
import { ComposePage } from './pages/compose-page';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { SettingsPage } from './pages/settings-page';
import { ShellPage } from './pages/shell-page';

async function team(app: CountersignApp): Promise<void> {
  for (const [name, role] of [
    ['Chen Admin', 'admin'],
    ['Zhang Wei', 'executive'],
    ['Li Na', 'reviewer'],
  ]) {
    expect((await app.cli(['profiles', 'add', '--name', name!, '--role', role!])).code).toBe(0);
  }
}

async function openSettings(page: Page, as: string): Promise<SettingsPage> {
  await new ProfilePickerPage(page).pick(as);
  await new ShellPage(page).section('Settings').click();
  const settings = new SettingsPage(page);
  await expect(settings.heading).toBeVisible();
  return settings;
}

const background = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);

/** The loopback host's page in a browser context of its own, with the given locale (the fixture's context is en-US). */
async function openWithLocale(app: CountersignApp, locale: string): Promise<Page> {
  const token = await app.page.evaluate(() => sessionStorage.getItem('countersign.token'));
  const browser = app.page.context().browser() as Browser;
  const context = await browser.newContext({ locale, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(`${new URL(app.page.url()).origin}/?token=${token}`);
  return page;
}

test.describe('settings', () => {
  test('an admin renames a profile and changes a role; a name on record stays', async ({ app }) => {
    await team(app);
    const page = await app.launch();
    const settings = await openSettings(page, 'Chen Admin');
    const shell = new ShellPage(page);
    await expect(settings.row('Chen Admin')).toContainText('(you)');
    await app.snap('settings-admin');

    await settings.rename('Zhang Wei', 'Zhang Wei (CEO)');
    await expect(shell.notice).toHaveText(/Profile “Zhang Wei” is now “Zhang Wei \(CEO\)”\./);
    await expect(settings.row('Zhang Wei (CEO)')).toBeVisible();
    await expect(shell.workingAs.getByRole('option', { name: /Zhang Wei \(CEO\)/ })).toHaveCount(1);

    await settings.roleOf('Li Na').selectOption({ label: 'Admin' });
    await expect(shell.notice).toHaveText(/Li Na now works as Admin\./);
    // The last admin is kept: with Li Na an admin, Chen may step down, but then Li Na may not.
    await settings.roleOf('Chen Admin').selectOption({ label: 'Reviewer' });
    await expect(shell.notice).toHaveText(/Chen Admin now works as Reviewer\./);
    const listed = JSON.parse((await app.cli(['profiles', 'list', '--format', 'json'])).stdout) as { name: string; role: string }[];
    expect(listed.map((p) => [p.name, p.role])).toEqual([
      ['Chen Admin', 'reviewer'],
      ['Zhang Wei (CEO)', 'executive'],
      ['Li Na', 'admin'],
    ]);
    // No longer an admin: Chen sees only their own profile, without a role picker.
    await expect(settings.roleOf('Li Na')).toHaveCount(0);
    await expect(settings.profiles.getByRole('row')).toHaveCount(2);

    // Once a name is in the draft history, the history keeps it and the profile keeps it too.
    expect((await app.cli(['submit', '--as', 'Zhang Wei (CEO)', '--platform', 'x', '--text', 'Hello team'])).code).toBe(0);
    await shell.switchTo('Li Na');
    await shell.section('Settings').click();
    await settings.rename('Zhang Wei (CEO)', 'Zhang');
    await expect(settings.problem).toContainText('“Zhang Wei (CEO)” is on record in the draft history');
    await app.snap('settings-rename-refused');
    const drafts = JSON.parse((await app.cli(['list', '--format', 'json'])).stdout) as { author: string }[];
    expect(drafts.map((d) => d.author)).toEqual(['Zhang Wei (CEO)']);
    await settings.main.getByRole('button', { name: 'Cancel' }).click();
    await expect(settings.row('Zhang Wei (CEO)')).toBeVisible();
  });

  test('a reviewer renames only themself', async ({ app }) => {
    await team(app);
    const page = await app.launch();
    const settings = await openSettings(page, 'Li Na');
    await expect(settings.profiles.getByRole('row')).toHaveCount(2);
    await expect(settings.renameButton('Chen Admin')).toHaveCount(0);
    await settings.rename('Li Na', 'Li Na (PR)');
    await expect(new ShellPage(page).workingAs).toHaveValue('Li Na (PR)');
    // The window bypassing the UI is refused by the host.
    const refused = await page.evaluate(async () => {
      const response = await fetch('./api/setProfileRole', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('countersign.token')}` },
        body: JSON.stringify({ name: 'Li Na (PR)', role: 'admin' }),
      });
      return response.json();
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'error.rolesAdminOnly' } });
  });

  test('the theme switches the page\'s colours, is remembered, and "system" follows the system', async ({ app }) => {
    await team(app);
    const page = await app.launch();
    const settings = await openSettings(page, 'Zhang Wei');
    await expect(settings.theme('Follow the system')).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const light = await background(page);

    await settings.theme('Dark').check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => background(page)).not.toBe(light);
    await expect.poll(() => background(page)).toBe('rgb(21, 24, 28)');
    await settings.defaultPlatform.selectOption({ label: 'LinkedIn' });
    await app.snap('settings-dark');

    // A fresh browser context on a restarted host: only the host's settings can remember.
    const again = await app.restart();
    await expect(again.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => background(again)).toBe('rgb(21, 24, 28)');
    await expect(new ComposePage(again).platform).toHaveValue('linkedin');
    await new ShellPage(again).section('Settings').click();
    const after = new SettingsPage(again);
    await expect(after.theme('Dark')).toBeChecked();

    await after.theme('Follow the system').check();
    await expect(again.locator('html')).toHaveAttribute('data-theme', 'light');
    await again.emulateMedia({ colorScheme: 'dark' });
    await expect(again.locator('html')).toHaveAttribute('data-theme', 'dark');
    await again.emulateMedia({ colorScheme: 'light' });
    await expect(again.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('the language follows the browser\'s locale until one is chosen, and the choice is remembered', async ({ app, hostKind }) => {
    test.skip(hostKind === 'electron', 'the browser locale is the web host\'s; the desktop app reads app.getPreferredSystemLanguages()');
    await team(app);
    await app.launch();

    const hans = await openWithLocale(app, 'zh-CN');
    await expect(hans.getByRole('heading', { name: '选择当前身份' })).toBeVisible();
    await expect(hans.locator('html')).toHaveAttribute('lang', 'zh-Hans');
    await hans.getByRole('button', { name: /^Li Na/ }).click();
    await expect(hans.getByRole('navigation').getByRole('button', { name: '设置' })).toBeVisible();
    await hans.close();

    const hant = await openWithLocale(app, 'zh-TW');
    await expect(hant.getByRole('navigation').getByRole('button', { name: '設定' })).toBeVisible();
    await expect(hant.locator('html')).toHaveAttribute('lang', 'zh-Hant');
    await hant.getByRole('navigation').getByRole('button', { name: '設定' }).click();
    await expect(hant.getByText('在選擇語言之前，Countersign 使用系統語言：繁體中文。')).toBeVisible();
    await hant.getByRole('main').getByRole('combobox', { name: /^語言/ }).selectOption({ label: 'English' });
    await expect(hant.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
    await hant.close();

    // Chosen once, it holds whatever the browser prefers.
    const again = await openWithLocale(app, 'zh-CN');
    await expect(again.getByRole('navigation').getByRole('button', { name: 'Settings' })).toBeVisible();
    await expect(again.locator('html')).toHaveAttribute('lang', 'en');
    await again.close();
  });

  test('a reviewer is notified when an executive submits, and the waiting count goes up', async ({ app }) => {
    await team(app);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Li Na');
    const shell = new ShellPage(page);
    await expect(new ReviewQueuePage(page).empty).toBeVisible();
    await expect(shell.waiting).toHaveCount(0);
    await expect(page).toHaveTitle('Countersign');

    const text = 'Proud of our customer service team today: every ticket answered within the hour.';
    expect((await app.cli(['submit', '--as', 'Zhang Wei', '--platform', 'linkedin', '--text', text])).code).toBe(0);
    await expect(shell.toasts).toContainText(`Zhang Wei submitted a LinkedIn draft: “${text}”`);
    await expect(shell.waiting).toHaveAccessibleName('1 waiting for you');
    await expect(page).toHaveTitle('(1) Countersign');
    await app.snap('notification-toast');

    const second = await app.cli(['submit', '--as', 'Zhang Wei', '--platform', 'weibo', '--text', '感谢客服团队昨晚的快速响应。']);
    const id = second.stdout.split(/\s/)[0] ?? '';
    await expect(shell.waiting).toHaveAccessibleName('2 waiting for you');
    await expect(shell.waiting).toHaveText('2');

    // The executive hears of a decision on their own draft.
    await shell.switchTo('Zhang Wei');
    await expect(shell.waiting).toHaveCount(0);
    expect((await app.cli(['request-changes', id, '--as', 'Li Na', '--comment', 'Please name the team.'])).code).toBe(0);
    await expect(shell.toasts).toContainText('Li Na asked for changes to your draft: “感谢客服团队昨晚的快速响应。”');
    await expect(shell.waiting).toHaveAccessibleName('1 waiting for you');
    await shell.toasts.getByRole('button', { name: 'Dismiss' }).first().click();
    await expect(shell.toasts.getByText('Li Na asked for changes')).toHaveCount(0);
  });
});
