import { expect, test, type CountersignApp } from './fixtures';
import { ActionDialog } from './pages/draft-pane';
import { MyDraftsPage } from './pages/my-drafts-page';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { ShellPage } from './pages/shell-page';

const executive = 'Zhang Wei';
const reviewer = 'Li Na';

// A mobile number is a privacy `error` finding; the other texts have no errors.
const phone = '13812345678';
const withPhone = `请联系我 ${phone}`;
const hotline = '请联系客服热线。';
const first = '下周我们会在上海发布新一代扫地机器人，欢迎大家来现场体验。';
const second = '下周我们会在上海发布新一代扫地机器人，感谢测试团队的认真工作，欢迎大家来现场体验。';
const edited = '下周我们将在上海发布新一代扫地机器人。感谢测试团队的认真工作，欢迎来现场体验。';

async function addProfiles(app: CountersignApp) {
  for (const [name, role] of [
    [executive, 'executive'],
    [reviewer, 'reviewer'],
  ] as const) {
    expect((await app.cli(['profiles', 'add', '--name', name, '--role', role])).code).toBe(0);
  }
}

/** Runs a CLI command that must succeed. */
async function cli(app: CountersignApp, args: string[]): Promise<string> {
  const result = await app.cli(args);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout;
}

async function submit(app: CountersignApp, text: string): Promise<string> {
  return (await cli(app, ['submit', '--as', executive, '--platform', 'weibo', '--text', text])).split(/\s/)[0] ?? '';
}

test.describe('review pane', () => {
  test('the draft sits between the queue and its findings, read-only with findings underlined until Edit opens it with live checks', async ({ app }) => {
    await addProfiles(app);
    const id = await submit(app, withPhone);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick(reviewer);
    const queue = new ReviewQueuePage(page);
    await queue.item(withPhone).click();
    const pane = queue.pane(id);

    // Three columns: the queue, the draft, its findings.
    await expect(pane.findings.group('Errors (1)')).toContainText(phone);
    const [list, text, findings] = await Promise.all([queue.list.boundingBox(), pane.text.boundingBox(), pane.findings.root.boundingBox()]);
    for (const box of [list, text, findings]) expect(box, 'each column is laid out').not.toBeNull();
    expect(list!.x + list!.width).toBeLessThanOrEqual(text!.x);
    expect(text!.x + text!.width).toBeLessThanOrEqual(findings!.x);
    expect(findings!.y).toBeLessThan(text!.y + text!.height);

    // Read-only, the finding underlined; typing changes nothing (nor do the letters start the queue's shortcuts: a, e, r, x).
    await expect(pane.text).toHaveAttribute('aria-readonly', 'true');
    await expect(pane.underlines('error')).toHaveText(phone);
    await pane.text.click();
    await page.keyboard.type('axer');
    await page.keyboard.press('Backspace');
    await expect(pane.text).toHaveText(withPhone);
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Edit the draft' })).toHaveCount(0);
    await expect(pane.status).toHaveText('Pending review');
    await app.snap('review-pane-read-only');

    // Edit opens the text in place (no modal), focused and writable; the findings follow the typing.
    await pane.action('Edit').click();
    const edit = new ActionDialog(page, 'Edit the draft');
    await expect(edit.root).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    const field = edit.field('Edited text');
    await expect(field).toBeFocused();
    await expect(field).not.toHaveAttribute('aria-readonly', 'true');
    await expect(pane.text).toHaveCount(0);
    await field.fill(hotline);
    await expect(pane.findings.root).toContainText('No findings.');
    await expect(pane.underlines('error')).toHaveCount(0);
    await field.press('ControlOrMeta+End');
    await page.keyboard.type(' or call 13900001111');
    await expect(field).toHaveText(`${hotline} or call 13900001111`);
    await expect(pane.findings.group('Errors (1)')).toContainText('13900001111');
    await expect(pane.underlines('error')).toHaveText('13900001111');
    await app.snap('review-pane-editing');

    // Escape drops the edit: the text in force is back, read-only, and focus returns to Edit.
    await page.keyboard.press('Escape');
    await expect(edit.root).toBeHidden();
    await expect(pane.text).toHaveText(withPhone);
    await expect(pane.text).toHaveAttribute('aria-readonly', 'true');
    await expect(pane.action('Edit')).toBeFocused();

    // Saved, the edit is revision 2, read-only again and rechecked.
    await pane.action('Edit').click();
    await expect(edit.field('Edited text')).toHaveText(withPhone);
    await edit.field('Edited text').fill(hotline);
    await edit.field('Comment (optional)').fill('去掉了个人号码。');
    await edit.button('Save edit').click();
    await expect(edit.root).toBeHidden();
    await expect(pane.text).toHaveText(hotline);
    await expect(pane.text).toHaveAttribute('aria-readonly', 'true');
    await expect(pane.fact('Revision')).toHaveText(`2, written by ${reviewer}`);
    await expect(pane.findings.root).toContainText('No findings.');
    await expect(pane.events.last()).toContainText('Comment: 去掉了个人号码。');
  });

  test('a diff between two chosen revisions shows the deleted and inserted text, and says so in words', async ({ app }) => {
    await addProfiles(app);
    const id = await submit(app, first);
    await cli(app, ['request-changes', id, '--as', reviewer, '--comment', '请感谢一下测试团队。']);
    await cli(app, ['resubmit', id, '--as', executive, '--text', second]);
    await cli(app, ['edit', id, '--as', reviewer, '--text', edited]);
    const page = await app.launch();
    // The merge view's styles must apply under the renderer's CSP, as the editor's do.
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    await new ProfilePickerPage(page).pick(reviewer);
    const queue = new ReviewQueuePage(page);
    await queue.item(edited).click();
    const { diff } = queue.pane(id);

    // The reviewer's edit against the author's last own text, by default.
    await expect(diff.from).toHaveValue('2');
    await expect(diff.to).toHaveValue('3');
    await expect(diff.before).toContainText(`Before: revision 2 by ${executive}`);
    await expect(diff.before).toContainText(second);
    await expect(diff.after).toContainText(`After: revision 3 by ${reviewer}`);
    await expect(diff.after).toContainText(edited);
    await expect(diff.deleted).toHaveText(['下周我们会', '，', '大家']);
    await expect(diff.inserted).toHaveText(['下周我们将', '。']);
    await expect(diff.summary).toHaveText('2 replacements, 1 deletion');

    // Revision 1 against 2: the author's own change, an insertion.
    await diff.from.selectOption({ label: `Revision 1 by ${executive}` });
    await diff.to.selectOption({ label: `Revision 2 by ${executive}` });
    await expect(diff.before).toContainText(`Before: revision 1 by ${executive}`);
    await expect(diff.after).toContainText(`After: revision 2 by ${executive}`);
    await expect(diff.summary).toHaveText('1 insertion');
    await expect(diff.deleted).toHaveCount(0);
    await expect(diff.inserted).toHaveText(['感谢测试团队的认真工作，']);
    await diff.listToggle.click();
    await expect(diff.changes).toHaveText(['Inserted “感谢测试团队的认真工作，”']);
    await app.snap('revision-diff-1-2');

    // Both sides are labelled, read-only text: typing changes nothing.
    await expect(diff.side('before')).toHaveAttribute('aria-readonly', 'true');
    await expect(diff.side('after')).toHaveAccessibleName(`After: revision 2 by ${executive}`);
    await diff.side('after').click();
    await page.keyboard.type('xyz');
    await expect(diff.side('after')).toHaveText(second);

    // The same revision on both sides: nothing changed.
    await diff.to.selectOption('1');
    await expect(diff.summary).toHaveText('No changes between these revisions.');
    await expect(diff.changes).toHaveCount(0);
    await expect(diff.side('after')).toHaveCSS('white-space', 'break-spaces');
    expect(cspViolations).toEqual([]);
  });

  test('an error finding overridden from the findings panel lets Approve through; without a justification Approve is refused', async ({ app }) => {
    await addProfiles(app);
    const id = await submit(app, withPhone);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick(reviewer);
    const queue = new ReviewQueuePage(page);
    await queue.item(withPhone).click();
    const pane = queue.pane(id);
    const justification = pane.findings.justification(phone);
    await expect(justification).toHaveAccessibleName(`Justification for “${phone}” (privacy.mobile-cn)`);
    await expect(justification).toHaveAccessibleDescription(/personal data/);

    // Nothing written: Approve asks, and refuses with the reason.
    await pane.action('Approve').click();
    const approve = new ActionDialog(page, 'Approve over error findings');
    await expect(approve.field(`Justification for “${phone}” (privacy.mobile-cn)`)).toBeFocused();
    await approve.button('Approve with justifications').click();
    await expect(approve.problem).toHaveText('A justification is required.');
    await approve.button('Cancel').click();
    await expect(approve.root).toBeHidden();
    await expect(pane.status).toHaveText('Pending review');

    // Written beside the finding, it is what Approve sends.
    const why = '这是公司的客服热线，不是个人号码。';
    await justification.fill(why);
    await app.snap('findings-panel-justification');
    await pane.action('Approve').click();
    await expect(approve.field(`Justification for “${phone}” (privacy.mobile-cn)`)).toHaveValue(why);
    await expect(approve.button('Approve with justifications')).toBeFocused();
    await approve.button('Approve with justifications').click();
    await expect(approve.root).toBeHidden();
    await expect(pane.status).toHaveText('Approved');
    await expect(pane.events.last()).toContainText(`Justification for “${phone}” (privacy.mobile-cn): ${why}`);
    // Approved, there is nothing left to override.
    await expect(pane.findings.justification(phone)).toHaveCount(0);

    const shown = JSON.parse(await cli(app, ['show', id, '--format', 'json']));
    expect(shown.events.at(-1).overrides).toEqual([expect.objectContaining({ ruleId: 'privacy.mobile-cn', match: phone, justification: why })]);
  });

  test('the executive sees the reviewer’s edit as a diff and signs off', async ({ app }) => {
    await addProfiles(app);
    const id = await submit(app, first);
    await cli(app, ['edit', id, '--as', reviewer, '--text', edited]);
    await cli(app, ['approve', id, '--as', reviewer]);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick(executive);
    await new ShellPage(page).section('My drafts').click();
    const mine = new MyDraftsPage(page);
    const pane = await mine.open(edited, id);
    await expect(pane.status).toHaveText('Awaiting author');

    // The author's original against the reviewer's text, above the text itself.
    const { diff } = pane;
    await expect(diff.root).toContainText(`${reviewer} edited your text.`);
    await expect(diff.from).toHaveValue('1');
    await expect(diff.to).toHaveValue('2');
    await expect(diff.before).toContainText(`Before: revision 1 by ${executive}`);
    await expect(diff.after).toContainText(`After: revision 2 by ${reviewer}`);
    await expect(diff.deleted).toHaveText(['下周我们会', '大家']);
    await expect(diff.inserted).toHaveText(['下周我们将', '。感谢测试团队的认真工作']);
    await expect(diff.summary).toHaveText('1 replacement, 1 insertion, 1 deletion');
    const [diffBox, textBox] = await Promise.all([diff.root.boundingBox(), pane.text.boundingBox()]);
    expect(diffBox!.y).toBeLessThan(textBox!.y);

    // What the author may do, each labelled; publishing waits for approval and says why.
    for (const name of ['Sign off', 'Resubmit', 'Withdraw', 'Comment']) await expect(pane.action(name)).toBeEnabled();
    await expect(pane.action('Mark as published')).toBeDisabled();
    await expect(pane.action('Mark as published')).toHaveAccessibleDescription('You cannot mark as published a draft that is “Awaiting author”.');
    await app.snap('executive-sign-off-diff');

    await pane.action('Sign off').click();
    await expect(pane.status).toHaveText('Approved');
    await expect(diff.root).not.toContainText('edited your text');
    await expect(diff.after).toContainText(edited);
    await expect(pane.action('Mark as published')).toBeEnabled();
    await expect(pane.events.last()).toContainText(`Signed off ${executive} Executive`);
  });
});
