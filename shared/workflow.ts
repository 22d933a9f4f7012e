import type { ChannelName } from './channels';
import { CountersignError } from './errors';
import { draftStatuses, reviewerEdited, type DraftEventType, type DraftStatus, type DraftSummary, type Profile, type Role } from './model';

export const workflowActions = [
  'save',
  'submit',
  'withdraw',
  'edit',
  'request_changes',
  'reject',
  'approve',
  'sign_off',
  'resubmit',
  'publish',
  'comment',
] as const;
export type WorkflowAction = (typeof workflowActions)[number];

/**
 * Who may take an action on a draft: its `author` (an executive), a
 * `reviewer` (reviewer or admin, never the draft's author), or `either`.
 */
export type Party = 'author' | 'reviewer' | 'either';

/** What the action must carry, so every host asks for it the same way. */
export type Requirement = 'text' | 'comment' | 'reason';

interface Transition {
  /** Statuses the action starts from; `null` is "no draft yet". */
  from: readonly (DraftStatus | null)[];
  /** The resulting status; `same` leaves it; `approval` is approved or awaiting_author (see `decide`). */
  to: DraftStatus | 'same' | 'approval';
  party: Party;
  requires?: Requirement;
  /** The public names of the same action, kept as they were published (docs/ARCHITECTURE.md, "One name per action"). */
  event: DraftEventType;
  channel: ChannelName;
  /** The CLI command (`submit --save` for save). */
  command: string;
}

const beforeDecision = ['draft', 'pending', 'changes_requested', 'awaiting_author'] as const;

/** The whole workflow as data: the docs' permission table is this table, and the core registers one channel per action from it. */
export const workflowTable = {
  save: { from: [null], to: 'draft', party: 'author', event: 'saved', channel: 'saveDraft', command: 'submit --save' },
  submit: { from: [null, 'draft'], to: 'pending', party: 'author', event: 'submitted', channel: 'submitDraft', command: 'submit' },
  withdraw: { from: beforeDecision, to: 'withdrawn', party: 'author', event: 'withdrawn', channel: 'withdrawDraft', command: 'withdraw' },
  edit: { from: ['pending'], to: 'same', party: 'reviewer', requires: 'text', event: 'edited', channel: 'editDraft', command: 'edit' },
  request_changes: {
    from: ['pending'],
    to: 'changes_requested',
    party: 'reviewer',
    requires: 'comment',
    event: 'changes_requested',
    channel: 'requestChanges',
    command: 'request-changes',
  },
  reject: { from: ['pending'], to: 'rejected', party: 'reviewer', requires: 'reason', event: 'rejected', channel: 'rejectDraft', command: 'reject' },
  approve: { from: ['pending'], to: 'approval', party: 'reviewer', event: 'approved', channel: 'approveDraft', command: 'approve' },
  sign_off: { from: ['awaiting_author'], to: 'approved', party: 'author', event: 'signed_off', channel: 'signOff', command: 'sign-off' },
  resubmit: { from: ['changes_requested', 'awaiting_author'], to: 'pending', party: 'author', event: 'resubmitted', channel: 'resubmitDraft', command: 'resubmit' },
  publish: { from: ['approved'], to: 'published', party: 'either', event: 'published', channel: 'publishDraft', command: 'publish' },
  comment: { from: draftStatuses, to: 'same', party: 'either', requires: 'comment', event: 'commented', channel: 'commentOnDraft', command: 'comment' },
} as const satisfies Record<WorkflowAction, Transition>;

/** An action's channel, as a type: `WorkflowChannel<'approve'>` is `'approveDraft'`. */
export type WorkflowChannel<A extends WorkflowAction> = (typeof workflowTable)[A]['channel'];

/** One action's rule, widened for reading. */
export function transition(action: WorkflowAction): Transition {
  return workflowTable[action];
}

export const partyRoles: Record<Party, readonly Role[]> = {
  author: ['executive'],
  reviewer: ['reviewer', 'admin'],
  either: ['executive', 'reviewer', 'admin'],
};

export interface WorkflowSettings {
  /** A reviewer's edit counts as approved only once the author signs off on it. */
  authorSignOffOnEdits: boolean;
}

type DraftFacts = Pick<DraftSummary, 'status' | 'author' | 'revisionAuthor'>;

/** Why `actor` may not take `action` on `draft` (null: a new draft), or null when they may. */
export function refusal(action: WorkflowAction, draft: DraftFacts | null, actor: Profile): CountersignError | null {
  const rule = transition(action);
  if (!partyRoles[rule.party].includes(actor.role)) {
    return new CountersignError('refused', 'error.roleNotAllowed', { actor: actor.name, role: actor.role, action });
  }
  const status = draft?.status ?? null;
  if (!rule.from.includes(status)) {
    return new CountersignError('refused', status === null ? 'error.noDraftYet' : 'error.statusNotAllowed', { status: status ?? '', action });
  }
  if (!draft) return null;
  const isAuthor = draft.author === actor.name;
  if (rule.party === 'reviewer' && isAuthor) return new CountersignError('refused', 'error.ownDraft', { actor: actor.name, action });
  if (actor.role === 'executive' && !isAuthor) {
    return new CountersignError('refused', 'error.notAuthor', { actor: actor.name, author: draft.author, action });
  }
  return null;
}

/** The status an action leads to, or throws the `refused` error saying why it may not happen. */
export function decide(action: WorkflowAction, draft: DraftFacts | null, actor: Profile, settings: WorkflowSettings): DraftStatus {
  const refused = refusal(action, draft, actor);
  if (refused) throw refused;
  const to = transition(action).to;
  if (to === 'same') return draft?.status ?? 'draft';
  if (to !== 'approval') return to;
  return draft && reviewerEdited(draft) && settings.authorSignOffOnEdits ? 'awaiting_author' : 'approved';
}
