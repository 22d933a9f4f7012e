import type { Page } from '@playwright/test';
import { expect, test, type CountersignApp } from './fixtures';
import { ComposePage } from './pages/compose-page';
import { selectedText } from './pages/findings-panel';
import { PolicyPage } from './pages/policy-page';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { ShellPage } from './pages/shell-page';

// 凡客 is the competitor from the seed article; 星河计划 stands for an unannounced project.
const competitor = '凡客';
const project = '星河计划';
// All CJK characters and full-width punctuation: X counts each as 2.
const post = `今天和${competitor}的朋友聊了聊，${project}进展顺利。`;

async function addProfiles(app: CountersignApp) {
  for (const [name, role] of [
    ['Chen Admin', 'admin'],
    ['Zhang Wei', 'executive'],
    ['Li Na', 'reviewer'],
  ] as const) {
    expect((await app.cli(['profiles', 'add', '--name', name, '--role', role])).code).toBe(0);
  }
}

/** As the admin, puts the terms on the lists through the policy screen and saves. */
async function savePolicyLists(page: Page, lists: { competitors?: string[]; confidential?: string[] }) {
  const shell = new ShellPage(page);
  await shell.switchTo('Chen Admin');
  await shell.section('Policy').click();
  const policy = new PolicyPage(page);
  await expect(policy.heading).toBeVisible();
  if (lists.competitors) await policy.competitors.fill(lists.competitors.join('\n'));
  if (lists.confidential) await policy.confidential.fill(lists.confidential.join('\n'));
  await policy.save.click();
  await expect(shell.notice).toHaveText(/Policy saved\./);
  return policy;
}

test.describe('rule checks', () => {
  test('the admin lists a competitor and a project; the executive sees them checked live; the reviewer sees the findings', async ({ app }) => {
    await addProfiles(app);
    const page = await app.launch();
    const cspViolations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    const shell = new ShellPage(page);
    await new ProfilePickerPage(page).pick('Chen Admin');

    await shell.section('Policy').click();
    const policy = new PolicyPage(page);
    await expect(policy.heading).toBeVisible();
    await expect(policy.severity('competitor.named')).toHaveValue('warning');
    await expect(policy.severity('competitor.named').locator('option:checked')).toHaveText('Warning (default)');
    await policy.competitors.fill(`${competitor}\n\n  Amazon  \n`);
    await policy.confidential.fill(project);
    await policy.sentence.fill(post);
    // The preview runs the edited policy before it is saved.
    await expect(policy.preview.group('Warnings').getByRole('listitem')).toContainText(competitor);
    await expect(policy.preview.group('Errors').getByRole('listitem')).toContainText(project);
    await app.snap('policy-edited');
    await policy.save.click();
    await expect(shell.notice).toHaveText(/Policy saved\./);
    await expect(page.getByText('Unsaved changes')).toHaveCount(0);
    // Blank lines and spaces are not terms.
    await expect(policy.competitors).toHaveValue(`${competitor}\nAmazon`);

    await shell.switchTo('Zhang Wei');
    const compose = new ComposePage(page);
    await expect(compose.heading).toBeVisible();
    // CodeMirror's own stylesheet applies under the CSP (line wrapping is one of its rules).
    await expect(compose.text).toHaveCSS('white-space', 'break-spaces');
    await compose.write('X', post);
    await expect(compose.counter).toHaveText(`X: ${post.length * 2}/280`);
    const warning = compose.findings.group('Warnings (1)');
    const error = compose.findings.group('Errors (1)');
    await expect(warning.getByRole('listitem')).toContainText(`Names a competitor (“${competitor}”)`);
    await expect(warning.getByRole('listitem')).toContainText('Competitor');
    await expect(error.getByRole('listitem')).toContainText(`Names an unannounced project (“${project}”)`);
    await expect(error.getByRole('listitem')).toContainText('Disclosure');
    await expect(error.getByRole('listitem')).toContainText('Suggestion: Remove the name until the project is announced.');

    // The underline carries the message in its tooltip.
    await page.locator('.cm-lintRange-warning').hover();
    await expect(page.locator('.cm-tooltip-lint')).toContainText(`Names a competitor (“${competitor}”)`);
    await app.snap('compose-findings-tooltip');

    await compose.findings.jump(project).click();
    await expect(compose.text).toBeFocused();
    expect(await selectedText(page)).toBe(project);
    await compose.findings.jump(competitor).click();
    expect(await selectedText(page)).toBe(competitor);
    await app.snap('compose-findings');

    // Typing more rechecks at once: the finding is gone when the name is.
    await compose.text.fill(post.replace(competitor, '老'));
    await expect(compose.findings.item(competitor)).toHaveCount(0);
    await expect(compose.findings.group('Warnings')).toHaveCount(0);
    await compose.text.fill(post);
    await expect(compose.findings.item(competitor)).toBeVisible();

    await compose.submit.click();
    await expect(shell.notice).toHaveText(/Submitted for review as [0-9a-f]{12}\./);
    const id = /as ([0-9a-f]{12})/.exec((await shell.notice.textContent()) ?? '')?.[1] ?? '';
    await expect(compose.text).toHaveText('');
    await expect(compose.findings.root).toContainText('No findings.');

    await shell.switchTo('Li Na');
    const queue = new ReviewQueuePage(page);
    await expect(queue.item(post)).toContainText('1 error · 1 warning');
    await queue.item(post).click();
    await expect(queue.text(id)).toHaveText(post);
    await expect(queue.text(id)).toHaveAttribute('aria-readonly', 'true');
    await expect(queue.counter(id)).toHaveText(`X: ${post.length * 2}/280`);
    const findings = queue.findings(id);
    await expect(findings.group('Errors (1)')).toContainText(project);
    await expect(findings.group('Warnings (1)')).toContainText(competitor);
    await findings.jump(project).click();
    expect(await selectedText(page)).toBe(project);
    await app.snap('review-findings');

    // The reviewer cannot type into the draft.
    await page.keyboard.type('x');
    await expect(queue.text(id)).toHaveText(post);
    expect(cspViolations).toEqual([]);
  });

  test('the counter marks a post over the platform limit', async ({ app }) => {
    await app.cli(['profiles', 'add', '--name', 'Zhang Wei', '--role', 'executive']);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Zhang Wei');
    const compose = new ComposePage(page);
    await compose.write('X', '好'.repeat(141));
    await expect(compose.counter).toContainText('X: 282/280');
    await expect(compose.counter).toContainText('over the limit');
    await expect(compose.counter).toHaveClass(/counter-over/);
    await expect(compose.findings.group('Errors (1)')).toContainText('Length');
    await app.snap('compose-over-limit');
    // The same text fits Weibo, which counts a CJK character as 1.
    await compose.platform.selectOption({ label: 'Weibo' });
    await expect(compose.counter).toHaveText('Weibo: 141/2,000');
    await expect(compose.counter).not.toHaveClass(/counter-over/);
  });

  test('Chinese typed through an IME is checked when the composition commits', async ({ app }) => {
    await addProfiles(app);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Chen Admin');
    await savePolicyLists(page, { competitors: [competitor] });
    await new ShellPage(page).switchTo('Zhang Wei');
    const compose = new ComposePage(page);
    await compose.platform.selectOption({ label: 'Weibo' });
    await compose.text.click();
    await page.keyboard.type('今天见了');

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'fan', selectionStart: 3, selectionEnd: 3 });
    await cdp.send('Input.imeSetComposition', { text: '凡', selectionStart: 1, selectionEnd: 1 });
    await cdp.send('Input.imeSetComposition', { text: '凡客', selectionStart: 2, selectionEnd: 2 });
    // Checked while the composition is still open; the underline waits for it to close.
    await expect(compose.findings.item(competitor)).toBeVisible();
    await expect(page.locator('.cm-lintRange-warning')).toHaveCount(0);
    await cdp.send('Input.insertText', { text: '凡客' });
    await cdp.detach();

    await expect(compose.text).toHaveText('今天见了凡客');
    await expect(compose.findings.item(competitor)).toContainText(`Names a competitor (“${competitor}”)`);
    await expect(page.locator('.cm-lintRange-warning')).toHaveText(competitor);
    await expect(compose.counter).toHaveText('Weibo: 6/2,000');
    await app.snap('compose-after-ime');
    // Typing goes on normally after the composition.
    await page.keyboard.type('的朋友');
    await expect(compose.text).toHaveText('今天见了凡客的朋友');
  });

  test('the findings UI speaks the UI language', async ({ app }) => {
    await addProfiles(app);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Chen Admin');
    await savePolicyLists(page, { competitors: [competitor], confidential: [project] });
    const shell = new ShellPage(page);
    await shell.switchTo('Zhang Wei');
    await shell.language.selectOption({ label: '简体中文' });

    const compose = new ComposePage(page, { heading: '新草稿', findings: '检查结果' });
    await expect(compose.heading).toBeVisible();
    await page.getByLabel('平台').selectOption({ label: 'X' });
    await page.getByLabel('草稿正文').fill(post);
    await expect(compose.counter).toHaveText(`X：${post.length * 2}/280`);
    await expect(compose.findings.group('错误（1）')).toContainText(`提到了未公开的项目（“${project}”）`);
    await expect(compose.findings.group('错误（1）')).toContainText('信息披露');
    await expect(compose.findings.group('警告（1）')).toContainText(`点名了竞争对手（“${competitor}”）`);
    await expect(compose.findings.group('警告（1）')).toContainText('竞争对手');
    await expect(compose.findings.group('警告（1）')).toContainText('建议：');
    await app.snap('compose-findings-zh-hans');
    await page.getByRole('button', { name: '提交审核' }).click();
    await expect(shell.notice).toContainText('已提交审核');

    await page.getByLabel('当前身份').selectOption({ value: 'Li Na' });
    await page.getByLabel('语言').selectOption({ label: '繁體中文' });
    const queue = page.getByRole('listbox', { name: '待審核' });
    await expect(queue.getByRole('option').filter({ hasText: post })).toContainText('1 個錯誤 · 1 個警告');
    await queue.getByRole('option').filter({ hasText: post }).click();
    const findings = page.getByRole('region', { name: '檢查結果' });
    await expect(findings).toContainText(`點名了競爭對手（「${competitor}」）`);
    await expect(findings).toContainText('競爭對手');
    await expect(findings).toContainText('錯誤（1）');
    await app.snap('review-findings-zh-hant');

    await page.getByLabel('目前身分').selectOption({ value: 'Chen Admin' });
    await page.getByRole('navigation').getByRole('button', { name: '政策' }).click();
    await expect(page.getByRole('heading', { name: '政策', level: 1 })).toBeVisible();
    await expect(page.getByLabel('competitor.named 的等級').locator('option:checked')).toHaveText('警告（預設）');
    await app.snap('policy-zh-hant');
  });

  test('a policy the host refuses says why, and nothing is saved', async ({ app }) => {
    await app.cli(['profiles', 'add', '--name', 'Chen Admin', '--role', 'admin']);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Chen Admin');
    const shell = new ShellPage(page);
    await shell.section('Policy').click();
    const policy = new PolicyPage(page);
    await expect(policy.heading).toBeVisible();

    // A term longer than a list allows: the preview cannot compile it and says where.
    await policy.competitors.fill(`${competitor}\n${'长'.repeat(201)}`);
    await expect(policy.tryArea.getByRole('alert')).toContainText('This policy cannot be used: lists.competitors[1]');
    await policy.save.click();
    await expect(policy.saveProblem).toContainText('lists.competitors[1]');
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    await app.snap('policy-list-error');

    // A severity the rules do not know (a stale or tampered form): refused with the path too.
    await policy.competitors.fill(competitor);
    await expect(policy.saveProblem).toHaveCount(0);
    await policy.severity('tone.shouting').evaluate((select: HTMLSelectElement) => select.add(new Option('fatal', 'fatal')));
    await policy.severity('tone.shouting').selectOption('fatal');
    await expect(policy.tryArea.getByRole('alert')).toContainText('rules["tone.shouting"].severity');
    await policy.save.click();
    await expect(policy.saveProblem).toContainText('rules["tone.shouting"].severity');
    await app.snap('policy-severity-error');

    // Neither attempt reached the saved policy.
    await page.getByRole('button', { name: 'Discard changes' }).click();
    await expect(policy.competitors).toHaveValue('');
    await expect(policy.severity('tone.shouting')).toHaveValue('warning');
  });

  test('built-in companies and cancelling contexts are on the policy screen and change what the preview flags', async ({ app }) => {
    await app.cli(['profiles', 'add', '--name', 'Chen Admin', '--role', 'admin']);
    const page = await app.launch();
    await new ProfilePickerPage(page).pick('Chen Admin');
    await new ShellPage(page).section('Policy').click();
    const policy = new PolicyPage(page);
    await expect(policy.heading).toBeVisible();
    await expect(policy.companies).toHaveValue(/(^|\n)Salesforce(\n|$)/);
    await expect(page.getByText(/^苹果: 摘苹果/)).toBeAttached();

    // A comparison with a built-in company warns; removing the company from the list stops it.
    await policy.sentence.fill('我们的门店数比瑞幸多了');
    await expect(policy.preview.item('比瑞幸')).toBeVisible();
    await policy.companies.fill((await policy.companies.inputValue()).replace(/(^|\n)瑞幸(?=\n|$)/, ''));
    await expect(policy.preview.item('比瑞幸')).toHaveCount(0);

    // A competitor that is also a fruit: the built-in contexts cancel it; the admin adds one of the team's own.
    await policy.competitors.fill('苹果\n彩云');
    await policy.sentence.fill('周末去摘苹果，今天彩云发布了新品');
    await expect(policy.preview.item('彩云')).toBeVisible();
    await expect(policy.preview.item('苹果')).toHaveCount(0);
    await policy.homonyms.fill('彩云: 天上的彩云');
    await policy.sentence.fill('看天上的彩云');
    await expect(policy.preview.group('Warnings')).toHaveCount(0);
    await app.snap('policy-homonyms');
  });
});
