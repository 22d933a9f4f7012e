import { useId, useMemo, useState } from 'react';
import type { ApiError, ApiResult } from '../../../shared/errors';
import type { MessageKey } from '../../../shared/i18n/translate';
import { latestRevision, summarize, type Draft, type DraftSummary, type Role } from '../../../shared/model';
import { partyRoles, refusal, workflowTable, type WorkflowAction } from '../../../shared/workflow';
import { useApp, type Notice } from '../app-context';
import { useI18n } from '../i18n';
import { useActionKey } from '../keyboard/action-keys';
import type { Checker } from '../policy/compile-cached';
import { ApproveDialog, NoteDialog, PublishDialog, TextDialog, type Outcome } from './action-dialogs';

// The order each side sees its actions in: the usual decision first.
const reviewerOrder: readonly WorkflowAction[] = ['approve', 'edit', 'request_changes', 'reject', 'publish', 'comment'];
const authorOrder: readonly WorkflowAction[] = ['submit', 'sign_off', 'resubmit', 'withdraw', 'publish', 'comment'];

/** The actions a role ever takes on an existing draft; each is shown, enabled or with the reason it is not. */
export function actionsFor(role: Role): WorkflowAction[] {
  return (role === 'executive' ? authorOrder : reviewerOrder).filter((a) => partyRoles[workflowTable[a].party].includes(role));
}

const buttonLabel: Record<WorkflowAction, MessageKey> = {
  save: 'workflow.button.save',
  submit: 'workflow.button.submit',
  withdraw: 'workflow.button.withdraw',
  edit: 'workflow.button.edit',
  request_changes: 'workflow.button.request_changes',
  reject: 'workflow.button.reject',
  approve: 'workflow.button.approve',
  sign_off: 'workflow.button.sign_off',
  resubmit: 'workflow.button.resubmit',
  publish: 'workflow.button.publish',
  comment: 'workflow.button.comment',
};

const primary = new Set<WorkflowAction>(['approve', 'sign_off', 'submit']);

function noticeFor(action: WorkflowAction, draft: DraftSummary): Notice {
  const info = (key: MessageKey): Notice => ({ tone: 'info', key, params: { id: draft.id, revision: draft.revision, author: draft.author } });
  switch (action) {
    case 'approve':
      return info(draft.status === 'awaiting_author' ? 'workflow.notice.awaitingAuthor' : 'draft.approved');
    case 'submit':
      return info('compose.submitted');
    case 'withdraw':
      return info('workflow.notice.withdrawn');
    case 'edit':
      return info('workflow.notice.edited');
    case 'request_changes':
      return info('workflow.notice.changesRequested');
    case 'reject':
      return info('workflow.notice.rejected');
    case 'sign_off':
      return info('workflow.notice.signedOff');
    case 'resubmit':
      return info('workflow.notice.resubmitted');
    case 'publish':
      return info('workflow.notice.published');
    case 'comment':
    case 'save':
      return info('workflow.notice.commented');
  }
}

/**
 * Every workflow action the working profile's role takes, for one draft:
 * enabled when the workflow allows it, otherwise marked unavailable with the
 * reason beside it. Actions that need input open a dialog; the main process
 * decides in the end, and its refusal is shown here.
 */
export function ActionBar({ draft, checker, onActed }: { draft: Draft; checker: Checker | null; onActed: () => void }) {
  const { t, errorText, locale } = useI18n();
  const { api, session, setNotice } = useApp();
  const profile = session.profile;
  const summary = useMemo(() => summarize(draft), [draft]);
  const [open, setOpen] = useState<WorkflowAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const groupId = useId();
  const keyOf = useActionKey();

  // The error findings approval must justify, found as the main process will find them: on the text in force, under today's policy.
  const errors = useMemo(() => {
    const findings = checker
      ? checker.engine.check(checker.policy, summary.text, { platform: summary.platform, locale }).findings
      : latestRevision(draft).findings;
    return findings.filter((f) => f.severity === 'error');
  }, [checker, draft, summary, locale]);

  if (!profile) return null;
  const actions = actionsFor(profile.role).map((action) => ({ action, refused: refusal(action, summary, profile) }));

  const done = async (action: WorkflowAction, call: Promise<ApiResult<DraftSummary>>): Promise<Outcome> => {
    const result = await call;
    if (!result.ok) return result.error;
    setOpen(null);
    setProblem(null);
    setNotice(noticeFor(action, result.value));
    onActed();
    return null;
  };
  const direct = async (action: WorkflowAction, call: () => Promise<ApiResult<DraftSummary>>) => {
    setBusy(true);
    setProblem(await done(action, call()));
    setBusy(false);
  };
  const start = (action: WorkflowAction) => {
    if (busy) return;
    setProblem(null);
    const id = draft.id;
    if (action === 'approve' && errors.length === 0) return void direct(action, () => api.approveDraft({ id }));
    if (action === 'sign_off') return void direct(action, () => api.signOff({ id }));
    if (action === 'submit') return void direct(action, () => api.submitDraft({ id }));
    setOpen(action);
  };
  const close = () => setOpen(null);
  const id = draft.id;

  return (
    <div className="action-bar">
      <h3 id={groupId} className="visually-hidden">
        {t('workflow.actions')}
      </h3>
      <div className="actions" role="group" aria-labelledby={groupId}>
        {actions.map(({ action, refused }) => (
          <button
            key={action}
            type="button"
            className={primary.has(action) ? undefined : 'secondary'}
            aria-disabled={refused || busy ? true : undefined}
            aria-describedby={refused ? `${groupId}-${action}` : undefined}
            aria-keyshortcuts={keyOf(action)}
            onClick={refused ? undefined : () => start(action)}
          >
            {t(buttonLabel[action])}
          </button>
        ))}
      </div>
      {actions.some((a) => a.refused) && (
        <ul className="action-reasons" aria-label={t('workflow.unavailable')}>
          {actions.map(({ action, refused }) =>
            refused ? (
              <li key={action}>
                <span className="action-name">{t('workflow.reasonLabel', { name: t(buttonLabel[action]) })}</span>{' '}
                <span id={`${groupId}-${action}`}>{errorText(refused.toApiError())}</span>
              </li>
            ) : null,
          )}
        </ul>
      )}
      <p className="problem" role="alert">
        {problem ? errorText(problem) : ''}
      </p>

      {open === 'request_changes' && (
        <NoteDialog
          title={t('workflow.requestChanges.title')}
          label={t('workflow.requestChanges.field')}
          kind="comment"
          required
          confirm={t('workflow.requestChanges.confirm')}
          onSubmit={(comment) => done('request_changes', api.requestChanges({ id, comment: comment ?? '' }))}
          onClose={close}
        />
      )}
      {open === 'reject' && (
        <NoteDialog
          title={t('workflow.reject.title')}
          label={t('workflow.reject.field')}
          kind="reason"
          required
          confirm={t('workflow.reject.confirm')}
          onSubmit={(reason) => done('reject', api.rejectDraft({ id, reason: reason ?? '' }))}
          onClose={close}
        />
      )}
      {open === 'comment' && (
        <NoteDialog
          title={t('workflow.comment.title')}
          label={t('workflow.field.comment')}
          kind="comment"
          required
          confirm={t('workflow.comment.confirm')}
          onSubmit={(text) => done('comment', api.commentOnDraft({ id, text: text ?? '' }))}
          onClose={close}
        />
      )}
      {open === 'withdraw' && (
        <NoteDialog
          title={t('workflow.withdraw.title')}
          label={t('workflow.field.comment')}
          hint={t('workflow.withdraw.hint')}
          kind="comment"
          required={false}
          confirm={t('workflow.withdraw.confirm')}
          onSubmit={(comment) => done('withdraw', api.withdrawDraft({ id, ...(comment ? { comment } : {}) }))}
          onClose={close}
        />
      )}
      {open === 'edit' && (
        <TextDialog
          title={t('workflow.edit.title')}
          label={t('workflow.edit.field')}
          hint={t('workflow.edit.hint')}
          initialText={summary.text}
          platform={summary.platform}
          checker={checker}
          mustChange
          confirm={t('workflow.edit.confirm')}
          onSubmit={(text, comment) => done('edit', api.editDraft({ id, text, ...(comment ? { comment } : {}) }))}
          onClose={close}
        />
      )}
      {open === 'resubmit' && (
        <TextDialog
          title={t('workflow.resubmit.title')}
          label={t('workflow.resubmit.field')}
          hint={t('workflow.resubmit.hint')}
          initialText={summary.text}
          platform={summary.platform}
          checker={checker}
          mustChange={false}
          confirm={t('workflow.resubmit.confirm')}
          onSubmit={(text, comment) => done('resubmit', api.resubmitDraft({ id, text, ...(comment ? { comment } : {}) }))}
          onClose={close}
        />
      )}
      {open === 'approve' && (
        <ApproveDialog
          errors={errors}
          onSubmit={({ overrides, comment }) => done('approve', api.approveDraft({ id, overrides, ...(comment ? { comment } : {}) }))}
          onClose={close}
        />
      )}
      {open === 'publish' && (
        <PublishDialog
          onSubmit={({ publishedAt, url }) => done('publish', api.publishDraft({ id, ...(publishedAt ? { publishedAt } : {}), ...(url ? { url } : {}) }))}
          onClose={close}
        />
      )}
    </div>
  );
}
