import { useMemo, useRef, useState, type ReactNode } from 'react';
import { latestRevision, summarize, type Draft } from '../../../shared/model';
import { refusal } from '../../../shared/workflow';
import { useApp } from '../app-context';
import { useDraft } from '../data/use-drafts';
import { DraftEditor, type DraftEditorHandle } from '../editor/draft-editor';
import { FindingsPanel } from '../findings/findings-panel';
import { LengthCounter } from '../findings/length-counter';
import { JustificationsProvider, useJustificationStore } from '../findings/override-justifications';
import { useCheck } from '../findings/use-check';
import { useI18n } from '../i18n';
import type { Checker } from '../policy/compile-cached';
import { ActionBar } from './action-bar';
import { EditInPlaceContext, type EditInPlace } from './edit-in-place';
import { HistoryTimeline } from './history-timeline';
import { RevisionDiff } from './revision-diff';

/** The region a draft's pane lives in, named after the draft so it can be found (and announced) as "Draft <id>". */
export function DraftPane({ id, policy, placeholder }: { id: string | null; policy: Checker | null; placeholder: string }) {
  const { t } = useI18n();
  return (
    <section className="detail" aria-label={id ? `${t('draft.id')} ${id}` : placeholder}>
      {id ? <ReviewDetail key={id} id={id} policy={policy} /> : <p className="hint">{placeholder}</p>}
    </section>
  );
}

/** One draft: its facts, its text with the findings underlined, the actions the working profile may take, and its history. */
function ReviewDetail({ id, policy }: { id: string; policy: Checker | null }) {
  const { t, errorText } = useI18n();
  // Reloaded on every draftsChanged, and at once after an action taken here.
  const { loaded, reload } = useDraft(id);
  if (loaded.state === 'loading') {
    return (
      <p className="panel" aria-busy="true">
        {t('common.loading')}
      </p>
    );
  }
  if (loaded.state === 'failed') {
    return (
      <p className="panel problem" role="alert">
        {errorText(loaded.error)}
      </p>
    );
  }
  return <DraftView draft={loaded.draft} policy={policy} onActed={reload} />;
}

/**
 * The draft in the centre (facts, actions, its text read-only until an edit
 * opens in its place, the revision diff, the history) and its findings on
 * the right, where a reviewer who may approve writes the justifications that
 * override `error` findings.
 */
function DraftView({ draft, policy, onActed }: { draft: Draft; policy: Checker | null; onActed: () => void }) {
  const { t, dateTime } = useI18n();
  const revision = latestRevision(draft);
  // The editor keeps line ends as \n; checking the same text keeps the spans aligned with it.
  const text = useMemo(() => revision.text.replace(/\r\n?/g, '\n'), [revision.text]);
  // Checked here, in the reader's language and with the current policy.
  const { result, checking } = useCheck(policy, text, draft.platform);
  const editor = useRef<DraftEditorHandle>(null);
  const profile = useApp().session.profile;
  const summary = useMemo(() => summarize(draft), [draft]);
  const mayApprove = profile !== null && refusal('approve', summary, profile) === null;
  const justifications = useJustificationStore(`${draft.id}:${revision.number}`);
  const signingOff = draft.status === 'awaiting_author' && profile?.name === draft.author;

  // An edit opened from the action bar is written in these two places instead of a dialog.
  const [editorSlot, setEditorSlot] = useState<HTMLDivElement | null>(null);
  const [findingsSlot, setFindingsSlot] = useState<HTMLDivElement | null>(null);
  const [editing, setEditing] = useState(false);
  const inPlace = useMemo<EditInPlace | null>(
    () => (editorSlot && findingsSlot ? { editor: editorSlot, findings: findingsSlot, setEditing } : null),
    [editorSlot, findingsSlot],
  );

  const diff = (
    <RevisionDiff draft={draft} prompt={signingOff ? t('diff.signOffPrompt', { reviewer: revision.author }) : undefined} />
  );

  return (
    <article className="panel draft-pane">
      <div className="draft-main">
        <header className="draft-header">
          <h2>
            {t('draft.id')} <span className="mono">{draft.id}</span>
          </h2>{' '}
          <span className={`status status-${draft.status}`}>{t(`status.${draft.status}`)}</span>{' '}
          {draft.crisis && <span className="badge badge-crisis">{t('draft.crisis')}</span>}
        </header>
        <table className="facts">
          <caption className="visually-hidden">{t('draft.facts')}</caption>
          <tbody>
            <Fact term={t('draft.status')}>{t(`status.${draft.status}`)}</Fact>
            <Fact term={t('draft.platform')}>{t(`platform.${draft.platform}`)}</Fact>
            <Fact term={t('draft.purpose')}>{draft.purpose ? t(`purpose.${draft.purpose}`) : t('draft.noPurpose')}</Fact>
            <Fact term={t('draft.crisisLabel')}>{draft.crisis ? t('common.yes') : t('common.no')}</Fact>
            <Fact term={t('draft.author')}>{draft.author}</Fact>
            <Fact term={t('draft.revisionLabel')}>{t('draft.revisionBy', { number: revision.number, author: revision.author })}</Fact>
            {draft.waitingSince && (
              <Fact term={t('draft.waitingSince')}>
                <time dateTime={draft.waitingSince}>{dateTime(draft.waitingSince)}</time>
              </Fact>
            )}
            <Fact term={t('draft.updated')}>
              <time dateTime={draft.updatedAt}>{dateTime(draft.updatedAt)}</time>
            </Fact>
            {draft.publishedAt && (
              <Fact term={t('draft.publishedAt')}>
                <time dateTime={draft.publishedAt}>{dateTime(draft.publishedAt)}</time>
              </Fact>
            )}
            {/* The link is shown as text, not followed from here, for now. */}
            {draft.publishedUrl && (
              <Fact term={t('draft.publishedUrl')} className="mono event-url">
                {draft.publishedUrl}
              </Fact>
            )}
          </tbody>
        </table>
        {/* While an edit is open the other actions wait: choosing one would drop the edit. */}
        <div className="action-bar-host" inert={editing}>
          <EditInPlaceContext.Provider value={inPlace}>
            <JustificationsProvider value={justifications}>
              <ActionBar draft={draft} checker={policy} onActed={onActed} />
            </JustificationsProvider>
          </EditInPlaceContext.Provider>
        </div>
        {/* What the author signs off on comes before the text itself. */}
        {signingOff && diff}
        <div ref={setEditorSlot} className="edit-slot" />
        {!editing && (
          <>
            <h3>{t('draft.revision', { number: revision.number })}</h3>
            <DraftEditor label={t('draft.text')} text={text} findings={result.findings} checkedText={text} readOnly handle={editor} />
            <LengthCounter platform={draft.platform} length={result.length} />
          </>
        )}
        {!signingOff && diff}
        <HistoryTimeline events={draft.events} />
      </div>
      <div className="draft-side">
        <div ref={setFindingsSlot} className="edit-slot" />
        {!editing && (
          <FindingsPanel
            findings={result.findings}
            checking={checking}
            onSelect={(f) => editor.current?.select(f.start, f.end)}
            level={3}
            justifications={mayApprove ? justifications : undefined}
          />
        )}
      </div>
    </article>
  );
}

/** One fact of the draft: a row headed by its name, so it reads (and is found) as "Status: Approved". */
function Fact({ term, className, children }: { term: string; className?: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{term}</th>
      <td className={className}>{children}</td>
    </tr>
  );
}
