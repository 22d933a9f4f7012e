import { useMemo, useRef } from 'react';
import type { DraftSummary } from '../../../shared/model';
import { DraftEditor, type DraftEditorHandle } from '../editor/draft-editor';
import { FindingsPanel } from '../findings/findings-panel';
import { LengthCounter } from '../findings/length-counter';
import { useCheck } from '../findings/use-check';
import { useI18n } from '../i18n';
import type { Checker } from '../policy/compile-cached';

/** One pending draft: its facts, its text with the findings underlined, the findings and the approve action. */
export function ReviewDetail({ draft, policy, onApprove }: { draft: DraftSummary; policy: Checker | null; onApprove: () => void }) {
  const { t, dateTime } = useI18n();
  // The editor keeps line ends as \n; checking the same text keeps the spans aligned with it.
  const text = useMemo(() => draft.text.replace(/\r\n?/g, '\n'), [draft.text]);
  // Checked here, in the reviewer's language and with the current policy.
  const { result, checking } = useCheck(policy, text, draft.platform);
  const editor = useRef<DraftEditorHandle>(null);

  return (
    <article className="panel">
      <h2>
        {t('draft.id')} <span className="mono">{draft.id}</span>
      </h2>
      <dl className="facts">
        <dt>{t('draft.author')}</dt>
        <dd>{draft.author}</dd>
        <dt>{t('draft.platform')}</dt>
        <dd>{t(`platform.${draft.platform}`)}</dd>
        <dt>{t('draft.status')}</dt>
        <dd>{t(`status.${draft.status}`)}</dd>
        <dt>{t('draft.updated')}</dt>
        <dd>{dateTime(draft.updatedAt)}</dd>
      </dl>
      <h3>{t('draft.revision', { number: draft.revision })}</h3>
      <DraftEditor label={t('draft.text')} text={text} findings={result.findings} checkedText={text} readOnly handle={editor} />
      <LengthCounter platform={draft.platform} length={result.length} />
      <FindingsPanel findings={result.findings} checking={checking} onSelect={(f) => editor.current?.select(f.start, f.end)} level={3} />
      <div className="actions">
        <button type="button" onClick={onApprove}>
          {t('draft.approve')}
        </button>
      </div>
    </article>
  );
}
