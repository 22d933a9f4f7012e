import fs from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test, type CountersignApp } from './fixtures';
import { ComposePage } from './pages/compose-page';
import { ActionDialog } from './pages/draft-pane';
import { ExportDialogPage, LogPage } from './pages/log-page';
import { MyDraftsPage } from './pages/my-drafts-page';
import { PolicyPage } from './pages/policy-page';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ReviewQueuePage } from './pages/review-queue-page';
import { SettingsPage } from './pages/settings-page';
import { ShellPage } from './pages/shell-page';

// axe-core on every main screen, in both themes: no `serious` or `critical`
// violation of WCAG 2.0 / 2.1 A and AA. Nothing is excluded from the scans.
// Each run keeps a summary per screen (rules passed, moderate and minor
// violations, what axe could not decide) as `axe.txt`, attached to the report.

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const blocking = new Set(['serious', 'critical']);

const admin = 'Chen Admin';
const executive = 'Zhang Wei';
const reviewer = 'Li Na';

// A privacy and an attack `error`, an absolute claim and a run of exclamation marks: every severity group the panel has.
const risky = '我们的新品是全网第一！！！请联系我 13812345678，竞品都是垃圾。';
const original = '下周我们会在上海发布新一代扫地机器人，感谢测试团队的认真工作，欢迎大家来现场体验。';
const edited = '下周我们将在上海发布新一代扫地机器人。感谢测试团队的认真工作，欢迎来现场体验。';
const launch = 'Proud of our customer service team today: every ticket answered within the hour.';
const approvedOnly = '感谢客服团队昨晚的快速响应，问题已经解决。';

async function cli(app: CountersignApp, args: string[]): Promise<string> {
  const result = await app.cli(args);
  expect(result.code, `countersign ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

/**
 * A draft waiting with error findings (the approve dialog), one the reviewer
 * edited and approved (the executive's diff), one approved (publish) and one
 * published (the log's dashboard).
 */
async function seed(app: CountersignApp) {
  await cli(app, ['profiles', 'add', '--name', admin, '--role', 'admin']);
  await cli(app, ['profiles', 'add', '--name', executive, '--role', 'executive']);
  await cli(app, ['profiles', 'add', '--name', reviewer, '--role', 'reviewer']);
  const file = `${app.dataDir}/seed.jsonl`;
  const drafts = [
    { platform: 'linkedin', text: launch },
    { platform: 'weibo', text: approvedOnly },
    { platform: 'weibo', text: original },
    { platform: 'weibo', text: risky },
  ];
  fs.writeFileSync(file, drafts.map((draft) => JSON.stringify(draft)).join('\n'));
  const imported = (await cli(app, ['import', '--as', executive, file])).trim().split('\n');
  const [published, approved, awaiting, pending] = imported.map((line) => line.split(' ')[0] ?? '') as [string, string, string, string];
  await cli(app, ['approve', published, '--as', reviewer]);
  await cli(app, ['publish', published, '--as', executive, '--url', 'https://www.linkedin.com/feed/update/urn:li:activity:1']);
  await cli(app, ['approve', approved, '--as', reviewer]);
  await cli(app, ['edit', awaiting, '--as', reviewer, '--text', edited, '--comment', '语气更稳一些。']);
  await cli(app, ['approve', awaiting, '--as', reviewer]);
  return { published, approved, awaiting, pending };
}

type Results = Awaited<ReturnType<AxeBuilder['analyze']>>;
type Violation = Results['violations'][number];

function describe(violations: readonly Violation[]): string {
  return violations
    .map((v) =>
      [
        `  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`,
        ...v.nodes.map((n) => `    - ${n.target.join(' ')}\n      ${n.failureSummary?.replace(/\n/g, '\n      ') ?? ''}`),
      ].join('\n'),
    )
    .join('\n');
}

/** What axe could not decide (e.g. a contrast over an overlapping element): listed, not failed. */
function undecided(results: Results['incomplete']): string {
  return results
    .flatMap((r) => r.nodes.map((n) => `  ${r.id} ${n.target.join(' ')}: ${[...n.any, ...n.all, ...n.none].map((c) => c.message).join('; ')}`))
    .join('\n');
}

/** Runs axe on the page as it stands; a serious or critical violation fails the test (softly, so every screen is reported). */
async function scan(page: Page, testInfo: TestInfo, screen: string, log: string[]): Promise<void> {
  const started = Date.now();
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const ms = Date.now() - started;
  // A scan that checked nothing would pass anything.
  expect(results.passes.length, `${screen}: axe ran no checks`).toBeGreaterThan(5);
  const serious = results.violations.filter((v) => blocking.has(v.impact ?? ''));
  const others = results.violations.filter((v) => !blocking.has(v.impact ?? ''));
  log.push(`${screen} (${ms} ms): ${results.passes.length} rules passed, ${serious.length} serious/critical, ${others.length} moderate/minor${others.length ? `\n${describe(others)}` : ''}; needs review: ${results.incomplete.length === 0 ? 'none' : `\n${undecided(results.incomplete)}`}`);
  expect
    .soft(
      serious.map((v) => `${v.impact} ${v.id}`),
      `${screen} (${testInfo.title}): serious or critical axe violations:\n${describe(serious)}`,
    )
    .toEqual([]);
}

/** sRGB relative luminance (WCAG 2.x) of a computed `rgb(r, g, b)`. */
function luminance(colour: string): number {
  const rgb = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(colour.trim());
  if (!rgb) throw new Error(`not a computed colour: ${colour}`);
  const [r, g, b] = rgb.slice(1, 4).map(Number).map((c) => c / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The outline the focused element shows, and the backgrounds it can sit on. */
function focusRing(page: Page) {
  return page.evaluate(() => {
    const style = getComputedStyle(document.activeElement ?? document.body);
    // Each custom property resolved by the browser, as rgb(…).
    const probe = document.body.appendChild(document.createElement('span'));
    const backgrounds = ['--bg', '--surface', '--surface-2'].map((name) => {
      probe.style.color = `var(${name})`;
      return getComputedStyle(probe).color;
    });
    probe.remove();
    return {
      element: document.activeElement?.outerHTML.slice(0, 80) ?? '',
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      colour: style.outlineColor,
      backgrounds,
    };
  });
}

test.describe.configure({ mode: 'parallel' });

for (const theme of ['Light', 'Dark'] as const) {
  test(`axe finds no serious or critical violation on the main screens, ${theme.toLowerCase()} theme`, async ({ app, hostKind }, testInfo) => {
    test.skip(hostKind === 'electron', 'the renderer is the same in both hosts: it is scanned once, in the web project');
    // Fifteen scans of a second or two each, on a loaded two-core machine.
    test.setTimeout(120_000);
    const ids = await seed(app);
    const page = await app.launch();
    const shell = new ShellPage(page);
    const log: string[] = [];
    const check = (screen: string) => scan(page, testInfo, screen, log);

    // The theme, chosen in Settings by the admin.
    const picker = new ProfilePickerPage(page);
    await expect(picker.heading).toBeVisible();
    await picker.pick(admin);
    await shell.section('Settings').click();
    const settings = new SettingsPage(page);
    await expect(settings.heading).toBeVisible();
    await settings.theme(theme).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme.toLowerCase());
    await check('settings');

    // axe does not judge focus rings: the keyboard's focus must stand out at 3:1 (WCAG 1.4.11) on every background.
    await page.keyboard.press('Tab');
    const ring = await focusRing(page);
    expect(ring.outline, ring.element).toBe('solid 3px');
    for (const background of ring.backgrounds) {
      expect(contrast(ring.colour, background), `focus ${ring.colour} on ${background}`).toBeGreaterThanOrEqual(3);
    }

    await shell.section('Policy').click();
    await expect(new PolicyPage(page).heading).toBeVisible();
    await check('policy');

    await page.getByRole('button', { name: 'Switch profile' }).click();
    await expect(picker.heading).toBeVisible();
    await check('profile picker');

    // The executive: compose with live findings, My drafts with the reviewer's edit as a diff.
    await picker.pick(executive);
    await shell.section('Compose').click();
    const compose = new ComposePage(page);
    await expect(compose.heading).toBeVisible();
    await compose.write('Weibo', risky);
    await expect(compose.findings.group('Errors')).toBeVisible();
    await check('compose');

    await shell.section('My drafts').click();
    const mine = new MyDraftsPage(page);
    let pane = await mine.open(edited, ids.awaiting);
    await expect(pane.status).toHaveText('Awaiting author');
    await expect(pane.diff.inserted.first()).toBeVisible();
    await pane.diff.listToggle.click();
    await expect(pane.diff.changes.first()).toBeVisible();
    await check('my drafts: revision diff');

    pane = await mine.open(approvedOnly, ids.approved);
    await pane.action('Mark as published').click();
    const publish = new ActionDialog(page, 'Mark as published');
    await expect(publish.root).toBeVisible();
    await check('publish dialog');
    await publish.button('Cancel').click();

    // The reviewer: the queue with the risky draft open, then each dialog.
    await shell.switchTo(reviewer);
    const queue = new ReviewQueuePage(page);
    await queue.item('请联系我').click();
    pane = queue.pane(ids.pending);
    await expect(pane.findings.group('Errors')).toBeVisible();
    await expect(pane.underlines('error').first()).toBeVisible();
    await check('review queue: draft open');

    for (const [action, title] of [
      ['Approve', 'Approve over error findings'],
      ['Request changes', 'Request changes'],
      ['Reject', 'Reject the draft'],
    ] as const) {
      await pane.action(action).click();
      const dialog = new ActionDialog(page, title);
      await expect(dialog.root).toBeVisible();
      await check(`${action.toLowerCase()} dialog`);
      await dialog.button('Cancel').click();
      await expect(dialog.root).toBeHidden();
    }
    await pane.action('Edit').click();
    const edit = new ActionDialog(page, 'Edit the draft');
    await expect(edit.field('Edited text')).toBeFocused();
    await check('edit (in place)');
    await edit.button('Cancel').click();

    await queue.shortcutsButton.click();
    await expect(queue.shortcuts).toBeVisible();
    await check('keyboard shortcuts dialog');
    await page.keyboard.press('Escape');

    const publishedTab = await queue.show('Published');
    await publishedTab.item(launch).click();
    await expect(publishedTab.pane(ids.published).status).toHaveText('Published');
    await check('review queue: published draft');

    await shell.section('Approved-post log').click();
    const logPage = new LogPage(page);
    await expect(logPage.hash).toBeVisible();
    await expect(logPage.chart('Approved posts per week')).toContainText('Approved posts in total: 2');
    await check('approved-post log: dashboard');
    await logPage.exportButton.click();
    const exportDialog = new ExportDialogPage(page);
    await expect(exportDialog.root).toBeVisible();
    await check('export dialog');
    await page.keyboard.press('Escape');

    // Every scan's summary, kept with the test's artifacts.
    const summary = testInfo.outputPath('axe.txt');
    fs.writeFileSync(summary, `${log.join('\n')}\n`);
    await testInfo.attach('axe', { path: summary, contentType: 'text/plain' });
  });
}


