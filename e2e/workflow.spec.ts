import type { Page } from '@playwright/test';
import { expect, test, type CountersignApp } from './fixtures';
import { ComposePage } from './pages/compose-page';
import { ActionDialog, type DraftPane } from './pages/draft-pane';
import { MyDraftsPage } from './pages/my-drafts-page';
import { PolicyPage } from './pages/policy-page';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { ShellPage } from './pages/shell-page';

const executive = 'Zhang Wei';
const reviewer = 'Li Na';
const admin = 'Chen Admin';

// None of these has an `error` finding under the built-in policy.
const first = '下周我们会在上海发布新一代扫地机器人，欢迎大家来现场体验。';
const second = '下周我们会在上海发布新一代扫地机器人，感谢测试团队的认真工作，欢迎大家来现场体验。';
const edited = '下周我们将在上海发布新一代扫地机器人。感谢测试团队的认真工作，欢迎来现场体验。';
// A mobile number: a privacy `error` finding.
const withPhone = '请联系我 13812345678';
const phone = '13812345678';

async function addProfiles(app: CountersignApp) {
  for (const [name, role] of [
    [admin, 'admin'],
    [executive, 'executive'],
    [reviewer, 'reviewer'],
  ] as const) {
    expect((await app.cli(['profiles', 'add', '--name', name, '--role', role])).code).toBe(0);
  }
}

async function cliSubmit(app: CountersignApp, text: string, platform = 'weibo'): Promise<string> {
  const submitted = await app.cli(['submit', '--as', executive, '--platform', platform, '--text', text]);
  expect(submitted.code).toBe(0);
  return submitted.stdout.split(/\s/)[0] ?? '';
}

/** The id in a notice such as "Submitted for review as 0123456789ab." */
async function noticeId(shell: ShellPage): Promise<string> {
  await expect(shell.notice).toHaveText(/[0-9a-f]{12}/);
  return /([0-9a-f]{12})/.exec((await shell.notice.textContent()) ?? '')?.[1] ?? '';
}

/** As the executive, opens one of their drafts in My drafts. */
async function openMine(page: Page, text: string, id: string): Promise<DraftPane> {
  const shell = new ShellPage(page);
  if ((await shell.workingAs.inputValue()) !== executive) await shell.switchTo(executive);
  await shell.section('My drafts').click();
  const mine = new MyDraftsPage(page);
  await expect(mine.heading).toBeVisible();
  return mine.open(text, id);
}

/** As a reviewer (or admin), opens a draft from the queue under the given status tab. */
async function openInQueue(page: Page, who: string, status: string, text: string, id: string): Promise<DraftPane> {
  const shell = new ShellPage(page);
  if ((await shell.workingAs.inputValue()) !== who) await shell.switchTo(who);
  let queue = new ReviewQueuePage(page);
  await expect(queue.heading).toBeVisible();
  if (status !== 'Pending review') queue = await queue.show(status);
  await queue.item(text).click();
  return queue.pane(id);
}

test.describe('review workflow', () => {
  test('changes requested, resubmitted, edited by the reviewer, signed off by the author and published', async ({ app }) => {
    await addProfiles(app);
    const page = await app.launch();
    const shell = new ShellPage(page);
    await new ProfilePickerPage(page).pick(executive);

    const compose = new ComposePage(page);
    await expect(compose.heading).toBeVisible();
    await compose.write('Weibo', first);
    await compose.purpose.selectOption({ label: 'Product' });
    await compose.submit.click();
    await expect(shell.notice).toHaveText(/Submitted for review as [0-9a-f]{12}\./);
    const id = await noticeId(shell);

    // The reviewer asks for changes; the dialog refuses an empty comment.
    await shell.switchTo(reviewer);
    const queue = new ReviewQueuePage(page);
    await expect(queue.tab('Pending review')).toHaveAccessibleName('Pending review: 1');
    await expect(queue.tab('Pending review')).toHaveAttribute('aria-selected', 'true');
    await expect(queue.item(first)).toContainText(executive);
    await expect(queue.item(first)).toContainText('Product');
    await expect(queue.item(first)).toContainText(/Waiting (less than a minute|\d+ minutes?)/);
    await queue.item(first).click();
    let pane = queue.pane(id);
    await expect(pane.status).toHaveText('Pending review');
    await expect(pane.fact('Purpose')).toHaveText('Product');
    await expect(pane.fact('Revision')).toHaveText(`1, written by ${executive}`);
    await app.snap('queue-pending-selected');

    await pane.action('Request changes').click();
    const request = new ActionDialog(page, 'Request changes');
    await expect(request.root).toBeVisible();
    await expect(request.field('What needs to change')).toBeFocused();
    await request.button('Send back to the author').click();
    await expect(request.problem).toHaveText('A comment is required.');
    await expect(request.root).toBeVisible();
    await app.snap('request-changes-empty-refused');
    await request.field('What needs to change').fill('请感谢一下测试团队。');
    await request.button('Send back to the author').click();
    await expect(request.root).toBeHidden();
    await expect(shell.notice).toContainText(`Changes requested on draft ${id}.`);
    await expect(pane.status).toHaveText('Changes requested');
    await expect(queue.tab('Changes requested')).toHaveAccessibleName('Changes requested: 1');
    await expect(queue.tab('Pending review')).toHaveAccessibleName('Pending review: 0');

    // The executive resubmits with new text.
    pane = await openMine(page, first, id);
    await expect(new MyDraftsPage(page).row(first)).toContainText('Changes requested');
    await expect(pane.history).toContainText('请感谢一下测试团队。');
    await pane.action('Resubmit').click();
    const resubmit = new ActionDialog(page, 'Resubmit for review');
    await expect(resubmit.field('New text')).toHaveText(first);
    await resubmit.field('New text').fill(second);
    await resubmit.button('Resubmit for review').click();
    await expect(resubmit.root).toBeHidden();
    await expect(shell.notice).toContainText(`Draft ${id} is back in review as revision 2.`);
    await expect(pane.status).toHaveText('Pending review');

    // The reviewer edits (a new revision) and approves: the author has to sign off.
    pane = await openInQueue(page, reviewer, 'Pending review', second, id);
    await pane.action('Edit').click();
    const edit = new ActionDialog(page, 'Edit the draft');
    await expect(edit.field('Edited text')).toBeFocused();
    await expect(edit.field('Edited text')).toHaveText(second);
    await edit.field('Edited text').fill(edited);
    await app.snap('edit-dialog');
    await edit.button('Save edit').click();
    await expect(edit.root).toBeHidden();
    await expect(shell.notice).toContainText(`Draft ${id} edited: revision 3.`);
    await expect(pane.text).toHaveText(edited);
    await expect(pane.fact('Revision')).toHaveText(`3, written by ${reviewer}`);
    await pane.action('Approve').click();
    await expect(shell.notice).toContainText(`Draft ${id} approved; ${executive} signs off on the edited text next.`);
    await expect(pane.status).toHaveText('Awaiting author');
    await expect(pane.action('Approve')).toBeDisabled();

    // The executive sees their text next to the reviewer's, and signs off.
    pane = await openMine(page, edited, id);
    await expect(pane.status).toHaveText('Awaiting author');
    await expect(pane.before).toContainText(`Before: revision 2 by ${executive}`);
    await expect(pane.before).toContainText(second);
    await expect(pane.after).toContainText(`After: revision 3 by ${reviewer}`);
    await expect(pane.after).toContainText(edited);
    await expect(pane.action('Sign off')).toBeEnabled();
    await app.snap('sign-off-before-after');
    await pane.action('Sign off').click();
    await expect(shell.notice).toContainText(`Signed off: draft ${id} is approved.`);
    await expect(pane.status).toHaveText('Approved');

    // Published now, with the post's address (shown as text, not a link).
    await pane.action('Mark as published').click();
    const publish = new ActionDialog(page, 'Mark as published');
    // A time before the approval: the host refuses, and the dialog says why.
    await publish.field('Published at').fill('2020-01-01T09:30');
    await publish.button('Mark as published').click();
    await expect(publish.problem).toContainText('must be after the approval');
    await publish.button('Cancel').click();
    await expect(publish.root).toBeHidden();
    await expect(pane.action('Mark as published')).toBeFocused();
    await pane.action('Mark as published').click();
    await expect(publish.field('Published at')).toHaveValue(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await publish.field('Link to the post').fill('https://weibo.com/1234567890/P9xYz');
    await app.snap('publish-dialog');
    await publish.button('Mark as published').click();
    await expect(publish.root).toBeHidden();
    await expect(shell.notice).toContainText(`Draft ${id} marked as published.`);
    await expect(pane.status).toHaveText('Published');
    await expect(pane.fact('Link')).toHaveText('https://weibo.com/1234567890/P9xYz');
    await expect(pane.root.getByRole('link')).toHaveCount(0);

    // Every event, in order, with who and in which role.
    const expected = [
      ['Submitted', executive, 'Executive', 'Revision 1'],
      ['Changes requested', reviewer, 'Reviewer', 'Revision 1', 'Changes asked for: 请感谢一下测试团队。'],
      ['Resubmitted', executive, 'Executive', 'Revision 2'],
      ['Edited', reviewer, 'Reviewer', 'Revision 3'],
      ['Approved', reviewer, 'Reviewer', 'Revision 3', 'Status: Awaiting author'],
      ['Signed off', executive, 'Executive', 'Revision 3', 'Status: Approved'],
      ['Published', executive, 'Executive', 'Revision 3', 'Link: https://weibo.com/1234567890/P9xYz'],
    ];
    await expect(pane.events).toHaveCount(expected.length);
    for (const [index, parts] of expected.entries()) {
      for (const part of parts) await expect(pane.events.nth(index)).toContainText(part);
    }
    await expect(pane.events.nth(6)).toContainText(/Published: \w{3} \d{1,2}, \d{4}/);
    await app.snap('history-published');

    const listed = JSON.parse((await app.cli(['list', '--format', 'json'])).stdout);
    expect(listed).toEqual([expect.objectContaining({ id, status: 'published', text: edited, revision: 3, revisionAuthor: reviewer })]);
  });

  test('the action bar shows what a profile may not do and why', async ({ app }) => {
    await addProfiles(app);
    const id = await cliSubmit(app, first);
    expect((await app.cli(['approve', id, '--as', reviewer])).code).toBe(0);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick(reviewer);

    // A reviewer on an approved draft: approve is there, unavailable, with the reason beside it.
    const queue = new ReviewQueuePage(page);
    await expect(queue.tab('Approved')).toHaveAccessibleName('Approved: 1');
    await expect(queue.empty).toBeVisible();
    const approved = await queue.show('Approved');
    await approved.item(first).click();
    const pane = approved.pane(id);
    await expect(pane.status).toHaveText('Approved');
    const reason = 'You cannot approve a draft that is “Approved”.';
    await expect(pane.action('Approve')).toBeDisabled();
    await expect(pane.action('Approve')).toHaveAccessibleDescription(reason);
    await expect(pane.root.getByText(reason)).toBeVisible();
    await expect(pane.action('Request changes')).toBeDisabled();
    // Publishing is open to either side once approved.
    await expect(pane.action('Mark as published')).toBeEnabled();
    await app.snap('reviewer-approved-draft-actions');
    // An unavailable action does nothing when pressed.
    await pane.action('Approve').click({ force: true });
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(pane.status).toHaveText('Approved');

    // The executive never sees approve on their own draft; what they may not do says why.
    const mine = await openMine(page, first, id);
    await expect(mine.actions.getByRole('button')).not.toHaveCount(0);
    await expect(mine.action('Approve')).toHaveCount(0);
    await expect(mine.action('Sign off')).toBeDisabled();
    await expect(mine.action('Sign off')).toHaveAccessibleDescription('You cannot sign off a draft that is “Approved”.');
    await expect(mine.action('Withdraw')).toBeDisabled();
    await expect(mine.action('Mark as published')).toBeEnabled();
    await app.snap('executive-approved-draft-actions');

    // The same pane in Traditional Chinese: labels, reasons and the history.
    await new ShellPage(page).language.selectOption({ label: '繁體中文' });
    const signOff = page.getByRole('group', { name: '操作' }).getByRole('button', { name: '確認修改', exact: true });
    await expect(signOff).toBeDisabled();
    await expect(signOff).toHaveAccessibleDescription('狀態為「已核准」的草稿不能執行「確認」。');
    await expect(page.getByRole('list', { name: '歷史紀錄' })).toContainText('已核准');
    await app.snap('executive-approved-draft-zh-hant');
  });

  test('approving over an error finding needs a justification, which the history keeps', async ({ app }) => {
    await addProfiles(app);
    const page = await app.launch();
    const shell = new ShellPage(page);
    await new ProfilePickerPage(page).pick(executive);
    const compose = new ComposePage(page);
    await compose.write('Weibo', withPhone);
    await expect(compose.findings.group('Errors (1)')).toContainText(phone);
    await compose.submit.click();
    const id = await noticeId(shell);

    const pane = await openInQueue(page, reviewer, 'Pending review', withPhone, id);
    const errors = pane.findings.group('Errors (1)');
    await expect(errors).toContainText(phone);
    await expect(errors).toContainText('Privacy');
    await pane.action('Approve').click();
    const approve = new ActionDialog(page, 'Approve over error findings');
    await expect(approve.root).toBeVisible();
    const justification = approve.field(`Justification for “${phone}” (privacy.mobile-cn)`);
    await expect(justification).toBeFocused();
    await expect(justification).toHaveAccessibleDescription(/personal data/);
    await approve.button('Approve with justifications').click();
    await expect(approve.problem).toHaveText('A justification is required.');
    await expect(justification).toHaveAttribute('aria-invalid', 'true');
    await justification.fill('这是公司的客服热线，不是个人号码。');
    await approve.field('Comment (optional)').fill('热线号码已与客服部门核实。');
    await app.snap('approve-justification-dialog');
    await approve.button('Approve with justifications').click();
    await expect(approve.root).toBeHidden();
    await expect(shell.notice).toContainText(`Draft ${id} approved.`);
    await expect(pane.status).toHaveText('Approved');

    const approvedEvent = pane.events.filter({ hasText: 'Approved' });
    await expect(approvedEvent).toContainText(`${reviewer}`);
    await expect(approvedEvent).toContainText(`Justification for “${phone}” (privacy.mobile-cn): 这是公司的客服热线，不是个人号码。`);
    await expect(approvedEvent).toContainText('Comment: 热线号码已与客服部门核实。');
    await app.snap('history-justification');
  });

  test('a rejection needs a reason; the author withdraws another draft', async ({ app }) => {
    await addProfiles(app);
    const rejectedText = '周末带孩子去了图书馆，读到一本很好看的科普书。';
    const withdrawnText = 'Thank you to everyone who came to our customer day in Hangzhou.';
    const rejectId = await cliSubmit(app, rejectedText);
    const withdrawId = await cliSubmit(app, withdrawnText, 'linkedin');
    const page = await app.launch();
    const shell = new ShellPage(page);
    await new ProfilePickerPage(page).pick(reviewer);

    const queue = new ReviewQueuePage(page);
    await expect(queue.tab('Pending review')).toHaveAccessibleName('Pending review: 2');
    // The status tabs move with the arrow keys.
    await queue.tab('Pending review').focus();
    await page.keyboard.press('ArrowRight');
    await expect(queue.tab('Changes requested')).toBeFocused();
    await expect(queue.tab('Changes requested')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByText('No drafts are “Changes requested”.')).toBeVisible();
    await page.keyboard.press('ArrowLeft');
    await expect(queue.tab('Pending review')).toHaveAttribute('aria-selected', 'true');
    await queue.item(rejectedText).click();
    const pane = queue.pane(rejectId);
    const rejectButton = pane.action('Reject');
    await rejectButton.click();
    const reject = new ActionDialog(page, 'Reject the draft');
    await expect(reject.field('Reason')).toBeFocused();
    // Escape closes the dialog and gives focus back to the button that opened it.
    await page.keyboard.press('Escape');
    await expect(reject.root).toBeHidden();
    await expect(rejectButton).toBeFocused();
    await rejectButton.click();
    await reject.button('Reject draft').click();
    await expect(reject.problem).toHaveText('A reason is required.');
    // Spaces are not a reason either.
    await reject.field('Reason').fill('   ');
    await reject.button('Reject draft').click();
    await expect(reject.problem).toHaveText('A reason is required.');
    await app.snap('reject-reason-required');
    await reject.field('Reason').fill('Personal posts do not go out on the company account.');
    await reject.button('Reject draft').click();
    await expect(reject.root).toBeHidden();
    await expect(shell.notice).toContainText(`Draft ${rejectId} rejected.`);
    await expect(pane.status).toHaveText('Rejected');
    await expect(pane.events.last()).toContainText('Rejected');
    await expect(pane.events.last()).toContainText('Reason: Personal posts do not go out on the company account.');
    await expect(queue.tab('Rejected')).toHaveAccessibleName('Rejected: 1');

    const mine = await openMine(page, withdrawnText, withdrawId);
    await expect(mine.status).toHaveText('Pending review');
    await mine.action('Withdraw').click();
    const withdraw = new ActionDialog(page, 'Withdraw the draft');
    await withdraw.field('Comment (optional)').fill('We will post this after the event photos are ready.');
    await withdraw.button('Withdraw draft').click();
    await expect(withdraw.root).toBeHidden();
    await expect(shell.notice).toContainText(`Draft ${withdrawId} withdrawn.`);
    await expect(mine.status).toHaveText('Withdrawn');
    await expect(mine.action('Withdraw')).toBeDisabled();
    await expect(mine.events.last()).toContainText(`Withdrawn ${executive} Executive`);
    await expect(mine.events.last()).toContainText('Comment: We will post this after the event photos are ready.');
    await expect(new MyDraftsPage(page).row(rejectedText)).toContainText('Rejected');
    await app.snap('my-drafts-withdrawn');

    // Either side may comment at any time; an empty comment is refused.
    const rejected = await new MyDraftsPage(page).open(rejectedText, rejectId);
    await rejected.action('Comment').click();
    const comment = new ActionDialog(page, 'Comment on the draft');
    await comment.button('Add comment').click();
    await expect(comment.problem).toHaveText('A comment is required.');
    await comment.field('Comment').fill('Understood, I will keep it for my own account.');
    await comment.button('Add comment').click();
    await expect(comment.root).toBeHidden();
    await expect(shell.notice).toContainText(`Comment added to draft ${rejectId}.`);
    await expect(rejected.status).toHaveText('Rejected');
    await expect(rejected.events.last()).toContainText(`Commented ${executive} Executive`);
    await expect(rejected.events.last()).toContainText('Comment: Understood, I will keep it for my own account.');

    const listed = JSON.parse((await app.cli(['list', '--format', 'json'])).stdout);
    expect(Object.fromEntries(listed.map((d: { id: string; status: string }) => [d.id, d.status]))).toEqual({ [rejectId]: 'rejected', [withdrawId]: 'withdrawn' });
  });

  test('a saved crisis draft goes to the top of the queue; without author sign-off an edit approves at once', async ({ app }) => {
    await addProfiles(app);
    const olderId = await cliSubmit(app, second);
    const page = await app.launch();
    const shell = new ShellPage(page);
    await new ProfilePickerPage(page).pick(admin);

    // The admin turns author sign-off off.
    await shell.section('Policy').click();
    const policy = new PolicyPage(page);
    await expect(policy.authorSignOff).toBeChecked();
    await policy.authorSignOff.uncheck();
    await policy.save.click();
    await expect(shell.notice).toHaveText(/Policy saved\./);
    await expect(policy.authorSignOff).not.toBeChecked();

    // The executive saves a crisis draft, then submits it from My drafts.
    await shell.switchTo(executive);
    const compose = new ComposePage(page);
    await compose.write('Weibo', first);
    await compose.purpose.selectOption({ label: 'Customer service' });
    await compose.crisis.check();
    await compose.save.click();
    await expect(shell.notice).toHaveText(/Saved as draft [0-9a-f]{12}\./);
    const crisisId = await noticeId(shell);
    await expect(compose.crisis).not.toBeChecked();
    const mine = await openMine(page, first, crisisId);
    await expect(mine.status).toHaveText('Draft');
    await expect(mine.fact('Crisis')).toHaveText('Yes');
    await expect(mine.action('Resubmit')).toBeDisabled();
    await mine.action('Submit for review').click();
    await expect(shell.notice).toContainText(`Submitted for review as ${crisisId}.`);
    await expect(mine.status).toHaveText('Pending review');

    // Admins review too: the crisis comes first although it waited less.
    await shell.switchTo(admin);
    const queue = new ReviewQueuePage(page);
    await expect(queue.heading).toBeVisible();
    await expect(queue.rows).toHaveCount(2);
    await expect(queue.rows.first()).toContainText('Crisis');
    await expect(queue.rows.first()).toContainText(first);
    await expect(queue.rows.nth(1)).toContainText(second);
    await expect(queue.rows.nth(1)).not.toContainText('Crisis');
    await app.snap('queue-crisis-first');

    await queue.item(second).click();
    const pane = queue.pane(olderId);
    await pane.action('Edit').click();
    const edit = new ActionDialog(page, 'Edit the draft');
    // An edit must change something.
    await edit.button('Save edit').click();
    await expect(edit.problem).toHaveText('The edited text is the same as the current revision.');
    await edit.field('Edited text').fill(edited);
    await edit.button('Save edit').click();
    await expect(edit.root).toBeHidden();
    await pane.action('Approve').click();
    await expect(shell.notice).toContainText(`Draft ${olderId} approved.`);
    await expect(pane.status).toHaveText('Approved');
    await expect(queue.tab('Awaiting author')).toHaveAccessibleName('Awaiting author: 0');
  });
});
