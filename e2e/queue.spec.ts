import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type CountersignApp } from './fixtures';
import { ActionDialog } from './pages/draft-pane';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { ShellPage } from './pages/shell-page';

const reviewer = 'Li Na';

async function addProfiles(app: CountersignApp) {
  for (const [name, role] of [
    ['Zhang Wei', 'executive'],
    ['Wang Fang', 'executive'],
    [reviewer, 'reviewer'],
  ] as const) {
    expect((await app.cli(['profiles', 'add', '--name', name, '--role', role])).code).toBe(0);
  }
}

async function importAs(app: CountersignApp, author: string, drafts: object[]) {
  const file = path.join(app.dataDir, `import-${author.replace(/\W/g, '')}.jsonl`);
  fs.writeFileSync(file, drafts.map((d) => JSON.stringify(d)).join('\n'));
  expect((await app.cli(['import', '--as', author, file])).code).toBe(0);
}

async function submit(app: CountersignApp, text: string): Promise<string> {
  const submitted = await app.cli(['submit', '--as', 'Zhang Wei', '--platform', 'weibo', '--text', text]);
  expect(submitted.code).toBe(0);
  return submitted.stdout.split(/\s/)[0] ?? '';
}

test.describe('review queue', () => {
  test('filters and search narrow the list, and the counts follow them', async ({ app }) => {
    await addProfiles(app);
    await importAs(app, 'Zhang Wei', [
      { platform: 'weibo', text: '感谢客服团队昨晚的快速响应。', purpose: 'customer-service' },
      { platform: 'x', text: 'Our WAREHOUSE team in Chengdu halved packing errors.', purpose: 'product' },
      { platform: 'linkedin', text: 'Thanks to the warehouse staff for a calm peak season.', crisis: true },
    ]);
    await importAs(app, 'Wang Fang', [
      { platform: 'weibo', text: '台南门市的同事主动留守帮忙邻居。', purpose: 'image' },
      { platform: 'x', text: 'Release 3.2 is out today with the search fix.', purpose: 'product' },
    ]);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick(reviewer);
    const queue = new ReviewQueuePage(page);

    await expect(queue.tab('Pending review')).toHaveAccessibleName('Pending review: 5');
    await expect(queue.rows).toHaveCount(5);
    await expect(queue.rows.first()).toContainText('Crisis');
    // Rows exist only on screen, so each says where it stands.
    await expect(queue.rows.first()).toHaveAttribute('aria-posinset', '1');
    await expect(queue.rows.nth(4)).toHaveAttribute('aria-posinset', '5');
    await expect(queue.rows.first()).toHaveAttribute('aria-setsize', '5');
    await expect(queue.rows.first()).toHaveAttribute('aria-selected', 'false');
    await expect(page.getByText('5 waiting')).toBeVisible();

    // Search ignores the case of Latin letters; the tab counts follow the search.
    await queue.search.fill('warehouse');
    await expect(queue.rows).toHaveCount(2);
    await expect(queue.item('Our WAREHOUSE team')).toBeVisible();
    await expect(queue.item('Thanks to the warehouse staff')).toBeVisible();
    await expect(queue.tab('Pending review')).toHaveAccessibleName('Pending review: 2');
    await expect(page.getByText('2 match the filters')).toBeVisible();
    await queue.platform.selectOption({ label: 'X' });
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.first()).toContainText('Our WAREHOUSE team');
    await expect(queue.rows.first()).toHaveAttribute('aria-setsize', '1');
    await app.snap('queue-search-and-platform');

    await queue.clearFilters.click();
    await expect(queue.search).toHaveValue('');
    await expect(queue.platform).toHaveValue('');
    await expect(queue.rows).toHaveCount(5);

    await queue.author.selectOption({ label: 'Wang Fang' });
    await expect(queue.rows).toHaveCount(2);
    for (const row of await queue.rows.all()) await expect(row).toContainText('Wang Fang');
    await queue.purpose.selectOption({ label: 'Product' });
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.first()).toContainText('Release 3.2');
    await queue.clearFilters.click();

    await queue.crisisOnly.check();
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.first()).toContainText('calm peak season');
    await queue.crisisOnly.uncheck();

    await queue.search.fill('客服');
    await expect(queue.rows).toHaveCount(1);
    await expect(queue.rows.first()).toContainText('感谢客服团队');
    await queue.search.fill('nothing like this');
    await expect(queue.noMatch).toBeVisible();
    await expect(queue.tab('Pending review')).toHaveAccessibleName('Pending review: 0');
    await app.snap('queue-no-match');
  });

  test('the keyboard moves through the queue, approves, opens the dialogs and never fires while typing', async ({ app }) => {
    await addProfiles(app);
    const cleanFirst = '下周我们会在上海发布新一代扫地机器人，欢迎大家来现场体验。';
    const withPhone = '请联系我 13812345678';
    const cleanLast = 'Thank you to everyone who came to our customer day in Hangzhou.';
    const firstId = await submit(app, cleanFirst);
    const phoneId = await submit(app, withPhone);
    const lastId = await submit(app, cleanLast);
    const page = await app.launch();
    const shell = new ShellPage(page);
    await new ProfilePickerPage(page).pick(reviewer);
    const queue = new ReviewQueuePage(page);
    await expect(queue.rows).toHaveCount(3);
    await expect(queue.list).toHaveAttribute('aria-keyshortcuts', /J K ArrowDown ArrowUp/);

    // j selects the first draft and opens it; the list takes the focus, its row the active descendant.
    await page.keyboard.press('j');
    await expect(queue.selected).toContainText(cleanFirst);
    await expect(queue.pane(firstId).status).toHaveText('Pending review');
    await expect(queue.list).toBeFocused();
    const activeId = await queue.selected.getAttribute('id');
    await expect(queue.list).toHaveAttribute('aria-activedescendant', activeId ?? '');
    await page.keyboard.press('ArrowDown');
    await expect(queue.selected).toContainText(withPhone);
    await expect(queue.pane(phoneId).root).toBeVisible();
    await page.keyboard.press('j');
    await expect(queue.selected).toContainText(cleanLast);
    // The end of the queue stops the selection.
    await page.keyboard.press('j');
    await expect(queue.selected).toContainText(cleanLast);
    await page.keyboard.press('k');
    await expect(queue.selected).toContainText(withPhone);
    await page.keyboard.press('ArrowUp');
    await expect(queue.selected).toContainText(cleanFirst);
    await expect(queue.pane(firstId).action('Approve')).toHaveAttribute('aria-keyshortcuts', 'A');
    await expect(queue.pane(firstId).action('Reject')).toHaveAttribute('aria-keyshortcuts', 'X');
    await app.snap('queue-keyboard-selected');

    // ? lists the shortcuts; Escape closes the list.
    await page.keyboard.press('?');
    await expect(queue.shortcuts).toBeVisible();
    await expect(queue.shortcuts.getByRole('row', { name: /Approve the open draft/ })).toContainText('a');
    await expect(queue.shortcuts.getByRole('row', { name: /Select the next draft/ })).toContainText('j');
    await app.snap('queue-shortcuts-dialog');
    // Keys belong to the dialog while it is open.
    await page.keyboard.press('j');
    await expect(queue.selected).toContainText(cleanFirst);
    await page.keyboard.press('Escape');
    await expect(queue.shortcuts).toBeHidden();

    // / goes to the search box, where letters are text, not shortcuts.
    await page.keyboard.press('/');
    await expect(queue.search).toBeFocused();
    await page.keyboard.type('ax');
    await expect(queue.search).toHaveValue('ax');
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(queue.pane(firstId).status).toHaveText('Pending review');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await expect(queue.rows).toHaveCount(3);
    // Enter goes back to the list.
    await page.keyboard.press('Enter');
    await expect(queue.list).toBeFocused();

    // a on a draft without error findings approves it, as the button does.
    await page.keyboard.press('a');
    await expect(shell.notice).toContainText(`Draft ${firstId} approved.`);
    await expect(queue.pane(firstId).status).toHaveText('Approved');
    await expect(queue.rows).toHaveCount(2);

    // j moves on from where the approved draft stood; a opens the approve dialog for its error finding.
    await page.keyboard.press('j');
    await expect(queue.selected).toContainText(withPhone);
    await expect(queue.pane(phoneId).status).toHaveText('Pending review');
    await page.keyboard.press('a');
    const approve = new ActionDialog(page, 'Approve over error findings');
    await expect(approve.root).toBeVisible();
    const justification = approve.field(/^Justification for/);
    await expect(justification).toBeFocused();
    await page.keyboard.type('这是公司的客服热线。');
    await page.keyboard.press('Tab');
    await expect(approve.field('Comment (optional)')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(approve.button('Approve with justifications')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(approve.root).toBeHidden();
    await expect(shell.notice).toContainText(`Draft ${phoneId} approved.`);
    await expect(queue.pane(phoneId).status).toHaveText('Approved');

    // x opens the reject dialog; r the request for changes.
    await page.keyboard.press('j');
    await expect(queue.selected).toContainText(cleanLast);
    await expect(queue.pane(lastId).root).toBeVisible();
    await page.keyboard.press('x');
    const reject = new ActionDialog(page, 'Reject the draft');
    await expect(reject.field('Reason')).toBeFocused();
    await page.keyboard.type('k');
    await expect(reject.field('Reason')).toHaveValue('k');
    await expect(queue.selected).toContainText(cleanLast);
    await page.keyboard.press('Escape');
    await expect(reject.root).toBeHidden();
    await page.keyboard.press('r');
    const request = new ActionDialog(page, 'Request changes');
    await expect(request.field('What needs to change')).toBeFocused();
    await page.keyboard.type('Please name the venue.');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(request.root).toBeHidden();
    await expect(shell.notice).toContainText(`Changes requested on draft ${lastId}.`);
    await expect(queue.empty).toBeVisible();
    await expect(queue.tab('Approved')).toHaveAccessibleName('Approved: 2');
    await expect(queue.tab('Changes requested')).toHaveAccessibleName('Changes requested: 1');
  });
});
