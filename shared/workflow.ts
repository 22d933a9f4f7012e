import { CountersignError } from './errors';
import type { Draft, DraftStatus, Profile, Role } from './model';

export const workflowActions = ['submit', 'approve'] as const;
export type WorkflowAction = (typeof workflowActions)[number];

interface Transition {
  /** Statuses the action starts from; `null` is "no draft yet". */
  from: readonly (DraftStatus | null)[];
  to: DraftStatus;
  roles: readonly Role[];
  /** Separation of duties: the draft's author may not take this action. */
  notByAuthor?: boolean;
}

/** The whole workflow as data: the README's permission table is this table. */
export const workflowTable: Record<WorkflowAction, Transition> = {
  submit: { from: [null], to: 'pending', roles: ['executive'] },
  approve: { from: ['pending'], to: 'approved', roles: ['reviewer', 'admin'], notByAuthor: true },
};

/** The status an action leads to, or a `refused` error saying why it may not happen. */
export function decide(action: WorkflowAction, draft: Draft | null, actor: Profile): DraftStatus {
  const rule = workflowTable[action];
  if (!rule.roles.includes(actor.role)) {
    throw new CountersignError('refused', 'error.roleNotAllowed', { actor: actor.name, role: actor.role, action });
  }
  const status = draft?.status ?? null;
  if (!rule.from.includes(status)) {
    throw new CountersignError('refused', 'error.statusNotAllowed', { status: status ?? 'draft', action });
  }
  if (rule.notByAuthor && draft && draft.author === actor.name) {
    throw new CountersignError('refused', 'error.ownDraft', { actor: actor.name });
  }
  return rule.to;
}
