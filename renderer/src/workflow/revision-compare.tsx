import { useId, useMemo } from 'react';
import type { Draft, Revision } from '../../../shared/model';
import { useI18n } from '../i18n';
import { diffText, type DiffPart } from './text-diff';

/** One side of the comparison: the text with what the other side lacks marked. */
function Side({ parts, kind }: { parts: readonly DiffPart[]; kind: 'removed' | 'added' }) {
  const Tag = kind === 'removed' ? 'del' : 'ins';
  return (
    <p className="draft-text">
      {parts.map((part, index) =>
        part.kind === 'same' ? (
          part.text
        ) : part.kind === kind ? (
          <Tag key={index} className={`change change-${kind}`}>
            {part.text}
          </Tag>
        ) : null,
      )}
    </p>
  );
}

/** The author's last text next to the text in force, when a reviewer wrote it: what the author signs off on. */
export function RevisionCompare({ draft }: { draft: Draft }) {
  const { t } = useI18n();
  const titleId = useId();
  const beforeId = useId();
  const afterId = useId();
  const compared = useMemo(() => {
    const current = draft.revisions.at(-1);
    const own: Revision | undefined = draft.revisions.findLast((r) => r.author === draft.author);
    if (!current || !own || current.author === draft.author) return null;
    return { own, current, parts: diffText(own.text, current.text) };
  }, [draft]);
  if (!compared) return null;
  const { own, current, parts } = compared;

  return (
    <section className="compare" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('compare.title')}</h3>
      <p className="hint">{t('compare.hint', { reviewer: current.author, from: own.number, to: current.number })}</p>
      <div className="compare-columns">
        <section aria-labelledby={beforeId}>
          <h4 id={beforeId}>{t('compare.before', { number: own.number, author: own.author })}</h4>
          <Side parts={parts} kind="removed" />
        </section>
        <section aria-labelledby={afterId}>
          <h4 id={afterId}>{t('compare.after', { number: current.number, author: current.author })}</h4>
          <Side parts={parts} kind="added" />
        </section>
      </div>
    </section>
  );
}
