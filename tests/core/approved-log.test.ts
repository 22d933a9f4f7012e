import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../electron/core/handlers';
import { snapshotFileName } from '../../electron/core/store/journal-snapshot';
import { stringSink } from '../../electron/core/log/log-export';
import { csvColumns } from '../../electron/core/log/log-format';
import type { LogFilter } from '../../shared/log/log-query';
import type { ExportedLog } from '../../shared/log/log-query';
import { awkward, logFixture, logOrder, type LogFixture } from './log-fixture';
import { openWorkstation } from './open-workstation';

async function exported(f: LogFixture, format: 'csv' | 'jsonl' | 'html', filter: LogFilter = {}) {
  const sink = stringSink();
  const summary = await f.ws.log.export(format, filter, sink);
  return { ...summary, text: sink.text() };
}

const ids = (f: LogFixture, names: readonly string[]) => names.map((n) => f.ids[n]);

describe('the approved-post log export', () => {
  it('CSV: a BOM, a header, CRLF records; parsed back, Chinese, commas, quotes and newlines are intact and formulas are neutralised', async () => {
    const f = await logFixture();
    const { text, records, chainHead } = await exported(f, 'csv');
    expect(text.startsWith('\uFEFFid,status,platform,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...csvColumns]);
    expect(rows.map((r) => r.id)).toEqual(ids(f, logOrder));
    expect(records).toBe(logOrder.length);
    const byName = (name: string) => rows.find((r) => r.id === f.ids[name])!;
    expect(byName('chinese').text).toBe(awkward.chinese);
    expect(byName('xss').text).toBe(awkward.xss);
    for (const name of ['hyperlink', 'plus', 'minus', 'at', 'tab', 'cr'] as const) expect(byName(name).text).toBe(`'${awkward[name]}`);
    expect(byName('hyperlink')).toMatchObject({ status: 'published', published_at: '2026-11-01T08:00:00.000Z', url: 'https://x.com/zhang/status/1' });
    expect(byName('phone')).toMatchObject({
      author: 'Wang Fang',
      approvers: 'Chen Admin',
      findings_error: '1',
      overrides: 'privacy.mobile-cn: checked with legal (by Chen Admin)',
      seconds_in_queue: '120',
    });
    expect(rows[0]!.previous_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.previous_hash).toBe(rows[i - 1]!.hash);
    expect(rows.at(-1)!.hash).toBe(chainHead);
  });

  it('JSONL: one record per post carrying the chain, then the trailer with the chain head; all formats agree on the chain', async () => {
    const f = await logFixture();
    const { text, chainHead } = await exported(f, 'jsonl');
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(logOrder.length + 1);
    expect(lines.slice(0, -1).map((l) => l.id)).toEqual(ids(f, logOrder));
    expect(lines[0]).toMatchObject({ text: awkward.chinese, previousHash: '0'.repeat(64) });
    expect(lines[1]!.text).toBe(awkward.hyperlink);
    expect(lines.at(-1)).toEqual({ chainHead, records: logOrder.length });
    expect((await exported(f, 'csv')).chainHead).toBe(chainHead);
    expect((await exported(f, 'html')).chainHead).toBe(chainHead);
  });

  it('HTML: a standalone document grouped by approval month, every value escaped, the chain head and filter at the top', async () => {
    const f = await logFixture();
    const { text, chainHead } = await exported(f, 'html', { platform: 'x' });
    expect(text.startsWith('<!doctype html>')).toBe(true);
    expect(text).toContain('<meta charset="utf-8">');
    expect(text).toContain('@media print');
    expect(text).toContain(`<code>${chainHead}</code>`);
    expect(text).toContain('platform x');
    expect(text).not.toContain('<img');
    expect(text).toContain('Look &lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    const months = [...text.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]);
    expect(months).toEqual(['2026-11', '2026-12']);
    // The November table holds the two November posts on x, December the other.
    const november = text.slice(text.indexOf('<h2>2026-11</h2>'), text.indexOf('<h2>2026-12</h2>'));
    expect(november).toContain(f.ids.hyperlink);
    expect(november).toContain(f.ids.at);
    expect(november).not.toContain(f.ids.xss);
    expect((await exported(f, 'html', { author: 'nobody' })).text).toContain('No posts match.');
  });

  it('filters: approval dates inclusive at both ends (UTC), platform, author, status', async () => {
    const f = await logFixture();
    const idsOf = async (filter: LogFilter) => {
      const sink = stringSink();
      await f.ws.log.export('jsonl', filter, sink);
      return sink.text().trimEnd().split('\n').slice(0, -1).map((l) => (JSON.parse(l) as { id: string }).id);
    };
    expect(await idsOf({ from: '2026-11-01', to: '2026-11-30' })).toEqual(ids(f, ['hyperlink', 'plus', 'minus', 'at', 'tab', 'cr']));
    expect(await idsOf({ to: '2026-10-31' })).toEqual(ids(f, ['chinese']));
    expect(await idsOf({ from: '2026-12-01' })).toEqual(ids(f, ['phone', 'xss']));
    expect(await idsOf({ from: '2026-11-02', to: '2026-11-02' })).toEqual(ids(f, ['plus']));
    expect(await idsOf({ platform: 'linkedin' })).toEqual(ids(f, ['plus', 'tab']));
    expect(await idsOf({ author: 'Wang Fang' })).toEqual(ids(f, ['plus', 'at', 'phone']));
    expect(await idsOf({ author: 'nobody' })).toEqual([]);
    expect(await idsOf({ status: 'published' })).toEqual(ids(f, ['hyperlink']));
    expect(await idsOf({ status: 'approved' })).toEqual(ids(f, logOrder.filter((n) => n !== 'hyperlink')));
    expect(await idsOf({ status: 'approved', platform: 'x', author: 'Zhang Wei' })).toEqual(ids(f, ['xss']));
    // The filtered export is chained on its own: its first record starts from zeros.
    const sink = stringSink();
    await f.ws.log.export('jsonl', { author: 'Wang Fang' }, sink);
    expect(JSON.parse(sink.text().split('\n')[0]!)).toMatchObject({ previousHash: '0'.repeat(64) });
  });

  it('the log is the same whether the index was opened from a snapshot or by replaying the whole journal', async () => {
    const f = await logFixture({ snapshotEvery: 1 });
    const fresh = (await exported(f, 'jsonl')).text;
    await f.ws.close();
    // Closing wrote a snapshot (snapshotEvery 1), so the next open reads the log facts from it.
    const snapshot = path.join(f.dir, snapshotFileName);
    expect(fs.existsSync(snapshot)).toBe(true);
    const { ws: fromSnapshot, warnings } = await openWorkstation(f.dir);
    expect(warnings).toEqual([]);
    expect((await exported({ ...f, ws: fromSnapshot }, 'jsonl')).text).toBe(fresh);
    fromSnapshot.close();
    fs.rmSync(snapshot);
    const replayed = (await openWorkstation(f.dir)).ws;
    expect((await exported({ ...f, ws: replayed }, 'jsonl')).text).toBe(fresh);
    replayed.close();
  });

  it('reports progress as drafts looked at, of all drafts, ending at all of them', async () => {
    const f = await logFixture();
    const calls: [number, number][] = [];
    const { records } = await f.ws.log.export('csv', {}, stringSink(), (done, total) => calls.push([done, total]));
    expect(records).toBe(logOrder.length);
    // Nine posts in the log, plus a pending and a rejected draft looked at and left out.
    expect(calls).toEqual([[11, 11]]);
  });

  it('the chain head is the journal\'s, and moves with every record', async () => {
    const f = await logFixture();
    const head = await f.ws.log.chainHead();
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
    // 9 submits + 9 approvals + 1 publish + 2 submits + 1 rejection.
    expect(head.records).toBe(22);
    await f.ws.drafts.act('comment', f.reviewer, { id: f.ids.pending!, text: 'soon' });
    const after = await f.ws.log.chainHead();
    expect(after.records).toBe(23);
    expect(after.hash).not.toBe(head.hash);
  });

  it('over the contract: reviewers and admins may export and see the dashboard, executives are refused; anyone reads the chain head', async () => {
    const f = await logFixture();
    const handlers = createHandlers(f.ws);
    const as = (name: string) => ({ profileName: name });
    const ok = await dispatch(handlers, 'exportLog', { format: 'csv', platform: 'linkedin' }, as(f.reviewer.name));
    expect(ok.ok).toBe(true);
    const log = (ok as { value: ExportedLog }).value;
    expect(log).toMatchObject({ records: 2, mimeType: 'text/csv;charset=utf-8' });
    expect(log.fileName).toMatch(/^approved-posts-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(log.content.startsWith('\uFEFF')).toBe(true);
    expect(await dispatch(handlers, 'getDashboard', {}, as(f.admin.name))).toMatchObject({ ok: true, value: { overrides: { approvals: 9, withOverride: 1 } } });

    for (const channel of ['exportLog', 'getDashboard'] as const) {
      const refused = await dispatch(handlers, channel, channel === 'exportLog' ? { format: 'jsonl' } : {}, as(f.exec.name));
      expect(refused).toMatchObject({ ok: false, error: { kind: 'refused', code: 'error.logReviewersOnly' } });
      expect((refused as { error: { message: string } }).error.message).toContain('only reviewers and admins');
    }
    expect(await dispatch(handlers, 'getChainHead', {}, as(f.exec.name))).toEqual({ ok: true, value: await f.ws.log.chainHead() });
    expect(await dispatch(handlers, 'exportLog', { format: 'csv', from: '2026-13-01' }, as(f.reviewer.name))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
    expect(await dispatch(handlers, 'exportLog', { format: 'pdf' }, as(f.reviewer.name))).toMatchObject({ ok: false, error: { kind: 'invalid' } });
  });

  it('the dashboard counts the fixture', async () => {
    const f = await logFixture();
    const stats = await f.ws.log.dashboard();
    expect(stats.approvedPerWeek).toEqual([
      { week: '2026-10-26', count: 2 },
      { week: '2026-11-02', count: 2 },
      { week: '2026-11-09', count: 1 },
      { week: '2026-11-16', count: 1 },
      { week: '2026-11-30', count: 3 },
    ]);
    expect(stats.medianSecondsInQueuePerWeek[0]).toEqual({ week: '2026-10-26', seconds: 9_000 });
    // "=HYPERLINK(" is also a word in capitals (tone).
    expect(stats.findingsByCategory).toEqual([{ category: 'privacy', count: 1 }, { category: 'tone', count: 1 }]);
    expect(stats.perReviewer).toEqual([
      { reviewer: 'Li Na', approved: 7, medianSecondsInQueue: 3_599, overrides: 0 },
      { reviewer: 'Chen Admin', approved: 2, medianSecondsInQueue: 360, overrides: 1 },
    ]);
    expect((await f.ws.log.dashboard({ platform: 'linkedin' })).overrides).toEqual({ approvals: 2, withOverride: 0 });
  });
});
