import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../shared/errors';
import { draftStatuses, roles, type Draft, type DraftStatus, type Profile, type Role } from '../../shared/model';
import { decide, workflowTable } from '../../shared/workflow';

const profile = (name: string, role: Role): Profile => ({ name, role, createdAt: '2026-01-01T00:00:00.000Z' });
const draft = (status: DraftStatus, author = 'Author'): Draft => ({
  id: 'd1',
  platform: 'weibo',
  author,
  status,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  revisions: [{ number: 1, text: 'hello', author, at: '2026-01-01T00:00:00.000Z', findings: [] }],
  events: [],
});

function refusal(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof CountersignError && err.kind === 'refused') return err.code;
    throw err;
  }
}

describe('workflow table', () => {
  it('submit: only an executive, only for a new draft, leads to pending', () => {
    for (const role of roles) {
      const outcome = refusal(() => decide('submit', null, profile('Someone', role)));
      expect(outcome, role).toBe(role === 'executive' ? null : 'error.roleNotAllowed');
    }
    expect(decide('submit', null, profile('Zhang', 'executive'))).toBe('pending');
    for (const status of draftStatuses) {
      expect(refusal(() => decide('submit', draft(status), profile('Zhang', 'executive')))).toBe('error.statusNotAllowed');
    }
  });

  it('approve: every (status, role) pair, from the table', () => {
    for (const status of draftStatuses) {
      for (const role of roles) {
        const outcome = refusal(() => decide('approve', draft(status), profile('Reviewer', role)));
        const rule = workflowTable.approve;
        const expected = !rule.roles.includes(role)
          ? 'error.roleNotAllowed'
          : !rule.from.includes(status)
            ? 'error.statusNotAllowed'
            : null;
        expect(outcome, `${status}/${role}`).toBe(expected);
      }
    }
    expect(decide('approve', draft('pending'), profile('Li', 'reviewer'))).toBe('approved');
  });

  it('nobody approves their own draft, whatever their role', () => {
    for (const role of ['reviewer', 'admin'] as const) {
      expect(refusal(() => decide('approve', draft('pending', 'Li'), profile('Li', role)))).toBe('error.ownDraft');
    }
  });

  it('a refusal names the actor, the role and the action', () => {
    try {
      decide('approve', draft('pending'), profile('Zhang', 'executive'));
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe('Zhang works as Executive and may not approve drafts.');
    }
  });
});
