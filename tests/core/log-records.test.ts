import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { computeDashboard, isoWeek, median } from '../../electron/core/log/dashboard';
import { canonicalJson, checkLogFilter, csvColumns, csvLine, guardFormula, jsonlLine, matchesLogFilter, overridesCell } from '../../electron/core/log/log-format';
import { applyToSummary, type JournalRecord } from '../../electron/core/store/journal-records';
import { applyToLogFacts, noLogFacts, toLogRecord, type LogFacts } from '../../electron/core/log/log-facts';
import type { LogRecord } from '../../shared/log/log-record';
import type { DraftSummary } from '../../shared/model';
import type { Finding } from '../../shared/rules/types';

const phone: Finding = { ruleId: 'privacy.mobile-cn', category: 'privacy', severity: 'error', start: 0, end: 11, match: '13812345678', message: 'm' };
const tone: Finding = { ruleId: 'tone.x', category: 'tone', severity: 'warning', start: 0, end: 1, match: 'x', message: 'm' };

const at = (time: string) => `2026-11-0${time}:00.000Z`;

function rec(type: JournalRecord['type'], time: string, status: JournalRecord['status'], actor = 'Li Na', more: Partial<JournalRecord> = {}): JournalRecord {
  return { type, draftId: 'd1', actor, role: actor === 'Zhang Wei' ? 'executive' : 'reviewer', at: at(time), revision: 1, status, findings: [], ...more };
}

/** Submitted, sent back, resubmitted, edited by the reviewer, approved (awaiting the author), signed off, published. */
function history(): JournalRecord[] {
  return [
    rec('submitted', '2T09:00', 'pending', 'Zhang Wei', { text: 'v1', draft: { platform: 'weibo', purpose: 'product', crisis: false } }),
    rec('changes_requested', '2T10:00', 'changes_requested'),
    rec('resubmitted', '2T11:00', 'pending', 'Zhang Wei', { revision: 2, text: 'v2' }),
    rec('edited', '2T11:30', 'pending', 'Li Na', { revision: 3, text: 'v3 final' }),
    rec('approved', '2T12:00', 'awaiting_author', 'Li Na', {
      revision: 3,
      findings: [phone, tone],
      overrides: [{ ruleId: phone.ruleId, start: 0, end: 11, match: phone.match, justification: 'public hotline' }],
    }),
    rec('signed_off', '3T08:00', 'approved', 'Zhang Wei', { revision: 3 }),
    rec('published', '3T12:00', 'published', 'Zhang Wei', { revision: 3, publishedAt: at('3T12:00'), url: 'https://weibo.com/1' }),
  ];
}

/** The summary and log facts after `records`, folded as the store folds them. */
function fold(records: readonly JournalRecord[]): { summary: DraftSummary; facts: LogFacts } {
  let summary: DraftSummary | undefined;
  let facts: LogFacts | undefined;
  for (const r of records) {
    facts = applyToLogFacts(facts, summary, r);
    summary = applyToSummary(summary, r);
  }
  return { summary: summary!, facts: facts! };
}

const record = (over: Partial<LogRecord> = {}): LogRecord => ({
  id: 'r',
  status: 'approved',
  platform: 'weibo',
  purpose: null,
  text: 't',
  author: 'Zhang Wei',
  approvers: ['Li Na'],
  submittedAt: '2026-11-02T09:00:00.000Z',
  approvedAt: '2026-11-02T10:00:00.000Z',
  publishedAt: null,
  url: null,
  revisions: 1,
  reviewerEdited: false,
  findingsAtApproval: { error: 0, warning: 0, info: 0 },
  overrides: [],
  secondsInQueue: 60,
  ...over,
});

describe('toLogRecord', () => {
  it('flattens the history: approval time at the sign-off, queue time over both stays, the last approval\'s findings and overrides', () => {
    const { summary, facts } = fold(history());
    expect(toLogRecord(summary, facts)).toEqual({
      id: 'd1',
      status: 'published',
      platform: 'weibo',
      purpose: 'product',
      text: 'v3 final',
      author: 'Zhang Wei',
      approvers: ['Li Na'],
      submittedAt: '2026-11-02T09:00:00.000Z',
      approvedAt: '2026-11-03T08:00:00.000Z',
      publishedAt: '2026-11-03T12:00:00.000Z',
      url: 'https://weibo.com/1',
      revisions: 3,
      reviewerEdited: true,
      findingsAtApproval: { error: 1, warning: 1, info: 0 },
      overrides: [{ ruleId: 'privacy.mobile-cn', match: '13812345678', justification: 'public hotline', by: 'Li Na' }],
      // 09:00–10:00 and 11:00–12:00 in the queue.
      secondsInQueue: 7200,
    });
    expect(facts.approval?.categories).toEqual(['privacy', 'tone']);
  });

  it('lists each approver once, in order, and keeps the last approval\'s findings', () => {
    const records = [
      rec('submitted', '2T09:00', 'pending', 'Zhang Wei', { text: 'v1', draft: { platform: 'x', crisis: false } }),
      rec('edited', '2T09:30', 'pending', 'Li Na', { revision: 2, text: 'v2' }),
      rec('approved', '2T10:00', 'awaiting_author', 'Li Na', { revision: 2, findings: [phone] }),
      rec('resubmitted', '2T11:00', 'pending', 'Zhang Wei', { revision: 3, text: 'v3' }),
      rec('approved', '2T11:20', 'approved', 'Wang Fang', { revision: 3 }),
    ];
    const { summary, facts } = fold(records);
    const r = toLogRecord(summary, facts)!;
    expect(r.approvers).toEqual(['Li Na', 'Wang Fang']);
    expect(r.findingsAtApproval).toEqual({ error: 0, warning: 0, info: 0 });
    expect(r.approvedAt).toBe('2026-11-02T11:20:00.000Z');
    expect(r.reviewerEdited).toBe(true);
    expect(r.revisions).toBe(3);
    expect(r.secondsInQueue).toBe(3600 + 1200);
  });

  it('takes the submission time from the submit of a saved draft, and shares one facts object until a draft leaves the queue', () => {
    const submitted = fold(history().slice(0, 1));
    expect(submitted.facts).toBe(noLogFacts);
    const { summary, facts } = fold([
      rec('saved', '1T08:00', 'draft', 'Zhang Wei', { text: 'v1', draft: { platform: 'x', crisis: false } }),
      rec('submitted', '2T09:00', 'pending', 'Zhang Wei'),
      rec('approved', '2T09:30', 'approved', 'Li Na'),
    ]);
    expect(toLogRecord(summary, facts)).toMatchObject({ submittedAt: at('2T09:00'), approvedAt: at('2T09:30'), secondsInQueue: 1800 });
  });

  it('is null for a draft that is not approved or published', () => {
    const pending = fold(history().slice(0, 4));
    expect(toLogRecord(pending.summary, pending.facts)).toBeNull();
    const { summary, facts } = fold(history());
    expect(toLogRecord({ ...summary, status: 'rejected' }, facts)).toBeNull();
  });
});

describe('the log formats', () => {
  it('neutralises cells a spreadsheet would run as a formula, and nothing else', () => {
    for (const text of ['=HYPERLINK("x")', '+1', '-2', '@SUM(A1)', '\tx', '\rx']) expect(guardFormula(text)).toBe(`'${text}`);
    for (const text of ['plain', '新品', ' =not first', "'already"]) expect(guardFormula(text)).toBe(text);
  });

  it('a CSV line has one cell per column, parsed back, overrides as "rule: justification (by NAME)" joined with " | "', () => {
    const r = record({
      approvers: ['Li Na', 'Chen Admin'],
      overrides: [
        { ruleId: 'a.b', match: 'm', justification: 'why', by: 'Li Na' },
        { ruleId: 'c.d', match: 'n', justification: '=because', by: 'Chen Admin' },
      ],
    });
    expect(overridesCell(r)).toBe('a.b: why (by Li Na) | c.d: =because (by Chen Admin)');
    const [row, ...rest] = parse(csvLine(r, { previousHash: '0'.repeat(64), hash: 'f'.repeat(64) }), { record_delimiter: '\r\n' }) as string[][];
    expect(rest).toEqual([]);
    expect(row).toHaveLength(csvColumns.length);
    const cell = (column: (typeof csvColumns)[number]) => row![csvColumns.indexOf(column)];
    expect(cell('approvers')).toBe('Li Na; Chen Admin');
    expect(cell('overrides')).toBe('a.b: why (by Li Na) | c.d: =because (by Chen Admin)');
    expect(cell('findings_warning')).toBe('0');
    expect(cell('hash')).toBe('f'.repeat(64));
    expect(cell('previous_hash')).toBe('0'.repeat(64));
  });

  it('hashes the same record the same whatever order its fields arrive in', () => {
    const r = record({ findingsAtApproval: { info: 2, error: 0, warning: 1 } as LogRecord['findingsAtApproval'] });
    const reordered = Object.fromEntries(Object.entries(r).reverse()) as unknown as LogRecord;
    expect(canonicalJson(reordered)).toBe(canonicalJson(r));
    expect(canonicalJson(r)).toContain('"findingsAtApproval":{"error":0,"warning":1,"info":2}');
    const line = JSON.parse(jsonlLine(r, { previousHash: 'p', hash: 'h' })) as Record<string, unknown>;
    expect(Object.keys(line).slice(-2)).toEqual(['previousHash', 'hash']);
  });

  it('filters on the UTC approval date, both ends inclusive, and on platform, author and status', () => {
    const r = record({ approvedAt: '2026-11-30T23:59:59.999Z' });
    expect(matchesLogFilter(r, { from: '2026-11-30', to: '2026-11-30' })).toBe(true);
    expect(matchesLogFilter(r, { to: '2026-11-29' })).toBe(false);
    expect(matchesLogFilter(r, { from: '2026-12-01' })).toBe(false);
    expect(matchesLogFilter(r, { platform: 'x' })).toBe(false);
    expect(matchesLogFilter(r, { author: 'Zhang Wei', status: 'approved', platform: 'weibo' })).toBe(true);
    expect(matchesLogFilter(r, { status: 'published' })).toBe(false);
  });

  it('refuses dates that are not real days and ranges that end before they start', () => {
    expect(() => checkLogFilter({ from: '2026-02-30' })).toThrow(/not a date/);
    expect(() => checkLogFilter({ to: '26-1-1' })).toThrow(/not a date/);
    expect(() => checkLogFilter({ from: '2026-12-01', to: '2026-11-01' })).toThrow(/after it ends/);
    expect(() => checkLogFilter({ from: '2026-11-01', to: '2026-11-01' })).not.toThrow();
  });
});

describe('the dashboard', () => {
  it('weeks start on Monday (UTC); medians of an even count are the mean of the middle two', () => {
    expect(isoWeek('2026-11-30T23:59:59Z')).toBe('2026-11-30');
    expect(isoWeek('2026-12-06T23:59:59Z')).toBe('2026-11-30');
    expect(isoWeek('2026-12-07T00:00:00Z')).toBe('2026-12-07');
    expect(median([])).toBe(0);
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(3);
  });

  it('counts a small known log', async () => {
    const override = { ruleId: 'privacy.mobile-cn', match: 'm', justification: 'j', by: 'Chen Admin' };
    const stats = await computeDashboard([[
      { record: record({ approvedAt: '2026-11-02T10:00:00.000Z', secondsInQueue: 100 }), categories: ['tone'] },
      { record: record({ approvedAt: '2026-11-08T10:00:00.000Z', secondsInQueue: 300 }), categories: [] },
      { record: record({ approvedAt: '2026-11-04T10:00:00.000Z', secondsInQueue: 200, approvers: ['Chen Admin'], overrides: [override, override] }), categories: ['privacy', 'privacy', 'tone'] },
      { record: record({ approvedAt: '2026-10-30T10:00:00.000Z', secondsInQueue: 50 }), categories: ['privacy'] },
    ]]);
    expect(stats).toEqual({
      approvedPerWeek: [
        { week: '2026-10-26', count: 1 },
        { week: '2026-11-02', count: 3 },
      ],
      medianSecondsInQueuePerWeek: [
        { week: '2026-10-26', seconds: 50 },
        { week: '2026-11-02', seconds: 200 },
      ],
      findingsByCategory: [
        { category: 'privacy', count: 3 },
        { category: 'tone', count: 2 },
      ],
      overrides: { approvals: 4, withOverride: 1 },
      perReviewer: [
        { reviewer: 'Li Na', approved: 3, medianSecondsInQueue: 100, overrides: 0 },
        { reviewer: 'Chen Admin', approved: 1, medianSecondsInQueue: 200, overrides: 2 },
      ],
    });
  });
});
