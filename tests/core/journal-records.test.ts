import { describe, expect, it } from 'vitest';
import { applyToDraft, applyToSummary, journalRecordProblem, type JournalRecord } from '../../electron/core/store/journal-records';

const submitted: JournalRecord = {
  type: 'submitted',
  draftId: 'abc123',
  at: '2026-11-01T09:00:00.000Z',
  actor: 'Zhang Wei',
  role: 'executive',
  status: 'pending',
  revision: 1,
  text: '请联系 13812345678',
  draft: { platform: 'weibo', purpose: 'customer-service', crisis: false },
  findings: [
    { ruleId: 'privacy.mobile-cn', category: 'privacy', severity: 'error', start: 4, end: 15, match: '13812345678', message: 'A phone number.' },
  ],
};

describe('journal records', () => {
  it('accepts a valid record as it is, without copying it', () => {
    expect(journalRecordProblem(submitted)).toBeNull();
    expect(journalRecordProblem({ ...submitted, overrides: [{ ruleId: 'r', start: 0, end: 1, match: 'x', justification: 'ok' }], comment: 'c', publishedAt: '2026-11-01T10:00:00Z', url: 'https://x.com' })).toBeNull();
  });

  it.each<[string, unknown, string]>([
    ['not an object', [1], 'not an object'],
    ['an unknown field', { ...submitted, extra: 1 }, 'unknown field "extra"'],
    ['a prototype key', JSON.parse(JSON.stringify(submitted).replace('{', '{"__proto__":{"x":1},')), 'unknown field "__proto__"'],
    ['a bad type', { ...submitted, type: 'deleted' }, 'type:'],
    ['an empty id', { ...submitted, draftId: '' }, 'draftId:'],
    ['a local time', { ...submitted, at: '2026-11-01 09:00' }, 'at:'],
    ['a bad role', { ...submitted, role: 'king' }, 'role:'],
    ['a bad status', { ...submitted, status: 'lost' }, 'status:'],
    ['revision 0', { ...submitted, revision: 0 }, 'revision:'],
    ['a fractional revision', { ...submitted, revision: 1.5 }, 'revision:'],
    ['findings not a list', { ...submitted, findings: {} }, 'findings:'],
    ['a bad finding', { ...submitted, findings: [{ ...submitted.findings[0], severity: 'fatal' }] }, 'findings[0]'],
    ['a negative span', { ...submitted, findings: [{ ...submitted.findings[0], start: -1 }] }, 'findings[0]'],
    ['text not a string', { ...submitted, text: 5 }, 'text:'],
    ['a bad platform', { ...submitted, draft: { platform: 'myspace', crisis: false } }, 'draft:'],
    ['a draft with an extra field', { ...submitted, draft: { platform: 'x', crisis: false, owner: 'x' } }, 'draft: unknown field "owner"'],
    ['an empty justification', { ...submitted, overrides: [{ ruleId: 'r', start: 0, end: 1, match: 'x', justification: '' }] }, 'overrides[0]'],
    ['a bad publish time', { ...submitted, publishedAt: 'yesterday' }, 'publishedAt:'],
  ])('refuses %s, naming the field', (_name, value, problem) => {
    expect(journalRecordProblem(value)).toContain(problem);
  });

  it('folds records into the same header whether whole or summarised, and refuses one that cannot follow', () => {
    const approved: JournalRecord = { type: 'approved', draftId: 'abc123', at: '2026-11-01T10:00:00.000Z', actor: 'Li Na', role: 'reviewer', status: 'approved', revision: 1, findings: [] };
    const draft = applyToDraft(applyToDraft(undefined, submitted), approved);
    const summary = applyToSummary(applyToSummary(undefined, submitted), approved);
    const { revisions, events, ...header } = draft;
    expect(summary).toMatchObject(header);
    expect(summary).toMatchObject({ revision: 1, revisionAuthor: 'Zhang Wei', findingCounts: { error: 1, warning: 0, info: 0 } });
    expect(revisions).toHaveLength(1);
    expect(events.map((e) => e.status)).toEqual(['pending', 'approved']);
    expect(() => applyToSummary(undefined, approved)).toThrow('approved event for unknown draft abc123');
    expect(() => applyToSummary(summary, { ...submitted, revision: 2 })).toThrow('created twice');
    expect(() => applyToSummary(summary, { ...approved, revision: 3 })).toThrow('names revision 3, expected 1');
  });
});
