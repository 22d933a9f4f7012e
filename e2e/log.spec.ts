import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test, type CountersignApp } from './fixtures';
import { ExportDialogPage, LogPage } from './pages/log-page';
import { ProfilePickerPage } from './pages/profile-picker-page';
import { ShellPage } from './pages/shell-page';

const executive = 'Zhang Wei';
const reviewer = 'Li Na';

// No `error` finding under the built-in policy.
const launch = '下周我们会在上海发布新一代扫地机器人，欢迎大家来现场体验。';
// Commas and quotes, ASCII and full-width, to exercise CSV quoting.
const quoted = '他说："新品，下周见"，欢迎关注，谢谢大家的支持。';
// A mobile number: a privacy `error` finding, approved over with a justification.
const withPhone = '请联系我 13812345678';
const url = 'https://weibo.com/1234567890/Abc123';
const cliJs = path.resolve(__dirname, '..', 'dist', 'cli.js');

async function cli(app: CountersignApp, args: string[]): Promise<string> {
  const result = await app.cli(args);
  expect(result.code, `countersign ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout;
}

async function submit(app: CountersignApp, text: string, platform: string): Promise<string> {
  const out = await cli(app, ['submit', '--as', executive, '--platform', platform, '--text', text]);
  return out.split(/\s/)[0] ?? '';
}

/** Three approved posts (one published with a link, one approved over an error finding) and one still pending. */
async function seed(app: CountersignApp) {
  await cli(app, ['profiles', 'add', '--name', executive, '--role', 'executive']);
  await cli(app, ['profiles', 'add', '--name', reviewer, '--role', 'reviewer']);
  const published = await submit(app, launch, 'weibo');
  await cli(app, ['approve', published, '--as', reviewer]);
  await cli(app, ['publish', published, '--as', executive, '--url', url]);
  const onX = await submit(app, quoted, 'x');
  await cli(app, ['approve', onX, '--as', reviewer, '--comment', '可以发']);
  const overridden = await submit(app, withPhone, 'weibo');
  expect((await app.cli(['approve', overridden, '--as', reviewer])).code).toBe(1);
  await cli(app, ['approve', overridden, '--as', reviewer, '--justify', '这是公司客服热线，可以公开。']);
  const pending = await submit(app, '还在审核中的草稿。', 'linkedin');
  return { published, onX, overridden, pending };
}

async function openLog(page: Page, who: string): Promise<LogPage> {
  const shell = new ShellPage(page);
  await new ProfilePickerPage(page).pick(who);
  await shell.section('Approved-post log').click();
  const log = new LogPage(page);
  await expect(log.heading).toBeVisible();
  return log;
}

/**
 * Clicks Export and returns the file's text: a download in the browser host;
 * in the desktop app the native save dialog, answered here with `file`, and
 * the main process writes it. With `whileRunning`, the export is held in
 * flight until that returns (the request in the browser, the dialog's answer
 * in the desktop app).
 */
async function exportFile(app: CountersignApp, dialog: ExportDialogPage, file: string, whileRunning?: () => Promise<void>): Promise<string> {
  const { page, electron } = app;
  if (electron) {
    await electron.evaluate(
      ({ dialog: native }, { chosen, hold }) => {
        const held = globalThis as { releaseSave?: () => void };
        native.showSaveDialog = (() =>
          new Promise((resolve) => {
            const answer = () => resolve({ canceled: false, filePath: chosen });
            if (hold) held.releaseSave = answer;
            else answer();
          })) as typeof native.showSaveDialog;
      },
      { chosen: file, hold: whileRunning !== undefined },
    );
    await dialog.submit.click();
    if (whileRunning) {
      await whileRunning();
      await electron.evaluate(() => (globalThis as { releaseSave?: () => void }).releaseSave?.());
    }
    // The main process renames the finished file into place.
    await expect.poll(() => fs.existsSync(file)).toBe(true);
    return fs.readFileSync(file, 'utf8');
  }
  let release = () => {};
  if (whileRunning) {
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/exportLog', async (route) => {
      await held;
      await route.continue();
    }, { times: 1 });
  }
  const download = page.waitForEvent('download');
  await dialog.submit.click();
  if (whileRunning) {
    await whileRunning();
    release();
  }
  const saved = await download;
  await saved.saveAs(file);
  return fs.readFileSync(file, 'utf8');
}

test.describe('approved-post log', () => {
  test('the chain head, the dashboard and the export dialog (CSV, a platform filter, JSON Lines that verifies)', async ({ app }, testInfo) => {
    const ids = await seed(app);
    const page = await app.launch();
    const log = await openLog(page, reviewer);

    // The chain head: the full hash, selectable, with a Copy button and the record count.
    await expect(log.hash).toBeVisible();
    await expect(log.hash).toHaveText(/^[0-9a-f]{64}$/);
    await expect(log.chainHead).toContainText('Write this down elsewhere');
    await expect(log.chainHead.getByRole('button', { name: 'Copy' })).toBeVisible();
    await expect(log.chainHead).toContainText(/Journal records covered: \d+/);
    const head = (await log.hash.textContent()) ?? '';

    // The dashboard's numbers, read from the charts' tables.
    await expect(log.chart('Approved posts per week')).toContainText('Approved posts in total: 3');
    // All three were approved just now: this week (or, across a Monday midnight UTC, two).
    await expect(log.table('Approved posts per week').getByRole('cell').last()).toHaveText(/^[1-3]$/);
    await expect(log.table('Median time in queue per week').getByRole('cell').last()).toHaveText(/less than a minute|\d+ minutes?/);
    await expect(log.table('Findings by category').getByRole('row', { name: /Privacy/ })).toContainText(/[1-9]/);
    await expect(log.chart('Override rate')).toContainText('1 of 3 approvals overrode an error finding');
    await expect(log.chart('Override rate')).toContainText('33%');
    const reviewerRow = log.table('Per reviewer').getByRole('row', { name: new RegExp(reviewer) });
    await expect(reviewerRow.getByRole('cell')).toHaveText(['3', /less than a minute|\d+ minutes?/, '1']);
    await app.snap('log-dashboard');

    // The dashboard's filters: only the post on X.
    await log.filter('Platform').selectOption({ label: 'X' });
    await expect(log.chart('Approved posts per week')).toContainText('Approved posts in total: 1');
    await expect(log.chart('Override rate')).toContainText('0 of 1 approvals');
    await log.filter('Platform').selectOption({ label: 'Any' });
    await expect(log.chart('Approved posts per week')).toContainText('Approved posts in total: 3');

    // The export dialog: focus moves in, Escape closes it and focus returns.
    await log.exportButton.click();
    const dialog = new ExportDialogPage(page);
    await expect(dialog.root).toBeVisible();
    await expect(dialog.format('CSV (spreadsheet)')).toBeFocused();
    await expect(dialog.format('CSV (spreadsheet)')).toBeChecked();
    await page.keyboard.press('Escape');
    await expect(dialog.root).toBeHidden();
    await expect(log.exportButton).toBeFocused();

    // A refusal from the main process is shown in the dialog, translated.
    await log.exportButton.click();
    await expect(dialog.root).toBeVisible();
    await dialog.filter('Approved from').fill('2026-12-31');
    await dialog.filter('Approved until').fill('2026-01-01');
    await dialog.submit.click();
    await expect(dialog.problem).toHaveText('The date range starts on 2026-12-31, after it ends on 2026-01-01.');
    await dialog.filter('Approved from').fill('');
    await dialog.filter('Approved until').fill('');
    await app.snap('export-dialog');

    // CSV, held in flight to see the progress indicator: a UTF-8 BOM, a header row and every approved post, none pending.
    const csv = await exportFile(app, dialog, testInfo.outputPath('log.csv'), async () => {
      await expect(dialog.root.getByRole('progressbar', { name: 'Exporting…' })).toBeVisible();
      await expect(dialog.submit).toHaveAttribute('aria-disabled', 'true');
      await expect(dialog.problem).toBeHidden();
      await app.snap('export-progress');
    });
    await expect(dialog.done).toHaveText(/^3 records exported to .+\.csv\./);
    await expect(dialog.root.getByText(/^[0-9a-f]{64}$/)).toBeVisible();
    await expect(dialog.root.getByRole('progressbar')).toHaveCount(0);
    await app.snap('export-done');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header] = csv.slice(1).split(/\r?\n/);
    expect(header?.toLowerCase()).toMatch(/(^|,)"?id"?(,|$)/);
    for (const id of [ids.published, ids.onX, ids.overridden]) expect(csv).toContain(id);
    expect(csv).not.toContain(ids.pending);
    expect(csv).toContain(url);

    // A platform filter in the dialog: only the post on X.
    await dialog.filter('Platform').selectOption({ label: 'X' });
    const onlyX = await exportFile(app, dialog, testInfo.outputPath('log-x.csv'));
    await expect(dialog.done).toHaveText(/^1 records? exported to/);
    expect(onlyX).toContain(ids.onX);
    expect(onlyX).not.toContain(ids.published);
    expect(onlyX).not.toContain(ids.overridden);

    // JSON Lines: one record per line and the trailer last; the CLI verifies the file.
    await dialog.filter('Platform').selectOption({ label: 'Any' });
    await dialog.format('JSON Lines (verifiable)').check();
    const jsonlFile = testInfo.outputPath('log.jsonl');
    const jsonl = await exportFile(app, dialog, jsonlFile);
    await expect(dialog.done).toHaveText(/^3 records exported to .+\.jsonl\./);
    const lines = jsonl.split('\n').filter((line) => line.trim() !== '');
    const records = lines.slice(0, -1);
    for (const id of [ids.published, ids.onX, ids.overridden]) expect(records.filter((line) => line.includes(id))).toHaveLength(1);
    expect(jsonl).not.toContain(ids.pending);
    const trailer = JSON.parse(lines.at(-1) ?? '{}') as { chainHead?: unknown; records?: unknown };
    expect(trailer.chainHead).toMatch(/^[0-9a-f]{64}$/);
    expect(trailer.records).toBe(3);
    await expect(dialog.root).toContainText(String(trailer.chainHead));
    // `verify FILE` takes no --data-dir (the fixture's `cli` always adds one), so it runs here directly.
    const verified = spawnSync(process.execPath, [cliJs, 'verify', jsonlFile, '--head', String(trailer.chainHead)], { encoding: 'utf8' });
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    expect(verified.stdout).toContain('intact: 3 records');

    // HTML report.
    await dialog.format('HTML report').check();
    const html = await exportFile(app, dialog, testInfo.outputPath('log.html'));
    expect(html).toMatch(/<html/i);
    expect(html).toContain(ids.overridden);
    await dialog.close.click();
    await expect(dialog.root).toBeHidden();

    // The chain head does not move by reading or exporting.
    await expect(log.hash).toHaveText(head);
  });

  test('PDF: printed by the desktop app and saved through its native dialog; not offered by the browser host', async ({ app }, testInfo) => {
    await seed(app);
    const page = await app.launch();
    const log = await openLog(page, reviewer);
    await log.exportButton.click();
    const dialog = new ExportDialogPage(page);
    await expect(dialog.format('HTML report')).toBeVisible();
    if (!app.electron) {
      // The browser host cannot print to a file: its formats are the three it can download.
      await expect(dialog.root.getByRole('radio')).toHaveCount(3);
      await expect(dialog.format('PDF report')).toHaveCount(0);
      return;
    }
    await dialog.format('PDF report').check();
    const file = testInfo.outputPath('log.pdf');
    const pdf = await exportFile(app, dialog, file);
    expect(pdf.startsWith('%PDF-')).toBe(true);
    await expect(dialog.done).toHaveText(/^3 records exported to .+\.pdf\./);
    // More than a blank page: three rows of the report.
    expect(fs.statSync(file).size).toBeGreaterThan(5_000);
  });

  test('the log in Simplified Chinese, an empty dashboard, and no Log section for an executive', async ({ app }) => {
    await cli(app, ['profiles', 'add', '--name', executive, '--role', 'executive']);
    await cli(app, ['profiles', 'add', '--name', reviewer, '--role', 'reviewer']);
    const page = await app.launch();
    const shell = new ShellPage(page);

    // An executive has no Log section.
    await new ProfilePickerPage(page).pick(executive);
    await expect(shell.section('My drafts')).toBeVisible();
    await expect(shell.section('Approved-post log')).toHaveCount(0);

    // A reviewer sees it; with nothing approved the charts say so.
    await shell.switchTo(reviewer);
    await shell.section('Approved-post log').click();
    const log = new LogPage(page);
    await expect(log.hash).toHaveText(/^[0-9a-f]{64}$/);
    await expect(log.chart('Approved posts per week')).toContainText('No approved posts match these filters.');
    await expect(log.table('Per reviewer')).toHaveCount(0);

    await shell.language.selectOption({ value: 'zh-Hans' });
    const zh = new LogPage(page, { heading: '已批准发文记录', chainHead: '链头', dashboard: '统计看板', export: '导出…' });
    await expect(zh.heading).toBeVisible();
    await expect(zh.hash).toHaveText(/^[0-9a-f]{64}$/);
    await expect(zh.chart('每周批准的发文')).toContainText('没有符合筛选条件的已批准发文。');
    await zh.exportButton.click();
    await expect(page.getByRole('dialog', { name: '导出已批准发文记录' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'CSV（电子表格）' })).toBeChecked();
    await app.snap('export-dialog-zh-hans');
    await page.keyboard.press('Escape');
    await app.snap('log-dashboard-zh-hans');
  });
});
