import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CountersignError } from '../../shared/errors';
import { draftStatuses, roles, type DraftStatus, type Profile, type Role } from '../../shared/model';
import { decide, refusal, workflowActions, transition, type Party, type WorkflowAction } from '../../shared/workflow';

// The permission table written out independently of shared/workflow.ts: the
// test fails if either drifts. `(new)` is "no draft yet".
type From = DraftStatus | '(new)';
const spec: Record<WorkflowAction, { from: readonly From[]; who: 'author' | 'reviewer' | 'either'; to: DraftStatus | 'unchanged' | 'approval' }> = {
  save: { from: ['(new)'], who: 'author', to: 'draft' },
  submit: { from: ['(new)', 'draft'], who: 'author', to: 'pending' },
  withdraw: { from: ['draft', 'pending', 'changes_requested', 'awaiting_author'], who: 'author', to: 'withdrawn' },
  edit: { from: ['pending'], who: 'reviewer', to: 'unchanged' },
  request_changes: { from: ['pending'], who: 'reviewer', to: 'changes_requested' },
  reject: { from: ['pending'], who: 'reviewer', to: 'rejected' },
  approve: { from: ['pending'], who: 'reviewer', to: 'approval' },
  sign_off: { from: ['awaiting_author'], who: 'author', to: 'approved' },
  resubmit: { from: ['changes_requested', 'awaiting_author'], who: 'author', to: 'pending' },
  publish: { from: ['approved'], who: 'either', to: 'published' },
  comment: { from: draftStatuses, who: 'either', to: 'unchanged' },
};

const author = 'Zhang';
const actors: { label: string; profile: Profile }[] = [
  { label: 'the executive who wrote it', profile: profile(author, 'executive') },
  { label: 'another executive', profile: profile('Wang', 'executive') },
  { label: 'a reviewer', profile: profile('Li', 'reviewer') },
  { label: 'an admin', profile: profile('Chen', 'admin') },
  // A profile renamed or re-roled after writing the draft is still its author.
  { label: 'a reviewer who wrote it', profile: profile(author, 'reviewer') },
  { label: 'an admin who wrote it', profile: profile(author, 'admin') },
];

function profile(name: string, role: Role): Profile {
  return { name, role, createdAt: '2026-01-01T00:00:00.000Z' };
}

function outcome(fn: () => DraftStatus): string {
  try {
    return fn();
  } catch (err) {
    if (err instanceof CountersignError && err.kind === 'refused') return err.code;
    throw err;
  }
}

function expected(action: WorkflowAction, status: From, actor: Profile, edited: boolean, signOff: boolean): string {
  const rule = spec[action];
  const allowedRoles: Role[] = rule.who === 'author' ? ['executive'] : rule.who === 'reviewer' ? ['reviewer', 'admin'] : [...roles];
  if (!allowedRoles.includes(actor.role)) return 'error.roleNotAllowed';
  if (!rule.from.includes(status)) return status === '(new)' ? 'error.noDraftYet' : 'error.statusNotAllowed';
  const isAuthor = actor.name === author;
  if (status !== '(new)') {
    if (rule.who === 'reviewer' && isAuthor) return 'error.ownDraft';
    if (actor.role === 'executive' && !isAuthor) return 'error.notAuthor';
  }
  if (rule.to === 'unchanged') return status === '(new)' ? 'draft' : status;
  if (rule.to === 'approval') return edited && signOff ? 'awaiting_author' : 'approved';
  return rule.to;
}

describe('workflow table', () => {
  it('every (action, status, role, authorship, edited, sign-off setting) combination matches the written-out table', () => {
    let checked = 0;
    const counts = { allowed: 0, refused: 0 };
    for (const action of workflowActions) {
      for (const status of ['(new)', ...draftStatuses] as const) {
        for (const { label, profile: actor } of actors) {
          for (const edited of [false, true]) {
            for (const signOff of [true, false]) {
              const draft = status === '(new)' ? null : { status, author, revisionAuthor: edited ? 'Li' : author };
              const got = outcome(() => decide(action, draft, actor, { authorSignOffOnEdits: signOff }));
              const want = expected(action, status, actor, edited, signOff);
              expect(got, `${action} on ${status} by ${label} (${actor.role}), edited=${edited}, signOff=${signOff}`).toBe(want);
              counts[want.startsWith('error.') ? 'refused' : 'allowed'] += 1;
              checked += 1;
            }
          }
        }
      }
    }
    expect(checked).toBe(workflowActions.length * 9 * actors.length * 4);
    // Both outcomes are exercised in quantity, so neither branch is vacuous.
    expect(counts.allowed).toBeGreaterThan(100);
    expect(counts.refused).toBeGreaterThan(1000);
  });

  it('refusal() and decide() agree: refusal is null exactly when decide succeeds', () => {
    for (const action of workflowActions) {
      for (const status of draftStatuses) {
        for (const { profile: actor } of actors) {
          const draft = { status, author, revisionAuthor: author };
          const reason = refusal(action, draft, actor);
          const decided = outcome(() => decide(action, draft, actor, { authorSignOffOnEdits: true }));
          expect(reason?.code ?? 'allowed', `${action}/${status}/${actor.name}/${actor.role}`).toBe(decided.startsWith('error.') ? decided : 'allowed');
        }
      }
    }
  });

  it('a refusal names the actor, the role and the action in every language', () => {
    const err = refusal('approve', { status: 'pending', author, revisionAuthor: author }, profile('Zhang', 'executive'));
    expect(err?.message).toBe('Zhang works as Executive and may not approve drafts.');
    const own = refusal('reject', { status: 'pending', author: 'Li', revisionAuthor: 'Li' }, profile('Li', 'reviewer'));
    expect(own?.message).toBe('Nobody reviews their own draft: Li wrote this one and may not reject it.');
    const other = refusal('withdraw', { status: 'pending', author, revisionAuthor: author }, profile('Wang', 'executive'));
    expect(other?.message).toBe('Wang did not write this draft (Zhang did) and may not withdraw it.');
  });

  it("docs/workflow.md's permission table is generated from this table", () => {
    const page = fs.readFileSync('docs/workflow.md', 'utf8');
    expect(page).toContain(permissionTable());
  });

  it("docs/workflow.md's table of names (event, channel, CLI command) is generated from this table", () => {
    const rows = workflowActions.map((action) => {
      const { event, channel, command } = transition(action);
      return `| \`${action}\` | \`${event}\` | \`${channel}\` | \`countersign ${command}\` |`;
    });
    const table = ['| action | journal event | channel | CLI command |', '|---|---|---|---|', ...rows].join('\n');
    expect(fs.readFileSync('docs/workflow.md', 'utf8')).toContain(table);
  });
});

/** docs/workflow.md's table: one row per action; who, from which statuses, to which status. */
function permissionTable(): string {
  const who = (party: Party) =>
    party === 'author' ? "executive, the draft's author" : party === 'reviewer' ? 'reviewer or admin, not the author' : 'the author, a reviewer or an admin';
  const rows = workflowActions.map((action) => {
    const rule = transition(action);
    const from = rule.from.map((s) => (s === null ? '(new)' : `\`${s}\``)).join(', ');
    const to = rule.to === 'same' ? 'unchanged' : rule.to === 'approval' ? '`approved`, or `awaiting_author` after a reviewer edit' : `\`${rule.to}\``;
    return `| ${action} | ${who(rule.party)} | ${from} | ${to} | ${rule.requires ?? '—'} |`;
  });
  return ['| action | who | from | to | requires |', '|---|---|---|---|---|', ...rows].join('\n');
}
