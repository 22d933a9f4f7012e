import { useId, useMemo, useState } from 'react';
import type { Draft, Revision } from '../../../shared/model';
import { RevisionMergeView } from '../editor/revision-merge-view';
import { shortMatch } from '../findings/short-match';
import { useI18n, type I18n } from '../i18n';
import { countChanges, defaultPair, revisionChanges, type TextChange } from './revision-comparison';

// The merge view keeps line ends as \n; the summary must count on the same text.
const lines = (text: string) => text.replace(/\r\n?/g, '\n');

/** "1 replacement, 2 insertions", or that nothing changed. */
function countsText(changes: readonly TextChange[], t: I18n['t']): string {
  const counts = countChanges(changes);
  const parts = (['replaced', 'inserted', 'deleted'] as const)
    .filter((kind) => counts[kind] > 0)
    .map((kind) => t(`diff.count.${kind}.${counts[kind] === 1 ? 'one' : 'other'}`, { count: counts[kind] }));
  return parts.length > 0 ? parts.join(t('diff.separator')) : t('diff.none');
}

function changeText(change: TextChange, t: I18n['t']): string {
  const quote = (text: string) => shortMatch(text, 80);
  switch (change.kind) {
    case 'inserted':
      return t('diff.inserted', { text: quote(change.text) });
    case 'deleted':
      return t('diff.deleted', { text: quote(change.text) });
    case 'replaced':
      return t('diff.replaced', { before: quote(change.before), after: quote(change.after) });
  }
}

function RevisionPicker({ label, value, revisions, onChange }: { label: string; value: number; revisions: readonly Revision[]; onChange: (n: number) => void }) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {revisions.map((r) => (
          <option key={r.number} value={r.number}>
            {t('diff.option', { number: r.number, author: r.author })}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Two revisions side by side, with their changes counted and listed in words for whoever cannot see the marks. */
function ComparedRevisions({ before, after }: { before: Revision; after: Revision }) {
  const { t } = useI18n();
  const { beforeText, afterText, changes } = useMemo(() => {
    const a = lines(before.text);
    const b = lines(after.text);
    return { beforeText: a, afterText: b, changes: revisionChanges(a, b) };
  }, [before.text, after.text]);

  return (
    <>
      <p className="diff-summary" aria-live="polite">
        {countsText(changes, t)}
      </p>
      <RevisionMergeView
        before={{ text: beforeText, label: t('compare.before', { number: before.number, author: before.author }) }}
        after={{ text: afterText, label: t('compare.after', { number: after.number, author: after.author }) }}
      />
      <p className="hint">{t('diff.hint')}</p>
      {changes.length > 0 && (
        <details className="diff-list">
          <summary>{t('diff.listShow')}</summary>
          <ol aria-label={t('diff.changes')}>
            {changes.map((change, index) => (
              <li key={index}>{changeText(change, t)}</li>
            ))}
          </ol>
        </details>
      )}
    </>
  );
}

/** Any two revisions of a draft, chosen by number; by default what the author wrote against the text in force. */
export function RevisionDiff({ draft, prompt }: { draft: Draft; prompt?: string }) {
  const { t } = useI18n();
  const titleId = useId();
  const pair = defaultPair(draft);
  // Null follows the default, so a new revision moves the comparison along until the reader picks one.
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const before = draft.revisions.find((r) => r.number === (from ?? pair?.from));
  const after = draft.revisions.find((r) => r.number === (to ?? pair?.to));
  if (!pair || !before || !after) return null;

  return (
    <section className="revision-diff" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('diff.title')}</h3>
      {prompt && <p className="diff-prompt">{prompt}</p>}
      <div className="diff-pickers">
        <RevisionPicker label={t('diff.from')} value={before.number} revisions={draft.revisions} onChange={setFrom} />
        <RevisionPicker label={t('diff.to')} value={after.number} revisions={draft.revisions} onChange={setTo} />
      </div>
      <ComparedRevisions before={before} after={after} />
    </section>
  );
}
