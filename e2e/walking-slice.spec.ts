import { expect, test } from './fixtures';
import { ComposePage } from './pages/compose-page';
import { MyDraftsPage } from './pages/my-drafts-page';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { ShellPage } from './pages/shell-page';

const post = '今天和客服团队一起解决了一位老客户的退款问题，谢谢大家的耐心。';

test.describe('walking slice', () => {
  test('first run: the first profile is added in the UI', async ({ app }) => {
    const page = await app.launch();
    const picker = new ProfilePickerPage(page);
    await expect(picker.heading).toBeVisible();
    await expect(page.getByText('No profiles yet. Add the first one to start.')).toBeVisible();
    await app.snap('first-run');

    await picker.add('Chen Admin', 'Admin');
    await expect(new ShellPage(page).notice).toHaveText(/Profile “Chen Admin” added\./);
    await picker.pick('Chen Admin');
    const queue = new ReviewQueuePage(page);
    await expect(queue.heading).toBeVisible();
    await expect(queue.empty).toBeVisible();
    const profiles = JSON.parse((await app.cli(['profiles', 'list', '--format', 'json'])).stdout);
    expect(profiles).toEqual([expect.objectContaining({ name: 'Chen Admin', role: 'admin' })]);
  });

  test('executive submits, reviewer approves, and the status survives a restart', async ({ app }) => {
    expect((await app.cli(['profiles', 'add', '--name', 'Zhang Wei', '--role', 'executive'])).code).toBe(0);
    expect((await app.cli(['profiles', 'add', '--name', 'Li Na', '--role', 'reviewer'])).code).toBe(0);
    const page = await app.launch();
    const shell = new ShellPage(page);
    const picker = new ProfilePickerPage(page);
    await expect(picker.heading).toBeVisible();
    await app.snap('profile-picker');

    await picker.pick('Zhang Wei');
    const compose = new ComposePage(page);
    await expect(compose.heading).toBeVisible();
    await compose.write('Weibo', post);
    await app.snap('compose');
    await compose.submit.click();
    await expect(shell.notice).toHaveText(/Submitted for review as [0-9a-f]{12}\./);
    const id = /as ([0-9a-f]{12})/.exec((await shell.notice.textContent()) ?? '')?.[1] ?? '';
    // The editor is a contenteditable: empty text, not an empty value.
    await expect(compose.text).toHaveText('');

    await shell.section('My drafts').click();
    const mine = new MyDraftsPage(page);
    await expect(mine.row(post)).toContainText('Pending review');
    await app.snap('my-drafts-pending');

    await shell.switchTo('Li Na');
    const queue = new ReviewQueuePage(page);
    await expect(queue.heading).toBeVisible();
    await expect(queue.item(post)).toBeVisible();
    await app.snap('review-queue');
    await queue.item(post).click();
    await expect(queue.detail(id)).toContainText(post);
    await expect(queue.detail(id)).toContainText('Zhang Wei');
    await app.snap('review-pane');
    await queue.approve.click();
    await expect(shell.notice).toHaveText(new RegExp(`Draft ${id} approved\\.`));
    await expect(queue.empty).toBeVisible();
    await app.snap('queue-after-approval');

    await app.restart();
    const shellAfter = new ShellPage(app.page);
    await expect(new ReviewQueuePage(app.page).empty).toBeVisible();
    await expect(shellAfter.workingAs).toHaveValue('Li Na');
    await shellAfter.switchTo('Zhang Wei');
    await shellAfter.section('My drafts').click();
    await expect(new MyDraftsPage(app.page).row(post)).toContainText('Approved');
    await app.snap('my-drafts-approved-after-restart');

    const listed = JSON.parse((await app.cli(['list', '--format', 'json'])).stdout);
    expect(listed).toEqual([expect.objectContaining({ id, status: 'approved', author: 'Zhang Wei', platform: 'weibo', text: post })]);
  });

  test('a draft submitted through the CLI appears in the open UI, and the UI\'s approval in the CLI', async ({ app }) => {
    await app.cli(['profiles', 'add', '--name', 'Zhang Wei', '--role', 'executive']);
    await app.cli(['profiles', 'add', '--name', 'Li Na', '--role', 'reviewer']);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Li Na');
    const queue = new ReviewQueuePage(page);
    await expect(queue.empty).toBeVisible();

    const text = 'Proud of our customer service team today: every ticket answered within the hour.';
    const submitted = await app.cli(['submit', '--as', 'Zhang Wei', '--platform', 'linkedin', '--text', text]);
    expect(submitted.code).toBe(0);
    const id = submitted.stdout.split(/\s/)[0] ?? '';
    // No reload: the host notices the journal grew and pushes draftsChanged.
    await expect(queue.item(text)).toBeVisible();
    await queue.item(text).click();
    await queue.approve.click();
    await expect(queue.empty).toBeVisible();

    const approved = JSON.parse((await app.cli(['list', '--status', 'approved', '--format', 'json'])).stdout);
    expect(approved.map((d: { id: string }) => d.id)).toEqual([id]);
  });

  test('the host decides: a page that skips the UI is still refused', async ({ app }) => {
    await app.cli(['profiles', 'add', '--name', 'Zhang Wei', '--role', 'executive']);
    const id = (await app.cli(['submit', '--as', 'Zhang Wei', '--platform', 'x', '--text', 'hello'])).stdout.split(/\s/)[0];
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Zhang Wei');
    await expect(new ComposePage(page).heading).toBeVisible();
    const result = await page.evaluate(async (draftId) => {
      const request = { id: draftId };
      const bridge = (window as unknown as { countersign?: { approveDraft: (r: unknown) => Promise<unknown> } }).countersign;
      if (bridge) return bridge.approveDraft(request);
      const response = await fetch('./api/approveDraft', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${sessionStorage.getItem('countersign.token')}` },
        body: JSON.stringify(request),
      });
      return response.json();
    }, id);
    expect(result).toMatchObject({ ok: false, error: { kind: 'refused', code: 'error.roleNotAllowed' } });
    const listed = JSON.parse((await app.cli(['list', '--format', 'json'])).stdout);
    expect(listed[0].status).toBe('pending');
  });

  test('the UI language switches and is remembered', async ({ app }) => {
    await app.cli(['profiles', 'add', '--name', 'Li Na', '--role', 'reviewer']);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Li Na');
    const shell = new ShellPage(page);
    await shell.language.selectOption({ label: '简体中文' });
    await expect(page.getByRole('heading', { name: '审核队列', level: 1 })).toBeVisible();
    await expect(page.getByRole('navigation').getByRole('button', { name: '审核队列' })).toBeVisible();
    await app.snap('review-queue-zh-hans');
    await page.getByLabel('语言').selectOption({ label: '繁體中文' });
    await expect(page.getByRole('navigation').getByRole('button', { name: '審核佇列' })).toBeVisible();

    await app.restart();
    await expect(app.page.getByRole('navigation').getByRole('button', { name: '審核佇列' })).toBeVisible();
    await expect(app.page.locator('html')).toHaveAttribute('lang', 'zh-Hant');
    await app.snap('review-queue-zh-hant-after-restart');
  });
});
